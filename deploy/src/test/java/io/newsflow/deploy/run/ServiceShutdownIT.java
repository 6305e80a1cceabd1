package io.newsflow.deploy.run;

import io.newsflow.deploy.Await;
import io.newsflow.deploy.ElasticsearchQueries;
import io.newsflow.deploy.Repository;
import io.newsflow.core.article.ArticleId;
import io.newsflow.core.article.Attribution;
import io.newsflow.core.article.DateSource;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.article.FeedRef;
import io.newsflow.core.article.PublisherInfo;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.article.TopicTag;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.Topics;
import io.newsflow.deploy.stack.Stack;
import io.newsflow.deploy.testing.SharedStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Issue 7: the real index-service jar, stopped with SIGTERM while records flow, finishes or leaves uncommitted its
 * in-flight batch: every committed record is indexed, and a restart indexes the rest, each article once.
 */
class ServiceShutdownIT {

    private static final String SERVICE = "index-service";
    private static final int ARTICLES = 3000;
    private static final int PRODUCE_CHUNK = 100;
    private static final Duration GRACE = Duration.ofSeconds(25);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** What a JVM that ran its shutdown hooks on SIGTERM exits with (128 + 15); a killed one exits 137. */
    private static final int EXIT_ON_SIGTERM = 143;

    private final Stack stack = SharedStack.get();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String index = "shutdown-articles-" + run;
    private final String group = "shutdown-index-" + run;
    private final ElasticsearchQueries elasticsearch = new ElasticsearchQueries(stack.elasticsearchUrl());

