package io.newsflow.index.consume;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.json.InvalidRecordException;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.Topics;
import io.newsflow.core.metrics.StageCounters;
import io.newsflow.core.runtime.HealthCheck;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;

/**
 * The consume-index-commit loop, on one thread. It reads {@link Topics#ARTICLES_ENRICHED} in batches (up to a full
 * bulk request for each request in flight, by count and by bytes, or what arrived within the max wait), writes each
 * batch to Elasticsearch in bulk requests sent side by side, and commits the batch's offsets only when every record in
 * it is final: indexed, refused as an older version (a replay), or acknowledged
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

    /** The name of {@link #health()}'s check. */
    public static final String HEALTH_CHECK = "indexing";
    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    /** How long a batch waits for the next record before it is written as it is. */
    static final Duration IDLE = Duration.ofMillis(50);
    /** One poll for the next batch while the current one is written: short, to notice the write's end soon. */
    static final Duration PREFETCH_POLL = Duration.ofMillis(5);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final Consumer<byte[], byte[]> consumer;
    private final BulkWriter writer;
    private final DeadLetterPublisher deadLetters;
    private final DocumentMapper mapper;
    private final BulkLimits limits;
    private final Backoff backoff;
    private final Clock clock;
    private final CompletableFuture<Throwable> failure;
    /** The records being written; {@code next} the ones read meanwhile, written after them. */
    private PendingBatch batch = new PendingBatch();
    private PendingBatch next = new PendingBatch();
    /** The offset this loop last committed for each partition it owns. */
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final StageCounters counters;
    private final Timer sincePublished;
    private final Timer sinceFetched;
    /** When the article of each document in the batch was published and fetched, until the document is final. */
    private final Map<IndexDocument, ArticleTimes> times = new IdentityHashMap<>();
    /** Sends a batch's bulk requests side by side. */
    private final ExecutorService requests;
    private volatile boolean closing;
    private volatile boolean finished;
    /** Set while a batch cannot be made final, for the readiness check; null while indexing goes well. */
    private volatile Stall stall;
    private boolean paused;

    /** Why the loop has been retrying a batch, and since when. */
    private record Stall(String problem, Instant since) {
    }

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
        this.requests = Executors.newFixedThreadPool(limits.inFlight(), Thread.ofPlatform().name("index-bulk-", 1).daemon().factory());
    }

    /**
     * Up while every batch becomes final; down from the first failed attempt until the batch is committed (Elasticsearch
     * down, overloaded or read-only, the dead-letter topic unreachable), with the reason: offsets do not move meanwhile.
     */
    public HealthCheck health() {
        Stall current = stall;
        if (current == null) {
            return HealthCheck.up(HEALTH_CHECK, "every batch so far was indexed and committed");
        }
        return HealthCheck.down(HEALTH_CHECK, "retrying a batch since " + current.since() + " (" + current.problem()
                + "); offsets are not committed meanwhile, and indexing resumes by itself once this passes");
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

    /**
     * Polls until the batch is full (a full bulk request for each request in flight), the max wait since its first
     * record has passed, or no record came for {@link #IDLE}: records that keep coming fill the batch, and a batch is
     * not held back for records that are not coming (the end of a backlog, a quiet feed). While a batch is written the
     * loop reads the next one (see {@link #prefetch}), and while it retries it polls paused partitions only: what it
     * holds in memory is two batches at most, whatever the lag.
     */
    private void collect() {
        Instant deadline = null;
        while (!closing) {
            if (batch.isEmpty()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(limits.maxWait());
                if (records.isEmpty()) {
                    commitPastControlRecords();
                }
                absorb(batch, records);
                continue;
            }
            if (deadline == null) {
                deadline = clock.instant().plus(limits.maxWait());
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (batch.size() >= limits.batchDocs() || batch.bytes() >= limits.batchBytes() || !left.isPositive()) {
                return;
            }
            ConsumerRecords<byte[], byte[]> more = consumer.poll(left.compareTo(IDLE) < 0 ? left : IDLE);
            if (more.isEmpty()) {
                return;
            }
            absorb(batch, more);
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
                    stall = null;
                    resumeAll();
                    return;
                }
            }
            Stall before = stall;
            stall = new Stall(problem, before == null ? clock.instant() : before.since());
            Duration delay = backoff.next();
            log.warn("{} of {} records not final yet ({}); offsets not committed, partitions paused, retry {} in {} ms",
                    batch.size() - batch.count(PendingBatch.State.DONE), batch.size(), problem, backoff.attempts(), delay.toMillis());
            pauseAll();
            pollPaused(delay);
            if (batch.isEmpty()) { // every partition of the batch was revoked meanwhile
                stall = null;
                clearBatch();
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
        List<List<PendingBatch.Entry>> chunks = BulkChunks.split(toIndex, PendingBatch.Entry::document, limits);
        // Every chunk at once, at most limits.inFlight() of them in the air: versions make their order irrelevant.
        List<Future<List<ItemOutcome>>> writes = new ArrayList<>(chunks.size());
        for (List<PendingBatch.Entry> chunk : chunks) {
            List<IndexDocument> documents = chunk.stream().map(PendingBatch.Entry::document).toList();
            writes.add(requests.submit(() -> writer.write(documents)));
        }
        for (Future<List<ItemOutcome>> write : writes) {
            while (!write.isDone() && !closing && prefetch()) {
                // reading and decoding the next batch while Elasticsearch indexes this one
            }
        }
        for (int c = 0; c < chunks.size(); c++) {
            List<PendingBatch.Entry> chunk = chunks.get(c);
            List<ItemOutcome> outcomes;
            try {
                outcomes = writes.get(c).get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof BulkRequestFailedException failed)) {
                    throw new IllegalStateException("bulk request failed unexpectedly: " + e.getCause(), e.getCause());
                }
                problem = failed.getMessage(); // the cluster is likely down: back off before writing again
                continue;
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
            log.info("bulk: {} docs, {} indexed, {} version conflicts (replays), {} rejected, {} to retry",
                    chunk.size(), counts.getOrDefault(ItemOutcome.Kind.INDEXED, 0),
                    counts.getOrDefault(ItemOutcome.Kind.VERSION_CONFLICT, 0), counts.getOrDefault(ItemOutcome.Kind.REJECTED, 0),
                    counts.getOrDefault(ItemOutcome.Kind.RETRY, 0));
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
                offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
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

    /**
     * Reads records into the next batch, a short poll at a time, while the current one is being written: Elasticsearch
     * does not wait for the loop between batches. Returns false once the next batch is full; the loop then stops
     * reading until the current batch is done.
     */
    private boolean prefetch() {
        if (next.size() >= limits.batchDocs() || next.bytes() >= limits.batchBytes()) {
            return false;
        }
        absorb(next, consumer.poll(PREFETCH_POLL));
        return true;
    }

    /**
     * With nothing left to write, commits the consumer's position where it has moved past the last commit without
     * records: over the commit markers of transactions (enrich-service writes exactly-once) and aborted records. Without
     * this, the committed offset of such a partition would stay one short of its end, and the group's lag never reach 0
     * (which {@code ./newsflow index migrate} waits for).
     */
    private void commitPastControlRecords() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            Long last = committed.get(partition);
            if (last == null) {
                continue;
            }
            long position;
            try {
                position = consumer.position(partition, Duration.ZERO);
            } catch (TimeoutException e) {
                continue; // no position yet: nothing was read past the last commit
            }
            if (position > last) {
                offsets.put(partition, new OffsetAndMetadata(position));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
        } catch (CommitFailedException | RebalanceInProgressException | TimeoutException e) {
            log.debug("could not commit positions past control records ({}); the next idle poll tries again", e.getMessage());
        }
    }

    /** Waits out a backoff delay inside poll(), so that the consumer stays in the group and sees rebalances. */
    private void pollPaused(Duration delay) {
        Instant until = clock.instant().plus(delay);
        while (!closing) {
            Duration left = Duration.between(clock.instant(), until);
            if (!left.isPositive()) {
                return;
            }
            absorb(batch, consumer.poll(left));
        }
    }

    private void absorb(PendingBatch target, ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            target.add(entryFor(record));
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
            requests.shutdownNow();
            consumer.close();
        }
    }

    /** Done with the batch: the next one, read meanwhile, takes its place. */
    private void clearBatch() {
        batch.documents().forEach(times::remove);
        batch.clear();
        PendingBatch done = batch;
        batch = next;
        next = done;
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
            partitions.forEach(committed::remove);
            next.drop(partitions); // nothing of it is final yet: the next owner reads it
            if (batch.isEmpty()) {
                forgetTimesOfDropped();
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
            forgetTimesOfDropped();
            if (notFinal > 0) {
                log.info("partitions {} revoked: {} records not final yet left to the next owner", partitions, notFinal);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(committed::remove);
            int notFinal = batch.drop(partitions) + next.drop(partitions);
            forgetTimesOfDropped();
            log.warn("partitions {} lost: {} records not final yet left to the next owner", partitions, notFinal);
        }

        private void forgetTimesOfDropped() {
            Set<IndexDocument> kept = Collections.newSetFromMap(new IdentityHashMap<>());
            kept.addAll(batch.documents());
            kept.addAll(next.documents());
            times.keySet().retainAll(kept);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (paused) {
                consumer.pause(partitions); // a rebalance does not keep pauses; a batch is still being retried
            }
        }
    }
}
