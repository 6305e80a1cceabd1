package io.newsflow.index.consume;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.newsflow.core.config.Settings;
import io.newsflow.index.bulk.BulkLimits;
import io.newsflow.index.bulk.BulkWriter;
import io.newsflow.index.document.DocumentMapper;
import io.newsflow.index.elasticsearch.ElasticsearchClients;
import io.newsflow.index.elasticsearch.ElasticsearchConnection;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the loop ends, against Kafka's mock consumer. No record arrives, so Elasticsearch is never called: the client
 * points at a loopback port nothing listens on.
 */
class IndexConsumerTest {

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private ElasticsearchClient elasticsearch;
    private IndexConsumer loop;
    private Thread thread;

    @BeforeEach
    void start() {
        elasticsearch = ElasticsearchClients.create(ElasticsearchConnection.from(new Settings(Map.of(
                ElasticsearchConnection.URL, "http://127.0.0.1:9"))));
        Clock clock = Clock.systemUTC();
        loop = new IndexConsumer(consumer, new MockProducer<>(), new BulkWriter(elasticsearch, "news-articles-write"),
                new DocumentMapper(clock), new BulkLimits(500, 5 * 1024 * 1024, Duration.ofMillis(50)), clock, failure);
        thread = new Thread(loop, "index-consumer-test");
    }

    @AfterEach
    void stop() throws IOException, InterruptedException {
        loop.close();
        thread.join(10_000);
        elasticsearch.close();
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
