package io.newsflow.enrich;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.TopicSetup;
import io.newsflow.core.runtime.HealthCheck;
import io.newsflow.core.runtime.Service;
import io.newsflow.enrich.attribution.CitedSourceFinder;
import io.newsflow.enrich.attribution.Organisations;
import io.newsflow.enrich.attribution.Persons;
import io.newsflow.enrich.attribution.PublisherRegistry;
import io.newsflow.enrich.attribution.PublisherResolver;
import io.newsflow.enrich.attribution.SyndicationDetector;
import io.newsflow.enrich.entities.EntityFinder;
import io.newsflow.enrich.keywords.KeywordExtractor;
import io.newsflow.enrich.language.LanguageDetector;
import io.newsflow.enrich.places.Gazetteer;
import io.newsflow.enrich.places.PlaceFinder;
import io.newsflow.enrich.stream.EnrichTopology;
import io.newsflow.enrich.stream.ReplaceThreadOnError;
import io.newsflow.enrich.stream.StreamFailureListener;
import io.newsflow.enrich.topics.Taxonomy;
import io.newsflow.enrich.topics.TopicTagger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The enrich stream as a service: creates the topics, runs the Kafka Streams application, closes it on shutdown.
 * Ready while the stream is RUNNING. Its client's own metrics (consumer lag per partition among them) are bound to
 * the meter registry beside what the stream counts.
 */
public final class EnrichService implements Service {

    private static final Logger log = LoggerFactory.getLogger(EnrichService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final EnrichConfig config;
    private final MeterRegistry meterRegistry;
    private final Enricher enricher;
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private final StreamFailureListener stateListener = new StreamFailureListener(failure);
    // Set by start(), read by readiness() on the health endpoint's threads.
    private volatile KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private Path temporaryStateDir;

    /**
     * @param meterRegistry where enriched articles, dead letters and the Kafka Streams client's metrics are counted
     * @throws InvalidSettingException if the configured publisher registry file cannot be read
     */
    public EnrichService(EnrichConfig config, MeterRegistry meterRegistry) {
        this.config = config;
        this.meterRegistry = meterRegistry;
        this.enricher = enricher(registry(config));
    }

    /** The enricher with the bundled data files and the given publisher registry. */
    public static Enricher enricher(PublisherRegistry registry) {
        return enricher(registry, Clock.systemUTC());
    }

    /** The enricher with the bundled data files, the given publisher registry, stamping articles by {@code clock}. */
    public static Enricher enricher(PublisherRegistry registry, Clock clock) {
        Organisations organisations = Organisations.bundled();
        Persons persons = Persons.bundled();
        return new Enricher(new Enricher.Steps(new PublisherResolver(registry), new CitedSourceFinder(registry, organisations, persons),
                new SyndicationDetector(registry), new TopicTagger(Taxonomy.bundled()), new KeywordExtractor(),
                LanguageDetector.bundled(), new EntityFinder(registry, organisations, persons), new PlaceFinder(Gazetteer.bundled())),
                clock);
    }

    private static PublisherRegistry registry(EnrichConfig config) {
        if (config.publishersFile() == null) {
            return PublisherRegistry.bundled();
        }
        try {
            return PublisherRegistry.withExtraFile(config.publishersFile());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(EnrichConfig.PUBLISHERS_FILE + ": " + e.getMessage());
        }
    }

    @Override
    public void start() {
        TopicSetup.ensureTopics(config.kafka(), config.topicLayout());
        Properties properties = KafkaConfigs.streams(config.kafka(), config.applicationId());
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir().toString());
        // Static membership: a restarted instance rejoins as itself and gets its tasks back without a rebalance
        // (Kafka Streams does not leave the group on close, so a dynamic member waits out the old session).
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), config.instanceId());
        streams = new KafkaStreams(EnrichTopology.build(enricher, meterRegistry), properties);
        streams.setUncaughtExceptionHandler(new ReplaceThreadOnError());
        streams.setStateListener(stateListener);
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(meterRegistry);
        streams.start();
        log.info("enriching from Kafka at {} as application {}", config.kafka().bootstrapServers(), config.applicationId());
    }

    /** Completes if the Kafka Streams client ends in ERROR, or stops without close(). */
    @Override
    public CompletionStage<Throwable> failure() {
        return failure.minimalCompletionStage();
    }

    @Override
    public List<HealthCheck> readiness() {
        KafkaStreams stream = streams;
        if (stream == null) {
            return List.of(HealthCheck.down("kafka-streams", "not started yet"));
        }
        KafkaStreams.State state = stream.state();
        String detail = "application " + config.applicationId() + " at " + config.kafka().bootstrapServers() + " is " + state;
        return List.of(state == KafkaStreams.State.RUNNING
                ? HealthCheck.up("kafka-streams", detail)
                : HealthCheck.down("kafka-streams", detail));
    }

    @Override
    public void close() {
        if (streams == null) {
            return;
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        stateListener.closing();
        if (!streams.close(CLOSE_TIMEOUT)) {
            log.warn("the enrich stream did not close within {}; its open transaction will be aborted by the broker",
                    CLOSE_TIMEOUT);
            return;
        }
        if (temporaryStateDir != null) {
            // A fresh directory per run is ours alone: remove what Kafka Streams kept in it.
            streams.cleanUp();
            try {
                Files.deleteIfExists(temporaryStateDir);
            } catch (IOException e) {
                log.warn("cannot remove the temporary state directory {}: {}", temporaryStateDir, e.getMessage());
            }
        }
    }

    private Path stateDir() {
        if (config.stateDir() != null) {
            return config.stateDir();
        }
        try {
            temporaryStateDir = Files.createTempDirectory("newsflow-enrich-state-");
            return temporaryStateDir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary state directory for Kafka Streams; set "
                    + EnrichConfig.STATE_DIR + " to a writable directory", e);
        }
    }
}
