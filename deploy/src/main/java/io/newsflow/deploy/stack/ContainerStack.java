package io.newsflow.deploy.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import java.net.URI;

/**
 * The Testcontainers backend: the official {@code apache/kafka} image and the Elasticsearch image, for machines with a
 * Docker engine. It is <strong>not run on the project's build machines</strong>, which have no Docker engine: the
 * process backend ({@link LocalStack}) is what the tests and the local run use there. Nothing requires Docker.
 *
 * <p>The Elasticsearch image defaults to the Docker Hub name {@code elasticsearch:VERSION}, which resolves through the
 * engine's default registry; set {@value #ELASTICSEARCH_IMAGE_VARIABLE} to use another (e.g. Elastic's own registry).
 * The default names no registry host so that no host name is written into this repository.
 */
public final class ContainerStack implements Stack {

    public static final String ELASTICSEARCH_IMAGE_VARIABLE = "NEWSFLOW_ES_IMAGE";
    public static final String KAFKA_IMAGE_VARIABLE = "NEWSFLOW_KAFKA_IMAGE";

    private static final Logger log = LoggerFactory.getLogger(ContainerStack.class);
    private static final int ELASTICSEARCH_HTTP_PORT = 9200;

    private final KafkaContainer kafka;
    private final GenericContainer<?> elasticsearch;

    private ContainerStack(KafkaContainer kafka, GenericContainer<?> elasticsearch) {
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
    }

    /** Starts both containers; uses the heap and start timeout of {@code options} (ports are mapped by Docker). */
    public static ContainerStack start(StackOptions options) {
        ServerVersions versions = ServerVersions.bundled();
        String kafkaImage = imageName(KAFKA_IMAGE_VARIABLE, "apache/kafka:" + versions.kafka());
        String elasticsearchImage = imageName(ELASTICSEARCH_IMAGE_VARIABLE, "elasticsearch:" + versions.elasticsearch());
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(kafkaImage))
                .withEnv("KAFKA_HEAP_OPTS", "-Xmx" + options.heap())
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withStartupTimeout(options.startTimeout());
        GenericContainer<?> elasticsearch = new GenericContainer<>(DockerImageName.parse(elasticsearchImage))
                .withEnv("discovery.type", "single-node")
                .withEnv("xpack.security.enabled", "false")
                .withEnv("cluster.routing.allocation.disk.threshold_enabled", "false")
                .withEnv("ES_JAVA_OPTS", "-Xms" + options.heap() + " -Xmx" + options.heap())
                .withExposedPorts(ELASTICSEARCH_HTTP_PORT)
                .waitingFor(Wait.forHttp("/_cluster/health?wait_for_status=yellow&timeout=1s")
                        .forPort(ELASTICSEARCH_HTTP_PORT)
                        .forStatusCode(200))
                .withStartupTimeout(options.startTimeout());
        log.info("Container stack: starting {} and {}", kafkaImage, elasticsearchImage);
        ContainerStack stack = new ContainerStack(kafka, elasticsearch);
        try {
            kafka.start();
            elasticsearch.start();
        } catch (RuntimeException e) {
            stack.close();
            throw new StackStartException("Cannot start the container stack (" + kafkaImage + ", " + elasticsearchImage + "): "
                    + e.getMessage() + ". Set NEWSFLOW_STACK=processes to use the process stack instead.", e);
        }
        log.info("Container stack: up (Kafka {}, Elasticsearch {})", stack.kafkaBootstrapServers(), stack.elasticsearchUrl());
        return stack;
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public URI elasticsearchUrl() {
        return URI.create("http://" + elasticsearch.getHost() + ":" + elasticsearch.getMappedPort(ELASTICSEARCH_HTTP_PORT));
    }

    @Override
    public void close() {
        try {
            elasticsearch.stop();
        } finally {
            kafka.stop();
        }
    }

    private static String imageName(String variable, String defaultName) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? defaultName : value.strip();
    }
}
