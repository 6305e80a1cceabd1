package io.newsflow.core.kafka;

import io.newsflow.core.config.Settings;

/**
 * Where the Kafka cluster is. Read from {@code NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS} (default {@code localhost:9092}).
 */
public record KafkaConnection(String bootstrapServers) {

    public static final String BOOTSTRAP_SERVERS = "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS";

    public static KafkaConnection from(Settings settings) {
        return new KafkaConnection(settings.string(BOOTSTRAP_SERVERS, "localhost:9092"));
    }
}
