package io.newsflow.deploy.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.core.article.ArticleId;
import io.newsflow.core.article.Attribution;
import io.newsflow.core.article.CitedSource;
import io.newsflow.core.article.DateSource;
import io.newsflow.core.article.DetectedLanguage;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.article.Entity;
import io.newsflow.core.article.FeedItemValues;
import io.newsflow.core.article.FeedRef;
import io.newsflow.core.article.GeoPoint;
import io.newsflow.core.article.Place;
import io.newsflow.core.article.PublisherInfo;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.article.Story;
import io.newsflow.core.article.Syndication;
import io.newsflow.core.article.TopicTag;
import io.newsflow.core.config.Settings;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.Topics;
import io.newsflow.core.runtime.HealthCheck;
import io.newsflow.index.IndexConfig;
import io.newsflow.index.IndexService;
import io.newsflow.index.consume.IndexConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * What the index tests share: enriched articles with ids of their own, a producer onto {@link Topics#ARTICLES_ENRICHED},
 * index-service in this JVM on an index and consumer group of the test's own, and plain HTTP to Elasticsearch for
 * what the test checks. The topic is shared by every test of the JVM, so checks count the test's own ids only.
 */
final class IndexTestKit implements AutoCloseable {

    private final String kafka;
    private final URI elasticsearch;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** Article n was published n days before this. */
    private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    private final Producer<byte[], byte[]> producer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<IndexService> services = new ArrayList<>();

    IndexTestKit(String kafka, URI elasticsearch) {
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
        this.producer = new KafkaProducer<>(KafkaConfigs.producer(new KafkaConnection(kafka), "index-it-" + run));
    }

    /** This kit's own word: every text of its articles has it, and nothing else on the shared topic. */
    String run() {
        return run;
    }

    /** A name unique to this kit, for an index or a consumer group. */
    String unique(String prefix) {
        return prefix + "-" + run;
    }

    /** An article of this kit's own, number {@code n}, published n days ago, every enrichment filled in. */
    EnrichedArticle article(int n, String title) {
        return article(n, title, null);
    }

    /** The same with a modification time of the caller's choice (null: an hour after publication). */
    EnrichedArticle article(int n, String title, OffsetDateTime modifiedAt) {
        String url = "https://news.example.org/" + run + "/article-" + n;
        OffsetDateTime published = now.minusDays(n);
        RawArticle raw = new RawArticle(RawArticle.SCHEMA_VERSION, ArticleId.of(url), url, url,
                new FeedRef(ArticleId.of("https://news.example.org/feed"), "https://news.example.org/feed", "Example feed", "Example News"),
                title, "Reuters reports that the harbour of Odesa reopened. Article " + n + " of run " + run + ".", null,
                List.of("Jane Doe"), "en", "Example News", published, DateSource.PAGE,
                modifiedAt != null ? modifiedAt : published.plusHours(1), now.toInstant(),
                "https://news.example.org/img/" + n + ".jpg", "World", List.of("Odesa", "Shipping"), false, 1,
                Map.of("title", "json-ld", "publishedAt", "opengraph"),
                new FeedItemValues(title, url, published, List.of("Jane Doe")));
        return new EnrichedArticle(EnrichedArticle.SCHEMA_VERSION, raw,
                new Attribution(new PublisherInfo("example", "Example News", "example.org", "GB", "national", "registry"),
                        List.of("Jane Doe"),
                        List.of(new CitedSource("Reuters", CitedSource.Kind.OUTLET, "Reuters", "reports",
                                "Reuters reports that the harbour of Odesa reopened.", 0, 7))),
                List.of(new TopicTag("medtop:04000000", "economy, business and finance", 0.7, List.of("harbour"))),
                now.toInstant(), new DetectedLanguage("en", 0.98, DetectedLanguage.DETECTED), List.of("harbour"),
                List.of(new Entity("Reuters", Entity.Kind.OUTLET, "Q130879", 1, true)),
                List.of(new Place("Odesa", "Odesa", Place.Kind.CITY, "UA", new GeoPoint(46.48, 30.73), 698740L, null, 1, true)),
                Syndication.of("Reuters", null, null), new Story(raw.id(), true, List.of()));
    }

    /** Publishes {@code article} keyed by its id and returns where it landed. */
    RecordMetadata publish(EnrichedArticle article) {
        try {
            return producer.send(new ProducerRecord<>(Topics.ARTICLES_ENRICHED, article.id().getBytes(StandardCharsets.UTF_8),
                    Json.toBytes(article))).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot publish " + article.id() + " to " + Topics.ARTICLES_ENRICHED + ": " + e, e);
        }
    }

    /** Publishes {@code articles} in one Kafka transaction, as enrich-service writes (exactly-once): a commit marker follows them. */
    void publishInTransaction(List<EnrichedArticle> articles) {
        try (Producer<byte[], byte[]> transactional = new KafkaProducer<>(KafkaConfigs.transactionalProducer(
                new KafkaConnection(kafka), "index-it-tx-" + run, "index-it-tx-" + run))) {
            transactional.initTransactions();
            transactional.beginTransaction();
            for (EnrichedArticle article : articles) {
                transactional.send(new ProducerRecord<>(Topics.ARTICLES_ENRICHED, article.id().getBytes(StandardCharsets.UTF_8),
                        Json.toBytes(article)));
            }
            transactional.commitTransaction();
        }
    }

    /** Starts index-service on {@code index} (the base name) with consumer group {@code group}. */
    IndexService startService(String index, String group, SimpleMeterRegistry registry) {
        IndexService service = new IndexService(IndexConfig.from(settings(index, group)), registry);
        services.add(service);
        service.start();
        return service;
    }

    Settings settings(String index, String group) {
        Map<String, String> env = new HashMap<>();
        env.put("NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("NEWSFLOW_ELASTICSEARCH_URL", elasticsearch.toString());
        env.put("NEWSFLOW_INDEX_NAME", index);
        env.put("NEWSFLOW_INDEX_GROUP_ID", group);
        env.put("NEWSFLOW_BULK_MAX_WAIT", "100ms");
        env.put("NEWSFLOW_ELASTICSEARCH_STARTUP_WAIT", "30s");
        return new Settings(env);
    }

    static HealthCheck indexing(IndexService service) {
        return service.readiness().stream().filter(check -> check.name().equals(IndexConsumer.HEALTH_CHECK)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + IndexConsumer.HEALTH_CHECK + " check in " + service.readiness()));
    }

    /** How many of {@code articles} the index (or alias) holds, as a search sees them now. */
    long count(String index, Collection<EnrichedArticle> articles) {
        List<String> ids = articles.stream().map(EnrichedArticle::id).toList();
        JsonNode answer = json("POST", "/" + index + "/_count", "{\"query\":{\"ids\":{\"values\":" + Json.toString(ids) + "}}}");
        return answer.path("count").asLong(-1);
    }

    /** The stored document, or a missing node. */
    JsonNode document(String index, String id) {
        return json("GET", "/" + index + "/_doc/" + id, null);
    }

    /** The committed offsets of {@code group}, summed over the partitions. */
    long committed(String group) {
        try (Admin admin = Admin.create(KafkaConfigs.admin(new KafkaConnection(kafka), "index-it-admin"))) {
            Map<?, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of group " + group + ": " + e, e);
        }
    }

    /** Sends a request with an optional JSON body and returns the answer's JSON, whatever the status. */
    JsonNode json(String method, String path, String body) {
        HttpResponse<String> response = send(method, path, body);
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON from " + method + " " + path + ": " + response.body(), e);
        }
    }

    int status(String method, String path, String body) {
        return send(method, path, body).statusCode();
    }

    private HttpResponse<String> send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(elasticsearch.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops the services this kit started, then the producer. */
    @Override
    public void close() {
        services.forEach(IndexService::close);
        producer.close(Duration.ofSeconds(10));
    }
}
