package io.newsflow.deploy.helm;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every NEWSFLOW_* variable the chart sets is one the services read: the repository README's configuration table
 * is their reference, with the services that use each one.
 */
class EnvironmentNamesTest {

    private static final Pattern NAME = Pattern.compile("NEWSFLOW_[A-Z0-9_]+");
    private static final Pattern SUFFIX = Pattern.compile("`(_[A-Z0-9_]+)`");
    /** A row of the README's table: | `NAME`[, `NAME`] | default | used by | meaning |. */
    private static final Pattern ROW = Pattern.compile("^\\| (`NEWSFLOW_[^|]+) \\|[^|]*\\| ([a-z, ]+) \\|", Pattern.MULTILINE);

    /** Variable name to the services that use it ("all" for every one). */
    private static Map<String, String> documented;

    @BeforeAll
    static void readReadme() {
        documented = new HashMap<>();
        Matcher row = ROW.matcher(Chart.text(Chart.REPOSITORY_README));
        while (row.find()) {
            Matcher name = NAME.matcher(row.group(1));
            String first = null;
            while (name.find()) {
                first = first == null ? name.group() : first;
                documented.put(name.group(), row.group(2).strip());
            }
            // `NEWSFLOW_A_B_LOCATION`, `_TYPE`: a suffix stands for the first name with its last part replaced.
            Matcher suffix = SUFFIX.matcher(row.group(1));
            while (first != null && suffix.find()) {
                documented.put(first.substring(0, first.lastIndexOf('_')) + suffix.group(1), row.group(2).strip());
            }
        }
    }

    @Test
    void theReadmeTableIsRead() {
        assertThat(documented).containsEntry("NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS", "all")
                .containsEntry("NEWSFLOW_ELASTICSEARCH_PASSWORD", "index")
                .containsEntry("NEWSFLOW_ENRICH_STATE_DIR", "enrich")
                .containsEntry("NEWSFLOW_KAFKA_SSL_KEYSTORE_PASSWORD", "all");
    }

    @Test
    void everyNameInTheTemplatesIsDocumented() {
        Set<String> used = new TreeSet<>();
        Chart.templates().values().forEach(template -> used.addAll(names(template)));

        assertThat(used).isNotEmpty();
        assertThat(documented.keySet()).containsAll(used);
    }

    @Test
    void eachServiceGetsOnlyItsOwnVariables() {
        for (String service : Chart.SERVICES) {
            Set<String> names = names(Chart.define("newsflow." + service + ".env"));
            names.addAll(settingNames(service));

            assertThat(names).as(service).isNotEmpty().allSatisfy(name ->
                    assertThat(documented.get(name)).as(name + " used by").isIn("all", service));
        }
    }

    @Test
    void everyDefaultSettingIsDocumented() {
        for (String service : Chart.SERVICES) {
            assertThat(documented.keySet()).as(service + ".settings").containsAll(settingNames(service));
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> settingNames(String service) {
        Map<String, Object> block = (Map<String, Object>) Chart.values().get(service);
        return new TreeSet<>(((Map<String, Object>) block.get("settings")).keySet());
    }

    private static Set<String> names(String text) {
        Set<String> names = new TreeSet<>();
        Matcher name = NAME.matcher(text);
        while (name.find()) {
            names.add(name.group());
        }
        return names;
    }
}
