package io.newsflow.deploy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluateEnrichmentCommandTest {

    private static final String TEXT = "Negotiators from Ukraine and Russia met in Geneva on Monday, Reuters reports. "
            + "A senior diplomat, speaking on condition of anonymity, said the ceasefire talks and the peace process would go on.";

    private static String labelled(String expected) {
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("url", "https://www.example.com/world/talks").put("title", "Ceasefire talks in Geneva").put("text", TEXT);
        line.set("expected", Json.fromString(expected, ObjectNode.class));
        return line.toString();
    }

    private static String run(Path file) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new EvaluateEnrichmentCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cli.execute(file.toString())).isZero();
        return out.toString();
    }

    @Test
    void labelsTheEnrichmentMatchesScorePerfectly(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("labelled.jsonl"), labelled("""
                {"places": ["Ukraine", "Russia", "Geneva"], "language": "en", "originalSource": "Reuters",
                 "citedSources": [{"text": "Reuters", "kind": "OUTLET"}, {"text": "A senior diplomat", "kind": "ANONYMOUS"}]}"""));

        String report = run(file);

        assertThat(report).contains("1 labelled articles");
        assertThat(report).containsPattern("places +3 +0 +0 +1\\.000 +1\\.000 +1\\.000");
        assertThat(report).containsPattern("citedSourceKinds +2 +0 +0 +1\\.000 +1\\.000 +1\\.000");
        assertThat(report).containsPattern("originalSource +1 +0 +0");
    }

    @Test
    void missedAndExtraValuesLowerRecallAndPrecision(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("labelled.jsonl"), labelled("""
                {"places": ["Ukraine", "Kyiv"], "language": "ru", "originalSource": null,
                 "citedSources": [{"text": "Reuters", "kind": "PERSON"}]}"""));

        String report = run(file);

        // Found Ukraine, Russia, Geneva; expected Ukraine, Kyiv: 1 true, 2 false positives, 1 false negative.
        assertThat(report).containsPattern("places +1 +2 +1 +0\\.333 +0\\.500 +0\\.400");
        assertThat(report).containsPattern("language +0 +1 +1 +0\\.000 +0\\.000 +0\\.000");
        assertThat(report).containsPattern("originalSource +0 +1 +0");
        assertThat(report).containsPattern("citedSourceKinds +0 +2 +1");
    }

    @Test
    void theScoreIsMicroAveragedOverValues() {
        EvaluateEnrichmentCommand.Score score = new EvaluateEnrichmentCommand.Score();
        score.add(Set.of("a", "b"), Set.of("a"));
        score.add(Set.of("c"), Set.of("c", "d"));

        assertThat(Map.of("p", score.precision(), "r", score.recall())).containsEntry("p", 2 / 3.0).containsEntry("r", 2 / 3.0);
        assertThat(score.f1()).isCloseTo(2 / 3.0, within(1e-9));
    }

    @Test
    void aLineWithoutLabelsIsRefusedWithWhatToAdd(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("unlabelled.jsonl"), "{\"title\": \"Talks\", \"text\": \"Talks.\"}\n");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new EvaluateEnrichmentCommand());
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));

        assertThat(cli.execute(file.toString())).isNotZero();
        assertThat(err.toString()).contains("line 1 of " + file + " has no \"expected\" object");
    }
}
