package io.newsflow.core.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The one place Kafka client configurations are built, so that every service gets the delivery guarantees
 * of the design: producers are idempotent with {@code acks=all}; consumers read committed records only and
 * commit offsets themselves; stream processors run exactly-once. Keys and values are bytes: the services
 * decode JSON themselves so that a record they cannot read goes to the dead-letter topic instead of
 * failing the client. Every client gets the connection's TLS and SASL settings ({@link KafkaConnection}).
 */
public final class KafkaConfigs {

    /** Large enough for the largest dead letter, which is the largest record any stage writes. */
    private static final int MAX_REQUEST_BYTES = Topics.MAX_RECORD_BYTES + 2 * Topics.DEAD_LETTER_HEADROOM_BYTES;

    private KafkaConfigs() {
    }

    public static Map<String, Object> admin(KafkaConnection kafka, String clientId) {
        Map<String, Object> config = common(kafka, clientId);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return config;
    }

    public static Map<String, Object> producer(KafkaConnection kafka, String clientId) {
        Map<String, Object> config = common(kafka, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        return config;
    }

    /** A producer whose writes commit or abort together (several records, or records plus consumer offsets). */
    public static Map<String, Object> transactionalProducer(KafkaConnection kafka, String clientId, String transactionalId) {
        Map<String, Object> config = producer(kafka, clientId);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return config;
    }

    /** A consumer that sees committed records only and never commits on its own. */
    public static Map<String, Object> consumer(KafkaConnection kafka, String clientId, String groupId) {
        Map<String, Object> config = common(kafka, clientId);
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_REQUEST_BYTES);
        return config;
    }

    /** A Kafka Streams application with exactly-once processing and byte-array serdes. */
    public static Properties streams(KafkaConnection kafka, String applicationId) {
        Properties config = new Properties();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put("application.id", applicationId);
        config.put("processing.guarantee", "exactly_once_v2");
        config.put("default.key.serde", Serdes.ByteArraySerde.class);
        config.put("default.value.serde", Serdes.ByteArraySerde.class);
        config.put("producer." + ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES);
        config.put("producer." + ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        config.put("consumer." + ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_REQUEST_BYTES);
        config.put("consumer." + ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Unprefixed, Streams hands these to all of its clients: producer, consumers, admin.
        config.putAll(security(kafka));
        return config;
    }

    private static Map<String, Object> common(KafkaConnection kafka, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        config.putAll(security(kafka));
        return config;
    }

    /** The TLS and SASL settings of a connection, the same for every kind of client. */
    static Map<String, Object> security(KafkaConnection kafka) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, kafka.securityProtocol().name());
        if (kafka.sasl() != null) {
            config.put(SaslConfigs.SASL_MECHANISM, kafka.sasl().mechanism().kafkaName());
            config.put(SaslConfigs.SASL_JAAS_CONFIG, kafka.sasl().jaasConfig());
        }
        KafkaConnection.Store truststore = kafka.truststore();
        if (truststore != null) {
            config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore.location().toString());
            config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, truststore.type().name());
            if (truststore.password() != null) {
                config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, truststore.password());
            }
        }
        KafkaConnection.Store keystore = kafka.keystore();
        if (keystore != null) {
            config.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keystore.location().toString());
            config.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, keystore.type().name());
            if (keystore.password() != null) {
                // Kafka takes no store password for a PEM key store, only the password of its encrypted private key.
                config.put(keystore.type() == KafkaConnection.StoreType.PEM
                        ? SslConfigs.SSL_KEY_PASSWORD_CONFIG : SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, keystore.password());
            }
        }
        return config;
    }
}
