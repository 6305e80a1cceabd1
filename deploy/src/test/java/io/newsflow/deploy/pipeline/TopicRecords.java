package io.newsflow.deploy.pipeline;

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

/** Reads a whole topic with a plain consumer (committed records only), grouped by key, as any outside consumer would. */
final class TopicRecords {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    record Entry(byte[] value, Map<String, String> headers) {
    }

    private TopicRecords() {
    }

    static Map<String, List<Entry>> read(String bootstrapServers, String topic) {
        Map<String, List<Entry>> byKey = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaConfigs.consumer(new KafkaConnection(bootstrapServers), "e2e-reader", null))) {
            consumer.seekToBeginning(TopicScan.assignAll(consumer, topic, TIMEOUT));
            TopicScan.toEnd(consumer, TIMEOUT, record -> {
                Map<String, String> headers = new HashMap<>();
                for (Header header : record.headers()) {
                    headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                }
                byKey.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(new Entry(record.value(), headers));
            });
        }
        return byKey;
    }
}
