package io.newsflow.ingest.state;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a compacted topic from its beginning to its current end into a map of the latest value per key,
 * the way a table is read from its changelog. A null value (tombstone) removes the key.
 * Uses its consumer without a group: every partition is assigned and nothing is committed.
 */
public final class CompactedTopicReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);

    private final Consumer<byte[], byte[]> consumer;
    private final Duration timeout;

    /**
     * @param consumer a consumer without group that reads committed records only; this reader closes it
     * @param timeout  how long one read of a topic may take before it fails
     */
    public CompactedTopicReader(Consumer<byte[], byte[]> consumer, Duration timeout) {
        this.consumer = consumer;
        this.timeout = timeout;
    }

    /**
     * The latest value of every key of {@code topic}, keys as UTF-8 text.
     *
     * @throws IllegalStateException if the topic does not exist or cannot be read to its end within the timeout
     */
    public Map<String, byte[]> readAll(String topic) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist; it is created when a service starts");
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        // With read_committed these are the last stable offsets: the end of what is committed now.
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, timeout);

        Map<String, byte[]> latest = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reachedEnd(ends)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read topic " + topic + " to its end within "
                        + timeout.toSeconds() + " s; is Kafka reachable?");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.key() == null) {
                    continue;
                }
                String key = new String(record.key(), StandardCharsets.UTF_8);
                if (record.value() == null) {
                    latest.remove(key);
                } else {
                    latest.put(key, record.value());
                }
            }
        }
        return latest;
    }

    private boolean reachedEnd(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey(), timeout) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
