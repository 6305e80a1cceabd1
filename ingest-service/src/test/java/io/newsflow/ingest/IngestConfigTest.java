package io.newsflow.ingest;

import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;
import io.newsflow.ingest.feed.PollSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestConfigTest {

    @Test
    void has_defaults_for_everything() {
        IngestConfig config = IngestConfig.from(new Settings(Map.of()));

        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.feedList()).isEmpty();
        assertThat(config.pollInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.fetch().allowPrivateAddresses()).isFalse();
        assertThat(config.instanceId()).isNotBlank();
        assertThat(config.topics().partitions()).isEqualTo(3);
        assertThat(config.schedule()).isEqualTo(new PollSchedule(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(1),
                Duration.ofHours(6), Duration.ofMinutes(1)));
        assertThat(config.concurrency()).isEqualTo(64);
        assertThat(config.groupId()).isEqualTo("newsflow-ingest");
        assertThat(config.fetch().hostConcurrency()).isEqualTo(2);
        assertThat(config.fetch().hostDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.fetch().maxCrawlDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.fetch().allowedNetworks()).isEmpty();
    }

    @Test
    void the_default_bounds_follow_the_poll_interval() {
        PollSchedule often = IngestConfig.from(new Settings(Map.of("NEWSFLOW_POLL_INTERVAL", "2s"))).schedule();
        assertThat(often.minInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(often.maxInterval()).isEqualTo(Duration.ofSeconds(24));
        assertThat(IngestConfig.from(new Settings(Map.of("NEWSFLOW_POLL_INTERVAL", "2h"))).schedule().maxInterval()).isEqualTo(Duration.ofHours(24));
        assertThatThrownBy(() -> IngestConfig.from(new Settings(Map.of("NEWSFLOW_POLL_MIN_INTERVAL", "2h", "NEWSFLOW_POLL_MAX_INTERVAL", "1h"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("NEWSFLOW_POLL_MAX_INTERVAL");
        assertThatThrownBy(() -> IngestConfig.from(new Settings(Map.of("NEWSFLOW_FETCH_ALLOW_NETWORKS", "10.0.0.0/8, intranet"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("NEWSFLOW_FETCH_ALLOW_NETWORKS");
    }

    @Test
    void reads_every_setting(@TempDir Path dir) throws IOException {
        Path feeds = Files.writeString(dir.resolve("feeds.yaml"), "- url: https://example.com/rss\n");

        IngestConfig config = IngestConfig.from(new Settings(Map.of(
                "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092",
                "NEWSFLOW_FEEDS", feeds.toString(),
                "NEWSFLOW_POLL_INTERVAL", "90s",
                "NEWSFLOW_FETCH_ALLOW_PRIVATE", "true",
                "NEWSFLOW_INGEST_INSTANCE_ID", "ingest-2",
                "NEWSFLOW_TOPIC_PARTITIONS", "6",
                "NEWSFLOW_POLL_CONCURRENCY", "8",
                "NEWSFLOW_INGEST_GROUP", "ingest-eu",
                "NEWSFLOW_FETCH_CONTACT_URL", "https://newsflow.example/contact")));

        assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(config.feedList()).contains(feeds);
        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.fetch().allowPrivateAddresses()).isTrue();
        assertThat(config.transactionalId()).isEqualTo("newsflow-ingest-ingest-2");
        assertThat(config.topics().partitions()).isEqualTo(6);
        assertThat(config.concurrency()).isEqualTo(8);
        assertThat(config.groupId()).isEqualTo("ingest-eu");
        assertThat(config.fetch().userAgent()).endsWith(" +https://newsflow.example/contact");
    }

    @Test
    void a_feed_list_that_is_not_there_or_a_bad_value_names_the_variable(@TempDir Path dir) {
        assertThatThrownBy(() -> IngestConfig.from(new Settings(Map.of("NEWSFLOW_FEEDS", dir.resolve("missing.opml").toString()))))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("NEWSFLOW_FEEDS=").hasMessageContaining("no readable file");
        assertThatThrownBy(() -> IngestConfig.from(new Settings(Map.of("NEWSFLOW_POLL_INTERVAL", "often"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("NEWSFLOW_POLL_INTERVAL");
        assertThatThrownBy(() -> IngestConfig.from(new Settings(Map.of("NEWSFLOW_INGEST_INSTANCE_ID", "two words"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("NEWSFLOW_INGEST_INSTANCE_ID");
    }
}
