package io.newsflow.deploy.cli;

import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.config.Settings;
import io.newsflow.core.json.Json;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.EnrichService;
import io.newsflow.enrich.Enricher;
import io.newsflow.enrich.attribution.PublisherRegistry;
import io.newsflow.enrich.story.MapStoryStore;
import io.newsflow.enrich.story.StoryClusters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * {@code ./newsflow enrich FILE|-}: the enrich stream's enrichment, offline. Reads article JSON lines (raw-topic
 * records or {@code ./newsflow extract} output, see {@link ArticleLines}) and prints one enriched article JSON line
 * each, through the same {@link Enricher} and {@link StoryClusters} as the stream (stories are clustered across the
 * lines of one run). A line that cannot be enriched prints {@code {"line": N, "error": "..."}} instead, and the exit
 * code is then 1. The throughput goes to standard error.
 */
@Command(name = "enrich", mixinStandardHelpOptions = true,
        description = {"Enriches article JSON lines as the enrich stream does: raw-topic records, or the output of "
                + "'newsflow extract'. Prints one enriched article per line; the article count and throughput go to "
                + "standard error.",
                "The publisher registry is the bundled one, extended by " + EnrichConfig.PUBLISHERS_FILE + " when set."})
final class EnrichCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE|-", description = "Article JSON lines, or - for standard input.")
    String input;

    @Option(names = "--publishers", paramLabel = "FILE",
            description = "An extra publisher registry file (default: " + EnrichConfig.PUBLISHERS_FILE + " if set).")
    Path publishers;

    @Spec
    CommandSpec spec;

    private final Clock clock;

    EnrichCommand() {
        this(Clock.systemUTC());
    }

    /** Stamping articles by {@code clock}. */
    EnrichCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Enricher enricher = EnrichService.enricher(registry(), clock);
        StoryClusters stories = new StoryClusters();
        MapStoryStore store = new MapStoryStore();
        int exit = 0;
        int articles = 0;
        long started = System.nanoTime();
        try (BufferedReader lines = reader()) {
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    RawArticle raw = ArticleLines.read(line, number, clock.instant());
                    EnrichedArticle enriched = stories.assign(enricher.enrich(raw), store);
                    out.println(Json.toString(enriched));
                    articles++;
                } catch (RuntimeException e) {
                    out.println(Json.mapper().createObjectNode().put("line", number)
                            .put("error", "cannot enrich line " + number + " of " + input + ": " + e.getMessage()));
                    exit = 1;
                }
            }
        }
        out.flush();
        double seconds = (System.nanoTime() - started) / 1e9;
        spec.commandLine().getErr().printf("enriched %d articles in %.2f s: %.0f articles/s%n", articles, seconds,
                seconds > 0 ? articles / seconds : 0);
        return exit;
    }

    private PublisherRegistry registry() {
        return registry(publishers);
    }

    /** The bundled registry, extended by {@code extra} or else by the file {@value EnrichConfig#PUBLISHERS_FILE} names. */
    static PublisherRegistry registry(Path extra) {
        String configured = Settings.fromEnvironment().string(EnrichConfig.PUBLISHERS_FILE, null);
        Path file = extra != null ? extra : configured != null ? Path.of(configured) : null;
        return file == null ? PublisherRegistry.bundled() : PublisherRegistry.withExtraFile(file);
    }

    private BufferedReader reader() throws IOException {
        return input.equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8);
    }
}
