package io.newsflow.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.core.article.CitedSource;
import io.newsflow.core.article.DetectedLanguage;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.article.Place;
import io.newsflow.core.article.TopicTag;
import io.newsflow.core.json.Json;
import io.newsflow.enrich.EnrichService;
import io.newsflow.enrich.Enricher;
import io.newsflow.enrich.story.MapStoryStore;
import io.newsflow.enrich.story.StoryClusters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code ./newsflow evaluate-enrichment LABELLED.jsonl}: measures the enrichment on labelled articles. Each line is
 * an article (as {@code ./newsflow enrich} reads it) with an {@code expected} object naming what a person found in
 * it; every field it names is scored for that article, the others are not:
 * <ul>
 *   <li>{@code topics}: IPTC codes; a tag counts with its ancestors, so broader topics may be labelled too;</li>
 *   <li>{@code places}: canonical English names ("Kyiv");</li>
 *   <li>{@code citedSources}: {@code {"text", "kind"}} objects; a source is found when its text is (ignoring case),
 *       and scored again with its kind under {@code citedSourceKinds};</li>
 *   <li>{@code language}: the ISO 639-1 code;</li>
 *   <li>{@code originalSource}: the outlet re-reported, or null for none.</li>
 * </ul>
 * Prints, per field, the true positives, false positives and false negatives summed over the articles, and the
 * precision, recall and F1 they give.
 */
@Command(name = "evaluate-enrichment", mixinStandardHelpOptions = true,
        description = {"Measures the enrichment on labelled articles: one JSON article per line with an 'expected' object "
                + "(topics, places, citedSources, language, originalSource). Prints precision, recall and F1 per field."})
final class EvaluateEnrichmentCommand implements Callable<Integer> {

    static final List<String> FIELDS = List.of("topics", "places", "citedSources", "citedSourceKinds", "language", "originalSource");

    @Parameters(index = "0", paramLabel = "LABELLED.jsonl", description = "Labelled articles, one JSON object per line.")
    Path labelled;

    @Option(names = "--publishers", paramLabel = "FILE", description = "An extra publisher registry file.")
    Path publishers;

    @Spec
    CommandSpec spec;

    /** Counts of one field. */
    static final class Score {
        int truePositives;
        int falsePositives;
        int falseNegatives;

        void add(Set<String> expected, Set<String> found) {
            for (String value : found) {
                if (expected.contains(value)) {
                    truePositives++;
                } else {
                    falsePositives++;
                }
            }
            for (String value : expected) {
                if (!found.contains(value)) {
                    falseNegatives++;
                }
            }
        }

        double precision() {
            return ratio(truePositives, truePositives + falsePositives);
        }

        double recall() {
            return ratio(truePositives, truePositives + falseNegatives);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        /** Nothing to find and nothing found is perfect. */
        private static double ratio(int part, int whole) {
            return whole == 0 ? 1 : part / (double) whole;
        }
    }

    @Override
    public Integer call() throws IOException {
        Enricher enricher = EnrichService.enricher(EnrichCommand.registry(publishers), Clock.systemUTC());
        StoryClusters stories = new StoryClusters();
        MapStoryStore store = new MapStoryStore();
        Map<String, Score> scores = new LinkedHashMap<>();
        FIELDS.forEach(field -> scores.put(field, new Score()));
        List<String> lines = Files.readAllLines(labelled, StandardCharsets.UTF_8);
        int articles = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode expected = Json.fromString(lines.get(i), JsonNode.class).path("expected");
            if (!expected.isObject()) {
                throw new IllegalArgumentException("line " + (i + 1) + " of " + labelled + " has no \"expected\" object: "
                        + "label it with the topics, places, citedSources, language or originalSource it should get");
            }
            EnrichedArticle article = stories.assign(enricher.enrich(ArticleLines.read(lines.get(i), i + 1, Clock.systemUTC().instant())), store);
            score(expected, article, scores);
            articles++;
        }
        print(articles, scores, spec.commandLine().getOut());
        return 0;
    }

    static void score(JsonNode expected, EnrichedArticle article, Map<String, Score> scores) {
        if (expected.has("topics")) {
            Set<String> found = new HashSet<>();
            for (TopicTag tag : article.topics()) {
                found.add(tag.code());
                found.addAll(tag.ancestors());
            }
            scores.get("topics").add(strings(expected.get("topics")), found);
        }
        if (expected.has("places")) {
            scores.get("places").add(strings(expected.get("places")),
                    new HashSet<>(article.places().stream().map(Place::name).toList()));
        }
        if (expected.has("citedSources")) {
            Set<String> texts = new HashSet<>();
            Set<String> kinds = new HashSet<>();
            expected.get("citedSources").forEach(source -> {
                texts.add(lower(source.path("text").asText()));
                kinds.add(lower(source.path("text").asText()) + "|" + source.path("kind").asText());
            });
            List<CitedSource> cited = article.attribution().citedSources();
            scores.get("citedSources").add(texts, new HashSet<>(cited.stream().map(s -> lower(s.text())).toList()));
            scores.get("citedSourceKinds").add(kinds, new HashSet<>(cited.stream().map(s -> lower(s.text()) + "|" + s.kind()).toList()));
        }
        if (expected.has("language")) {
            DetectedLanguage language = article.language();
            scores.get("language").add(Set.of(expected.get("language").asText()), language == null ? Set.of() : Set.of(language.code()));
        }
        if (expected.has("originalSource")) {
            JsonNode original = expected.get("originalSource");
            String found = article.syndication().originalSource();
            scores.get("originalSource").add(original.isNull() ? Set.of() : Set.of(original.asText()),
                    found == null ? Set.of() : Set.of(found));
        }
    }

    private static void print(int articles, Map<String, Score> scores, PrintWriter out) {
        out.printf("%d labelled articles%n", articles);
        out.printf("%-18s %5s %5s %5s %9s %7s %7s%n", "field", "tp", "fp", "fn", "precision", "recall", "f1");
        scores.forEach((field, s) -> out.printf(Locale.ROOT, "%-18s %5d %5d %5d %9.3f %7.3f %7.3f%n", field, s.truePositives,
                s.falsePositives, s.falseNegatives, s.precision(), s.recall(), s.f1()));
        out.flush();
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String lower(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }
}
