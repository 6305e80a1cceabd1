package io.newsflow.deploy.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.ingest.state.FeedState;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches the pipeline from outside: counts committed records on the article and dead-letter topics, reads the
 * per-feed polling state, and counts documents in Elasticsearch. Record counts are taken by reading the topics
 * (offsets would overcount: transactions leave commit markers in the log).
 */
public final class ProgressMonitor implements AutoCloseable {

    private static final List<String> WATCHED = List.of(Topics.ARTICLES_RAW, Topics.ARTICLES_ENRICHED, Topics.DEADLETTER, Topics.INGEST_STATE);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final URI countUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Long> counts = new HashMap<>();
    private final Map<String, FeedState> feedStates = new HashMap<>();
    private final Instant startedAt = Instant.now();

    public ProgressMonitor(KafkaConnection kafka, URI elasticsearch, String indexAlias) {
        this.consumer = new KafkaConsumer<>(KafkaConfigs.consumer(kafka, "newsflow-progress", null));
        this.countUri = elasticsearch.resolve("/" + indexAlias + "/_count");
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : WATCHED) {
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what is new on the topics and asks Elasticsearch for its count. */
    public Progress poll() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            if (record.topic().equals(Topics.INGEST_STATE)) {
                String feedId = new String(record.key(), StandardCharsets.UTF_8);
                if (record.value() == null) {
                    feedStates.remove(feedId);
                } else {
                    feedStates.put(feedId, Json.fromBytes(record.value(), FeedState.class));
                }
            } else {
                counts.merge(record.topic(), 1L, Long::sum);
            }
        }
        // Polled by this run: the state of earlier runs says nothing about whether the services work now.
        int polled = (int) feedStates.values().stream()
                .filter(s -> s.lastPolledAt() != null && !s.lastPolledAt().isBefore(startedAt)).count();
        int failing = (int) feedStates.values().stream().filter(s -> s.consecutiveFailures() > 0).count();
        return new Progress(feedStates.size(), polled, failing,
                counts.getOrDefault(Topics.ARTICLES_RAW, 0L),
                counts.getOrDefault(Topics.ARTICLES_ENRICHED, 0L),
                indexedCount(),
                counts.getOrDefault(Topics.DEADLETTER, 0L));
    }

    /** Feed URL and last status of each feed whose last poll failed. */
    public Map<String, String> failingFeeds() {
        Map<String, String> failing = new HashMap<>();
        feedStates.values().stream().filter(s -> s.consecutiveFailures() > 0)
                .forEach(s -> failing.put(s.feedUrl(), s.lastError() != null ? s.lastError() : s.lastStatus()));
        return failing;
    }

    private long indexedCount() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(countUri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Json.fromString(response.body(), JsonNode.class).path("count").asLong() : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
