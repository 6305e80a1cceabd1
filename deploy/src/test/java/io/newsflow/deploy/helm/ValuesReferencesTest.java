package io.newsflow.deploy.helm;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every value the templates read exists in values.yaml (a typo renders as an empty string, silently), and every
 * value in values.yaml is read by some template (an unused value is a setting that does nothing).
 */
class ValuesReferencesTest {

    /** {@code .Values.a.b}, also as {@code $.Values.a.b} and {@code .root.Values.a.b}. */
    private static final Pattern VALUES_PATH = Pattern.compile("\\.Values((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)");
    /** {@code $probes := .root.Values.probes}: a variable standing for a values path. */
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*) := \\S*\\.Values((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)");
    /** {@code $svc := index .root.Values .name}: a variable standing for one service's block, whichever it is. */
    private static final Pattern SERVICE_VARIABLE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*) := index \\S*\\.Values ");
    private static final Pattern VARIABLE_PATH = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)");

    private static Map<String, Object> values;
    /** Every values path the templates read, services' paths once per service. */
    private static Set<String> referenced;

    @BeforeAll
    static void readChart() {
        values = Chart.values();
        referenced = referencedPaths(Chart.templates().values());
    }

    @Test
    void everyReferencedValueExists() {
        List<String> missing = referenced.stream().filter(path -> !exists(values, path)).toList();

        assertThat(missing).as("values the templates read but values.yaml lacks").isEmpty();
        assertThat(referenced).contains("kafka.bootstrapServers", "elasticsearch.url", "ingest.replicas",
                "index.image.repository", "enrich.resources", "probes.readiness.timeoutSeconds");
    }

    @Test
    void everyValueIsRead() {
        List<String> unused = leafPaths(values, "").stream()
                .filter(path -> referenced.stream().noneMatch(reference -> path.equals(reference) || path.startsWith(reference + ".")))
                .toList();

        assertThat(unused).as("values.yaml entries no template reads").isEmpty();
    }

    @Test
    void theServiceBlocksHaveTheSameKeys() {
        Set<?> ingestKeys = ((Map<?, ?>) values.get("ingest")).keySet();

        for (String service : Chart.SERVICES) {
            assertThat(((Map<?, ?>) values.get(service)).keySet()).as(service).isEqualTo(ingestKeys);
        }
    }

    @Test
    void aMisspelledReferenceIsFound() {
        Set<String> paths = referencedPaths(List.of("{{ .Values.kafka.bootstrapServer }}"));

        assertThat(paths).containsExactly("kafka.bootstrapServer");
        assertThat(exists(values, "kafka.bootstrapServer")).isFalse();
    }

    @Test
    void variablesStandForTheirValuesPaths() {
        Set<String> paths = referencedPaths(List.of("""
                {{- $probes := .root.Values.probes -}}
                {{ $probes.startup.periodSeconds }}
                {{- $svc := index .root.Values .name -}}
                {{ $svc.image.tag }}
                """));

        assertThat(paths).containsExactlyInAnyOrder("probes.startup.periodSeconds",
                "ingest.image.tag", "enrich.image.tag", "index.image.tag");
    }

    private static Set<String> referencedPaths(Iterable<String> templates) {
        Set<String> paths = new TreeSet<>();
        for (String template : templates) {
            Map<String, List<String>> variables = new HashMap<>();
            // An assignment alone reads nothing: only the variable's uses below count.
            List<int[]> assignments = new ArrayList<>();
            Matcher pathVariable = PATH_VARIABLE.matcher(template);
            while (pathVariable.find()) {
                variables.put(pathVariable.group(1), List.of(pathVariable.group(2).substring(1)));
                assignments.add(new int[]{pathVariable.start(), pathVariable.end()});
            }
            Matcher serviceVariable = SERVICE_VARIABLE.matcher(template);
            while (serviceVariable.find()) {
                variables.put(serviceVariable.group(1), Chart.SERVICES);
            }
            Matcher direct = VALUES_PATH.matcher(template);
            while (direct.find()) {
                int at = direct.start();
                if (assignments.stream().noneMatch(span -> span[0] <= at && at < span[1])) {
                    paths.add(direct.group(1).substring(1));
                }
            }
            Matcher viaVariable = VARIABLE_PATH.matcher(template);
            while (viaVariable.find()) {
                for (String prefix : variables.getOrDefault(viaVariable.group(1), List.of())) {
                    paths.add(prefix + viaVariable.group(2));
                }
            }
        }
        return paths;
    }

    private static boolean exists(Map<?, ?> tree, String path) {
        Object node = tree;
        for (String key : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return false;
            }
            node = map.get(key);
        }
        return true;
    }

    /** Paths of the leaves, a leaf being anything but a non-empty map. */
    private static List<String> leafPaths(Map<?, ?> tree, String prefix) {
        List<String> leaves = new ArrayList<>();
        tree.forEach((key, value) -> {
            String path = prefix + key;
            if (value instanceof Map<?, ?> map && !map.isEmpty()) {
                leaves.addAll(leafPaths(map, path + "."));
            } else {
                leaves.add(path);
            }
        });
        return leaves;
    }
}
