package io.newsflow.deploy.stack;

import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A single-node Kafka cluster in KRaft mode (broker and controller in one JVM), run as a child JVM from the jars the
 * build copied to {@code deploy/target/kafka-broker/lib}. Its directory holds {@code server.properties}, the log
 * configuration, the formatted storage ({@code data/}) and the log ({@code kafka.log}).
 */
public final class KafkaBroker implements LocalServer {

    /**
     * @param dir            the broker's directory (storage, configuration, log)
     * @param port           client listener on 127.0.0.1
     * @param controllerPort KRaft controller listener on 127.0.0.1
     * @param heap           JVM heap, e.g. {@code 512m}
     * @param startTimeout   how long the broker may take to answer
     * @param libs           the broker's class path directory
     * @param scram          an extra SASL listener, or null for the plaintext one only
     */
    public record Config(Path dir, int port, int controllerPort, String heap, Duration startTimeout, Path libs,
                         ScramListener scram) {

        /** A broker with its plaintext listener only. */
        public Config(Path dir, int port, int controllerPort, String heap, Duration startTimeout, Path libs) {
            this(dir, port, controllerPort, heap, startTimeout, libs, null);
        }
    }

    /**
     * A second client listener, named {@code SASL}, that authenticates with SCRAM-SHA-512 or PLAIN over plaintext, so that
     * clients configured for SASL can be tested against a real broker. The user is created when the storage is
     * formatted (the first start in an empty directory); SCRAM credentials live in the cluster metadata after that.
     *
     * @param port     listener on 127.0.0.1
     * @param username the one user (SCRAM and PLAIN)
     * @param password its password (letters, digits, '.', '_', '-': the format tool's syntax has no quoting)
     */
    public record ScramListener(int port, String username, String password) {

        private static final Pattern PLAIN_TOKEN = Pattern.compile("[A-Za-z0-9._-]+");

        public ScramListener {
            if (!PLAIN_TOKEN.matcher(username).matches() || !PLAIN_TOKEN.matcher(password).matches()) {
                throw new IllegalArgumentException("SCRAM user name and password may hold letters, digits, '.', '_' and '-' only");
            }
        }

        @Override
        public String toString() {
            return "ScramListener[port=" + port + ", username=" + username + "]";
        }
    }

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Duration FORMAT_TIMEOUT = Duration.ofMinutes(2);

    private final Config config;
    private final ServerLifecycle lifecycle = new ServerLifecycle("Kafka", log);

    public KafkaBroker(Config config) {
        this.config = config;
    }

    /** {@code 127.0.0.1:PORT}. */
    public String bootstrapServers() {
        return Ports.LOOPBACK.getHostAddress() + ":" + config.port();
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        long started = System.nanoTime();
        Ports.requireFree(config.port(), "Kafka", "kafkaPort in StackOptions (the local run: --kafka-port or NEWSFLOW_KAFKA_PORT)");
        Ports.requireFree(config.controllerPort(), "Kafka's KRaft controller",
                "kafkaControllerPort in StackOptions (the local run: --kafka-controller-port or NEWSFLOW_KAFKA_CONTROLLER_PORT)");
        if (config.scram() != null) {
            Ports.requireFree(config.scram().port(), "Kafka's SASL listener", "the port of KafkaBroker.ScramListener");
        }
        writeConfiguration();
        if (!Files.exists(dataDir().resolve("meta.properties"))) {
            format();
        }
        log.info("Kafka: starting the broker on {} (log: {})", bootstrapServers(), logFile());
        ServerProcess process = lifecycle.launched(ProcessLauncher.start(
                javaCommand(List.of("-Xms" + config.heap(), "-Xmx" + config.heap(), "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
                        "-Djava.awt.headless=true"), "kafka.Kafka", serverProperties().toString()),
                config.dir(), Map.of(), List.of(), logFile(), null), logFile());
        log.info("Kafka: waiting for the broker (pid {}) to answer", process.pid());
        process.awaitReady(this::answers, config.startTimeout(), started);
        log.info("Kafka: up on {} in {} s (pid {})", bootstrapServers(), ServerProcess.secondsSince(started), process.pid());
    }

    @Override
    public synchronized void stop() {
        lifecycle.stop();
    }

    @Override
    public synchronized void kill() {
        lifecycle.kill();
    }

    @Override
    public synchronized boolean isRunning() {
        return lifecycle.isRunning();
    }

    @Override
    public synchronized long pid() {
        return lifecycle.pid();
    }

    @Override
    public Path logFile() {
        return config.dir().resolve("kafka.log");
    }

    private Path dataDir() {
        return config.dir().resolve("data");
    }

    private Path serverProperties() {
        return config.dir().resolve("server.properties");
    }

    private Path log4jProperties() {
        return config.dir().resolve("log4j2.properties");
    }

