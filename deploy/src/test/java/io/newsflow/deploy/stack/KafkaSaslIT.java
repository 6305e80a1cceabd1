package io.newsflow.deploy.stack;

import io.newsflow.core.config.Settings;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Clients configured from the {@code NEWSFLOW_KAFKA_*} security variables against a real broker with a SASL listener
 * (SCRAM-SHA-512 and PLAIN). The broker is this class's own, on free ports in {@code target/kafka-sasl-it}, not the shared stack.
 */
class KafkaSaslIT {

    private static final String USER = "newsflow";
    private static final String PASSWORD = "scram-it-password";

    private static KafkaBroker broker;
    private static int saslPort;

    @BeforeAll
    static void startBroker() throws IOException {
        Path dir = Path.of("target", "kafka-sasl-it").toAbsolutePath();
        deleteRecursively(dir);
        int[] ports = Ports.free(3);
        saslPort = ports[2];
        broker = new KafkaBroker(new KafkaBroker.Config(dir, ports[0], ports[1], "256m", Duration.ofSeconds(60),
                StackArtifacts.locate().kafkaBrokerLibs(), new KafkaBroker.ScramListener(saslPort, USER, PASSWORD)));
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-512", "PLAIN"})
    void saslClientsRoundTripARecord(String mechanism) throws Exception {
        KafkaConnection kafka = connection(mechanism, PASSWORD);
        String topic = "sasl-it-" + mechanism.toLowerCase(Locale.ROOT);
        try (Admin admin = Admin.create(KafkaConfigs.admin(kafka, "sasl-it-admin"))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaConfigs.producer(kafka, "sasl-it-producer"))) {
            producer.send(new ProducerRecord<>(topic, bytes("article-1"), bytes("{\"title\":\"Harbour reopens\"}")))
                    .get(30, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaConfigs.consumer(kafka, "sasl-it-consumer", null))) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        assertThat(records).hasSize(1);
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"title\":\"Harbour reopens\"}");
    }

    @Test
    void aWrongPasswordFailsAuthentication() {
        try (Admin admin = Admin.create(KafkaConfigs.admin(connection("SCRAM-SHA-512", "not-the-password"), "sasl-it-wrong-password"))) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    /** Built the way the services build it: from their environment variables. */
    private static KafkaConnection connection(String mechanism, String password) {
        return KafkaConnection.from(new Settings(Map.of(
                KafkaConnection.BOOTSTRAP_SERVERS, "127.0.0.1:" + saslPort,
                KafkaConnection.SECURITY_PROTOCOL, "SASL_PLAINTEXT",
                KafkaConnection.SASL_MECHANISM, mechanism,
                KafkaConnection.SASL_USERNAME, USER,
                KafkaConnection.SASL_PASSWORD, password)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A fresh storage on every run: the SCRAM user is created when the storage is formatted. */
    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
