package io.newsflow.index;

import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndexConfigTest {

    @Test
    void defaults() {
        IndexConfig config = IndexConfig.from(new Settings(Map.of()));
        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.groupId()).isEqualTo("newsflow-index");
        assertThat(config.elasticsearch().describe()).isEqualTo("http://localhost:9200");
        assertThat(config.elasticsearchStartupWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.index().readAlias()).isEqualTo("news-articles");
        assertThat(config.bulk().maxDocs()).isEqualTo(500);
        assertThat(config.bulk().maxBytes()).isEqualTo(5 * 1024 * 1024);
        assertThat(config.bulk().maxWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.bulk().inFlight()).isEqualTo(2);
        assertThat(config.topics().partitions()).isEqualTo(3);
    }

    @Test
    void every_setting_can_be_overridden() {
        IndexConfig config = IndexConfig.from(new Settings(Map.of(
                "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092",
                "NEWSFLOW_INDEX_GROUP_ID", "index-test",
                "NEWSFLOW_ELASTICSEARCH_URL", "http://127.0.0.1:19200",
                "NEWSFLOW_ELASTICSEARCH_STARTUP_WAIT", "5s",
                "NEWSFLOW_INDEX_NAME", "test-articles",
                "NEWSFLOW_BULK_MAX_DOCS", "50",
                "NEWSFLOW_BULK_MAX_BYTES", "1048576",
                "NEWSFLOW_BULK_MAX_WAIT", "200ms",
                "NEWSFLOW_BULK_IN_FLIGHT", "4",
                "NEWSFLOW_TOPIC_PARTITIONS", "1")));
        assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(config.groupId()).isEqualTo("index-test");
        assertThat(config.elasticsearch().describe()).isEqualTo("http://127.0.0.1:19200");
        assertThat(config.elasticsearchStartupWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.index().writeAlias()).isEqualTo("test-articles-write");
        assertThat(config.bulk().maxDocs()).isEqualTo(50);
        assertThat(config.bulk().maxBytes()).isEqualTo(1_048_576);
        assertThat(config.bulk().maxWait()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.bulk().inFlight()).isEqualTo(4);
        assertThat(config.topics().partitions()).isEqualTo(1);
    }

    @Test
    void bulk_limits_out_of_range_are_refused() {
        assertThatThrownBy(() -> IndexConfig.from(new Settings(Map.of("NEWSFLOW_BULK_MAX_DOCS", "0"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("NEWSFLOW_BULK_MAX_DOCS");
        assertThatThrownBy(() -> IndexConfig.from(new Settings(Map.of("NEWSFLOW_BULK_MAX_BYTES", "5mb"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("NEWSFLOW_BULK_MAX_BYTES");
        assertThatThrownBy(() -> IndexConfig.from(new Settings(Map.of("NEWSFLOW_BULK_IN_FLIGHT", "0"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("NEWSFLOW_BULK_IN_FLIGHT");
    }
}
