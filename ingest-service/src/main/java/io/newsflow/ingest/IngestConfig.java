package io.newsflow.ingest;

import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;
import io.newsflow.core.http.HttpFetcher;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.TopicSetup;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Configuration of ingest-service, from environment variables:
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>variable</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS}</td><td>{@code localhost:9092}</td><td>the Kafka cluster</td></tr>
 *   <tr><td>{@code NEWSFLOW_FEEDS}</td><td>none</td><td>a feed list file (OPML, or a JSON or YAML list of
 *       {@code {url, title?, publisher?, pollInterval?}}) whose feeds are added to {@code news.feeds} on start</td></tr>
 *   <tr><td>{@code NEWSFLOW_POLL_INTERVAL}</td><td>{@code 5m}</td><td>time between two polls of one feed</td></tr>
 *   <tr><td>{@code NEWSFLOW_INGEST_INSTANCE_ID}</td><td>the host name</td><td>this instance's name, unique among
 *       instances; its transactional id is {@code newsflow-ingest-<id>}</td></tr>
 *   <tr><td>{@code NEWSFLOW_FETCH_CONNECT_TIMEOUT}</td><td>{@code 10s}</td><td>HTTP connect timeout</td></tr>
 *   <tr><td>{@code NEWSFLOW_FETCH_TIMEOUT}</td><td>{@code 30s}</td><td>time for one whole HTTP exchange</td></tr>
 *   <tr><td>{@code NEWSFLOW_FETCH_MAX_BYTES}</td><td>{@code 10485760}</td><td>largest feed or page body</td></tr>
 *   <tr><td>{@code NEWSFLOW_FETCH_MAX_REDIRECTS}</td><td>{@code 5}</td><td>redirects followed per fetch</td></tr>
 *   <tr><td>{@code NEWSFLOW_FETCH_ALLOW_PRIVATE}</td><td>{@code false}</td><td>whether loopback and private
 *       addresses may be fetched (true for feeds served locally, as in the demo)</td></tr>
 *   <tr><td>{@code NEWSFLOW_FETCH_USER_AGENT}</td><td>{@code Newsflow/0.1 (...)}</td><td>the User-Agent sent</td></tr>
 *   <tr><td>{@code NEWSFLOW_TOPIC_PARTITIONS}</td><td>{@code 3}</td><td>partitions of topics created on start</td></tr>
 *   <tr><td>{@code NEWSFLOW_TOPIC_REPLICATION}</td><td>{@code 1}</td><td>replicas of topics created on start</td></tr>
 *   <tr><td>{@code NEWSFLOW_HTTP_HOST}</td><td>{@code 0.0.0.0}</td><td>address of the health and metrics endpoints
 *       ({@code /health/live}, {@code /health/ready}, {@code /metrics}); read by
 *       {@link io.newsflow.core.runtime.ServiceRunner}</td></tr>
 *   <tr><td>{@code NEWSFLOW_HTTP_PORT}</td><td>{@code 8080}</td><td>their port; 0 for any free port</td></tr>
 * </table>
 *
 * @param kafka        the Kafka cluster
 * @param feedList     the feed list file to subscribe on start, if any
 * @param pollInterval time between two polls of one feed
 * @param fetch        HTTP limits and policy for feeds and pages
 * @param instanceId   this instance's name
 * @param topics       partitions and replicas of the topics created on start
 */
public record IngestConfig(KafkaConnection kafka, Optional<Path> feedList, Duration pollInterval,
                           HttpFetcher.Options fetch, String instanceId, TopicSetup.Layout topics) {

    public static final String FEEDS = "NEWSFLOW_FEEDS";
    public static final String POLL_INTERVAL = "NEWSFLOW_POLL_INTERVAL";
    public static final String INSTANCE_ID = "NEWSFLOW_INGEST_INSTANCE_ID";

    /**
     * @throws InvalidSettingException naming the variable that is malformed or names a file that cannot be read
     */
    public static IngestConfig from(Settings settings) {
        String instanceId = settings.instanceId(INSTANCE_ID);
        return new IngestConfig(
                KafkaConnection.from(settings),
                feedList(settings),
                settings.duration(POLL_INTERVAL, Duration.ofMinutes(5)),
                HttpFetcher.Options.from(settings),
                instanceId,
                TopicSetup.Layout.from(settings));
    }

    /** The producer's transactional id: stable per instance, so that a restarted instance fences its predecessor. */
    public String transactionalId() {
        return "newsflow-ingest-" + instanceId;
    }

    private static Optional<Path> feedList(Settings settings) {
        String value = settings.string(FEEDS, null);
        if (value == null) {
            return Optional.empty();
        }
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(FEEDS + "=" + value + " is not a file path: " + e.getMessage());
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new InvalidSettingException(FEEDS + "=" + value + " names no readable file: it must name a feed list "
                    + "(OPML, or a JSON or YAML list of {url, title?, publisher?, pollInterval?})");
        }
        return Optional.of(path);
    }

}
