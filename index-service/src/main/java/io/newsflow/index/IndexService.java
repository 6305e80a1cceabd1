package io.newsflow.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.TopicSetup;
import io.newsflow.core.kafka.Topics;
import io.newsflow.core.runtime.HealthCheck;
import io.newsflow.core.runtime.Service;
import io.newsflow.index.bulk.BulkWriter;
import io.newsflow.index.consume.IndexConsumer;
import io.newsflow.index.document.DocumentMapper;
import io.newsflow.index.elasticsearch.ElasticsearchClients;
import io.newsflow.index.elasticsearch.ElasticsearchHealth;
import io.newsflow.index.elasticsearch.IndexSetup;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * index-service: keeps the Elasticsearch article index up to date with {@link Topics#ARTICLES_ENRICHED}.
 * On start it creates missing topics, installs the index template and aliases, then runs the consume-index-commit
 * loop ({@link IndexConsumer}) on a thread of its own. Ready while that loop runs and is not stuck retrying a batch
 * (Elasticsearch down, overloaded or read-only), Elasticsearch answers and the index template is installed. Its consumer's own metrics (lag per partition among them) are bound to the registry beside
 * what the loop counts.
 */
public final class IndexService implements Service {

    private static final Logger log = LoggerFactory.getLogger(IndexService.class);

    /** How long close() lets the loop finish its batch before cutting Elasticsearch off under it. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);
    private static final String CLIENT_ID = "newsflow-index";
    /** Within the usual probe timeouts, long enough for a busy cluster to answer. */
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

    private final IndexConfig config;
    private final MeterRegistry registry;
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private ElasticsearchClient elasticsearch;
    private Producer<byte[], byte[]> deadLetterProducer;
    private KafkaClientMetrics consumerMetrics;
    // Set by start(), read by readiness() on the health endpoint's threads.
    private volatile IndexConsumer loop;
    private volatile ElasticsearchHealth elasticsearchHealth;
    private volatile Thread loopThread;

    /** @param registry where bulk requests, indexed articles, dead letters, delays and the consumer's metrics are counted */
    public IndexService(IndexConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    @Override
    public void start() {
        log.info("index-service: Kafka {}, group {}, {}, index {} (write alias {}), bulk {} docs / {} bytes / {} ms, {} in flight",
                config.kafka().bootstrapServers(), config.groupId(), config.elasticsearch(), config.index().readAlias(),
                config.index().writeAlias(), config.bulk().maxDocs(), config.bulk().maxBytes(), config.bulk().maxWait().toMillis(),
                config.bulk().inFlight());
        TopicSetup.ensureTopics(config.kafka(), config.topics());
        elasticsearch = ElasticsearchClients.create(config.elasticsearch());
        new IndexSetup(elasticsearch, config.elasticsearch(), config.index()).install(config.elasticsearchStartupWait());
        elasticsearchHealth = new ElasticsearchHealth(elasticsearch, config.elasticsearch(), config.index(), HEALTH_TIMEOUT);

        deadLetterProducer = new KafkaProducer<>(KafkaConfigs.producer(config.kafka(), CLIENT_ID + "-deadletter"));
        Map<String, Object> consumerConfig = KafkaConfigs.consumer(config.kafka(), CLIENT_ID, config.groupId());
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.bulk().maxDocs());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig);
        consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(registry);
        Clock clock = Clock.systemUTC();
        loop = new IndexConsumer(consumer, deadLetterProducer, new BulkWriter(elasticsearch, config.index().writeAlias(), registry),
                new DocumentMapper(clock), config.bulk(), clock, failure, registry);
        Thread thread = new Thread(loop, "index-consumer");
        thread.start();
        loopThread = thread;
    }

    /** Completes if the consume loop stops for an error it cannot recover from. */
    @Override
    public CompletionStage<Throwable> failure() {
        return failure.minimalCompletionStage();
    }

    @Override
    public List<HealthCheck> readiness() {
        Thread consuming = loopThread;
        ElasticsearchHealth health = elasticsearchHealth;
        if (consuming == null || health == null) {
            return List.of(HealthCheck.down("kafka-consumer", "not started yet: waiting for Elasticsearch or setting up the index"));
        }
        List<HealthCheck> checks = new ArrayList<>();
        checks.add(consuming.isAlive()
                ? HealthCheck.up("kafka-consumer", "consuming " + Topics.ARTICLES_ENRICHED + " from " + config.kafka().bootstrapServers()
                + " as group " + config.groupId())
                : HealthCheck.down("kafka-consumer", "the consume loop has ended"));
        checks.add(loop.health());
        checks.addAll(health.check());
        return checks;
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
            if (!join(STOP_WAIT)) {
                log.warn("the index loop is still busy after {} s: closing the Elasticsearch client under it", STOP_WAIT.toSeconds());
                closeElasticsearch();
                join(STOP_WAIT);
            }
        }
        if (consumerMetrics != null) {
            consumerMetrics.close();
        }
        if (deadLetterProducer != null) {
            deadLetterProducer.close(Duration.ofSeconds(10));
        }
        closeElasticsearch();
    }

    private boolean join(Duration wait) {
        try {
            loopThread.join(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !loopThread.isAlive();
    }

    private void closeElasticsearch() {
        if (elasticsearch != null) {
            try {
                elasticsearch.close();
            } catch (IOException e) {
                log.warn("closing the Elasticsearch client failed: {}", e.toString());
            }
        }
    }
}
