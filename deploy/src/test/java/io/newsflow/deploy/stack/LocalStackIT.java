package io.newsflow.deploy.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.deploy.testing.SharedStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real servers of the process stack answer, keep what they acknowledged, and survive a crash of Kafka. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Stack stack;
    private static KafkaConnection kafka;

    @BeforeAll
    static void startStack() {
        stack = SharedStack.get();
        kafka = new KafkaConnection(stack.kafkaBootstrapServers());
    }

    @Test
    @Order(1)
    void kafkaDeliversAnAcknowledgedRecord() throws Exception {
        String topic = createTopic();

        RecordMetadata acknowledged = produce(topic, "article-1", "{\"title\":\"Harbour reopens\"}");
        List<ConsumerRecord<byte[], byte[]>> records = consumeAll(topic, 1);

        assertThat(acknowledged.offset()).isZero();
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("article-1");
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"title\":\"Harbour reopens\"}");
        });
    }

    @Test
    @Order(2)
    void elasticsearchIndexesAndFindsADocument() throws Exception {
        String index = "stack-it-" + UUID.randomUUID();

        HttpResponse<String> indexed = send(HttpRequest.newBuilder(es("/" + index + "/_doc/article-1?refresh=true"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"title\":\"Storm closes the harbour\",\"publisher\":\"Coast Herald\"}"))
                .build());
        HttpResponse<String> found = send(HttpRequest.newBuilder(es("/" + index + "/_search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":{\"match\":{\"title\":\"harbour\"}}}"))
                .build());
        HttpResponse<String> notFound = send(HttpRequest.newBuilder(es("/" + index + "/_search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":{\"match\":{\"title\":\"volcano\"}}}"))
                .build());

        assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        JsonNode hits = Json.mapper().readTree(found.body()).path("hits");
        assertThat(hits.path("total").path("value").asInt()).isEqualTo(1);
        assertThat(hits.path("hits").get(0).path("_id").asText()).isEqualTo("article-1");
        assertThat(hits.path("hits").get(0).path("_source").path("publisher").asText()).isEqualTo("Coast Herald");
        assertThat(Json.mapper().readTree(notFound.body()).path("hits").path("total").path("value").asInt()).isZero();
    }

    @Test
    @Order(3)
    void anAcknowledgedRecordSurvivesAKafkaCrash() throws Exception {
        assumeTrue(stack instanceof LocalStack, "crashing a server needs the process stack");
        KafkaBroker broker = ((LocalStack) stack).kafka();
        String topic = createTopic();
        produce(topic, "article-2", "{\"title\":\"Written before the crash\"}");
        long crashedPid = broker.pid();

        broker.kill();
        assertThat(broker.isRunning()).isFalse();
        assertThat(ProcessHandle.of(crashedPid).filter(ProcessHandle::isAlive)).isEmpty();
        broker.start();

        assertThat(broker.pid()).isNotEqualTo(crashedPid);
        assertThat(consumeAll(topic, 1)).singleElement().satisfies(record ->
                assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"title\":\"Written before the crash\"}"));
    }

    private static String createTopic() throws Exception {
        String topic = "stack-it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(KafkaConfigs.admin(kafka, "stack-it-admin"))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    /** Sends with the pipeline's producer settings (acks=all, idempotent) and waits for the acknowledgement. */
    private static RecordMetadata produce(String topic, String key, String value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaConfigs.producer(kafka, "stack-it-producer"))) {
            return producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** Reads the topic's single partition from the beginning until {@code expected} records arrived (or 30 s passed). */
    private static List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic, int expected) {
        Map<String, Object> config = KafkaConfigs.consumer(kafka, "stack-it-consumer", null);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private static URI es(String pathAndQuery) {
        return stack.elasticsearchUrl().resolve(pathAndQuery);
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
