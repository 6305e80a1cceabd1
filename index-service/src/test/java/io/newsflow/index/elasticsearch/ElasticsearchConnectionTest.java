package io.newsflow.index.elasticsearch;

import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElasticsearchConnectionTest {

    @Test
    void defaults_to_a_local_node_without_credentials() {
        ElasticsearchConnection connection = ElasticsearchConnection.from(new Settings(Map.of()));
        assertThat(connection.nodes()).containsExactly(URI.create("http://localhost:9200"));
        assertThat(connection.pathPrefix()).isEmpty();
        assertThat(connection.username()).isNull();
        assertThat(connection.apiKey()).isNull();
    }

    @Test
    void several_nodes_share_a_path_prefix() {
        ElasticsearchConnection connection = ElasticsearchConnection.from(new Settings(Map.of(
                "NEWSFLOW_ELASTICSEARCH_URL", "https://es1:9200/proxy/, https://es2:9200/proxy")));
        assertThat(connection.nodes()).hasSize(2);
        assertThat(connection.pathPrefix()).isEqualTo("/proxy");
        assertThatThrownBy(() -> ElasticsearchConnection.from(new Settings(Map.of(
                "NEWSFLOW_ELASTICSEARCH_URL", "http://es1:9200/a,http://es2:9200/b"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("path prefixes");
    }

    @Test
    void secrets_never_show_in_its_text_or_in_errors() {
        ElasticsearchConnection basic = ElasticsearchConnection.from(new Settings(Map.of(
                "NEWSFLOW_ELASTICSEARCH_USERNAME", "indexer", "NEWSFLOW_ELASTICSEARCH_PASSWORD", "s3cret-pw")));
        assertThat(basic.toString()).contains("basic(indexer)").doesNotContain("s3cret-pw");
        ElasticsearchConnection apiKey = ElasticsearchConnection.from(new Settings(Map.of("NEWSFLOW_ELASTICSEARCH_API_KEY", "a2V5OnNlY3JldA==")));
        assertThat(apiKey.toString()).contains("api-key").doesNotContain("a2V5OnNlY3JldA==");
        assertThatThrownBy(() -> ElasticsearchConnection.from(new Settings(Map.of(
                "NEWSFLOW_ELASTICSEARCH_URL", "http://user:pw-in-url@es:9200"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageNotContaining("pw-in-url");
    }

    @Test
    void half_or_double_credentials_are_refused() {
        assertThatThrownBy(() -> ElasticsearchConnection.from(new Settings(Map.of("NEWSFLOW_ELASTICSEARCH_USERNAME", "indexer"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("set both or neither");
        assertThatThrownBy(() -> ElasticsearchConnection.from(new Settings(Map.of(
                "NEWSFLOW_ELASTICSEARCH_USERNAME", "u", "NEWSFLOW_ELASTICSEARCH_PASSWORD", "p", "NEWSFLOW_ELASTICSEARCH_API_KEY", "k"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("not both");
    }

    @Test
    void urls_that_are_not_http_node_urls_are_refused() {
        for (String bad : new String[]{"localhost:9200", "ftp://es:21", "http://es:9200/?x=1", "http://"}) {
            assertThatThrownBy(() -> ElasticsearchConnection.from(new Settings(Map.of("NEWSFLOW_ELASTICSEARCH_URL", bad))))
                    .as(bad).isInstanceOf(InvalidSettingException.class).hasMessageContaining("NEWSFLOW_ELASTICSEARCH_URL");
        }
    }

    @Test
    void a_ca_certificate_needs_an_https_node_and_a_readable_file(@TempDir Path dir) throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        ElasticsearchConnection connection = ElasticsearchConnection.from(new Settings(Map.of(
                "NEWSFLOW_ELASTICSEARCH_URL", "https://es1:9200", "NEWSFLOW_ELASTICSEARCH_CA_CERT", ca.toString())));
        assertThat(connection.caCertificate()).isEqualTo(ca);
        assertThat(connection.toString()).contains("caCertificate=" + ca);
        assertThat(ElasticsearchConnection.from(new Settings(Map.of())).caCertificate()).isNull();

        assertThatThrownBy(() -> ElasticsearchConnection.from(new Settings(Map.of(
                "NEWSFLOW_ELASTICSEARCH_URL", "http://es1:9200", "NEWSFLOW_ELASTICSEARCH_CA_CERT", ca.toString()))))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("NEWSFLOW_ELASTICSEARCH_CA_CERT is set but");
        assertThatThrownBy(() -> ElasticsearchConnection.from(new Settings(Map.of(
                "NEWSFLOW_ELASTICSEARCH_URL", "https://es1:9200", "NEWSFLOW_ELASTICSEARCH_CA_CERT", dir.resolve("missing.pem").toString()))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("NEWSFLOW_ELASTICSEARCH_CA_CERT=").hasMessageContaining("not a readable file");
    }
}
