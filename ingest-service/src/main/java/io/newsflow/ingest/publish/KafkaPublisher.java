package io.newsflow.ingest.publish;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.CloudEvents;
import io.newsflow.core.kafka.DeadLetters;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.Topics;
import io.newsflow.core.metrics.StageCounters;
import io.newsflow.ingest.state.FeedState;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Publishes with one transactional producer: each call is one transaction that commits or aborts whole.
 * <p>
 * Errors: a producer fenced by another one with the same transactional id (or refused by the cluster, or out of
 * sequence) is closed for good and {@link FatalPublishException} is thrown. Any other error aborts the transaction
 * and throws {@link PublishException}; if even the abort fails, the producer is closed and a new one is created on
 * the next call (its {@code initTransactions} settles whatever the old one left open).
 * <p>
 * Once a transaction committed, its articles and dead letters are counted ({@link StageCounters}, stage
 * {@value ArticleRecords#STAGE}).
 */
public final class KafkaPublisher implements ArticlePublisher, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaPublisher.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(15);

    private final Supplier<Producer<byte[], byte[]>> producers;
    private final String transactionalId;
    private final StageCounters counters;
    private final TransactionFence fence;
    private volatile Producer<byte[], byte[]> producer;
    private volatile boolean fatal;

    /**
     * @param producers       makes a new transactional producer (not yet initialised)
     * @param transactionalId the producers' transactional id, for messages
     * @param registry        where published articles and dead letters are counted
     */
    public KafkaPublisher(Supplier<Producer<byte[], byte[]>> producers, String transactionalId, MeterRegistry registry) {
        this(producers, transactionalId, registry, null);
    }

    /**
     * @param fence what each feed poll's transaction commits to prove this instance still polls the feed, or null
     *              when feeds are not shared among instances
     */
    public KafkaPublisher(Supplier<Producer<byte[], byte[]>> producers, String transactionalId, MeterRegistry registry,
                          TransactionFence fence) {
        this.producers = producers;
        this.transactionalId = transactionalId;
        this.counters = new StageCounters(registry, ArticleRecords.STAGE);
        this.fence = fence;
    }

    /** A publisher to the cluster at {@code kafka} with transactional id {@code transactionalId}, fenced by {@code fence}. */
    public static KafkaPublisher to(KafkaConnection kafka, String transactionalId, MeterRegistry registry, TransactionFence fence) {
        Map<String, Object> config = KafkaConfigs.transactionalProducer(kafka, transactionalId, transactionalId);
        // A poll's transaction lasts milliseconds; one left open by an instance that died is aborted after this, and
        // the instance taking its feeds over waits for that before reading their state.
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis());
        return new KafkaPublisher(() -> new KafkaProducer<>(config), transactionalId, registry, fence);
    }

    /** Creates and initialises the producer now, so that a start fails early when Kafka cannot be used. */
    public void open() throws PublishException {
        producer();
    }

    /**
     * Whether a producer is initialised and usable: false before {@link #open()}, after a fatal error, after
     * {@link #close()}, and between a failed abort and the next publish, which creates a new producer.
     */
    public boolean isOpen() {
        return producer != null && !fatal;
    }

    /** Writes the subscriptions to {@code news.feeds} (adding new feeds, updating known ones), in one transaction. */
    public void subscribe(List<FeedSubscription> feeds) throws PublishException {
        inTransaction(feeds.stream().map(ArticleRecords::subscription).toList(), null);
    }

    @Override
    public void publish(List<RawArticle> articles, FeedState state) throws PublishException {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(articles.size() + 1);
        articles.forEach(article -> records.add(ArticleRecords.article(article)));
        records.add(ArticleRecords.state(state));
        inTransaction(records, fence == null ? null : state.feedId());
    }

    /**
     * One transaction; polls run concurrently but the producer has one transaction open at a time.
     *
     * @param fencedFeed the feed whose ownership the transaction must prove, or null
     */
    private synchronized void inTransaction(List<ProducerRecord<byte[], byte[]>> records, String fencedFeed) throws PublishException {
        Producer<byte[], byte[]> p = producer();
        try {
            p.beginTransaction();
            for (ProducerRecord<byte[], byte[]> record : records) {
                p.send(record);
            }
            if (fencedFeed != null) {
                TransactionFence.Fence proof;
                try {
                    proof = fence.of(fencedFeed);
                } catch (TransactionFence.NotOwnedException e) {
                    abort(p);
                    throw new PublishException("poll of feed " + fencedFeed + " not published: " + e.getMessage(), e, true);
                }
                // Refused (CommitFailedException and the like) when this instance's group generation is stale.
                p.sendOffsetsToTransaction(proof.offsets(), proof.group());
            }
            // Flushes the sends and fails if any of them failed.
            p.commitTransaction();
            count(records);
        } catch (KafkaException | IllegalStateException e) {
            if (isFatal(e)) {
                throw fail(e);
            }
            abort(p);
            throw new PublishException("transaction of " + records.size() + " records aborted: " + e, e,
                    e instanceof CommitFailedException || e instanceof FencedInstanceIdException);
        }
    }

    private void count(List<ProducerRecord<byte[], byte[]>> committed) {
        int articles = 0;
        for (ProducerRecord<byte[], byte[]> record : committed) {
            if (record.topic().equals(Topics.ARTICLES_RAW)) {
                articles++;
            } else if (record.topic().equals(Topics.DEADLETTER)) {
                counters.deadLetter(CloudEvents.header(record.headers(), DeadLetters.ERROR_CLASS));
            }
        }
        counters.articles(articles);
    }

    private Producer<byte[], byte[]> producer() throws PublishException {
        if (fatal) {
            throw new FatalPublishException("the producer with transactional id " + transactionalId + " was closed after a fatal error", null);
        }
        Producer<byte[], byte[]> current = producer;
        if (current != null) {
            return current;
        }
        Producer<byte[], byte[]> created;
        try {
            created = producers.get();
        } catch (KafkaException e) {
            throw new PublishException("cannot create a Kafka producer: " + e, e);
        }
        try {
            created.initTransactions();
        } catch (KafkaException e) {
            created.close(Duration.ZERO);
            if (isFatal(e)) {
                throw fail(e);
            }
            throw new PublishException("cannot initialise transactions of " + transactionalId + ": " + e, e);
        }
        producer = created;
        return created;
    }

    private void abort(Producer<byte[], byte[]> p) {
        try {
            p.abortTransaction();
        } catch (RuntimeException e) {
            // A fenced producer's commit may fail with a mere InvalidProducerEpochException (Kafka 4); the abort then
            // tells the truth. Replacing the producer here would fence the other instance in turn, back and forth.
            if (isFatal(e)) {
                throw fail(e);
            }
            log.warn("aborting a transaction of {} failed ({}); the producer is replaced on the next publish", transactionalId, e.toString());
            closeProducer();
        }
    }

    private FatalPublishException fail(RuntimeException e) {
        fatal = true;
        closeProducer();
        String advice = e instanceof ProducerFencedException || e.getCause() instanceof ProducerFencedException
                ? "another producer with transactional id " + transactionalId + " started, so this one was fenced; "
                + "give every ingest-service instance its own NEWSFLOW_INGEST_INSTANCE_ID"
                : "the producer with transactional id " + transactionalId + " cannot go on";
        return new FatalPublishException(advice + " (" + e + ")", e);
    }

    /** Errors after which the producer must be closed, as the Kafka producer's documentation lists them. */
    private static boolean isFatal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof OutOfOrderSequenceException
                    || t instanceof AuthorizationException || t instanceof UnsupportedVersionException) {
                return true;
            }
        }
        return false;
    }

    private void closeProducer() {
        Producer<byte[], byte[]> p = producer;
        producer = null;
        if (p != null) {
            try {
                p.close(CLOSE_TIMEOUT);
            } catch (RuntimeException e) {
                log.warn("closing the producer of {} failed: {}", transactionalId, e.toString());
            }
        }
    }

    @Override
    public void close() {
        closeProducer();
    }
}
