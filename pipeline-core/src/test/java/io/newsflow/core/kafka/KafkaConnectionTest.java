package io.newsflow.core.kafka;

import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;
import io.newsflow.core.kafka.KafkaConnection.SaslMechanism;
import io.newsflow.core.kafka.KafkaConnection.SecurityProtocol;
import io.newsflow.core.kafka.KafkaConnection.StoreType;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.security.auth.login.AppConfigurationEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaConnectionTest {

    private static final String PASSWORD = "s3cr\"et; pass\\word=1";

    @TempDir
    Path dir;

    @Test
    void plaintextByDefault() {
        KafkaConnection kafka = KafkaConnection.from(new Settings(Map.of()));

        assertThat(kafka).isEqualTo(new KafkaConnection("localhost:9092"));
        assertThat(kafka.securityProtocol()).isEqualTo(SecurityProtocol.PLAINTEXT);
    }

    @Test
    void readsSaslOverTls() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Path client = Files.writeString(dir.resolve("client.p12"), "");

        KafkaConnection kafka = KafkaConnection.from(new Settings(Map.of(
                KafkaConnection.BOOTSTRAP_SERVERS, "kafka-1:9093,kafka-2:9093",
                KafkaConnection.SECURITY_PROTOCOL, "sasl_ssl",
                KafkaConnection.SASL_MECHANISM, "scram-sha-512",
                KafkaConnection.SASL_USERNAME, "newsflow",
                KafkaConnection.SASL_PASSWORD, PASSWORD,
                KafkaConnection.TRUSTSTORE_LOCATION, ca.toString(),
                KafkaConnection.TRUSTSTORE_TYPE, "PEM",
                KafkaConnection.KEYSTORE_LOCATION, client.toString(),
                KafkaConnection.KEYSTORE_PASSWORD, "store-pass")));

        assertThat(kafka.bootstrapServers()).isEqualTo("kafka-1:9093,kafka-2:9093");
        assertThat(kafka.securityProtocol()).isEqualTo(SecurityProtocol.SASL_SSL);
        assertThat(kafka.sasl()).isEqualTo(new KafkaConnection.Sasl(SaslMechanism.SCRAM_SHA_512, "newsflow", PASSWORD));
        assertThat(kafka.truststore()).isEqualTo(new KafkaConnection.Store(ca, null, StoreType.PEM));
        assertThat(kafka.keystore()).isEqualTo(new KafkaConnection.Store(client, "store-pass", StoreType.PKCS12));
    }

    @Test
    void toStringHidesEveryPassword() throws IOException {
        Path trust = Files.writeString(dir.resolve("trust.p12"), "");
        Path client = Files.writeString(dir.resolve("client.p12"), "");
        KafkaConnection kafka = KafkaConnection.from(new Settings(Map.of(
                KafkaConnection.SECURITY_PROTOCOL, "SASL_SSL",
                KafkaConnection.SASL_MECHANISM, "PLAIN",
                KafkaConnection.SASL_USERNAME, "newsflow",
                KafkaConnection.SASL_PASSWORD, "sasl-secret",
                KafkaConnection.TRUSTSTORE_LOCATION, trust.toString(),
                KafkaConnection.TRUSTSTORE_PASSWORD, "trust-secret",
                KafkaConnection.KEYSTORE_LOCATION, client.toString(),
                KafkaConnection.KEYSTORE_PASSWORD, "key-secret")));

        assertThat(kafka.toString())
                .contains("SASL_SSL", "PLAIN", "newsflow", "trust.p12", "client.p12")
                .doesNotContain("sasl-secret", "trust-secret", "key-secret");
    }

    @Test
    void jaasConfigCarriesAPasswordWithQuotesAndSemicolonsUnchanged() {
        for (SaslMechanism mechanism : SaslMechanism.values()) {
            String jaas = new KafkaConnection.Sasl(mechanism, "news \"flow\"", PASSWORD).jaasConfig();

            List<AppConfigurationEntry> entries = JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password(jaas)))
                    .configurationEntries();

            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).getLoginModuleName()).endsWith(mechanism == SaslMechanism.PLAIN ? "PlainLoginModule" : "ScramLoginModule");
            Map<String, Object> options = Map.copyOf(entries.get(0).getOptions());
            assertThat(options).containsEntry("username", "news \"flow\"").containsEntry("password", PASSWORD);
        }
    }

    @Test
    void saslProtocolNeedsMechanismUsernameAndPassword() {
        Map<String, String> complete = Map.of(
                KafkaConnection.SECURITY_PROTOCOL, "SASL_PLAINTEXT",
                KafkaConnection.SASL_MECHANISM, "SCRAM-SHA-256",
                KafkaConnection.SASL_USERNAME, "newsflow",
                KafkaConnection.SASL_PASSWORD, "secret");
        assertThat(KafkaConnection.from(new Settings(complete)).sasl().mechanism()).isEqualTo(SaslMechanism.SCRAM_SHA_256);

        for (String missing : new String[]{KafkaConnection.SASL_MECHANISM, KafkaConnection.SASL_USERNAME, KafkaConnection.SASL_PASSWORD}) {
            Map<String, String> values = new HashMap<>(complete);
            values.remove(missing);
            assertThatThrownBy(() -> KafkaConnection.from(new Settings(values)))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageStartingWith(missing + " is not set")
                    .hasMessageNotContaining("secret");
        }
    }

    @Test
    void unknownValuesAreRefusedByName() {
        assertThatThrownBy(() -> KafkaConnection.from(new Settings(Map.of(KafkaConnection.SECURITY_PROTOCOL, "TLS"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage(KafkaConnection.SECURITY_PROTOCOL + "=TLS is not valid: expected one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
        assertThatThrownBy(() -> KafkaConnection.from(new Settings(Map.of(
                KafkaConnection.SECURITY_PROTOCOL, "SASL_SSL",
                KafkaConnection.SASL_MECHANISM, "GSSAPI",
                KafkaConnection.SASL_USERNAME, "newsflow",
                KafkaConnection.SASL_PASSWORD, "secret"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage(KafkaConnection.SASL_MECHANISM + "=GSSAPI is not valid: expected one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512");
        assertThatThrownBy(() -> KafkaConnection.from(new Settings(Map.of(
                KafkaConnection.SECURITY_PROTOCOL, "SSL",
                KafkaConnection.TRUSTSTORE_LOCATION, dir.resolve("missing.pem").toString()))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith(KafkaConnection.TRUSTSTORE_LOCATION + "=");
    }

    @Test
    void settingsThatTheProtocolWouldIgnoreAreRefused() {
        assertThatThrownBy(() -> KafkaConnection.from(new Settings(Map.of(KafkaConnection.SASL_USERNAME, "newsflow")))).isInstanceOf(InvalidSettingException.class)
                .hasMessage(KafkaConnection.SASL_USERNAME + " is set but " + KafkaConnection.SECURITY_PROTOCOL
                        + "=PLAINTEXT does not use SASL: use SASL_PLAINTEXT or SASL_SSL, or unset it");
        assertThatThrownBy(() -> KafkaConnection.from(new Settings(Map.of(
                KafkaConnection.SECURITY_PROTOCOL, "SASL_PLAINTEXT",
                KafkaConnection.SASL_MECHANISM, "PLAIN",
                KafkaConnection.SASL_USERNAME, "newsflow",
                KafkaConnection.SASL_PASSWORD, "secret",
                KafkaConnection.TRUSTSTORE_LOCATION, "/etc/ca.pem"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith(KafkaConnection.TRUSTSTORE_LOCATION + " is set but " + KafkaConnection.SECURITY_PROTOCOL
                        + "=SASL_PLAINTEXT does not use TLS");
    }

    @Test
    void storesNeedTheRightPasswords() throws IOException {
        Path store = Files.writeString(dir.resolve("store"), "");
        assertThatThrownBy(() -> KafkaConnection.from(new Settings(Map.of(
                KafkaConnection.SECURITY_PROTOCOL, "SSL",
                KafkaConnection.TRUSTSTORE_LOCATION, store.toString()))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith(KafkaConnection.TRUSTSTORE_PASSWORD + " is not set");
        assertThatThrownBy(() -> KafkaConnection.from(new Settings(Map.of(
                KafkaConnection.SECURITY_PROTOCOL, "SSL",
                KafkaConnection.TRUSTSTORE_LOCATION, store.toString(),
                KafkaConnection.TRUSTSTORE_TYPE, "PEM",
                KafkaConnection.TRUSTSTORE_PASSWORD, "secret"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith(KafkaConnection.TRUSTSTORE_PASSWORD + " must not be set")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> KafkaConnection.from(new Settings(Map.of(
                KafkaConnection.SECURITY_PROTOCOL, "SSL",
                KafkaConnection.KEYSTORE_PASSWORD, "secret"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith(KafkaConnection.KEYSTORE_PASSWORD + " is set but " + KafkaConnection.KEYSTORE_LOCATION + " is not");
    }
}
