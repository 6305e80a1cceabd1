package io.newsflow.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.core.http.HttpFetcher;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.TopicSetup;
import io.newsflow.core.kafka.Topics;
import io.newsflow.core.runtime.HealthCheck;
import io.newsflow.core.runtime.Service;
import io.newsflow.ingest.extract.ArticleExtractor;
import io.newsflow.ingest.feed.ArticleAssembler;
import io.newsflow.ingest.feed.FeedListReader;
import io.newsflow.ingest.feed.FeedParser;
import io.newsflow.ingest.feed.FeedPoller;
import io.newsflow.ingest.feed.AssignedSubscriptions;
import io.newsflow.ingest.feed.FeedHealthMetrics;
import io.newsflow.ingest.feed.NetworkWatch;
import io.newsflow.ingest.feed.PollLoop;
import io.newsflow.ingest.fetch.PageFetcher;
import io.newsflow.ingest.fetch.RobotsRules;
import io.newsflow.ingest.publish.KafkaPublisher;
import io.newsflow.ingest.publish.PublishException;
import io.newsflow.ingest.state.FeedStates;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * ingest-service: subscribes the configured feed list, then polls the feeds of the {@code news.feeds} partitions its
 * consumer group assigns to it and publishes their new articles to {@code news.articles.raw}, with each feed's state
 * in {@code news.ingest.state}.
 * Ready while its transactional producer is initialised and the poll loop runs.
 */
public final class IngestService implements Service {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    /** Longest time before a feed added to {@code news.feeds} while running is seen. */
    private static final Duration SUBSCRIPTION_REFRESH = Duration.ofSeconds(30);
    private static final Duration TOPIC_READ_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** Transport failures on this many hosts within the window, with no response from any, mean our network is down. */
    private static final int NETWORK_DOWN_HOSTS = 5;
    private static final Duration NETWORK_WINDOW = Duration.ofMinutes(2);
    /** How long a site's robots.txt is trusted before it is fetched again. */
    private static final Duration ROBOTS_TTL = Duration.ofHours(24);

    private final IngestConfig config;
    private final MeterRegistry registry;
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    // Set by start(), read by readiness() on the health endpoint's threads.
    private volatile KafkaPublisher publisher;
    private AssignedSubscriptions assignment;
    private volatile PollLoop loop;

    /** @param registry where polls, fetches, published articles and dead letters are counted */
    public IngestService(IngestConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    @Override
    public void start() {
        // A bad feed list is reported before Kafka is touched.
        List<FeedSubscription> feeds = config.feedList().map(new FeedListReader()::read).orElse(List.of());
        TopicSetup.ensureTopics(config.kafka(), config.topics());
        FeedStates states = new FeedStates();
        String groupClient = "newsflow-ingest-" + config.instanceId();
        Map<String, Object> groupConfig = KafkaConfigs.consumer(config.kafka(), groupClient + "-feeds", config.groupId());
        // Cooperative: a rebalance moves only the partitions that change owner; the others keep being polled.
        groupConfig.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        // Static membership: an instance that restarts after a crash takes its feeds back at once, instead of idling
        // until the group gives up on its old session.
        groupConfig.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupClient);
        assignment = new AssignedSubscriptions(new KafkaConsumer<>(groupConfig),
                () -> new KafkaConsumer<>(KafkaConfigs.consumer(config.kafka(), groupClient + "-reader", null)),
                states, TOPIC_READ_TIMEOUT, failure);
        publisher = KafkaPublisher.to(config.kafka(), config.transactionalId(), registry, assignment);
        try {
            publisher.open();
            if (!feeds.isEmpty()) {
                publisher.subscribe(feeds);
                log.info("subscribed {} feeds from {}", feeds.size(), config.feedList().get());
            }
        } catch (PublishException e) {
            throw new IllegalStateException("cannot publish to Kafka at " + config.kafka().bootstrapServers() + ": " + e.getMessage(), e);
        }
        HttpFetcher http = new HttpFetcher(config.fetch());
        Clock clock = Clock.systemUTC();
        FeedPoller poller = new FeedPoller(http, new FeedParser(), new PageFetcher(http, new RobotsRules(http, clock, ROBOTS_TTL)), new ArticleExtractor(),
                new ArticleAssembler(), publisher, clock, registry, config.schedule(),
                new NetworkWatch(clock, NETWORK_WINDOW, NETWORK_DOWN_HOSTS));
        Duration refresh = config.pollInterval().compareTo(SUBSCRIPTION_REFRESH) < 0 ? config.pollInterval() : SUBSCRIPTION_REFRESH;
        loop = new PollLoop(assignment, states, poller, config.schedule(), config.concurrency(), refresh, clock, failure);
        FeedHealthMetrics.register(registry, states, assignment::subscriptions);
        assignment.start(loop);
        loop.start();
        log.info("polling the feeds assigned to {} in group {}, by default every {}, {} at a time", config.transactionalId(),
                config.groupId(), config.pollInterval(), config.concurrency());
    }

    /** Completes if the poll loop ends on its own, e.g. when another instance took over the transactional id. */
    @Override
    public CompletionStage<Throwable> failure() {
        return failure.minimalCompletionStage();
    }

    @Override
    public List<HealthCheck> readiness() {
        KafkaPublisher kafka = publisher;
        PollLoop polling = loop;
        return List.of(
                kafka != null && kafka.isOpen()
                        ? HealthCheck.up("kafka", "producer " + config.transactionalId() + " initialised at " + config.kafka().bootstrapServers())
                        : HealthCheck.down("kafka", "no initialised producer for " + config.kafka().bootstrapServers()
                        + (kafka == null ? " yet: starting" : ": being replaced after an error, or closed")),
                polling(polling));
    }

    private HealthCheck polling(PollLoop polling) {
        if (polling == null) {
            return HealthCheck.down("polling", "not started yet");
        }
        if (!polling.isRunning()) {
            return HealthCheck.down("polling", "the poll loop has ended");
        }
        if (!assignment.isAssigned()) {
            return HealthCheck.down("polling", "waiting for consumer group " + config.groupId() + " to assign feeds of " + Topics.FEEDS);
        }
        return HealthCheck.up("polling", "polling the " + assignment.subscriptions().size() + " feeds assigned in group "
                + config.groupId() + ", by default every " + config.pollInterval());
    }

    @Override
    public void close() {
        boolean stopped = loop == null || loop.stop(STOP_TIMEOUT);
        if (!stopped) {
            log.warn("the poll thread did not stop within {} s; closing Kafka clients under it", STOP_TIMEOUT.toSeconds());
        }
        if (assignment != null) {
            assignment.close();
        }
        if (publisher != null) {
            publisher.close();
        }
    }
}
