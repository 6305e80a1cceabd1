package io.newsflow.index.consume;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.core.config.Settings;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.Topics;
import io.newsflow.core.metrics.StageCounters;
import io.newsflow.index.bulk.BulkLimits;
import io.newsflow.index.bulk.BulkWriter;
import io.newsflow.index.document.Articles;
import io.newsflow.index.document.DocumentMapper;
import io.newsflow.index.elasticsearch.ElasticsearchClients;
import io.newsflow.index.elasticsearch.ElasticsearchConnection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop against Kafka's mock consumer and a loopback HTTP server that answers bulk requests like Elasticsearch,
 * indexing every document: how the loop ends, and what it counts.
 */
class IndexConsumerTest {

    private static final TopicPartition PARTITION = new TopicPartition(Topics.ARTICLES_ENRICHED, 0);

    /** Runs at the start of each commit, on the loop's thread. */
    private volatile java.util.function.Consumer<Map<TopicPartition, OffsetAndMetadata>> onCommit = offsets -> { };
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest") {
        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            onCommit.accept(offsets);
            super.commitSync(offsets);
        }
    };
    private final MockProducer<byte[], byte[]> deadLetters = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private HttpServer server;
    private ElasticsearchClient elasticsearch;
    private IndexConsumer loop;
    private Thread thread;
    private final AtomicInteger inRequest = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private final CountDownLatch secondRequest = new CountDownLatch(2);
    private volatile int itemStatus = 201;
    /** When set, each bulk request is answered only once this opens (or after 5 s). */
    private volatile CountDownLatch holdWritesUntil;
    private final AtomicReference<Boolean> firstWriteOverlappedPoll = new AtomicReference<>();
    /** When set, the request for the record at offset 0 is answered only once this opens (or after 10 s). */
    private volatile CountDownLatch holdFirstRecordUntil;
    /** The versions (offset + 1) of the documents requested so far, in the order the requests came. */
    private final List<Long> requestedVersions = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** How many documents each request carried, in the order the requests came. */
    private final List<Integer> requestSizes = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            requestSizes.add((int) new String(request, StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("{\"index\"")).count());
            for (String line : new String(request, StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("{\"index\"")) {
                    requestedVersions.add(Json.mapper().readTree(line).at("/index/version").asLong());
                }
            }
            CountDownLatch holdFirst = holdFirstRecordUntil;
            if (holdFirst != null && new String(request, StandardCharsets.UTF_8).contains("\"version\":1,")) {
                try {
                    holdFirst.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            CountDownLatch holdUntil = holdWritesUntil;
            if (holdUntil != null) {
                try {
                    firstWriteOverlappedPoll.compareAndSet(null, holdUntil.await(5, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int concurrent = inRequest.incrementAndGet();
            maxConcurrent.accumulateAndGet(concurrent, Math::max);
            try {
                // Holds each request until a second one arrives (or a while passes), to see whether they overlap.
                secondRequest.countDown();
                secondRequest.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = answerEach(new String(request, StandardCharsets.UTF_8), itemStatus);
            inRequest.decrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        elasticsearch = ElasticsearchClients.create(ElasticsearchConnection.from(new Settings(Map.of(
                ElasticsearchConnection.URL, "http://127.0.0.1:" + server.getAddress().getPort()))));
        loopWith(new BulkLimits(1, 5 * 1024 * 1024, Duration.ofSeconds(60), 2));
    }

    /** Replaces the loop under test (not started yet) by one with {@code limits}. */
    private void loopWith(BulkLimits limits) {
        Clock clock = Clock.systemUTC();
        loop = new IndexConsumer(consumer, deadLetters, new BulkWriter(elasticsearch, "news-articles-write", registry),
                new DocumentMapper(clock), limits, clock, failure, registry);
        thread = new Thread(loop, "index-consumer-test");
    }

    /** A bulk response in which every document of the NDJSON request was created, or refused with {@code status}. */
    private static byte[] answerEach(String request, int status) throws IOException {
        List<String> items = new ArrayList<>();
        String[] lines = request.split("\n");
        for (int i = 0; i < lines.length; i += 2) {
            JsonNode action = Json.mapper().readTree(lines[i]).path("index");
            items.add(status == 201
                    ? "{\"index\":{\"_index\":\"news-articles-v1\",\"_id\":\"%s\",\"_version\":%d,\"result\":\"created\",\"status\":201}}"
                    .formatted(action.path("_id").asText(), action.path("version").asLong())
                    : ("{\"index\":{\"_index\":\"news-articles-v1\",\"_id\":\"%s\",\"status\":%d,\"error\":{\"type\":"
                    + "\"cluster_block_exception\",\"reason\":\"index [news-articles-v1] blocked by: [TOO_MANY_REQUESTS/12/disk usage "
                    + "exceeded flood-stage watermark, index has read-only-allow-delete block];\"}}}").formatted(action.path("_id").asText(), status));
        }
        return ("{\"took\":1,\"errors\":false,\"items\":[" + String.join(",", items) + "]}").getBytes(StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() throws IOException, InterruptedException {
        loop.close();
        thread.join(10_000);
        elasticsearch.close();
        server.stop(0);
    }

    @Test
    void counts_indexed_articles_dead_letters_and_the_delays_since_publication_and_fetch() throws Exception {
        consumer.schedulePollTask(() -> {
            consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
            consumer.rebalance(List.of(PARTITION));
            consumer.addRecord(article(0));
            consumer.addRecord(new ConsumerRecord<>(PARTITION.topic(), 0, 1, "k".getBytes(StandardCharsets.UTF_8),
                    "not JSON".getBytes(StandardCharsets.UTF_8)));
        });

        thread.start();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (committed() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(committed()).as("both records final and committed").isEqualTo(2);
        assertThat(deadLetters.history()).extracting(ProducerRecord::topic).containsExactly(Topics.DEADLETTER);
        assertThat(registry.get(StageCounters.ARTICLES).tag("stage", "index").counter().count()).isEqualTo(1);
        assertThat(registry.get(StageCounters.DEAD_LETTERS).tags("stage", "index", "exception", "InvalidRecordException")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("newsflow.bulk.items").tag("outcome", "indexed").counter().count()).isEqualTo(1);
        assertThat(registry.get("newsflow.published.to.indexed").timer().count()).isEqualTo(1);
        assertThat(registry.get("newsflow.fetched.to.indexed").timer().count()).isEqualTo(1);
        assertThat(registry.get("newsflow.fetched.to.indexed").timer().max(TimeUnit.DAYS))
                .as("the article was fetched in 2024").isGreaterThan(300);
    }

    @Test
    void a_batch_is_written_when_no_more_records_come_without_waiting_out_the_max_wait() throws Exception {
        assignedWithArticles(1);

        thread.start();

        awaitCommitted(1); // within 10 s, while the max wait is 60 s
    }

    @Test
    void with_nothing_to_write_the_offset_moves_past_transaction_markers() throws Exception {
        assignedWithArticles(1);
        thread.start();
        awaitCommitted(1);

        // What a read_committed consumer does at a transaction's commit marker (offset 1): it moves past it, returning nothing.
        consumer.schedulePollTask(() -> consumer.seek(PARTITION, 2));

        awaitCommitted(2);
    }

    @Test
    void the_next_records_are_read_while_a_batch_is_being_written() throws Exception {
        CountDownLatch polledDuringWrite = new CountDownLatch(1);
        holdWritesUntil = polledDuringWrite;
        assignedWithArticles(1);
        consumer.schedulePollTask(() -> { }); // the batch's last look for more: nothing, so it is written
        consumer.schedulePollTask(() -> {
            polledDuringWrite.countDown();
            consumer.addRecord(article(1));
        });

        thread.start();

        awaitCommitted(2);
        assertThat(firstWriteOverlappedPoll).as("the consumer was polled while the first bulk request was in flight").hasValue(true);
    }

    @Test
    void a_batch_goes_out_in_several_bulk_requests_at_once() throws Exception {
        assignedWithArticles(2);

        thread.start();

        awaitCommitted(2);
        assertThat(maxConcurrent).as("two one-document requests in flight together").hasValue(2);
    }

    @Test
    void a_request_goes_as_soon_as_one_comes_back_and_offsets_wait_for_the_slow_one() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        holdFirstRecordUntil = release;
        assignedWithArticles(3);

        thread.start();

        awaitRequested(3);
        assertThat(requestedVersions).as("the third record went while the first was still in the air").contains(1L, 2L, 3L);
        Thread.sleep(200);
        assertThat(committed()).as("nothing committed past the record still in the air").isZero();

        release.countDown();
        awaitCommitted(3);
    }

    @Test
    void the_next_request_goes_before_the_commit_of_the_ones_that_came_back() throws Exception {
        AtomicReference<Boolean> nextRequestedFirst = new AtomicReference<>();
        onCommit = offsets -> nextRequestedFirst.compareAndSet(null, requestedWithin(3, Duration.ofSeconds(1)));
        assignedWithArticles(3);

        thread.start();

        awaitCommitted(3);
        assertThat(nextRequestedFirst).as("the third record's request went before the first commit's round trip").hasValue(true);
    }

    @Test
    void with_nothing_in_the_air_the_records_read_go_at_once_while_more_keep_coming() throws Exception {
        loopWith(new BulkLimits(1_000, 5 * 1024 * 1024, Duration.ofSeconds(60), 2));
        assignedWithArticles(1);
        AtomicInteger next = new AtomicInteger(1);
        consumer.schedulePollTask(new Runnable() {
            @Override
            public void run() { // one more record on every poll, up to 1,500: the stream never pauses for IDLE
                if (next.get() < 1_500) {
                    consumer.addRecord(article(next.getAndIncrement()));
                    consumer.schedulePollTask(this);
                }
            }
        });

        thread.start();

        awaitCommitted(1_500);
        assertThat(requestSizes.getFirst()).as("the first request went with what was read, not after 1,000 records").isLessThan(1_000);
        assertThat(requestSizes).as("then requests filled up while others were in the air").contains(1_000);
    }

    @Test
    void a_partition_revoked_while_its_request_is_in_the_air_is_left_to_its_next_owner() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        holdFirstRecordUntil = release;
        assignedWithArticles(1);
        thread.start();
        awaitRequested(1);

        CountDownLatch revoked = new CountDownLatch(1);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of());
            revoked.countDown();
        });
        assertThat(revoked.await(10, TimeUnit.SECONDS)).as("the partition is revoked while its request is held").isTrue();
        release.countDown();
        Thread.sleep(300); // the request comes back to a loop that no longer owns the partition

        assertThat(committed()).as("the former owner commits nothing it had not made final").isZero();
        assertThat(failure).isNotDone();

        // The next owner (this loop again, here) reads the record again and indexes it.
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PARTITION));
            consumer.seek(PARTITION, 0);
            consumer.addRecord(article(0));
        });
        awaitCommitted(1);
    }

    @Test
    void while_elasticsearch_refuses_to_write_nothing_is_committed_the_loop_is_unhealthy_and_it_resumes_by_itself() throws Exception {
        itemStatus = 429;
        assignedWithArticles(1);
        assertThat(loop.health().up()).isTrue();

        thread.start();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (loop.health().up() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(loop.health().up()).isFalse();
        assertThat(loop.health().detail()).contains("HTTP 429 cluster_block_exception").contains("offsets are not committed");
        assertThat(committed()).isZero();
        assertThat(consumer.paused()).as("partitions paused while retrying").contains(PARTITION);

        itemStatus = 201;
        awaitCommitted(1);
        assertThat(loop.health().up()).isTrue();
        assertThat(registry.get("newsflow.bulk.items").tag("outcome", "retried").counter().count()).isPositive();
        assertThat(deadLetters.history()).as("a retryable refusal is never a dead letter").isEmpty();
    }

    /** The enriched article of the tests at {@code offset} of the partition. */
    private static ConsumerRecord<byte[], byte[]> article(long offset) {
        return new ConsumerRecord<>(PARTITION.topic(), 0, offset, Articles.ID.getBytes(StandardCharsets.UTF_8), Json.toBytes(Articles.full()));
    }

    /** On the first poll the partition is assigned, holding {@code count} articles from offset 0 on. */
    private void assignedWithArticles(int count) {
        consumer.schedulePollTask(() -> {
            consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
            consumer.rebalance(List.of(PARTITION));
            for (int offset = 0; offset < count; offset++) {
                consumer.addRecord(article(offset));
            }
        });
    }

    private void awaitRequested(long version) {
        assertThat(requestedWithin(version, Duration.ofSeconds(10))).as("version %d requested", version).isTrue();
    }

    private boolean requestedWithin(long version, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!requestedVersions.contains(version) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        return requestedVersions.contains(version);
    }

    private void awaitCommitted(long offset) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (committed() < offset && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(committed()).isEqualTo(offset);
    }

    private long committed() {
        OffsetAndMetadata offset = consumer.committed(Set.of(PARTITION)).get(PARTITION);
        return offset == null ? 0 : offset.offset();
    }

    @Test
    void an_error_the_loop_cannot_recover_from_completes_the_failure_after_the_consumer_is_closed() throws Exception {
        GroupAuthorizationException refused = new GroupAuthorizationException("Not authorized to access group: newsflow-index");
        consumer.setPollException(refused);

        thread.start();

        Throwable cause = failure.get(10, TimeUnit.SECONDS);
        assertThat(cause).hasMessageContaining("the index consumer loop stopped").hasMessageContaining("Not authorized to access group")
                .hasMessageContaining("nothing is being indexed").hasCause(refused);
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void a_wake_up_that_close_did_not_ask_for_is_a_failure() throws Exception {
        consumer.wakeup();

        thread.start();

        assertThat(failure.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(WakeupException.class);
    }

    @Test
    void close_stops_the_loop_without_a_failure() throws InterruptedException {
        CountDownLatch polled = new CountDownLatch(1);
        consumer.schedulePollTask(polled::countDown);
        thread.start();
        assertThat(polled.await(10, TimeUnit.SECONDS)).as("the loop polls").isTrue();

        loop.close();

        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
        assertThat(consumer.closed()).isTrue();
        assertThat(failure).isNotDone();
    }
}
