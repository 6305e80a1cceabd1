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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The consume-index-commit loop, on one thread. It reads {@link Topics#ARTICLES_ENRICHED} into bulk requests (a full one
 * by count or by bytes, or what arrived within the max wait, or before no record came for a moment, or what was read
 * while no request was in the air) and keeps up to
 * {@link BulkLimits#inFlight()} of them in the air: as soon as one comes back the next one goes, so that Elasticsearch
 * never waits for the slowest request of a group, and meanwhile the loop reads and maps the records of the next.
 * Offsets are committed only past records that are final: indexed, refused as an older version (a replay), or
 * acknowledged by the dead-letter topic; a request that comes back before an older one waits for it before its
 * offsets move. Whatever is not final yet (Elasticsearch unreachable, overloaded, the dead-letter topic unreachable)
 * goes again after a backoff, while all partitions are paused, so the consumer keeps polling (and keeps its place in
 * the group) without reading further. Revoked partitions commit their final records and leave the rest to their next
 * owner, which reads them again; writes are idempotent, so nothing is lost and nothing is duplicated.
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
    /** How long a request being filled waits for the next record before it goes as it is: a few local fetches. */
    static final Duration IDLE = Duration.ofMillis(10);
    /** One poll while requests are in the air: short, to send the next one soon after one comes back. */
    static final Duration IN_FLIGHT_POLL = Duration.ofMillis(5);
    /** How long close() waits for the requests in the air, so that their records can be committed. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final Consumer<byte[], byte[]> consumer;
    private final BulkWriter writer;
    private final DeadLetterPublisher deadLetters;
    private final DocumentMapper mapper;
    private final BulkLimits limits;
    private final Backoff backoff;
    private final Clock clock;
    private final CompletableFuture<Throwable> failure;
    /** Records read and not sent yet, in read order, a request's worth each; only the last one is still filling. */
    private final Deque<PendingBatch> unsent = new ArrayDeque<>();
    /** When the first record of the last unsent request, and the last record of all, were read. */
    private Instant fillingSince;
    private Instant lastRead = Instant.MIN;
    /** The requests sent and not committed yet, in the order their records were read. */
    private final Deque<Flight> window = new ArrayDeque<>();
    /** When the requests that came back with records not final go again; null while none waits. */
    private Instant retryAt;
    /**
     * Whether a request came back (or a commit failed) since the last commit: only then can more be committed, and
     * the loop turns every few milliseconds while requests are in the air.
     */
    private boolean commitDue;
    /** The offset this loop last committed for each partition it owns. */
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final StageCounters counters;
    private final Timer sincePublished;
    private final Timer sinceFetched;
    /** When the article of each document read was published and fetched, until the document is final. */
    private final Map<IndexDocument, ArticleTimes> times = new IdentityHashMap<>();
    /** Sends the bulk requests, side by side. */
    private final ExecutorService requests;
    private volatile boolean closing;
    private volatile boolean finished;
    /** Set while some records cannot be made final, for the readiness check; null while indexing goes well. */
    private volatile Stall stall;
    private boolean paused;

    /** Why the loop has been retrying, and since when. */
    private record Stall(String problem, Instant since) {
    }

    /** One bulk request's records; while it is in the air, its write; once back with records not final, marked so. */
    private static final class Flight {
        final PendingBatch batch;
        CompletableFuture<List<Written>> write;
        boolean unfinished;

        Flight(PendingBatch batch) {
            this.batch = batch;
        }

        boolean inTheAir() {
            return write != null;
        }
    }

    /** What one {@code _bulk} request of a flight came back with: an outcome for each entry, or the request's failure. */
    private record Written(List<PendingBatch.Entry> entries, List<ItemOutcome> outcomes, BulkRequestFailedException failure) {
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
     * Up while every request becomes final; down from the first failed attempt until its records are committed
     * (Elasticsearch down, overloaded or read-only, the dead-letter topic unreachable), with the reason: offsets do not
     * move meanwhile.
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
                step();
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

    /** Asks the loop to stop; it lands the requests in the air, commits what is final and closes the consumer. */
    public void close() {
        closing = true;
        if (!finished) {
            consumer.wakeup();
        }
    }

    /**
     * One turn of the loop: takes in the requests that came back, sends the next ones into the freed slots, commits
     * what became final, and then either retries (while some records are not final: nothing new is read or sent) or
     * sends what is due and reads more records. The next request goes before the commit, which waits for the broker:
     * Elasticsearch would wait for it too.
     */
    private void step() throws InterruptedException {
        land();
        if (stall == null) {
            send();
        }
        String problem = commit();
        if (problem != null) {
            holdOff(problem);
            return;
        }
        if (stall != null) {
            if (!window.isEmpty()) {
                retry();
                return;
            }
            if (backoff.attempts() > 0) {
                log.info("indexing resumed after {} retries; partitions resumed", backoff.attempts());
            }
            stall = null;
            backoff.reset();
            resumeAll();
        }
        send();
        read();
    }

    /**
     * Sends unsent requests while a slot is free: each one that is full, and the last one as soon as nothing is in the
     * air, or once it has waited the max wait since its first record, or no record came for {@link #IDLE}. Records
     * that keep coming fill requests while others are being written, but Elasticsearch is never left waiting for a
     * request to fill (the start of a backlog), and a request is not held back for records that are not coming (the
     * end of a backlog, a quiet feed). At most twice as many requests as may be in the air are kept uncommitted,
     * behind one that is slow to come back.
     */
    private void send() {
        while (!unsent.isEmpty() && inTheAir() < limits.inFlight() && window.size() < 2 * limits.inFlight()) {
            PendingBatch next = unsent.peekFirst();
            Instant now = clock.instant();
            boolean filling = unsent.size() == 1 && !full(next) && inTheAir() > 0;
            if (filling && now.isBefore(fillingSince.plus(limits.maxWait())) && now.isBefore(lastRead.plus(IDLE))) {
                return;
            }
            unsent.removeFirst();
            Flight flight = new Flight(next);
            window.addLast(flight);
            launch(flight);
        }
    }

    /**
     * Reads the next records into the unsent requests. With a full request waiting for a slot it reads nothing and
     * waits for a request to come back instead: whatever the lag, the loop holds at most twice as many requests'
     * worth of records as may be in the air, and two more being read.
     */
    private void read() throws InterruptedException {
        PendingBatch last = unsent.peekLast();
        if (last != null && (unsent.size() > 1 || full(last))) {
            awaitLanding();
            return;
        }
        Duration timeout;
        if (inTheAir() > 0) {
            timeout = IN_FLIGHT_POLL;
        } else if (last != null) {
            Instant now = clock.instant();
            Duration idleLeft = Duration.between(now, lastRead.plus(IDLE));
            Duration waitLeft = Duration.between(now, fillingSince.plus(limits.maxWait()));
            timeout = idleLeft.compareTo(waitLeft) < 0 ? idleLeft : waitLeft;
            timeout = timeout.isNegative() ? Duration.ZERO : timeout;
        } else {
            timeout = limits.maxWait();
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
        if (records.isEmpty() && window.isEmpty() && unsent.isEmpty()) {
            commitPastControlRecords();
        }
        absorb(records);
    }

    private boolean full(PendingBatch batch) {
        return batch.size() >= limits.maxDocs() || batch.bytes() >= limits.maxBytes();
    }

    private int inTheAir() {
        int count = 0;
        for (Flight flight : window) {
            if (flight.inTheAir()) {
                count++;
            }
        }
        return count;
    }

    /** Waits until a request in the air comes back (or a moment passes, to see close()). */
    private void awaitLanding() throws InterruptedException {
        CompletableFuture<?>[] inTheAir = window.stream().filter(Flight::inTheAir).map(f -> f.write).toArray(CompletableFuture[]::new);
        if (inTheAir.length == 0) {
            return;
        }
        try {
            CompletableFuture.anyOf(inTheAir).get(100, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            // land() reads the outcome, whichever it is
        }
    }

    /** Sends a flight's records that are to be indexed, in requests within the limits, one after the other. */
    private void launch(Flight flight) {
        List<PendingBatch.Entry> toIndex = flight.batch.inState(PendingBatch.State.TO_INDEX);
        List<List<PendingBatch.Entry>> chunks = BulkChunks.split(toIndex, PendingBatch.Entry::document, limits);
        flight.write = CompletableFuture.supplyAsync(() -> write(chunks), requests);
    }

    /** On a request thread: a request that fails as a whole is reported with the others' outcomes, not thrown. */
    private List<Written> write(List<List<PendingBatch.Entry>> chunks) {
        List<Written> written = new ArrayList<>(chunks.size());
        for (List<PendingBatch.Entry> chunk : chunks) {
            List<IndexDocument> documents = chunk.stream().map(PendingBatch.Entry::document).toList();
            try {
                written.add(new Written(chunk, writer.write(documents), null));
            } catch (BulkRequestFailedException e) {
                written.add(new Written(chunk, null, e));
            }
        }
        return written;
    }

    /**
     * Takes in every request that came back: marks each record by its outcome, sends the refused ones to the
     * dead-letter topic, and marks a flight with records still not final, to go again after a backoff.
     */
    private void land() throws InterruptedException {
        for (Flight flight : window) {
            if (!flight.inTheAir() || !flight.write.isDone()) {
                continue;
            }
            List<Written> written;
            try {
                written = flight.write.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("bulk request failed unexpectedly: " + e.getCause(), e.getCause());
            }
            flight.write = null;
            commitDue = true;
            String problem = outcomes(written);
            List<PendingBatch.Entry> toDeadLetter = flight.batch.inState(PendingBatch.State.TO_DEAD_LETTER);
            if (!toDeadLetter.isEmpty()) {
                Exception failed = deadLetters.publish(toDeadLetter);
                for (PendingBatch.Entry entry : toDeadLetter) {
                    if (entry.state() == PendingBatch.State.DONE) {
                        counters.deadLetter(entry.rejection().getClass().getName());
                    }
                }
                if (failed != null && problem == null) {
                    problem = failed.getMessage();
                }
            }
            if (!flight.batch.allDone()) {
                unfinished(flight, problem != null ? problem : "records not final");
            }
        }
    }

    /** Marks each record of the requests by its outcome; returns why some are not final, or null. */
    private String outcomes(List<Written> written) {
        String problem = null;
        for (Written request : written) {
            if (request.failure() != null) {
                problem = request.failure().getMessage(); // the cluster is likely down: back off before writing again
                continue;
            }
            Map<ItemOutcome.Kind, Integer> counts = new EnumMap<>(ItemOutcome.Kind.class);
            Instant acknowledged = clock.instant();
            for (int i = 0; i < request.entries().size(); i++) {
                PendingBatch.Entry entry = request.entries().get(i);
                ItemOutcome outcome = request.outcomes().get(i);
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
                    request.entries().size(), counts.getOrDefault(ItemOutcome.Kind.INDEXED, 0),
                    counts.getOrDefault(ItemOutcome.Kind.VERSION_CONFLICT, 0), counts.getOrDefault(ItemOutcome.Kind.REJECTED, 0),
                    counts.getOrDefault(ItemOutcome.Kind.RETRY, 0));
        }
        return problem;
    }

    /** A flight came back with records not final: it goes again after a backoff, and nothing new is read or sent meanwhile. */
    private void unfinished(Flight flight, String problem) {
        flight.unfinished = true;
        Stall before = stall;
        stall = new Stall(problem, before == null ? clock.instant() : before.since());
        pauseAll();
        if (retryAt == null) {
            Duration delay = backoff.next();
            retryAt = clock.instant().plus(delay);
            log.warn("{} of {} records not final yet ({}); offsets not committed, partitions paused, retry {} in {} ms",
                    notFinal(), records(), problem, backoff.attempts(), delay.toMillis());
        }
    }

    /** While stalled: sends the unfinished requests again once their backoff has passed, as slots allow. */
    private void retry() {
        Instant now = clock.instant();
        if (retryAt != null && !now.isBefore(retryAt)) {
            retryAt = null;
            for (Flight flight : window) {
                if (flight.unfinished && inTheAir() < limits.inFlight()) {
                    flight.unfinished = false;
                    launch(flight);
                }
            }
            if (window.stream().anyMatch(f -> f.unfinished)) {
                retryAt = now; // the rest as soon as a slot frees
            }
        }
        Duration wait = retryAt == null || inTheAir() > 0 ? IN_FLIGHT_POLL : Duration.between(now, retryAt);
        pollPaused(wait.isNegative() ? Duration.ZERO : wait);
    }

    /** A commit that timed out: nothing new is read until it goes through. */
    private void holdOff(String problem) {
        Stall before = stall;
        stall = new Stall(problem, before == null ? clock.instant() : before.since());
        pauseAll();
        Duration delay = backoff.next();
        log.warn("{}; offsets not committed, partitions paused, retry {} in {} ms", problem, backoff.attempts(), delay.toMillis());
        pollPaused(delay);
    }

    private long notFinal() {
        long count = 0;
        for (Flight flight : window) {
            count += flight.batch.size() - flight.batch.count(PendingBatch.State.DONE);
        }
        return count;
    }

    private long records() {
        long count = 0;
        for (Flight flight : window) {
            count += flight.batch.size();
        }
        return count;
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

    /**
     * Commits what became final: each partition up to its first record that is not, over the requests in the order
     * they were read; then forgets the requests at the front that are all final. Returns why it could not commit when
     * trying again later may help; otherwise null.
     */
    private String commit() {
        if (!commitDue || window.isEmpty()) {
            return null;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = PendingBatch.committableOffsets(batches(window), partitions(window));
        offsets.entrySet().removeIf(offset -> Long.valueOf(offset.getValue().offset()).equals(committed.get(offset.getKey())));
        try {
            if (!offsets.isEmpty()) {
                consumer.commitSync(offsets);
                offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
            }
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The group moved on without us: the partitions' new owners read these records again and rewrite them idempotently.
            log.warn("could not commit the offsets of {} partitions ({}); their records will be read and written again", offsets.size(), e.getMessage());
        } catch (TimeoutException e) {
            return "commit timed out: " + e.getMessage(); // still due: the next turn tries again
        }
        commitDue = false;
        while (!window.isEmpty() && !window.peekFirst().inTheAir() && window.peekFirst().batch.allDone()) {
            window.removeFirst().batch.documents().forEach(times::remove);
        }
        return null;
    }

    private static List<PendingBatch> batches(Collection<Flight> flights) {
        return flights.stream().map(f -> f.batch).toList();
    }

    private static Set<TopicPartition> partitions(Collection<Flight> flights) {
        Set<TopicPartition> partitions = new HashSet<>();
        flights.forEach(f -> partitions.addAll(f.batch.partitions()));
        return partitions;
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
        do {
            Duration left = Duration.between(clock.instant(), until);
            absorb(consumer.poll(left.isNegative() ? Duration.ZERO : left));
        } while (!closing && clock.instant().isBefore(until));
    }

    /** Adds records to the unsent requests, starting a new one when the last is full. */
    private void absorb(ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
            PendingBatch last = unsent.peekLast();
            if (last == null || full(last)) {
                last = new PendingBatch();
                unsent.addLast(last);
                fillingSince = clock.instant();
            }
            last.add(entryFor(record));
        }
        lastRead = clock.instant();
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

    /**
     * On the way out: lands the requests in the air (for a few seconds at most), commits what is final, leaves the
     * rest to be read again, closes the consumer.
     */
    private void finish() {
        try {
            awaitInTheAir(CLOSE_WAIT);
            land();
            if (!window.isEmpty()) {
                commitOnClose(PendingBatch.committableOffsets(batches(window), partitions(window)));
            }
            long notFinal = notFinal();
            for (PendingBatch batch : unsent) {
                notFinal += batch.size();
            }
            if (notFinal > 0) {
                log.info("stopping with {} records not final yet: not committed, they will be read again", notFinal);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("could not land the requests in the air on close ({}); their records will be read again", e.toString());
        } finally {
            requests.shutdownNow();
            consumer.close();
        }
    }

    private void awaitInTheAir(Duration wait) throws InterruptedException {
        CompletableFuture<?>[] inTheAir = window.stream().filter(Flight::inTheAir).map(f -> f.write).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(inTheAir).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            // those still in the air are abandoned: their records are not final, so not committed
        }
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

    /** Keeps what the loop holds consistent with the assignment: revoked partitions commit what is final and drop the rest. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(committed::remove);
            Map<TopicPartition, OffsetAndMetadata> offsets = PendingBatch.committableOffsets(batches(window), partitions);
            if (!offsets.isEmpty()) {
                try {
                    consumer.commitSync(offsets);
                } catch (WakeupException | InterruptException e) {
                    throw e;
                } catch (KafkaException e) {
                    log.warn("could not commit revoked partitions {} ({}); their records will be read again", partitions, e.getMessage());
                }
            }
            int notFinal = drop(partitions);
            if (notFinal > 0) {
                log.info("partitions {} revoked: {} records not final yet left to the next owner", partitions, notFinal);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(committed::remove);
            int notFinal = drop(partitions);
            log.warn("partitions {} lost: {} records not final yet left to the next owner", partitions, notFinal);
        }

        /** Forgets the records of {@code partitions}, sent or not; returns how many were not final. */
        private int drop(Collection<TopicPartition> partitions) {
            int notFinal = 0;
            for (Flight flight : window) {
                notFinal += flight.batch.drop(partitions);
            }
            window.removeIf(flight -> !flight.inTheAir() && flight.batch.isEmpty());
            for (PendingBatch batch : unsent) {
                notFinal += batch.drop(partitions);
            }
            unsent.removeIf(PendingBatch::isEmpty);
            Set<IndexDocument> kept = Collections.newSetFromMap(new IdentityHashMap<>());
            window.forEach(flight -> kept.addAll(flight.batch.documents()));
            unsent.forEach(batch -> kept.addAll(batch.documents()));
            times.keySet().retainAll(kept);
            return notFinal;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (paused) {
                consumer.pause(partitions); // a rebalance does not keep pauses; requests are being retried
            }
        }
    }
}
