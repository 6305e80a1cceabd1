package io.newsflow.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ExtractionBenchmarkTest {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ExtractionBenchmark());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cli.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void measures_both_engines_on_the_bundled_pages() throws IOException {
        List<ExtractionBenchmark.Page> pages = ExtractionBenchmark.bundled();

        ExtractionBenchmark.Result result = ExtractionBenchmark.measure(pages, ExtractionBenchmark.ours(),
                ExtractionBenchmark.readability4j(), Duration.ZERO, Duration.ofMillis(1));

        assertThat(result.pages()).isEqualTo(pages.size()).isGreaterThanOrEqualTo(4);
        assertThat(result.rounds()).isPositive();
        assertThat(result.oursPagesPerSecond()).isPositive();
        assertThat(result.basePagesPerSecond()).isPositive();
        assertThat(result.ratio()).isEqualTo(result.oursPagesPerSecond() / result.basePagesPerSecond());
    }

    @Test
    void prints_the_speeds_and_their_ratio_and_records_them_under_the_home_directory(@TempDir Path home) throws IOException {
        // The record goes to <newsflow.home>/benchmarks/results.md: here, not into the source tree the test runs in.
        String before = System.getProperty("newsflow.home");
        System.setProperty("newsflow.home", home.toString());
        String out;
        try {
            out = run("--warmup", "0s", "--time", "10ms");
        } finally {
            if (before == null) {
                System.clearProperty("newsflow.home");
            } else {
                System.setProperty("newsflow.home", before);
            }
        }

        assertThat(out).contains("bundled samples").containsPattern("[0-9]+ measured rounds per engine").containsPattern("newsflow +[0-9.]+ pages/s per core")
                .containsPattern("readability4j +[0-9.]+ pages/s per core").containsPattern("ratio +[0-9.]+x");
        assertThat(Files.readString(home.resolve("benchmarks/results.md"))).contains("`bench extraction`").contains("| extraction |");
    }

    @Test
    void bundled_pages_are_articles_with_site_furniture_that_ours_leaves_out() {
        List<JsonNode> lines = run("--engine", "ours").lines().map(line -> Json.fromString(line, JsonNode.class)).toList();

        assertThat(lines).extracting(line -> line.get("id").asText()).contains("harbour-bridge", "night-trains");
        for (JsonNode line : lines) {
            assertThat(line.get("text").asText()).isNotEmpty()
                    .doesNotContain("cookies", "Advertisement", "Photo:", "About time too", "Most read", "morning briefing");
        }
    }

    @Test
    void reads_plain_and_gzipped_pages_of_a_folder_by_name(@TempDir Path dir) throws IOException {
        String page = "<html><body><article><p>The ferry resumed service on Monday after the storm had passed the coast.</p></article></body></html>";
        Files.writeString(dir.resolve("one.html"), page);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("two.html.gz")))) {
            out.write(page.getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("notes.txt"), "not a page");

        List<JsonNode> lines = run("--engine", "readability4j", dir.toString()).lines()
                .map(line -> Json.fromString(line, JsonNode.class)).toList();

        assertThat(lines).extracting(line -> line.get("id").asText()).containsExactly("one", "two");
        assertThat(lines).allSatisfy(line -> assertThat(line.get("text").asText()).contains("The ferry resumed service"));
    }
}
