package io.newsflow.deploy.cli;

import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.TopicSetup;
import io.newsflow.deploy.demo.DemoSite;
import io.newsflow.deploy.run.Progress;
import io.newsflow.deploy.run.ProgressMonitor;
import io.newsflow.deploy.run.ServiceProcess;
import io.newsflow.deploy.stack.Stack;
import io.newsflow.deploy.stack.StackOptions;
import io.newsflow.deploy.stack.Stacks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./newsflow up}: the whole pipeline on this machine. Starts a real Kafka broker and Elasticsearch node,
 * the three services as child JVMs, subscribes to the feed list, and shows progress until Ctrl-C.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline locally: Kafka, Elasticsearch and the three services.",
                "Ctrl-C stops everything; data stays in the data directory for the next run."})
final class UpCommand implements Callable<Integer> {

    private static final String INDEX_ALIAS = "news-articles";

    @Option(names = "--demo", description = "Serve bundled sample feeds and article pages from a local web server and subscribe to them (no internet needed).")
    boolean demo;

    @Option(names = "--demo-port", description = "Port of the demo site on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
    int demoPort = 8088;

    @Option(names = "--feeds", paramLabel = "FILE", description = "Feed list to subscribe to (OPML, JSON or YAML). Default: deploy/feeds.opml.")
    Path feeds;

    @Option(names = "--poll-interval", paramLabel = "DURATION", description = "How often each feed is polled, e.g. 30s, 5m. Default: 5m (1m with --demo).")
    String pollInterval;

    @Option(names = "--kafka-port", description = "Kafka's port on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
    int kafkaPort = StackOptions.KAFKA_PORT;

    @Option(names = "--kafka-controller-port", description = "The KRaft controller's port on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
    int kafkaControllerPort = StackOptions.KAFKA_CONTROLLER_PORT;

    @Option(names = "--elasticsearch-port", description = "Elasticsearch's HTTP port on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
    int elasticsearchPort = StackOptions.ELASTICSEARCH_PORT;

    @Option(names = "--elasticsearch-transport-port", description = "Elasticsearch's transport port on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
    int elasticsearchTransportPort = StackOptions.ELASTICSEARCH_TRANSPORT_PORT;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where Kafka, Elasticsearch and the services keep data and logs. Default: /var/tmp/newsflow/stack as root, else ~/.newsflow/stack.")
    Path dataDir;

    @Option(names = "--exit-when-caught-up", description = "Stop everything and exit once every ingested article is indexed or dead-lettered (for scripts).")
    boolean exitWhenCaughtUp;

    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<ServiceProcess> services = new ArrayList<>();
    private Stack stack;
    private DemoSite demoSite;

    @Override
    public Integer call() throws Exception {
        Path home = Path.of(System.getProperty("newsflow.home", "."));
        StackOptions options = StackOptions.standard()
                .withPorts(kafkaPort, kafkaControllerPort, elasticsearchPort, elasticsearchTransportPort);
        if (dataDir != null) {
            options = options.withDataDir(dataDir);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "newsflow-shutdown"));
        try {
            say("starting Kafka on 127.0.0.1:%d and Elasticsearch on 127.0.0.1:%d (data in %s)",
                    kafkaPort, elasticsearchPort, options.dataDir());
            stack = Stacks.start(options);
            KafkaConnection kafka = new KafkaConnection(stack.kafkaBootstrapServers());
            TopicSetup.ensureTopics(kafka, new TopicSetup.Layout(3, (short) 1));

            Path feedList = feedList(home, options.dataDir());
            Path logs = options.dataDir().resolve("logs");
            for (String name : List.of("index-service", "enrich-service", "ingest-service")) {
                Map<String, String> env = serviceEnvironment(options.dataDir(), feedList, name);
                services.add(ServiceProcess.start(home, name, env, logs));
                say("started %s (pid %d, log %s, health and metrics on http://127.0.0.1:%s)",
                        name, services.getLast().pid(), services.getLast().logFile(), env.get("NEWSFLOW_HTTP_PORT"));
            }
            say("subscribed to the feeds in %s; Ctrl-C stops everything", feedList);
            return watch(new KafkaConnection(stack.kafkaBootstrapServers()));
        } catch (RuntimeException | IOException e) {
            System.err.println("newsflow: " + e.getMessage());
            return 1;
        } finally {
            shutdown();
        }
    }

    private Path feedList(Path home, Path data) throws IOException {
        if (!demo) {
            Path list = feeds != null ? feeds : home.resolve("deploy").resolve("feeds.opml");
            if (!Files.isReadable(list)) {
                throw new IOException("cannot read the feed list " + list + ": give one with --feeds FILE, or try --demo");
            }
            return list.toAbsolutePath();
        }
        demoSite = DemoSite.start("demo", demoPort);
        say("demo site with sample feeds at %s", demoSite.base());
        Files.createDirectories(data);
        Path list = data.resolve("demo-feeds.opml");
        Files.writeString(list, demoSite.render("feeds.opml"));
        return list;
    }

    private Map<String, String> serviceEnvironment(Path data, Path feedList, String service) {
        Map<String, String> env = new HashMap<>();
        // All three run on this host, so each serves /health/live, /health/ready and /metrics on a port of its own.
        env.put("NEWSFLOW_HTTP_HOST", "127.0.0.1");
        // The logs in the data directory are for the person running this; deployments ship ECS JSON instead.
        env.put("NEWSFLOW_LOG_FORMAT", "text");
        env.put("NEWSFLOW_HTTP_PORT", switch (service) {
            case "ingest-service" -> "8081";
            case "enrich-service" -> "8082";
            case "index-service" -> "8083";
            default -> throw new IllegalArgumentException("no port for " + service);
        });
        env.put(KafkaConnection.BOOTSTRAP_SERVERS, stack.kafkaBootstrapServers());
        env.put("NEWSFLOW_ELASTICSEARCH_URL", stack.elasticsearchUrl().toString());
        env.put("NEWSFLOW_FEEDS", feedList.toString());
        env.put("NEWSFLOW_POLL_INTERVAL", pollInterval != null ? pollInterval : demo ? "1m" : "5m");
        env.put("NEWSFLOW_ENRICH_STATE_DIR", data.resolve("enrich-state").toString());
        if (demo) {
            // The demo site is on 127.0.0.1, which the fetcher refuses by default.
            env.put("NEWSFLOW_FETCH_ALLOW_PRIVATE", "true");
        }
        return env;
    }

    private int watch(KafkaConnection kafka) throws InterruptedException {
        boolean interactive = System.console() != null;
        String shown = "";
        boolean announced = false;
        try (ProgressMonitor monitor = new ProgressMonitor(kafka, stack.elasticsearchUrl(), INDEX_ALIAS)) {
            while (!stopping.get()) {
                for (ServiceProcess service : services) {
                    if (!service.isAlive() && !stopping.get()) {
                        System.err.printf("%nnewsflow: %s stopped unexpectedly; see its log %s%n", service.name(), service.logFile());
                        return 1;
                    }
                }
                Progress progress = monitor.poll();
                String line = progress.line();
                if (!line.equals(shown)) {
                    System.out.print(interactive ? "\r" + line + "   " : line + System.lineSeparator());
                    shown = line;
                }
                if (progress.caughtUp() && !announced) {
                    announced = true;
                    System.out.printf("%n%d articles are searchable. Try:%n"
                                    + "  curl -s '%s/%s/_search?q=NATO&pretty'%n"
                                    + "  curl -s '%s/%s/_search?pretty' -H 'Content-Type: application/json' -d '{\"query\":{\"term\":{\"citedSourceKinds\":\"OUTLET\"}}}'%n",
                            progress.indexed(), stack.elasticsearchUrl(), INDEX_ALIAS, stack.elasticsearchUrl(), INDEX_ALIAS);
                    monitor.failingFeeds().forEach((url, error) -> System.out.printf("  feed failing: %s (%s)%n", url, error));
                    if (exitWhenCaughtUp) {
                        return 0;
                    }
                }
                Thread.sleep(Duration.ofSeconds(2));
            }
        }
        return 0;
    }

    /** Stops the services first (so they finish their work), then the servers. Safe to call twice. */
    private void shutdown() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        try {
            for (ServiceProcess service : services.reversed()) {
                say("stopping %s", service.name());
                service.close();
            }
            if (demoSite != null) {
                demoSite.close();
            }
            if (stack != null) {
                say("stopping Kafka and Elasticsearch");
                stack.close();
            }
        } finally {
            stopped.countDown();
        }
    }

    private void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void say(String format, Object... args) {
        System.out.printf("newsflow: " + format + "%n", args);
    }
}
