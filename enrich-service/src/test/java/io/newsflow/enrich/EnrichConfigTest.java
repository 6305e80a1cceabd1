package io.newsflow.enrich;

import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnrichConfigTest {

    @Test
    void defaults() {
        EnrichConfig config = EnrichConfig.from(new Settings(Map.of()));
        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.applicationId()).isEqualTo("newsflow-enrich");
        assertThat(config.stateDir()).isNull();
        assertThat(config.publishersFile()).isNull();
        assertThat(config.topicLayout().partitions()).isEqualTo(3);
    }

    @Test
    void readsEveryVariable(@TempDir Path dir) throws IOException {
        Path publishers = Files.writeString(dir.resolve("publishers.json"), "{\"publishers\": []}");
        EnrichConfig config = EnrichConfig.from(new Settings(Map.of(
                "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092",
                "NEWSFLOW_ENRICH_APPLICATION_ID", "enrich-test",
                "NEWSFLOW_ENRICH_STATE_DIR", dir.resolve("state").toString(),
                "NEWSFLOW_PUBLISHERS_FILE", publishers.toString(),
                "NEWSFLOW_TOPIC_PARTITIONS", "6",
                "NEWSFLOW_TOPIC_REPLICATION", "3")));
        assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(config.applicationId()).isEqualTo("enrich-test");
        assertThat(config.stateDir()).isEqualTo(dir.resolve("state"));
        assertThat(config.publishersFile()).isEqualTo(publishers);
        assertThat(config.topicLayout().partitions()).isEqualTo(6);
        assertThat(config.topicLayout().replication()).isEqualTo((short) 3);
    }

    @Test
    void rejectsAnApplicationIdKafkaStreamsCannotUse() {
        assertThatThrownBy(() -> EnrichConfig.from(new Settings(Map.of("NEWSFLOW_ENRICH_APPLICATION_ID", "my app"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("NEWSFLOW_ENRICH_APPLICATION_ID=my app");
    }

    @Test
    void rejectsAPublishersFileThatIsNotThere(@TempDir Path dir) {
        String missing = dir.resolve("missing.json").toString();
        assertThatThrownBy(() -> EnrichConfig.from(new Settings(Map.of("NEWSFLOW_PUBLISHERS_FILE", missing))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("NEWSFLOW_PUBLISHERS_FILE=" + missing)
                .hasMessageContaining("unset it");
    }
}
