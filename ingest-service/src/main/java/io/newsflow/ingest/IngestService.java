package io.newsflow.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.core.http.HttpFetcher;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.TopicSetup;
import io.newsflow.core.runtime.HealthCheck;
import io.newsflow.core.runtime.Service;
import io.newsflow.ingest.extract.ArticleExtractor;
import io.newsflow.ingest.feed.ArticleAssembler;
import io.newsflow.ingest.feed.FeedListReader;
import io.newsflow.ingest.feed.FeedParser;
import io.newsflow.ingest.feed.FeedPoller;
import io.newsflow.ingest.feed.KafkaSubscriptions;
import io.newsflow.ingest.feed.PollLoop;
import io.newsflow.ingest.fetch.PageFetcher;
import io.newsflow.ingest.publish.KafkaPublisher;
import io.newsflow.ingest.publish.PublishException;
import io.newsflow.ingest.state.CompactedTopicReader;
import io.newsflow.ingest.state.FeedStates;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * ingest-service: subscribes the configured feed list, then polls the feeds of {@code news.feeds} and publishes
 * their new articles to {@code news.articles.raw}, with each feed's state in {@code news.ingest.state}.
 * Ready while its transactional producer is initialised and the poll loop runs.
 */
public final class IngestService implements Service {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    /** Longest time before a feed added to {@code news.feeds} while running is seen. */
    private static final Duration SUBSCRIPTION_REFRESH = Duration.ofSeconds(30);
    private static final Duration TOPIC_READ_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final IngestConfig config;
    private final MeterRegistry registry;
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    // Set by start(), read by readiness() on the health endpoint's threads.
    private volatile KafkaPublisher publisher;
    private CompactedTopicReader feedsReader;
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
        publisher = KafkaPublisher.to(config.kafka(), config.transactionalId(), registry);
        try {
            publisher.open();
            if (!feeds.isEmpty()) {
                publisher.subscribe(feeds);
                log.info("subscribed {} feeds from {}", feeds.size(), config.feedList().get());
            }
        } catch (PublishException e) {
            throw new IllegalStateException("cannot publish to Kafka at " + config.kafka().bootstrapServers() + ": " + e.getMessage(), e);
        }
        FeedStates states;
        try (CompactedTopicReader stateReader = reader("state")) {
            states = FeedStates.load(stateReader);
        }
        feedsReader = reader("feeds");
        HttpFetcher http = new HttpFetcher(config.fetch());
        Clock clock = Clock.systemUTC();
        FeedPoller poller = new FeedPoller(http, new FeedParser(), new PageFetcher(http), new ArticleExtractor(),
                new ArticleAssembler(), publisher, clock, registry);
        Duration refresh = config.pollInterval().compareTo(SUBSCRIPTION_REFRESH) < 0 ? config.pollInterval() : SUBSCRIPTION_REFRESH;
        loop = new PollLoop(new KafkaSubscriptions(feedsReader), states, poller, config.pollInterval(), refresh, clock, failure);
        loop.start();
        log.info("polling feeds every {} as {}", config.pollInterval(), config.transactionalId());
    }

    private CompactedTopicReader reader(String purpose) {
        String clientId = "newsflow-ingest-" + config.instanceId() + "-" + purpose;
        return new CompactedTopicReader(new KafkaConsumer<>(KafkaConfigs.consumer(config.kafka(), clientId, null)), TOPIC_READ_TIMEOUT);
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
                polling != null && polling.isRunning()
                        ? HealthCheck.up("polling", "polling feeds, by default every " + config.pollInterval())
                        : HealthCheck.down("polling", polling == null ? "not started yet" : "the poll loop has ended"));
    }

    @Override
    public void close() {
        boolean stopped = loop == null || loop.stop(STOP_TIMEOUT);
        if (!stopped) {
            log.warn("the poll thread did not stop within {} s; closing Kafka clients under it", STOP_TIMEOUT.toSeconds());
        }
        if (feedsReader != null) {
            try {
                feedsReader.close();
            } catch (RuntimeException e) {
                log.warn("closing the news.feeds reader failed: {}", e.toString());
            }
        }
        if (publisher != null) {
            publisher.close();
        }
    }
}
