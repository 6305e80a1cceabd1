package io.newsflow.deploy.helm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials (Elasticsearch's, Kafka's SASL password, the Kafka store passwords) come from existing Secrets:
 * values.yaml only names them and their keys.
 */
class CredentialsTest {

    private static final List<String> ELASTICSEARCH_SECRETS = List.of(
            "NEWSFLOW_ELASTICSEARCH_USERNAME", "NEWSFLOW_ELASTICSEARCH_PASSWORD", "NEWSFLOW_ELASTICSEARCH_API_KEY");
    private static final List<String> KAFKA_SECRETS = List.of(
            "NEWSFLOW_KAFKA_SASL_USERNAME", "NEWSFLOW_KAFKA_SASL_PASSWORD",
            "NEWSFLOW_KAFKA_SSL_TRUSTSTORE_PASSWORD", "NEWSFLOW_KAFKA_SSL_KEYSTORE_PASSWORD");

    @Test
    @SuppressWarnings("unchecked")
    void valuesHoldOnlyTheSecretsNamesAndKeys() {
        Map<String, Object> elasticsearch = (Map<String, Object>) Chart.values().get("elasticsearch");
        Map<String, Object> kafka = (Map<String, Object>) Chart.values().get("kafka");
        Map<String, Object> ssl = (Map<String, Object>) kafka.get("ssl");

        assertThat((Map<String, Object>) elasticsearch.get("auth"))
                .containsOnlyKeys("method", "secretName", "usernameKey", "passwordKey", "apiKeyKey");
        assertThat((Map<String, Object>) elasticsearch.get("caCert")).containsOnlyKeys("secretName", "configMapName", "key");
        assertThat((Map<String, Object>) kafka.get("sasl")).containsOnlyKeys("mechanism", "secretName", "usernameKey", "passwordKey");
        for (String store : List.of("truststore", "keystore")) {
            assertThat((Map<String, Object>) ssl.get(store)).as(store)
                    .containsOnlyKeys("secretName", "fileKey", "type", "passwordKey");
        }
    }

    @Test
    void everyElasticsearchCredentialIsReadFromTheSecret() {
        String env = Chart.define("newsflow.index.env");

        for (String variable : ELASTICSEARCH_SECRETS) {
            assertThat(secretKeyRef(variable, "\\$auth").matcher(env).find()).as(variable + " from secretKeyRef").isTrue();
        }
    }

    @Test
    void everyKafkaCredentialIsReadFromItsSecret() {
        String env = Chart.define("newsflow.kafka.env");

        assertThat(secretKeyRef("NEWSFLOW_KAFKA_SASL_USERNAME", "\\$sasl").matcher(env).find()).isTrue();
        assertThat(secretKeyRef("NEWSFLOW_KAFKA_SASL_PASSWORD", "\\$sasl").matcher(env).find()).isTrue();
        assertThat(secretKeyRef("NEWSFLOW_KAFKA_SSL_TRUSTSTORE_PASSWORD", "\\$truststore").matcher(env).find()).isTrue();
        assertThat(secretKeyRef("NEWSFLOW_KAFKA_SSL_KEYSTORE_PASSWORD", "\\$keystore").matcher(env).find()).isTrue();
    }

    @Test
    void storesAndCaCertificateAreMountedReadOnly() {
        String files = Chart.define("newsflow.secretFiles");

        for (String volume : List.of("kafka-truststore", "kafka-keystore", "elasticsearch-ca")) {
            assertThat(Pattern.compile("- name: " + volume + "\n  mountPath: \\S+\n  readOnly: true\n").matcher(files).find())
                    .as(volume + " mounted read-only").isTrue();
        }
    }

    @Test
    void noCredentialGoesIntoAConfigMapOrTheValues() {
        String configMaps = Chart.template("configmap.yaml");
        String values = Chart.text(Chart.DIRECTORY.resolve("values.yaml"));

        for (String variable : Stream.concat(ELASTICSEARCH_SECRETS.stream(), KAFKA_SECRETS.stream()).toList()) {
            assertThat(configMaps).doesNotContain(variable);
            assertThat(values).doesNotContain(variable);
        }
    }

    @Test
    void aCredentialGivenAsValueIsCaught() {
        String inClear = "- name: NEWSFLOW_KAFKA_SASL_PASSWORD\n  value: {{ $sasl.password }}\n";

        assertThat(secretKeyRef("NEWSFLOW_KAFKA_SASL_PASSWORD", "\\$sasl").matcher(inClear).find()).isFalse();
    }

    /** {@code - name: VARIABLE / valueFrom / secretKeyRef / name: {{ $owner.secretName }}}. */
    private static Pattern secretKeyRef(String variable, String owner) {
        return Pattern.compile("- name: " + variable + "\n  valueFrom:\n    secretKeyRef:\n      name: \\{\\{ " + owner + "\\.secretName }}\n");
    }
}
