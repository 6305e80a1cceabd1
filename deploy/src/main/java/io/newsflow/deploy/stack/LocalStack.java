package io.newsflow.deploy.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The process backend: a real Kafka broker and a real Elasticsearch node as child processes of this JVM, no Docker.
 * Their data lives in {@code StackOptions.dataDir()} ({@code kafka/}, {@code elasticsearch/}) and survives a restart.
 */
public final class LocalStack implements Stack {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final KafkaBroker kafka;
    private final ElasticsearchNode elasticsearch;

    private LocalStack(KafkaBroker kafka, ElasticsearchNode elasticsearch) {
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
    }

    /** Starts both servers (side by side) and returns once both answer; if one fails, the other is stopped. */
    public static LocalStack start(StackOptions options) {
        long started = System.nanoTime();
        StackArtifacts artifacts = options.artifactsDir() == null
                ? StackArtifacts.locate() : new StackArtifacts(options.artifactsDir());
        ServerVersions versions = ServerVersions.bundled();
        LocalStack stack = new LocalStack(
                new KafkaBroker(new KafkaBroker.Config(options.dataDir().resolve("kafka"), options.kafkaPort(),
                        options.kafkaControllerPort(), options.heap(), options.startTimeout(), artifacts.kafkaBrokerLibs())),
                new ElasticsearchNode(ElasticsearchNode.Config.of(options)));
        log.info("Local stack: starting Kafka {} and Elasticsearch {} in {}", versions.kafka(), versions.elasticsearch(), options.dataDir());
        CompletableFuture<Void> kafkaStarted = CompletableFuture.runAsync(stack.kafka::start, LocalStack::runOnNewThread);
        CompletableFuture<Void> elasticsearchStarted = CompletableFuture.runAsync(stack.elasticsearch::start, LocalStack::runOnNewThread);
        RuntimeException failure = null;
        for (CompletableFuture<Void> start : List.of(kafkaStarted, elasticsearchStarted)) {
            try {
                start.join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new StackStartException(e.getMessage(), e);
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            stack.close();
            throw failure;
        }
        log.info("Local stack: up in {} s (Kafka {}, Elasticsearch {})", ServerProcess.secondsSince(started),
                stack.kafkaBootstrapServers(), stack.elasticsearchUrl());
        return stack;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public ElasticsearchNode elasticsearch() {
        return elasticsearch;
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public URI elasticsearchUrl() {
        return elasticsearch.url();
    }

    /** Stops Elasticsearch, then Kafka; a failure to stop one does not keep the other running. */
    @Override
    public void close() {
        try {
            elasticsearch.stop();
        } finally {
            kafka.stop();
        }
    }

    private static void runOnNewThread(Runnable task) {
        Thread thread = new Thread(task, "newsflow-stack-start");
        thread.setDaemon(true);
        thread.start();
    }
}
