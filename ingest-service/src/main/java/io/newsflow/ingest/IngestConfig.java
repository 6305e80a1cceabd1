package io.newsflow.ingest;

import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;
import io.newsflow.core.http.HttpFetcher;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.TopicSetup;
import io.newsflow.ingest.feed.PollSchedule;

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
 *   <tr><td>{@code NEWSFLOW_POLL_INTERVAL}</td><td>{@code 5m}</td><td>time between two polls of a feed whose
 *       subscription gives no interval</td></tr>
 *   <tr><td>{@code NEWSFLOW_POLL_MIN_INTERVAL}</td><td>{@code 1m} (the poll interval if shorter)</td><td>shortest time between two polls of a feed</td></tr>
 *   <tr><td>{@code NEWSFLOW_POLL_MAX_INTERVAL}</td><td>12 times the poll interval ({@code 1h})</td><td>longest time between two good polls, whatever
 *       {@code <ttl>}, caching headers or a slow posting frequency suggest</td></tr>
 *   <tr><td>{@code NEWSFLOW_POLL_BACKOFF_MAX}</td><td>{@code 6h}</td><td>ceiling of the exponential backoff of a failing
 *       feed (and of Retry-After); failing feeds are retried at it for ever</td></tr>
 *   <tr><td>{@code NEWSFLOW_POLL_NETWORK_DOWN_RETRY}</td><td>{@code 1m}</td><td>time between polls while this
 *       instance's network seems down (failures are then not counted against feeds)</td></tr>
 *   <tr><td>{@code NEWSFLOW_POLL_CONCURRENCY}</td><td>{@code 64}</td><td>feeds polled at the same time</td></tr>
 *   <tr><td>{@code NEWSFLOW_INGEST_GROUP}</td><td>{@code newsflow-ingest}</td><td>consumer group of the instances
 *       that share the feeds of {@code news.feeds}</td></tr>
 *   <tr><td>{@code NEWSFLOW_INGEST_INSTANCE_ID}</td><td>the host name</td><td>this instance's name, unique among
 *       instances; its transactional id is {@code newsflow-ingest-<id>}</td></tr>
 *   <tr><td>{@code NEWSFLOW_FETCH_CONNECT_TIMEOUT}</td><td>{@code 10s}</td><td>HTTP connect timeout</td></tr>
 *   <tr><td>{@code NEWSFLOW_FETCH_TIMEOUT}</td><td>{@code 30s}</td><td>time for one whole HTTP exchange</td></tr>
 *   <tr><td>{@code NEWSFLOW_FETCH_MAX_BYTES}</td><td>{@code 10485760}</td><td>largest feed or page body</td></tr>
 *   <tr><td>{@code NEWSFLOW_FETCH_MAX_REDIRECTS}</td><td>{@code 5}</td><td>redirects followed per fetch</td></tr>
 *   <tr><td>{@code NEWSFLOW_FETCH_ALLOW_PRIVATE}</td><td>{@code false}</td><td>whether loopback and private
 *       addresses may be fetched (true for feeds served locally, as in the demo)</td></tr>
 *   <tr><td>{@code NEWSFLOW_FETCH_USER_AGENT}</td><td>{@code Newsflow/0.1 (...)}</td><td>the User-Agent sent</td></tr>
 *   <tr><td>{@code NEWSFLOW_FETCH_CONTACT_URL}</td><td>none</td><td>appended to the User-Agent as {@code +URL}</td></tr>
 *   <tr><td>{@code NEWSFLOW_FETCH_ALLOW_NETWORKS}</td><td>none</td><td>comma-separated CIDR networks fetched even though
 *       private ({@code 127.0.0.2/32}); redirects elsewhere into private space stay refused</td></tr>
 *   <tr><td>{@code NEWSFLOW_FETCH_HOST_CONCURRENCY}</td><td>{@code 2}</td><td>requests to one host at a time, feeds
 *       and pages together</td></tr>
 *   <tr><td>{@code NEWSFLOW_FETCH_HOST_DELAY}</td><td>{@code 500ms}</td><td>least time between two requests to one host</td></tr>
 *   <tr><td>{@code NEWSFLOW_FETCH_MAX_CRAWL_DELAY}</td><td>{@code 10s}</td><td>the longest robots.txt Crawl-delay kept
 *       to; a longer one is cut to this</td></tr>
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
 * @param schedule     when feeds are polled: the default interval, its bounds, the backoff ceiling
 * @param concurrency  feeds polled at the same time
 * @param groupId      the consumer group the instances share the feeds in
 * @param fetch        HTTP limits and policy for feeds and pages
 * @param instanceId   this instance's name
 * @param topics       partitions and replicas of the topics created on start
 */
public record IngestConfig(KafkaConnection kafka, Optional<Path> feedList, PollSchedule schedule, int concurrency,
                           String groupId, HttpFetcher.Options fetch, String instanceId, TopicSetup.Layout topics) {

    public static final String FEEDS = "NEWSFLOW_FEEDS";
    public static final String POLL_INTERVAL = "NEWSFLOW_POLL_INTERVAL";
    public static final String INSTANCE_ID = "NEWSFLOW_INGEST_INSTANCE_ID";
    public static final String MIN_INTERVAL = "NEWSFLOW_POLL_MIN_INTERVAL";
    public static final String MAX_INTERVAL = "NEWSFLOW_POLL_MAX_INTERVAL";

    /**
     * @throws InvalidSettingException naming the variable that is malformed or names a file that cannot be read
     */
    public static IngestConfig from(Settings settings) {
        String instanceId = settings.instanceId(INSTANCE_ID);
        return new IngestConfig(
                KafkaConnection.from(settings),
                feedList(settings),
                schedule(settings),
                settings.integer("NEWSFLOW_POLL_CONCURRENCY", 64, 1, 4096),
                settings.string("NEWSFLOW_INGEST_GROUP", "newsflow-ingest"),
                HttpFetcher.Options.from(settings),
                instanceId,
                TopicSetup.Layout.from(settings));
    }

    /** The producer's transactional id: stable per instance, so that a restarted instance fences its predecessor. */
    public String transactionalId() {
        return "newsflow-ingest-" + instanceId;
    }

    /** The time between two polls of a feed whose subscription gives none. */
    public Duration pollInterval() {
        return schedule.interval();
    }

    private static PollSchedule schedule(Settings settings) {
        Duration interval = settings.duration(POLL_INTERVAL, Duration.ofMinutes(5));
        // Bounds follow the configured interval (1m and 1h at the default 5m), so that a short interval set for a
        // demo or a test is not stretched to an hour by a slowly posting feed.
        Duration min = settings.duration(MIN_INTERVAL, shorter(Duration.ofMinutes(1), interval));
        Duration max = settings.duration(MAX_INTERVAL, interval.multipliedBy(12));
        if (max.compareTo(min) < 0) {
            throw new InvalidSettingException(MAX_INTERVAL + " (" + max + ") must not be shorter than " + MIN_INTERVAL + " (" + min + ")");
        }
        return new PollSchedule(interval, min, max,
                settings.duration("NEWSFLOW_POLL_BACKOFF_MAX", Duration.ofHours(6)),
                settings.duration("NEWSFLOW_POLL_NETWORK_DOWN_RETRY", Duration.ofMinutes(1)));
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
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
