package io.newsflow.deploy.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.newsflow.core.http.TrustedCertificates;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A single Elasticsearch node (loopback only; security off unless {@link Config#security()} is given) run from the
 * distribution the build copied to {@code deploy/target/elasticsearch}, unpacked once into the install directory. Its
 * directory holds its own {@code config/}, {@code data/}, {@code logs/} and {@code tmp/}. When this process is root the
 * node runs as a dedicated system user, since Elasticsearch refuses root.
 *
 * <p>{@code bin/elasticsearch} starts a small launcher JVM, which starts the server JVM as its child. When the launcher
 * is killed with -9 the server notices its closed stdin and shuts down cleanly, so a real crash must kill the server
 * JVM itself: {@link #pid()} is the server's pid, and {@link #stop()} and {@link #kill()} signal it first.
 */
public final class ElasticsearchNode implements LocalServer {

    /**
     * @param dir           the node's directory (config, data, logs, tmp)
     * @param httpPort      HTTP port on 127.0.0.1
     * @param transportPort transport port on 127.0.0.1
     * @param heap          JVM heap (-Xms and -Xmx), e.g. {@code 512m}
     * @param startTimeout  how long the node may take to answer
     * @param zip           the distribution
     * @param installDir    where the distribution is unpacked, once
     * @param version       the distribution's version
     * @param systemUser    the user the node runs as when this process is root
     * @param security      security with HTTPS and the {@code elastic} user, or null for plain HTTP without security
     */
    public record Config(Path dir, int httpPort, int transportPort, String heap, Duration startTimeout,
                         Path zip, Path installDir, String version, String systemUser, HttpsSecurity security) {

        /** A node with security off, on plain HTTP. */
        public Config(Path dir, int httpPort, int transportPort, String heap, Duration startTimeout,
                      Path zip, Path installDir, String version, String systemUser) {
            this(dir, httpPort, transportPort, heap, startTimeout, zip, installDir, version, systemUser, null);
        }

        /** The node of a local stack with {@code options}: the bundled version, its files in {@code elasticsearch/} of the data directory. */
        public static Config of(StackOptions options) {
            StackArtifacts artifacts = options.artifactsDir() == null
                    ? StackArtifacts.locate() : new StackArtifacts(options.artifactsDir());
            String version = ServerVersions.bundled().elasticsearch();
            return new Config(options.dataDir().resolve("elasticsearch"), options.elasticsearchPort(),
                    options.elasticsearchTransportPort(), options.heap(), options.startTimeout(), artifacts.elasticsearchZip(version),
                    options.installDir(), version, options.elasticsearchUser());
        }
    }

    /**
     * Security on, HTTPS on the HTTP port, and the built-in {@code elastic} superuser with a known password, so that
     * clients configured for a secured cluster can be tested against a real node. The transport layer stays plain: on
     * a node bound to loopback only, the "transport SSL must be enabled" bootstrap check is a warning in its log, not
     * a refusal to start.
     *
     * @param keystore         PKCS12 file with the node's HTTPS key and certificate (copied into the node's config)
     * @param keystorePassword its password
     * @param caCertificate    PEM file with the certificate that signs (or is) the node's certificate: the readiness
     *                         probe trusts only it
     * @param elasticPassword  the {@code elastic} user's password (its bootstrap password, kept in the node's keystore)
     */
    public record HttpsSecurity(Path keystore, String keystorePassword, Path caCertificate, String elasticPassword) {

        @Override
        public String toString() {
            return "HttpsSecurity[keystore=" + keystore + ", caCertificate=" + caCertificate + "]";
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchNode.class);
    private static final String SERVER_MAIN_CLASS = "org.elasticsearch.bootstrap.Elasticsearch";
    private static final String HTTPS_KEYSTORE = "http.p12";
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(1);

    private final Config config;
    private HttpClient probeClient;
    private final ServerLifecycle lifecycle = new ServerLifecycle("Elasticsearch", log);

    public ElasticsearchNode(Config config) {
        this.config = config;
    }

    /** {@code http://127.0.0.1:PORT}, or {@code https://} with security on. */
    public URI url() {
        return URI.create((config.security() == null ? "http" : "https") + "://" + Ports.LOOPBACK.getHostAddress() + ":" + config.httpPort());
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        long started = System.nanoTime();
        Ports.requireFree(config.httpPort(), "Elasticsearch",
                "elasticsearchPort in StackOptions (the local run: --elasticsearch-port or NEWSFLOW_ES_PORT)");
        Ports.requireFree(config.transportPort(), "Elasticsearch's transport",
                "elasticsearchTransportPort in StackOptions (the local run: --elasticsearch-transport-port or NEWSFLOW_ES_TRANSPORT_PORT)");
        Path home = ElasticsearchInstall.ensureUnpacked(config.zip(), config.installDir(), config.version());
        SystemUser user = SystemUser.currentIsRoot() ? SystemUser.ensure(config.systemUser()) : null;
        prepareDirectories(home);
        Path javaHome = Path.of(System.getProperty("java.home"));
        probeClient = probeClient();
        if (config.security() != null) {
            writeSecureSettings(home, javaHome);
        }
        if (user != null) {
            requireReachable(user, config.dir(), "its data directory",
                    "Choose a data directory outside it (dataDir in StackOptions; the local run: --data-dir or NEWSFLOW_STACK_DIR).");
            requireReachable(user, home, "the unpacked distribution",
                    "Choose an install directory outside it (installDir in StackOptions; the local run: --install-dir or NEWSFLOW_INSTALL_DIR).");
            requireReachable(user, javaHome, "the JDK that runs it (the one running this JVM)",
                    "Run with a JDK installed for all users, e.g. under /usr/lib/jvm.");
            user.own(home);
            user.own(config.dir());
        }
        log.info("Elasticsearch: starting on {}{} (log: {})", url(), user == null ? "" : " as system user " + user.name(), logFile());
        Process launcher = ProcessLauncher.start(List.of(home.resolve("bin").resolve("elasticsearch").toString()),
                config.dir().resolve("logs"),
                Map.of("ES_JAVA_HOME", javaHome.toString(),
                        "ES_PATH_CONF", configDir().toString(),
                        "ES_TMPDIR", config.dir().resolve("tmp").toString(),
                        // Without pre-touching, the heap is resident only as far as it is used: a smaller, faster-starting
                        // node for local runs and tests, next to several other JVMs on one machine.
                        "ES_JAVA_OPTS", "-Xms" + config.heap() + " -Xmx" + config.heap() + " -XX:-AlwaysPreTouch"),
                // The launcher script warns about (and ignores) these; they must not reach the server JVM either.
                List.of("JAVA_HOME", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JAVA_OPTS"),
                logFile(), user);
        ServerProcess process = lifecycle.launched(launcher, logFile());
        log.info("Elasticsearch: waiting for the node (launcher pid {}) to answer", launcher.pid());
        process.awaitReady(this::answers, config.startTimeout(), started);
        serverJvm(process.launcher()).ifPresentOrElse(process::signalTarget, () -> log.warn(
                "Elasticsearch: cannot find the server JVM under launcher pid {}; signals go to the launcher", launcher.pid()));
        log.info("Elasticsearch: up on {} in {} s (pid {})", url(), ServerProcess.secondsSince(started), process.pid());
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
        return config.dir().resolve("logs").resolve("console.log");
    }

    private Path configDir() {
        return config.dir().resolve("config");
    }

    /** The node's own config (from the distribution's, once; elasticsearch.yml on every start), data, logs and tmp. */
    private void prepareDirectories(Path home) {
        try {
            for (String sub : List.of("config", "data", "logs", "tmp")) {
                ElasticsearchInstall.createOpenDirectories(config.dir().resolve(sub));
            }
            if (!Files.exists(configDir().resolve("jvm.options"))) {
                try (Stream<Path> files = Files.walk(home.resolve("config"))) {
                    for (Path source : (Iterable<Path>) files::iterator) {
                        Path target = configDir().resolve(home.resolve("config").relativize(source).toString());
                        if (Files.isDirectory(source)) {
                            Files.createDirectories(target);
                        } else if (!Files.exists(target)) {
                            Files.copy(source, target);
                        }
                    }
                }
            }
            Files.writeString(configDir().resolve("elasticsearch.yml"), String.join("\n",
                    "# Written by " + ElasticsearchNode.class.getName() + " on every start.",
                    "cluster.name: newsflow-local",
                    "node.name: newsflow-local-1",
                    "path.data: " + yamlString(config.dir().resolve("data")),
                    "path.logs: " + yamlString(config.dir().resolve("logs")),
                    "network.host: " + Ports.LOOPBACK.getHostAddress(),
                    "http.port: " + config.httpPort(),
                    "transport.port: " + config.transportPort(),
                    "discovery.type: single-node",
                    securitySettings(),
                    // A nearly full disk on a developer machine must not turn the indices read-only.
                    "cluster.routing.allocation.disk.threshold_enabled: false",
                    ""));
        } catch (IOException e) {
            throw new StackStartException("Cannot prepare Elasticsearch's directory " + config.dir() + ": " + e.getMessage(), e);
        }
    }

    private String securitySettings() {
        if (config.security() == null) {
            return "xpack.security.enabled: false";
        }
        return String.join("\n",
                "xpack.security.enabled: true",
                "xpack.security.http.ssl.enabled: true",
                "xpack.security.http.ssl.keystore.path: " + HTTPS_KEYSTORE);
    }

    /**
     * The HTTPS keystore next to elasticsearch.yml (the server may read only files under its config directory), and
     * a fresh {@code elasticsearch.keystore} with the passwords that must not stand in elasticsearch.yml.
     */
    private void writeSecureSettings(Path home, Path javaHome) {
        HttpsSecurity security = config.security();
        try {
            Files.copy(security.keystore(), configDir().resolve(HTTPS_KEYSTORE), StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(configDir().resolve("elasticsearch.keystore"));
        } catch (IOException e) {
            throw new StackStartException("Cannot copy the HTTPS keystore " + security.keystore() + " into " + configDir() + ": " + e.getMessage(), e);
        }
        addSecureSetting(home, javaHome, "bootstrap.password", security.elasticPassword());
        addSecureSetting(home, javaHome, "xpack.security.http.ssl.keystore.secure_password", security.keystorePassword());
    }

    /** {@code bin/elasticsearch-keystore add}, the value on stdin (never on the command line); creates the keystore. */
    private void addSecureSetting(Path home, Path javaHome, String setting, String value) {
        List<String> command = List.of(home.resolve("bin").resolve("elasticsearch-keystore").toString(), "add", "--force", "--stdin", setting);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME");
        builder.environment().put("ES_JAVA_HOME", javaHome.toString());
        builder.environment().put("ES_PATH_CONF", configDir().toString());
        try {
            Process process = builder.start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write((value + "\n").getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new StackStartException("elasticsearch-keystore did not finish within " + TOOL_TIMEOUT.toSeconds()
                        + " s while adding " + setting + " in " + configDir());
            }
            if (process.exitValue() != 0) {
                throw new StackStartException("elasticsearch-keystore could not add " + setting + " in " + configDir()
                        + " (exit " + process.exitValue() + (output.isEmpty() ? "" : ": " + output) + ")");
            }
        } catch (IOException e) {
            throw new StackStartException("Cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("Interrupted while adding " + setting + " to Elasticsearch's keystore", e);
        }
    }

    /** Plain HTTP, or HTTPS that trusts only the node's CA certificate. */
    private HttpClient probeClient() {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1));
        if (config.security() != null) {
            builder.sslContext(trusting(config.security().caCertificate()));
        }
        return builder.build();
    }

    private static SSLContext trusting(Path caCertificate) {
        try {
            return TrustedCertificates.sslContext(caCertificate);
        } catch (IOException | GeneralSecurityException e) {
            throw new StackStartException("Cannot use " + caCertificate + " as Elasticsearch's CA certificate (expected PEM): " + e.getMessage(), e);
        }
    }

    private static void requireReachable(SystemUser user, Path path, String what, String remedy) {
        String blocking = user.blockingDirectory(path);
        if (blocking != null) {
            throw new StackStartException("Elasticsearch runs as the system user " + user.name() + " (it refuses root), which"
                    + " cannot reach " + what + " at " + path + ": " + blocking + " is closed to other users. " + remedy);
        }
    }

    /**
     * The node answers a cluster health request that waits for yellow, as the {@code elastic} user with security on.
     * ({@code GET /} answers 405 on this distribution.)
     */
    private boolean answers() {
        HttpRequest.Builder request = HttpRequest.newBuilder(url().resolve("/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(3))
                .GET();
        if (config.security() != null) {
            String credentials = "elastic:" + config.security().elasticPassword();
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return probeClient.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("Interrupted while waiting for Elasticsearch", e);
        }
    }

    /** The server JVM among the launcher's descendants: the one whose main class is Elasticsearch's bootstrap. */
    private static Optional<ProcessHandle> serverJvm(ProcessHandle launcher) {
        List<ProcessHandle> descendants = launcher.descendants().filter(ServerProcess::running).toList();
        return descendants.stream()
                .filter(handle -> handle.info().arguments()
                        .map(arguments -> Arrays.stream(arguments).anyMatch(a -> a.endsWith(SERVER_MAIN_CLASS)))
                        .orElse(false))
                .findFirst()
                .or(() -> descendants.size() == 1 ? Optional.of(descendants.getFirst()) : Optional.empty());
    }

    private static String yamlString(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
