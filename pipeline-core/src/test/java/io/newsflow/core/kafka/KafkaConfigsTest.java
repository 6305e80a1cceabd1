package io.newsflow.core.kafka;

import io.newsflow.core.config.Settings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaConfigsTest {

    /** Nothing listens on the discard port: the clients below are built, never connected. */
    private static final String NOWHERE = "127.0.0.1:9";

    @TempDir
    Path dir;

    @Test
    void plaintextClientsCarryNoCredentials() {
        Map<String, Object> producer = KafkaConfigs.producer(new KafkaConnection(NOWHERE), "test");

        assertThat(producer).containsEntry("security.protocol", "PLAINTEXT")
                .doesNotContainKeys("sasl.mechanism", "sasl.jaas.config", "ssl.truststore.location");
    }

    @Test
    void everyKindOfClientGetsTheSaslSettings() {
        KafkaConnection kafka = KafkaConnection.from(new Settings(Map.of(
                KafkaConnection.BOOTSTRAP_SERVERS, NOWHERE,
                KafkaConnection.SECURITY_PROTOCOL, "SASL_PLAINTEXT",
                KafkaConnection.SASL_MECHANISM, "SCRAM-SHA-512",
                KafkaConnection.SASL_USERNAME, "newsflow",
                KafkaConnection.SASL_PASSWORD, "secret")));
        Map<String, Object> expected = Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", kafka.sasl().jaasConfig());

        assertThat(KafkaConfigs.admin(kafka, "test")).containsAllEntriesOf(expected);
        assertThat(KafkaConfigs.producer(kafka, "test")).containsAllEntriesOf(expected);
        assertThat(KafkaConfigs.transactionalProducer(kafka, "test", "tx")).containsAllEntriesOf(expected);
        assertThat(KafkaConfigs.consumer(kafka, "test", "group")).containsAllEntriesOf(expected);
        Properties streams = KafkaConfigs.streams(kafka, "app");
        expected.forEach((key, value) -> assertThat(streams).containsEntry(key, value));
    }

    /** Kafka itself accepts the settings: building the clients loads the JAAS login and the trust and key stores. */
    @Test
    void kafkaClientsStartWithTlsAndSasl() throws Exception {
        Path keystore = dir.resolve("client.p12");
        Path ca = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-dname", "CN=newsflow-test", "-validity", "1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "store-pass");
        keytool("-exportcert", "-rfc", "-alias", "client", "-keystore", keystore.toString(), "-storepass", "store-pass",
                "-file", ca.toString());
        KafkaConnection kafka = KafkaConnection.from(new Settings(Map.of(
                KafkaConnection.BOOTSTRAP_SERVERS, NOWHERE,
                KafkaConnection.SECURITY_PROTOCOL, "SASL_SSL",
                KafkaConnection.SASL_MECHANISM, "PLAIN",
                KafkaConnection.SASL_USERNAME, "newsflow",
                KafkaConnection.SASL_PASSWORD, "se\"cret;",
                KafkaConnection.TRUSTSTORE_LOCATION, ca.toString(),
                KafkaConnection.TRUSTSTORE_TYPE, "PEM",
                KafkaConnection.KEYSTORE_LOCATION, keystore.toString(),
                KafkaConnection.KEYSTORE_PASSWORD, "store-pass")));

        try (Admin admin = Admin.create(KafkaConfigs.admin(kafka, "test"));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaConfigs.producer(kafka, "test"));
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaConfigs.consumer(kafka, "test", "group"))) {
            assertThat(List.of(admin, producer, consumer)).hasSize(3);
        }
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", arguments[0], output).isZero();
    }
}
