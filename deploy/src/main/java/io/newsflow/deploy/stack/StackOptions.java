package io.newsflow.deploy.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run the stack.
 *
 * @param kafkaPort                  Kafka's client listener on 127.0.0.1
 * @param kafkaControllerPort        the KRaft controller listener on 127.0.0.1
 * @param elasticsearchPort          Elasticsearch's HTTP port on 127.0.0.1
 * @param elasticsearchTransportPort Elasticsearch's transport port on 127.0.0.1
 * @param dataDir                    holds {@code kafka/} and {@code elasticsearch/} (data, config, logs); reused by the next run
 * @param installDir                 where the Elasticsearch distribution is unpacked, once, shared by every stack
 * @param artifactsDir               the deploy module's build output with the servers' files; {@code null}: found automatically
 * @param heap                       heap of each server JVM, e.g. {@code 512m}
 * @param startTimeout               how long each server may take to answer
 * @param elasticsearchUser          the system user Elasticsearch runs as when this process runs as root (it refuses root)
 */
public record StackOptions(
        int kafkaPort,
        int kafkaControllerPort,
        int elasticsearchPort,
        int elasticsearchTransportPort,
        Path dataDir,
        Path installDir,
        Path artifactsDir,
        String heap,
        Duration startTimeout,
        String elasticsearchUser) {

    public static final int KAFKA_PORT = 9092;
    public static final int KAFKA_CONTROLLER_PORT = 9093;
    public static final int ELASTICSEARCH_PORT = 9200;
    public static final int ELASTICSEARCH_TRANSPORT_PORT = 9300;
    public static final String DEFAULT_HEAP = "512m";
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(3);
    public static final String DEFAULT_ELASTICSEARCH_USER = "newsflow-es";

    public StackOptions {
        requirePort(kafkaPort, "kafkaPort");
        requirePort(kafkaControllerPort, "kafkaControllerPort");
        requirePort(elasticsearchPort, "elasticsearchPort");
        requirePort(elasticsearchTransportPort, "elasticsearchTransportPort");
        dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
        installDir = Objects.requireNonNull(installDir, "installDir").toAbsolutePath().normalize();
        artifactsDir = artifactsDir == null ? null : artifactsDir.toAbsolutePath().normalize();
        if (heap == null || !heap.matches("[1-9][0-9]*[kKmMgG]")) {
            throw new IllegalArgumentException("heap=" + heap + " is not a JVM heap size such as 512m or 1g");
        }
        if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive, got " + startTimeout);
        }
        if (elasticsearchUser == null || !elasticsearchUser.matches("[a-z_][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("elasticsearchUser=" + elasticsearchUser + " is not a valid system user name");
        }
    }

    /** The standard ports (Kafka 9092, Elasticsearch 9200) and the default directories: the local run. */
    public static StackOptions standard() {
        return new StackOptions(KAFKA_PORT, KAFKA_CONTROLLER_PORT, ELASTICSEARCH_PORT, ELASTICSEARCH_TRANSPORT_PORT,
                defaultBaseDir().resolve("stack"), defaultBaseDir(), null,
                DEFAULT_HEAP, DEFAULT_START_TIMEOUT, DEFAULT_ELASTICSEARCH_USER);
    }

    /** Four free ports, so that a test stack never clashes with a running local stack, and the given data directory. */
    public static StackOptions freePorts(Path dataDir) {
        int[] ports = Ports.free(4);
        return new StackOptions(ports[0], ports[1], ports[2], ports[3], dataDir, defaultBaseDir(), null,
                DEFAULT_HEAP, DEFAULT_START_TIMEOUT, DEFAULT_ELASTICSEARCH_USER);
    }

    /**
     * {@code ~/.newsflow}, except for root (or a home under {@code /root}): {@code /var/tmp/newsflow}, because
     * Elasticsearch then runs as another user, who cannot enter {@code /root}.
     */
    public static Path defaultBaseDir() {
        return defaultBaseDir(System.getProperty("user.home"), SystemUser.currentIsRoot());
    }

    static Path defaultBaseDir(String home, boolean root) {
        boolean rootHome = home == null || home.equals("/root") || home.startsWith("/root/");
        return root || rootHome ? Path.of("/var/tmp/newsflow") : Path.of(home, ".newsflow");
    }

    public StackOptions withDataDir(Path dir) {
        return new StackOptions(kafkaPort, kafkaControllerPort, elasticsearchPort, elasticsearchTransportPort,
                dir, installDir, artifactsDir, heap, startTimeout, elasticsearchUser);
    }

    public StackOptions withInstallDir(Path dir) {
        return new StackOptions(kafkaPort, kafkaControllerPort, elasticsearchPort, elasticsearchTransportPort,
                dataDir, dir, artifactsDir, heap, startTimeout, elasticsearchUser);
    }

    public StackOptions withHeap(String size) {
        return new StackOptions(kafkaPort, kafkaControllerPort, elasticsearchPort, elasticsearchTransportPort,
                dataDir, installDir, artifactsDir, size, startTimeout, elasticsearchUser);
    }

    public StackOptions withStartTimeout(Duration timeout) {
        return new StackOptions(kafkaPort, kafkaControllerPort, elasticsearchPort, elasticsearchTransportPort,
                dataDir, installDir, artifactsDir, heap, timeout, elasticsearchUser);
    }

    public StackOptions withPorts(int kafka, int kafkaController, int elasticsearch, int elasticsearchTransport) {
        return new StackOptions(kafka, kafkaController, elasticsearch, elasticsearchTransport,
                dataDir, installDir, artifactsDir, heap, startTimeout, elasticsearchUser);
    }

    private static void requirePort(int port, String name) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + "=" + port + " is not a TCP port (1-65535)");
        }
    }
}
