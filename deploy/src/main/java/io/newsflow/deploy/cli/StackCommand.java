package io.newsflow.deploy.cli;

import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.deploy.stack.LocalStack;
import io.newsflow.deploy.stack.ServerVersions;
import io.newsflow.deploy.stack.StackOptions;
import io.newsflow.deploy.stack.StackStartException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the process stack for developers: a Kafka broker and an Elasticsearch node on the standard ports (or the given
 * ones), until Ctrl-C. Data stays in the data directory for the next run.
 */
@Command(name = "stack", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = StackCommand.Versions.class,
        description = {"Starts a real Kafka broker (KRaft) and a real Elasticsearch node as child processes (no Docker)"
                + " and keeps them running until Ctrl-C. Data is kept for the next run.",
                "Each option can also be set by the environment variable shown."})
final class StackCommand implements Callable<Integer> {

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "${env:NEWSFLOW_KAFKA_PORT:-9092}",
            description = "Kafka client port on 127.0.0.1 (NEWSFLOW_KAFKA_PORT, default ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(names = "--kafka-controller-port", paramLabel = "PORT", defaultValue = "${env:NEWSFLOW_KAFKA_CONTROLLER_PORT:-9093}",
            description = "Kafka's KRaft controller port (NEWSFLOW_KAFKA_CONTROLLER_PORT, default ${DEFAULT-VALUE})")
    int kafkaControllerPort;

    @Option(names = "--elasticsearch-port", paramLabel = "PORT", defaultValue = "${env:NEWSFLOW_ES_PORT:-9200}",
            description = "Elasticsearch HTTP port on 127.0.0.1 (NEWSFLOW_ES_PORT, default ${DEFAULT-VALUE})")
    int elasticsearchPort;

    @Option(names = "--elasticsearch-transport-port", paramLabel = "PORT", defaultValue = "${env:NEWSFLOW_ES_TRANSPORT_PORT:-9300}",
            description = "Elasticsearch transport port (NEWSFLOW_ES_TRANSPORT_PORT, default ${DEFAULT-VALUE})")
    int elasticsearchTransportPort;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:NEWSFLOW_STACK_DIR}",
            description = "Data, configuration and logs of both servers (NEWSFLOW_STACK_DIR, default ~/.newsflow/stack;"
                    + " /var/tmp/newsflow/stack for root)")
    Path dataDir;

    @Option(names = "--install-dir", paramLabel = "DIR", defaultValue = "${env:NEWSFLOW_INSTALL_DIR}",
            description = "Where Elasticsearch is unpacked, once (NEWSFLOW_INSTALL_DIR, default ~/.newsflow; /var/tmp/newsflow for root)")
    Path installDir;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "${env:NEWSFLOW_STACK_HEAP:-512m}",
            description = "Heap of each server JVM (NEWSFLOW_STACK_HEAP, default ${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--start-timeout", paramLabel = "SECONDS", defaultValue = "${env:NEWSFLOW_STACK_START_TIMEOUT:-180}",
            description = "How long each server may take to start (NEWSFLOW_STACK_START_TIMEOUT, default ${DEFAULT-VALUE})")
    int startTimeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        StackOptions options = StackOptions.standard();
        try {
            options = options.withPorts(kafkaPort, kafkaControllerPort, elasticsearchPort, elasticsearchTransportPort)
                    .withDataDir(dataDir != null ? dataDir : options.dataDir())
                    .withInstallDir(installDir != null ? installDir : options.installDir())
                    .withHeap(heap)
                    .withStartTimeout(Duration.ofSeconds(startTimeoutSeconds));
        } catch (IllegalArgumentException e) {
            System.err.println("newsflow stack: " + e.getMessage());
            return 2;
        }
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (StackStartException e) {
            System.err.println("newsflow stack: " + e.getMessage());
            for (Throwable other : e.getSuppressed()) {
                System.err.println("newsflow stack: " + other.getMessage());
            }
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local stack...");
            stack.close();
            stopped.countDown();
        }, "local-stack-stop"));
        printHowToReachIt(stack, options);
        stopped.await();
        return 0;
    }

    /** {@code --version}: the servers this build runs. */
    static final class Versions implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            ServerVersions versions = ServerVersions.bundled();
            return new String[] {"Kafka " + versions.kafka() + ", Elasticsearch " + versions.elasticsearch()};
        }
    }

    private static void printHowToReachIt(LocalStack stack, StackOptions options) {
        String es = stack.elasticsearchUrl().toString();
        System.out.printf("""

                Newsflow local stack is running. Ctrl-C stops it; its data stays in %s for the next run.
                  Kafka          %-24s pid %-8d log %s
                  Elasticsearch  %-24s pid %-8d log %s
                Point the services at it:  %s=%s
                Check Elasticsearch:       curl '%s/_cluster/health?pretty'
                Search the articles:       curl '%s/_search?q=*&pretty'

                """,
                options.dataDir(),
                stack.kafkaBootstrapServers(), stack.kafka().pid(), stack.kafka().logFile(),
                es, stack.elasticsearch().pid(), stack.elasticsearch().logFile(),
                KafkaConnection.BOOTSTRAP_SERVERS, stack.kafkaBootstrapServers(), es, es);
    }
}