    @Test
    void sigtermCommitsOnlyIndexedRecordsAndARestartIndexesTheRest() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ARTICLES; i++) {
            ids.add(ArticleId.of(url(i)));
        }
        Path logs = Path.of("target", "service-shutdown-it", run).toAbsolutePath();

        ServiceProcess first = start(logs.resolve("first"));
        Thread producing = Thread.ofPlatform().name("shutdown-it-producer").start(this::produceArticles);
        try {
            Await.until("the first articles indexed", TIMEOUT, () -> indexedOf(ids) > 0);
            long stopping = System.nanoTime();
            first.stop(GRACE);
            Duration stopTook = Duration.ofNanos(System.nanoTime() - stopping);

            assertThat(first.exitValue()).as("exit status after SIGTERM (%s)", first.logFile()).hasValue(EXIT_ON_SIGTERM);
            assertThat(stopTook).isLessThan(GRACE);
            String log = Files.readString(first.logFile());
            assertThat(log).contains(SERVICE + " stopping").doesNotContain("still busy after").doesNotContain(" ERROR ");
        } finally {
            first.stop(GRACE);
            producing.join(TIMEOUT.toMillis());
        }
        assertThat(producing.isAlive()).as("producer still running").isFalse();

        Set<String> committed = committedIds(Set.copyOf(ids));
        assertThat(committed).as("committed articles of this test").isNotEmpty();
        refresh();
        assertThat(indexedOf(List.copyOf(committed))).as("committed articles that are indexed").isEqualTo(committed.size());

        // Documents are keyed by article id, so N hits for the N ids is each article once. The index may hold other
        // tests' articles too: the group reads the shared topic from its start.
        try (ServiceProcess second = start(logs.resolve("second"))) {
            Await.until(ARTICLES + " articles indexed after the restart", TIMEOUT, () -> indexedOf(ids) == ARTICLES);
        }
    }

    private ServiceProcess start(Path logDir) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put(KafkaConnection.BOOTSTRAP_SERVERS, stack.kafkaBootstrapServers());
        env.put("NEWSFLOW_ELASTICSEARCH_URL", stack.elasticsearchUrl().toString());
        env.put("NEWSFLOW_INDEX_NAME", index);
        env.put("NEWSFLOW_INDEX_GROUP_ID", group);
        env.put("NEWSFLOW_HTTP_PORT", "0");
        env.put("NEWSFLOW_LOG_FORMAT", "text");
        // Small batches: many bulk requests and commits, so SIGTERM lands in the middle of one.
        env.put("NEWSFLOW_BULK_MAX_DOCS", "25");
        ServiceProcess service = ServiceProcess.start(Repository.root(), SERVICE, env, logDir);
        try {
            Await.until(SERVICE + " started (log " + service.logFile() + ")", TIMEOUT, () -> {
                if (!service.isAlive()) {
                    fail(SERVICE + " exited on start; see " + service.logFile());
                }
                return logText(service).contains(SERVICE + " started");
            });
        } catch (AssertionError e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** Sends the articles in chunks, so that the service is still reading when SIGTERM comes. */
    private void produceArticles() {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaConfigs.producer(new KafkaConnection(stack.kafkaBootstrapServers()), "shutdown-it-" + run))) {
            for (int i = 0; i < ARTICLES; i++) {
                EnrichedArticle article = article(i);
                producer.send(new ProducerRecord<>(Topics.ARTICLES_ENRICHED,
                        article.id().getBytes(StandardCharsets.UTF_8), Json.toBytes(article)));
                if ((i + 1) % PRODUCE_CHUNK == 0) {
                    producer.flush();
                    Thread.sleep(50);
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** This test's articles among the records before the group's committed offsets. */
    private Set<String> committedIds(Set<String> ours) throws InterruptedException, ExecutionException, TimeoutException {
        KafkaConnection kafka = new KafkaConnection(stack.kafkaBootstrapServers());
        Map<TopicPartition, OffsetAndMetadata> offsets;
        try (Admin admin = Admin.create(KafkaConfigs.admin(kafka, "shutdown-it-admin"))) {
            offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        }
        Set<String> committed = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaConfigs.consumer(kafka, "shutdown-it-reader", "shutdown-it-reader-" + run))) {
            Map<TopicPartition, Long> ends = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null && offset.offset() > 0) {
                    ends.put(partition, offset.offset());
                }
            });
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (ends.keySet().stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    fail("timed out reading " + Topics.ARTICLES_ENRICHED + " up to the committed offsets " + ends);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
                    if (record.offset() < ends.get(partition) && ours.contains(key)) {
                        committed.add(key);
                    }
                }
            }
        }
        return committed;
    }

    private static String url(int i) {
        return "https://www.example.com/shutdown/" + i;
    }

    private static EnrichedArticle article(int i) {
        OffsetDateTime published = OffsetDateTime.parse("2026-11-27T08:00:00Z").plusMinutes(i);
        RawArticle raw = new RawArticle(RawArticle.SCHEMA_VERSION, ArticleId.of(url(i)), url(i), url(i),
                new FeedRef("shutdown-feed", "https://www.example.com/feed", "Example World", "Example News"),
                "Article " + i, "Text of article " + i + ".", "Summary " + i + ".", List.of("Jane Doe"), "en", "Example",
                published, DateSource.FEED, published, Instant.parse("2026-11-27T09:00:00Z"));
        return new EnrichedArticle(EnrichedArticle.SCHEMA_VERSION, raw,
                new Attribution(new PublisherInfo("example", "Example News", "example.com", "GB", "national", "registry"),
                        List.of("Jane Doe"), List.of()),
                List.of(new TopicTag("medtop:11000000", "politics and government", 0.8, List.of("article"))),
                Instant.parse("2026-11-27T09:00:01Z"));
    }

    /** How many of {@code ids} the index holds (searchable, i.e. as of its last refresh). */
    private long indexedOf(List<String> ids) {
        return elasticsearch.existing(index, ids).size();
    }

    private void refresh() {
        elasticsearch.refresh(index);
    }

    private static String logText(ServiceProcess service) {
        try {
            return Files.exists(service.logFile()) ? Files.readString(service.logFile()) : "";
        } catch (IOException e) {
            return "";
        }
    }

}
