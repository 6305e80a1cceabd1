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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop against Kafka's mock consumer and a loopback HTTP server that answers bulk requests like Elasticsearch,
 * indexing every document: how the loop ends, and what it counts.
 */
class IndexConsumerTest {

    private static final TopicPartition PARTITION = new TopicPartition(Topics.ARTICLES_ENRICHED, 0);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<byte[], byte[]> deadLetters = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private HttpServer server;
    private ElasticsearchClient elasticsearch;
    private IndexConsumer loop;
    private Thread thread;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = indexedEach(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        elasticsearch = ElasticsearchClients.create(ElasticsearchConnection.from(new Settings(Map.of(
                ElasticsearchConnection.URL, "http://127.0.0.1:" + server.getAddress().getPort()))));
        Clock clock = Clock.systemUTC();
        loop = new IndexConsumer(consumer, deadLetters, new BulkWriter(elasticsearch, "news-articles-write", registry),
                new DocumentMapper(clock), new BulkLimits(500, 5 * 1024 * 1024, Duration.ofMillis(50)), clock, failure, registry);
        thread = new Thread(loop, "index-consumer-test");
    }

    /** A bulk response in which every document of the NDJSON request was created. */
    private static byte[] indexedEach(String request) throws IOException {
        List<String> items = new ArrayList<>();
        String[] lines = request.split("\n");
        for (int i = 0; i < lines.length; i += 2) {
            JsonNode action = Json.mapper().readTree(lines[i]).path("index");
            items.add("{\"index\":{\"_index\":\"news-articles-v1\",\"_id\":\"%s\",\"_version\":%d,\"result\":\"created\",\"status\":201}}"
                    .formatted(action.path("_id").asText(), action.path("version").asLong()));
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
            consumer.addRecord(new ConsumerRecord<>(PARTITION.topic(), 0, 0, Articles.ID.getBytes(StandardCharsets.UTF_8),
                    Json.toBytes(Articles.full())));
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
