package io.newsflow.deploy.fault;

import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.TopicScan;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A whole topic as a plain outside consumer sees it (committed records only), in partition and offset order. */
final class TopicContents {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    record Entry(String key, byte[] value, Map<String, String> headers, int partition, long offset, long timestamp) {

        String header(String name) {
            return headers.get(name);
        }
    }

    private TopicContents() {
    }

    static List<Entry> read(String bootstrapServers, String topic) {
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
}
