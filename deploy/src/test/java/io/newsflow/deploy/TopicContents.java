package io.newsflow.deploy;

import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.TopicScan;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A whole topic as a plain outside consumer sees it (committed records only), in partition and offset order. */
public final class TopicContents {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    public record Entry(String key, byte[] value, Map<String, String> headers, int partition, long offset, long timestamp) {

        public String header(String name) {
            return headers.get(name);
        }
    }

    private TopicContents() {
    }

    public static List<Entry> read(String bootstrapServers, String topic) {
        List<Entry> entries = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaConfigs.consumer(new KafkaConnection(bootstrapServers), "fault-reader", null))) {
            consumer.seekToBeginning(TopicScan.assignAll(consumer, topic, TIMEOUT));
            TopicScan.toEnd(consumer, TIMEOUT, record -> {
                Map<String, String> headers = new HashMap<>();
                for (Header header : record.headers()) {
                    headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
                }
                entries.add(new Entry(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                        record.value(), headers, record.partition(), record.offset(), record.timestamp()));
            });
        }
        return entries;
    }

    /** The same, grouped by key: each key's records in offset order. */
    public static Map<String, List<Entry>> byKey(String bootstrapServers, String topic) {
        Map<String, List<Entry>> byKey = new LinkedHashMap<>();
        for (Entry entry : read(bootstrapServers, topic)) {
            byKey.computeIfAbsent(entry.key(), k -> new ArrayList<>()).add(entry);
        }
        return byKey;
    }
}
