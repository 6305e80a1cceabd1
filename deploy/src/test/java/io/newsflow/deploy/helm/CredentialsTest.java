package io.newsflow.deploy.helm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Elasticsearch credentials come from an existing Secret: values.yaml only names it and its keys. */
class CredentialsTest {

    private static final List<String> SECRET_VARIABLES = List.of(
            "NEWSFLOW_ELASTICSEARCH_USERNAME", "NEWSFLOW_ELASTICSEARCH_PASSWORD", "NEWSFLOW_ELASTICSEARCH_API_KEY");

    @Test
    @SuppressWarnings("unchecked")
    void valuesHoldOnlyTheSecretsNameAndKeys() {
        Map<String, Object> elasticsearch = (Map<String, Object>) Chart.values().get("elasticsearch");

        assertThat((Map<String, Object>) elasticsearch.get("auth"))
                .containsOnlyKeys("method", "secretName", "usernameKey", "passwordKey", "apiKeyKey");
    }

    @Test
    void everyCredentialIsReadFromTheSecret() {
        String env = Chart.define("newsflow.index.env");

        for (String variable : SECRET_VARIABLES) {
            Matcher entry = Pattern.compile("- name: " + variable + "\n  valueFrom:\n    secretKeyRef:\n      name: \\{\\{ \\$auth.secretName }}\n")
                    .matcher(env);
            assertThat(entry.find()).as(variable + " from secretKeyRef").isTrue();
        }
    }

    @Test
    void noCredentialGoesIntoAConfigMapOrTheValues() {
        String configMaps = Chart.template("configmap.yaml");
        String values = Chart.text(Chart.DIRECTORY.resolve("values.yaml"));

        for (String variable : SECRET_VARIABLES) {
            assertThat(configMaps).doesNotContain(variable);
            assertThat(values).doesNotContain(variable);
        }
    }
}
