package io.newsflow.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.core.article.ArticleId;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EnrichCommandTest {

    private static final Instant NOW = Instant.parse("2024-11-21T12:00:00Z");
    private static final String TEXT = "Grain ships left the port of Odesa on Tuesday under a new corridor agreement, Reuters reports. "
            + "Insurers agreed to cover the voyages after the navy promised escorts, and traders said prices fell.";

    record Result(int exit, List<JsonNode> lines, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new EnrichCommand(Clock.fixed(NOW, ZoneOffset.UTC)));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString().lines().map(line -> Json.fromString(line, JsonNode.class)).toList(), err.toString());
    }

    /** A line as {@code ./newsflow extract} prints it. */
    private static String extractLine(String url, String title, String text) {
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("input", "page.html").put("url", url).put("title", title).put("text", text);
        line.putArray("authors").add("Ann Lee");
        line.put("publishedAt", "2024-11-21T08:00:00+02:00").putNull("modifiedAt").put("language", "en")
                .putNull("canonicalUrl").putNull("imageUrl").put("siteName", "Example").putNull("section");
        line.putArray("keywords");
        line.putNull("paywalled");
        line.putObject("provenance").put("title", "opengraph");
        return line.toString();
    }

    @Test
    void extractOutputIsEnrichedIntoOneEnrichedArticlePerLine(@TempDir Path dir) throws IOException {
        Path input = Files.writeString(dir.resolve("articles.jsonl"),
                extractLine("https://www.example.com/world/grain", "Grain ships leave Odesa", TEXT) + "\n");

        Result result = run(input.toString());

        assertThat(result.exit()).isZero();
        EnrichedArticle article = Json.fromString(result.lines().getFirst().toString(), EnrichedArticle.class);
        assertThat(article.id()).isEqualTo(ArticleId.of("https://www.example.com/world/grain"));
        assertThat(article.enrichedAt()).isEqualTo(NOW);
        assertThat(article.article().authors()).containsExactly("Ann Lee");
        assertThat(article.language().code()).isEqualTo("en");
        assertThat(article.places()).extracting(p -> p.name()).contains("Odesa");
        assertThat(article.syndication().originalSource()).isEqualTo("Reuters");
        assertThat(article.story().origin()).isTrue();
        assertThat(result.err()).contains("enriched 1 articles");
    }

    @Test
    void rawTopicRecordsAreReadAsTheyAreAndStoriesClusterAcrossTheLines(@TempDir Path dir) throws IOException {
        String origin = extractLine("https://www.reuters.com/world/grain", "Grain ships leave Odesa", TEXT);
        EnrichedArticle first = Json.fromString(run(Files.writeString(dir.resolve("one.jsonl"), origin).toString())
                .lines().getFirst().toString(), EnrichedArticle.class);
        String raw = Json.toString(first.article());
        String copy = extractLine("https://www.bbc.com/news/grain", "Grain ships leave Odesa port", TEXT);

        Result result = run(Files.writeString(dir.resolve("two.jsonl"), raw + "\n\n" + copy + "\n").toString());

        assertThat(result.lines()).hasSize(2);
        EnrichedArticle second = Json.fromString(result.lines().get(1).toString(), EnrichedArticle.class);
        assertThat(Json.fromString(result.lines().getFirst().toString(), EnrichedArticle.class).article()).isEqualTo(first.article());
        assertThat(second.story().storyId()).isEqualTo(first.id());
        assertThat(second.story().otherPublishers()).containsExactly("Reuters");
    }

    @Test
    void aLineThatCannotBeEnrichedPrintsItsErrorAndTheOthersGoOn(@TempDir Path dir) throws IOException {
        Path input = Files.writeString(dir.resolve("bad.jsonl"),
                "not json\n[1, 2]\n" + extractLine(null, "Talks", "The talks went on.") + "\n");

        Result result = run(input.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.lines()).hasSize(3);
        assertThat(result.lines().get(0).path("error").asText()).startsWith("cannot enrich line 1 of " + input);
        assertThat(result.lines().get(1).path("line").asInt()).isEqualTo(2);
        // No URL anywhere on the line: a reserved one, so that the publisher stays unknown.
        assertThat(result.lines().get(2).path("article").path("url").asText()).isEqualTo("https://unknown.invalid/line-3");
    }
}
