package io.newsflow.index.consume;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.json.InvalidRecordException;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.Topics;
import io.newsflow.core.metrics.StageCounters;
import io.newsflow.index.bulk.BulkChunks;
import io.newsflow.index.bulk.BulkLimits;
import io.newsflow.index.bulk.BulkRequestFailedException;
import io.newsflow.index.bulk.BulkWriter;
import io.newsflow.index.bulk.DocumentRejectedException;
import io.newsflow.index.bulk.ItemOutcome;
import io.newsflow.index.document.DocumentMapper;
import io.newsflow.index.document.IndexDocument;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * The consume-index-commit loop, on one thread. It reads {@link Topics#ARTICLES_ENRICHED} in batches (up to the
 * bulk limits, or what arrived within the max wait), writes each batch to Elasticsearch, and commits the batch's
 * offsets only when every record in it is final: indexed, refused as an older version (a replay), or acknowledged
 * by the dead-letter topic. Whatever is not final yet (Elasticsearch unreachable, overloaded, the dead-letter topic
 * unreachable) is retried with backoff while all partitions are paused, so the consumer keeps polling (and keeps
 * its place in the group) without reading further. Revoked partitions commit their final records and leave the rest
 * to their next owner, which reads them again; writes are idempotent, so nothing is lost and nothing is duplicated.
 * <p>
 * Meters: articles indexed and records dead-lettered ({@link StageCounters}, stage {@value DeadLetterPublisher#STAGE}),
 * and, for each article once Elasticsearch acknowledged it, the time since it was published
 * ({@code newsflow_published_to_indexed_seconds}) and since ingest fetched it ({@code newsflow_fetched_to_indexed_seconds}),
 * as histograms.
 */
public final class IndexConsumer implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(IndexConsumer.class);

    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final Consumer<byte[], byte[]> consumer;
    private final BulkWriter writer;
    private final DeadLetterPublisher deadLetters;
    private final DocumentMapper mapper;
    private final BulkLimits limits;
    private final Backoff backoff;
    private final Clock clock;
    private final CompletableFuture<Throwable> failure;
    private final PendingBatch batch = new PendingBatch();
    private final StageCounters counters;
    private final Timer sincePublished;
    private final Timer sinceFetched;
    /** When the article of each document in the batch was published and fetched, until the document is final. */
    private final Map<IndexDocument, ArticleTimes> times = new IdentityHashMap<>();
    private volatile boolean closing;
    private volatile boolean finished;
    private boolean paused;

    /**
     * @param deadLetterProducer an idempotent producer ({@code KafkaConfigs.producer}) for {@link Topics#DEADLETTER}
     * @param failure            completed with the cause, after the loop stopped, if it stopped for an error it cannot
     *                           recover from (the process should then exit so that it is restarted); never on close()
     * @param registry           where indexed articles, dead letters and indexing delays are counted
     */
    public IndexConsumer(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> deadLetterProducer, BulkWriter writer,
                         DocumentMapper mapper, BulkLimits limits, Clock clock, CompletableFuture<Throwable> failure,
                         MeterRegistry registry) {
        this.consumer = consumer;
        this.deadLetters = new DeadLetterPublisher(deadLetterProducer);
        this.writer = writer;
        this.mapper = mapper;
        this.limits = limits;
        this.backoff = new Backoff(FIRST_RETRY, MAX_RETRY, RandomGenerator.getDefault());
        this.clock = clock;
        this.failure = failure;
        this.counters = new StageCounters(registry, DeadLetterPublisher.STAGE);
        this.sincePublished = delayTimer(registry, "newsflow.published.to.indexed",
                "Time from an article's publication to its indexing", Duration.ofSeconds(1), Duration.ofDays(7));
        this.sinceFetched = delayTimer(registry, "newsflow.fetched.to.indexed",
                "Time from ingest fetching an article to its indexing", Duration.ofMillis(10), Duration.ofHours(1));
    }

    private static Timer delayTimer(MeterRegistry registry, String name, String description, Duration min, Duration max) {
        return Timer.builder(name)
                .description(description)
                .publishPercentileHistogram()
                .minimumExpectedValue(min)
                .maximumExpectedValue(max)
                .register(registry);
    }

    /** The article times the delay histograms need; the publication time is null when the source gave none. */
    private record ArticleTimes(Instant publishedAt, Instant fetchedAt) {

        static ArticleTimes of(RawArticle article) {
            return new ArticleTimes(article.publishedAt() == null ? null : article.publishedAt().toInstant(), article.fetchedAt());
        }
    }

    @Override
    public void run() {
        Throwable stoppedBy = null;
        try {
            consumer.subscribe(List.of(Topics.ARTICLES_ENRICHED), new Rebalance());
            while (!closing) {
                collect();
                if (!batch.isEmpty()) {
                    deliver();
                }
            }
        } catch (WakeupException e) {
            stoppedBy = e; // only close() wakes the consumer up: a wake-up without it is not ours
        } catch (InterruptedException | InterruptException e) {
            Thread.currentThread().interrupt();
            stoppedBy = e;
        } catch (RuntimeException | Error e) {
            stoppedBy = e;
            if (closing) {
                log.warn("the index consumer stopped with an error while closing: {}", e.toString());
            }
        } finally {
            try {
                finish();
            } finally {
                finished = true;
                if (stoppedBy != null && !closing) {
                    failure.complete(new IllegalStateException("the index consumer loop stopped (" + stoppedBy
                            + "): nothing is being indexed until index-service restarts", stoppedBy));
                }
            }
        }
    }

    /** Asks the loop to stop; it finishes or abandons its batch, commits what is final and closes the consumer. */
    public void close() {
        closing = true;
        if (!finished) {
            consumer.wakeup();
        }
    }

    /** Polls until the batch is full, or the max wait since its first record has passed. */
    private void collect() {
        Instant deadline = null;
        while (!closing) {
            if (batch.isEmpty()) {
                absorb(consumer.poll(limits.maxWait()));
                deadline = clock.instant().plus(limits.maxWait());
                continue;
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (batch.size() >= limits.maxDocs() || batch.bytes() >= limits.maxBytes() || !left.isPositive()) {
                return;
            }
            absorb(consumer.poll(left));
        }
    }

    /** Retries until every record of the batch is final and committed (or its partition revoked). */
    private void deliver() throws InterruptedException {
        backoff.reset();
        while (!closing) {
            String problem = attempt();
            if (closing) {
                return;
            }
            if (problem == null && batch.allDone()) {
                problem = commit();
                if (problem == null) {
                    if (backoff.attempts() > 0) {
                        log.info("indexing resumed after {} retries; partitions resumed", backoff.attempts());
                    }
                    resumeAll();
                    return;
                }
            }
            Duration delay = backoff.next();
            log.warn("{} of {} records not final yet ({}); offsets not committed, partitions paused, retry {} in {} ms",
                    batch.size() - batch.count(PendingBatch.State.DONE), batch.size(), problem, backoff.attempts(), delay.toMillis());
            pauseAll();
            pollPaused(delay);
            if (batch.isEmpty()) { // every partition of the batch was revoked meanwhile
                resumeAll();
                return;
            }
        }
    }

    /**
     * Writes what is left to write: documents in bulk requests, rejected records to the dead-letter topic.
     *
     * @return why some records are not final yet, or null when none is left
     */
    private String attempt() throws InterruptedException {
        String problem = null;
        List<PendingBatch.Entry> toIndex = batch.inState(PendingBatch.State.TO_INDEX);
        for (List<PendingBatch.Entry> chunk : BulkChunks.split(toIndex, PendingBatch.Entry::document, limits)) {
            if (closing) {
                return "stopping";
            }
            long started = System.nanoTime();
            List<ItemOutcome> outcomes;
            try {
                outcomes = writer.write(chunk.stream().map(PendingBatch.Entry::document).toList());
            } catch (BulkRequestFailedException e) {
                problem = e.getMessage();
                break; // the cluster is likely down: back off before the next chunk
            }
            Map<ItemOutcome.Kind, Integer> counts = new EnumMap<>(ItemOutcome.Kind.class);
            Instant acknowledged = clock.instant();
            for (int i = 0; i < chunk.size(); i++) {
                PendingBatch.Entry entry = chunk.get(i);
                ItemOutcome outcome = outcomes.get(i);
                counts.merge(outcome.kind(), 1, Integer::sum);
                switch (outcome.kind()) {
                    case INDEXED -> {
                        entry.done();
                        recordDelays(times.remove(entry.document()), acknowledged);
                    }
                    case VERSION_CONFLICT -> {
                        entry.done();
                        times.remove(entry.document());
                        log.atDebug().addKeyValue("article.id", entry.document().id())
                                .log("record {}: the index holds a newer version of {} than {}: an expected replay, skipped",
                                        entry.describe(), entry.document().id(), entry.document().version());
                    }
                    case REJECTED -> {
                        entry.reject(new DocumentRejectedException(entry.document().id(), outcome));
                        times.remove(entry.document());
                    }
                    case RETRY -> problem = outcome.describe();
                }
            }
            counters.articles(counts.getOrDefault(ItemOutcome.Kind.INDEXED, 0));
            log.info("bulk: {} docs, {} indexed, {} version conflicts (replays), {} rejected, {} to retry, {} ms",
                    chunk.size(), counts.getOrDefault(ItemOutcome.Kind.INDEXED, 0),
                    counts.getOrDefault(ItemOutcome.Kind.VERSION_CONFLICT, 0), counts.getOrDefault(ItemOutcome.Kind.REJECTED, 0),
                    counts.getOrDefault(ItemOutcome.Kind.RETRY, 0), (System.nanoTime() - started) / 1_000_000);
        }
        List<PendingBatch.Entry> toDeadLetter = batch.inState(PendingBatch.State.TO_DEAD_LETTER);
        if (!toDeadLetter.isEmpty()) {
            Exception failure = deadLetters.publish(toDeadLetter);
            for (PendingBatch.Entry entry : toDeadLetter) {
                if (entry.state() == PendingBatch.State.DONE) {
                    counters.deadLetter(entry.rejection().getClass().getName());
                }
            }
            if (failure != null && problem == null) {
                problem = failure.getMessage();
            }
        }
        return problem;
    }

    /** A publication time after the acknowledgement (a source's wrong clock or time zone) says nothing about the delay. */
    private void recordDelays(ArticleTimes article, Instant acknowledged) {
        if (article == null) {
            return;
        }
        if (article.publishedAt() != null && !article.publishedAt().isAfter(acknowledged)) {
            sincePublished.record(Duration.between(article.publishedAt(), acknowledged));
        }
        if (!article.fetchedAt().isAfter(acknowledged)) {
            sinceFetched.record(Duration.between(article.fetchedAt(), acknowledged));
        }
    }

    /** Commits the batch, all final. Returns why it could not, when trying again later may help; otherwise null. */
    private String commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = batch.committableOffsets(batch.partitions());
        try {
            if (!offsets.isEmpty()) {
                consumer.commitSync(offsets);
            }
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The group moved on without us: the partitions' new owners read these records again and rewrite them idempotently.
            log.warn("could not commit {} records ({}); they will be read and written again", batch.size(), e.getMessage());
        } catch (TimeoutException e) {
            return "commit timed out: " + e.getMessage();
        }
        clearBatch();
        return null;
    }

    /** Waits out a backoff delay inside poll(), so that the consumer stays in the group and sees rebalances. */
    private void pollPaused(Duration delay) {
        Instant until = clock.instant().plus(delay);
        while (!closing) {
            Duration left = Duration.between(clock.instant(), until);
            if (!left.isPositive()) {
                return;
            }
            absorb(consumer.poll(left));
        }
    }

    private void absorb(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            batch.add(entryFor(record));
        }
    }

    private PendingBatch.Entry entryFor(ConsumerRecord<byte[], byte[]> record) {
        try {
            EnrichedArticle article = Json.fromBytes(record.value(), EnrichedArticle.class);
            IndexDocument document = mapper.map(article, record.offset());
            times.put(document, ArticleTimes.of(article.article()));
            return PendingBatch.Entry.toIndex(record, document);
        } catch (InvalidRecordException e) {
            return PendingBatch.Entry.toDeadLetter(record, e);
        }
    }

    private void pauseAll() {
        consumer.pause(consumer.assignment());
        paused = true;
    }

    private void resumeAll() {
        consumer.resume(consumer.paused());
        paused = false;
    }

    /** On the way out: commits what is final, leaves the rest to be read again, closes the consumer. */
    private void finish() {
        try {
            if (!batch.isEmpty()) {
                int notFinal = batch.size() - (int) batch.count(PendingBatch.State.DONE);
                commitOnClose(batch.committableOffsets(batch.partitions()));
                if (notFinal > 0) {
                    log.info("stopping with {} records not final yet: not committed, they will be read again", notFinal);
                }
                clearBatch();
            }
        } finally {
            consumer.close();
        }
    }

    private void clearBatch() {
        batch.clear();
        times.clear();
    }

    private void commitOnClose(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                consumer.commitSync(offsets);
                return;
            } catch (WakeupException e) {
                // the wake-up close() left pending; the next try goes through
            } catch (KafkaException e) {
                log.warn("could not commit on close ({}); those records will be read and written again", e.getMessage());
                return;
            }
        }
    }

    /** Keeps the batch consistent with the assignment: revoked partitions commit what is final and drop the rest. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (batch.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = batch.committableOffsets(partitions);
            if (!offsets.isEmpty()) {
                try {
                    consumer.commitSync(offsets);
                } catch (WakeupException | InterruptException e) {
                    throw e;
                } catch (KafkaException e) {
                    log.warn("could not commit revoked partitions {} ({}); their records will be read again", partitions, e.getMessage());
                }
            }
            int notFinal = batch.drop(partitions);
            forgetTimesIfEmpty();
            if (notFinal > 0) {
                log.info("partitions {} revoked: {} records not final yet left to the next owner", partitions, notFinal);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            int notFinal = batch.drop(partitions);
            forgetTimesIfEmpty();
            log.warn("partitions {} lost: {} records not final yet left to the next owner", partitions, notFinal);
        }

        /** The times of dropped records otherwise go with the batch's next commit, which clears them all. */
        private void forgetTimesIfEmpty() {
            if (batch.isEmpty()) {
                times.clear();
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (paused) {
                consumer.pause(partitions); // a rebalance does not keep pauses; a batch is still being retried
            }
        }
    }
}
