package io.newsflow.ingest.state;

import io.newsflow.core.kafka.TopicScan;
import org.apache.kafka.clients.consumer.Consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a compacted topic from its beginning to its current end into a map of the latest value per key,
 * the way a table is read from its changelog. A null value (tombstone) removes the key.
 * Uses its consumer without a group: every partition is assigned and nothing is committed.
 */
public final class CompactedTopicReader implements AutoCloseable {


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
        consumer.seekToBeginning(TopicScan.assignAll(consumer, topic, timeout));
        Map<String, byte[]> latest = new HashMap<>();
        TopicScan.toEnd(consumer, timeout, record -> {
            if (record.key() == null) {
                return;
            }
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                latest.remove(key);
            } else {
                latest.put(key, record.value());
            }
        });
        return latest;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
