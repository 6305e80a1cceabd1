package io.newsflow.core.kafka;

import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the Kafka cluster is and how to reach it securely: TLS, SASL, or both. Read from
 * {@code NEWSFLOW_KAFKA_*} variables; passwords never appear in {@link #toString()} or in messages.
 *
 * @param bootstrapServers host:port list
 * @param securityProtocol how the clients talk to the brokers
 * @param sasl             credentials when the protocol uses SASL, else null
 * @param truststore       the CA certificates that sign the brokers' certificates (TLS protocols), or null for the
 *                         JDK's default authorities
 * @param keystore         the client's own certificate for mutual TLS, or null
 */
public record KafkaConnection(String bootstrapServers, SecurityProtocol securityProtocol, Sasl sasl, Store truststore,
                              Store keystore) {

    public static final String BOOTSTRAP_SERVERS = "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS";
    public static final String SECURITY_PROTOCOL = "NEWSFLOW_KAFKA_SECURITY_PROTOCOL";
    public static final String SASL_MECHANISM = "NEWSFLOW_KAFKA_SASL_MECHANISM";
    public static final String SASL_USERNAME = "NEWSFLOW_KAFKA_SASL_USERNAME";
    public static final String SASL_PASSWORD = "NEWSFLOW_KAFKA_SASL_PASSWORD";
    public static final String TRUSTSTORE_LOCATION = "NEWSFLOW_KAFKA_SSL_TRUSTSTORE_LOCATION";
    public static final String TRUSTSTORE_PASSWORD = "NEWSFLOW_KAFKA_SSL_TRUSTSTORE_PASSWORD";
    public static final String TRUSTSTORE_TYPE = "NEWSFLOW_KAFKA_SSL_TRUSTSTORE_TYPE";
    public static final String KEYSTORE_LOCATION = "NEWSFLOW_KAFKA_SSL_KEYSTORE_LOCATION";
    public static final String KEYSTORE_PASSWORD = "NEWSFLOW_KAFKA_SSL_KEYSTORE_PASSWORD";
    public static final String KEYSTORE_TYPE = "NEWSFLOW_KAFKA_SSL_KEYSTORE_TYPE";

    public enum SecurityProtocol {
        PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL;

        public boolean usesSasl() {
            return this == SASL_PLAINTEXT || this == SASL_SSL;
        }

        public boolean usesTls() {
            return this == SSL || this == SASL_SSL;
        }
    }

    public enum SaslMechanism {
        PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule"),
        SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
        SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

        private final String kafkaName;
        private final String loginModule;

        SaslMechanism(String kafkaName, String loginModule) {
            this.kafkaName = kafkaName;
            this.loginModule = loginModule;
        }

        /** The name Kafka uses ({@code sasl.mechanism}). */
        public String kafkaName() {
            return kafkaName;
        }

        String loginModule() {
            return loginModule;
        }
    }

    /** SASL credentials; the password is left out of {@link #toString()}. */
    public record Sasl(SaslMechanism mechanism, String username, String password) {

        /**
         * The client's {@code sasl.jaas.config}. Values are quoted, with backslashes and quotes escaped, so that a
         * password with {@code ;}, {@code =}, {@code "} or spaces in it reaches the login module unchanged.
         */
        public String jaasConfig() {
            return mechanism.loginModule() + " required username=" + quoted(username) + " password=" + quoted(password) + ";";
        }

        private static String quoted(String value) {
            return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }

        @Override
        public String toString() {
            return "Sasl[mechanism=" + mechanism.kafkaName() + ", username=" + username + "]";
        }
    }

    /** A trust or key store file; its password is left out of {@link #toString()}. */
    public record Store(Path location, String password, StoreType type) {

        @Override
        public String toString() {
            return "Store[location=" + location + ", type=" + type + "]";
        }
    }

    public enum StoreType { PEM, PKCS12 }

    /** A plaintext connection, for local brokers and tests. */
    public KafkaConnection(String bootstrapServers) {
        this(bootstrapServers, SecurityProtocol.PLAINTEXT, null, null, null);
    }

    public KafkaConnection {
        if (securityProtocol.usesSasl() != (sasl != null)) {
            throw new IllegalArgumentException("SASL credentials go with a SASL protocol only: " + securityProtocol);
        }
        if (!securityProtocol.usesTls() && (truststore != null || keystore != null)) {
            throw new IllegalArgumentException("trust and key stores go with a TLS protocol only: " + securityProtocol);
        }
    }

    public static KafkaConnection from(Settings settings) {
        String bootstrapServers = settings.string(BOOTSTRAP_SERVERS, "localhost:9092");
        SecurityProtocol protocol = oneOf(settings, SECURITY_PROTOCOL, SecurityProtocol.PLAINTEXT, SecurityProtocol.values(),
                SecurityProtocol::name);
        Sasl sasl = null;
        if (protocol.usesSasl()) {
            SaslMechanism mechanism = oneOf(settings, SASL_MECHANISM, null, SaslMechanism.values(), SaslMechanism::kafkaName);
            if (mechanism == null) {
                throw new InvalidSettingException(SASL_MECHANISM + " is not set: " + SECURITY_PROTOCOL + "=" + protocol
                        + " needs one of " + names(SaslMechanism.values(), SaslMechanism::kafkaName));
            }
            sasl = new Sasl(mechanism,
                    settings.required(SASL_USERNAME, "the SASL user (" + SECURITY_PROTOCOL + "=" + protocol + ")"),
                    settings.required(SASL_PASSWORD, "the SASL user's password (" + SECURITY_PROTOCOL + "=" + protocol + ")"));
        } else {
            rejectUnused(settings, SECURITY_PROTOCOL + "=" + protocol + " does not use SASL: use SASL_PLAINTEXT or SASL_SSL, or unset it",
                    SASL_MECHANISM, SASL_USERNAME, SASL_PASSWORD);
        }
        Store truststore = null;
        Store keystore = null;
        if (protocol.usesTls()) {
            truststore = store(settings, TRUSTSTORE_LOCATION, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE);
            keystore = store(settings, KEYSTORE_LOCATION, KEYSTORE_PASSWORD, KEYSTORE_TYPE);
        } else {
            rejectUnused(settings, SECURITY_PROTOCOL + "=" + protocol + " does not use TLS: use SSL or SASL_SSL, or unset it",
                    TRUSTSTORE_LOCATION, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE,
                    KEYSTORE_LOCATION, KEYSTORE_PASSWORD, KEYSTORE_TYPE);
        }
        return new KafkaConnection(bootstrapServers, protocol, sasl, truststore, keystore);
    }

    /**
     * A store from its three variables, or null when no location is given. Kafka refuses a store password with a
     * PEM trust store, so that is caught here, at start, with the variable's name.
     */
    private static Store store(Settings settings, String locationName, String passwordName, String typeName) {
        String location = settings.string(locationName, null);
        if (location == null) {
            rejectUnused(settings, locationName + " is not: set the store's location too", passwordName, typeName);
            return null;
        }
        Path path = Path.of(location);
        if (!Files.isReadable(path)) {
            throw new InvalidSettingException(locationName + "=" + location + " is not a readable file");
        }
        StoreType type = oneOf(settings, typeName, StoreType.PKCS12, StoreType.values(), StoreType::name);
        String password = settings.string(passwordName, null);
        if (type == StoreType.PKCS12 && password == null) {
            throw new InvalidSettingException(passwordName + " is not set: a PKCS12 store (" + locationName + ") needs its password");
        }
        if (type == StoreType.PEM && password != null && locationName.equals(TRUSTSTORE_LOCATION)) {
            throw new InvalidSettingException(passwordName + " must not be set with " + typeName + "=PEM: PEM trust stores have no password");
        }
        return new Store(path, password, type);
    }

    private static <T> T oneOf(Settings settings, String name, T defaultValue, T[] values, Function<T, String> nameOf) {
        String raw = settings.string(name, null);
        if (raw == null) {
            return defaultValue;
        }
        return Arrays.stream(values)
                .filter(value -> nameOf.apply(value).equals(raw.toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new InvalidSettingException(name + "=" + raw + " is not valid: expected one of " + names(values, nameOf)));
    }

    private static <T> String names(T[] values, Function<T, String> nameOf) {
        return Arrays.stream(values).map(nameOf).collect(Collectors.joining(", "));
    }

    /** A setting that would be silently ignored is a misconfiguration: say so instead of connecting without it. */
    private static void rejectUnused(Settings settings, String why, String... names) {
        Stream.of(names).filter(name -> settings.string(name, null) != null).findFirst().ifPresent(name -> {
            throw new InvalidSettingException(name + " is set but " + why);
        });
    }

    @Override
    public String toString() {
        return "KafkaConnection[bootstrapServers=" + bootstrapServers + ", securityProtocol=" + securityProtocol
                + (sasl == null ? "" : ", sasl=" + sasl)
                + (truststore == null ? "" : ", truststore=" + truststore)
                + (keystore == null ? "" : ", keystore=" + keystore) + "]";
    }
}
