package io.newsflow.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.TopicSetup;
import io.newsflow.core.kafka.Topics;
import io.newsflow.core.runtime.Service;
import io.newsflow.index.bulk.BulkWriter;
import io.newsflow.index.consume.IndexConsumer;
import io.newsflow.index.document.DocumentMapper;
import io.newsflow.index.elasticsearch.ElasticsearchClients;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * index-service: keeps the Elasticsearch article index up to date with {@link Topics#ARTICLES_ENRICHED}.
 * On start it creates missing topics, installs the index template and aliases, then runs the consume-index-commit
 * loop ({@link IndexConsumer}) on a thread of its own.
 */
public final class IndexService implements Service {

    private static final Logger log = LoggerFactory.getLogger(IndexService.class);

    /** How long close() lets the loop finish its batch before cutting Elasticsearch off under it. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);
    private static final String CLIENT_ID = "newsflow-index";

    private final IndexConfig config;
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private ElasticsearchClient elasticsearch;
    private Producer<byte[], byte[]> deadLetterProducer;
    private IndexConsumer loop;
    private Thread loopThread;

    public IndexService(IndexConfig config) {
        this.config = config;
    }

    @Override
    public void start() {
        log.info("index-service: Kafka {}, group {}, {}, index {} (write alias {}), bulk {} docs / {} bytes / {} ms",
                config.kafka().bootstrapServers(), config.groupId(), config.elasticsearch(), config.index().readAlias(),
                config.index().writeAlias(), config.bulk().maxDocs(), config.bulk().maxBytes(), config.bulk().maxWait().toMillis());
        TopicSetup.ensureTopics(config.kafka(), config.topics());
        elasticsearch = ElasticsearchClients.create(config.elasticsearch());
        new IndexSetup(elasticsearch, config.elasticsearch(), config.index()).install(config.elasticsearchStartupWait());

        deadLetterProducer = new KafkaProducer<>(KafkaConfigs.producer(config.kafka(), CLIENT_ID + "-deadletter"));
        Map<String, Object> consumerConfig = KafkaConfigs.consumer(config.kafka(), CLIENT_ID, config.groupId());
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.bulk().maxDocs());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig);
        Clock clock = Clock.systemUTC();
        loop = new IndexConsumer(consumer, deadLetterProducer, new BulkWriter(elasticsearch, config.index().writeAlias()),
                new DocumentMapper(clock), config.bulk(), clock, failure);
        loopThread = new Thread(loop, "index-consumer");
        loopThread.start();
    }

    /** Completes if the consume loop stops for an error it cannot recover from. */
    @Override
    public CompletionStage<Throwable> failure() {
        return failure.minimalCompletionStage();
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