    /** Written on every start, so that changed ports apply; the storage itself keeps only the cluster and node ids. */
    private void writeConfiguration() {
        String host = Ports.LOOPBACK.getHostAddress();
        String clientListeners = "PLAINTEXT://" + host + ":" + config.port();
        String protocolMap = "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT";
        List<String> scramLines = List.of();
        if (config.scram() != null) {
            clientListeners += ",SASL://" + host + ":" + config.scram().port();
            protocolMap += ",SASL:SASL_PLAINTEXT";
            // The broker's own login entry needs no credentials: it only checks clients against the stored ones.
            scramLines = List.of(
                    "listener.name.sasl.sasl.enabled.mechanisms=SCRAM-SHA-512,PLAIN",
                    "listener.name.sasl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
                    // PLAIN checks the same user against the broker's own list (the characters are restricted above).
                    "listener.name.sasl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_"
                            + config.scram().username() + "=\"" + config.scram().password() + "\";");
        }
        List<String> lines = new ArrayList<>(List.of(
                "# Written by " + KafkaBroker.class.getName() + " on every start.",
                "process.roles=broker,controller",
                "node.id=1",
                // A static voter set: the controller's address is not stored in the metadata log, so ports may change.
                "controller.quorum.voters=1@" + host + ":" + config.controllerPort(),
                "listeners=" + clientListeners + ",CONTROLLER://" + host + ":" + config.controllerPort(),
                "advertised.listeners=" + clientListeners,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=" + protocolMap,
                "log.dirs=" + dataDir(),
                "num.partitions=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // After a crash the restarted controller keeps the dead broker's registration until its session
                // expires (default 9 s), refusing the new one meanwhile: a shorter session brings a crashed broker
                // back sooner. Heartbeats go over loopback inside one JVM, so 1 s of 4 s leaves room for pauses.
                "broker.session.timeout.ms=4000",
                "broker.heartbeat.interval.ms=1000",
                // Topics are created by the pipeline with explicit settings (TopicSetup), never by a typo.
                "auto.create.topics.enable=false"));
        lines.addAll(scramLines);
        lines.add("");
        String properties = String.join("\n", lines);
        try {
            Files.createDirectories(config.dir());
            Files.writeString(serverProperties(), properties);
            try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka-log4j2.properties")) {
                if (in == null) {
                    throw new IllegalStateException("kafka-log4j2.properties is missing from the deploy module's resources");
                }
                Files.copy(in, log4jProperties(), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new StackStartException("Cannot write Kafka's configuration to " + config.dir() + ": " + e.getMessage(), e);
        }
    }

    private void format() {
        long started = System.nanoTime();
        String clusterId = Uuid.randomUuid().toString();
        log.info("Kafka: formatting the storage in {} (cluster id {})", dataDir(), clusterId);
        List<String> arguments = new ArrayList<>(List.of("format", "--cluster-id", clusterId, "--config", serverProperties().toString()));
        if (config.scram() != null) {
            arguments.addAll(List.of("--add-scram",
                    "SCRAM-SHA-512=[name=" + config.scram().username() + ",password=" + config.scram().password() + "]"));
        }
        Process format = ProcessLauncher.start(
                javaCommand(List.of("-Xmx256m"), "kafka.tools.StorageTool", arguments.toArray(String[]::new)),
                config.dir(), Map.of(), List.of(), logFile(), null);
        try {
            if (!format.waitFor(FORMAT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                format.destroyForcibly();
                throw new StackStartException("Formatting Kafka's storage did not finish within " + FORMAT_TIMEOUT.toSeconds()
                        + " s. " + LogTail.describe(logFile()));
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new StackStartException("Interrupted while formatting Kafka's storage", e);
        }
        if (format.exitValue() != 0) {
            throw new StackStartException("Formatting Kafka's storage in " + dataDir() + " failed (exit code " + format.exitValue()
                    + "). " + LogTail.describe(logFile()));
        }
        log.info("Kafka: storage formatted in {} s", ServerProcess.secondsSince(started));
    }

    private List<String> javaCommand(List<String> jvmOptions, String mainClass, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dlog4j2.configurationFile=" + log4jProperties());
        command.add("-cp");
        command.add(config.libs().resolve("*").toString());
        command.add(mainClass);
        command.addAll(List.of(arguments));
        return command;
    }

    /** The broker answers an Admin client (its port accepting connections comes first, to keep client logs quiet). */
    private boolean answers() {
        if (!Ports.accepts(config.port())) {
            return false;
        }
        Map<String, Object> adminConfig = KafkaConfigs.admin(new KafkaConnection(bootstrapServers()), "newsflow-stack-readiness");
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        try (Admin admin = Admin.create(adminConfig)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("Interrupted while waiting for Kafka", e);
        }
    }
}
