package io.newsflow.deploy.index;

import io.newsflow.core.config.Settings;
import io.newsflow.deploy.testing.SharedStack;
import io.newsflow.index.IndexSetupMain;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-shot index setup (the Compose setup job's step) against the real Elasticsearch node. */
class IndexSetupMainIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void installs_the_template_index_and_aliases_and_can_run_again() throws Exception {
        URI elasticsearch = SharedStack.get().elasticsearchUrl();
        String name = "setup-" + UUID.randomUUID().toString().substring(0, 8);
        Settings settings = new Settings(Map.of(
                "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS", SharedStack.get().kafkaBootstrapServers(),
                "NEWSFLOW_ELASTICSEARCH_URL", elasticsearch.toString(),
                "NEWSFLOW_INDEX_NAME", name));

        assertThat(IndexSetupMain.run(settings)).isZero();
        assertThat(status(elasticsearch.resolve("/_index_template/" + name))).isEqualTo(200);
        assertThat(status(elasticsearch.resolve("/_alias/" + name))).isEqualTo(200);
        assertThat(status(elasticsearch.resolve("/_alias/" + name + "-write"))).isEqualTo(200);

        assertThat(IndexSetupMain.run(settings)).as("a second run changes nothing and succeeds").isZero();
    }

    @Test
    void says_so_when_elasticsearch_does_not_answer_or_a_setting_is_bad() {
        assertThat(IndexSetupMain.run(new Settings(Map.of(
                "NEWSFLOW_ELASTICSEARCH_URL", "http://127.0.0.1:9",
                "NEWSFLOW_ELASTICSEARCH_STARTUP_WAIT", "1s")))).isEqualTo(1);
        assertThat(IndexSetupMain.run(new Settings(Map.of("NEWSFLOW_INDEX_NAME", "Not Valid")))).isEqualTo(2);
    }

    private int status(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
