package io.newsflow.ingest.state;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompactedTopicReaderTest {

    private static final String TOPIC = "news.feeds";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition tp, long offset, String key, String value) {
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, utf8(key), utf8(value));
    }

    private static MockConsumer<byte[], byte[]> consumerWithTwoPartitions(long end0, long end1) {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions(TOPIC, List.of(
                new PartitionInfo(TOPIC, 0, null, null, null), new PartitionInfo(TOPIC, 1, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(Map.of(P0, end0, P1, end1));
        return consumer;
    }

    @Test
    void reads_every_partition_to_its_end_keeping_the_latest_value_and_honouring_tombstones() {
        MockConsumer<byte[], byte[]> consumer = consumerWithTwoPartitions(3, 1);
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(P0, 0, "a", "a1"));
            consumer.addRecord(record(P0, 1, "b", "b1"));
            consumer.addRecord(record(P1, 0, "c", "c1"));
        });
        consumer.schedulePollTask(() -> consumer.addRecord(record(P0, 2, "a", null)));
        consumer.schedulePollTask(() -> consumer.addRecord(record(P0, 3, "b", "read past the end")));

        Map<String, byte[]> latest = new CompactedTopicReader(consumer, Duration.ofSeconds(5)).readAll(TOPIC);

        assertThat(latest).containsOnlyKeys("b", "c");
        assertThat(new String(latest.get("b"), StandardCharsets.UTF_8)).isEqualTo("b1");
        assertThat(new String(latest.get("c"), StandardCharsets.UTF_8)).isEqualTo("c1");
    }

    @Test
    void an_empty_topic_reads_as_empty_at_once() {
        MockConsumer<byte[], byte[]> consumer = consumerWithTwoPartitions(0, 0);

        assertThat(new CompactedTopicReader(consumer, Duration.ofSeconds(5)).readAll(TOPIC)).isEmpty();
    }

    @Test
    void a_topic_that_cannot_be_read_to_its_end_in_time_is_an_error_not_a_hang() {
        MockConsumer<byte[], byte[]> consumer = consumerWithTwoPartitions(5, 0);

        assertThatThrownBy(() -> new CompactedTopicReader(consumer, Duration.ofMillis(300)).readAll(TOPIC))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not read topic news.feeds to its end");
    }

    @Test
    void a_missing_topic_is_an_error_naming_it() {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

        assertThatThrownBy(() -> new CompactedTopicReader(consumer, Duration.ofSeconds(1)).readAll("news.ingest.state"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("topic news.ingest.state does not exist");
    }
}
