package io.newsflow.deploy.pipeline;

import io.newsflow.deploy.Await;
import io.newsflow.deploy.ElasticsearchQueries;
import io.newsflow.deploy.TopicContents;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.core.article.ArticleId;
import io.newsflow.core.article.CitedSource;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.article.FeedRef;
import io.newsflow.core.config.Settings;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.CloudEvents;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.Topics;
import io.newsflow.core.runtime.Service;
import io.newsflow.deploy.demo.DemoSite;
import io.newsflow.deploy.stack.Stack;
import io.newsflow.deploy.testing.SharedStack;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.EnrichService;
import io.newsflow.index.IndexConfig;
import io.newsflow.index.IndexService;
import io.newsflow.ingest.IngestConfig;
import io.newsflow.ingest.IngestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walking skeleton end to end, on the real Kafka broker and Elasticsearch node: a local web site serves an RSS
 * feed, an Atom feed and three article pages; the three services run in this JVM; every article must become
 * searchable with its publisher, cited sources and topic tags, readable from {@code news.articles.enriched} by a
 * plain Kafka consumer, and a restart of all three services must neither publish nor index anything again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndIT {

    private static final Duration PIPELINE_TIMEOUT = Duration.ofMinutes(3);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String indexAlias = "e2e-articles-" + run;
    private final List<Service> services = new ArrayList<>();

    private Stack stack;
    private ElasticsearchQueries elasticsearch;
    private DemoSite site;
    private Settings settings;
    private String bufferZoneId;
    private String glacierId;
    private String leagueFinalId;

    @BeforeAll
    void startPipeline(@TempDir Path dir) throws IOException {
        stack = SharedStack.get();
        elasticsearch = new ElasticsearchQueries(stack.elasticsearchUrl());
        site = DemoSite.start("e2e", 0);
        Path feeds = dir.resolve("feeds.opml");
        Files.writeString(feeds, """
                <?xml version="1.0" encoding="UTF-8"?>
                <opml version="2.0"><head><title>e2e</title></head><body>
                  <outline text="Test Tribune" xmlUrl="%1$s/rss.xml"/>
                  <outline text="Test Ledger" xmlUrl="%1$s/atom.xml"/>
                </body></opml>
                """.formatted(site.base()));
        Map<String, String> env = new HashMap<>();
        env.put(KafkaConnection.BOOTSTRAP_SERVERS, stack.kafkaBootstrapServers());
        env.put("NEWSFLOW_ELASTICSEARCH_URL", stack.elasticsearchUrl().toString());
        env.put("NEWSFLOW_INDEX_NAME", indexAlias);
        env.put("NEWSFLOW_INDEX_GROUP_ID", "e2e-index-" + run);
        env.put("NEWSFLOW_BULK_MAX_WAIT", "200ms");
        env.put("NEWSFLOW_ENRICH_APPLICATION_ID", "e2e-enrich-" + run);
        env.put("NEWSFLOW_ENRICH_STATE_DIR", dir.resolve("enrich-state").toString());
        env.put("NEWSFLOW_INGEST_INSTANCE_ID", "e2e-" + run);
        env.put("NEWSFLOW_FEEDS", feeds.toString());
        env.put("NEWSFLOW_POLL_INTERVAL", "2s");
        env.put("NEWSFLOW_FETCH_ALLOW_PRIVATE", "true");
        settings = new Settings(env);

        bufferZoneId = ArticleId.of(site.base() + "/news/buffer-zone.html");
        glacierId = ArticleId.of(site.base() + "/news/glacier-museum.html");
        leagueFinalId = ArticleId.of(site.base() + "/news/league-final.html");
        startServices();
    }

    @AfterAll
    void stopPipeline() {
        stopServices();
        if (site != null) {
            site.close();
        }
    }

    @Test
    @Order(1)
    void every_article_becomes_searchable_by_full_text_with_publisher_sources_and_topics() {
        JsonNode bufferZone = awaitSingleHit("demilitarised buffer zone ceasefire");
        JsonNode glacier = awaitSingleHit("glacier museum ice tunnel");
        JsonNode leagueFinal = awaitSingleHit("goalkeeper saved the last penalty");

        assertThat(bufferZone.path("_id").asText()).isEqualTo(bufferZoneId);
        assertThat(glacier.path("_id").asText()).isEqualTo(glacierId);
        assertThat(leagueFinal.path("_id").asText()).isEqualTo(leagueFinalId);

        JsonNode article = bufferZone.path("_source");
        assertThat(article.path("publisher").path("name").asText()).isEqualTo("Test Tribune");
        assertThat(article.path("authors").toString()).contains("Dana Whitfield").doesNotContain("By ");
        assertThat(article.path("publishedAt").asText()).isEqualTo("2024-11-27T09:30:00+02:00");
        assertThat(sources(article)).contains(
                "Bloomberg|OUTLET|Bloomberg",
                "Reuters|OUTLET|Reuters");
        assertThat(sources(article)).anySatisfy(s -> assertThat(s).startsWith("A senior NATO diplomat|ANONYMOUS|NATO"));
        assertThat(article.path("citedSources").toString()).doesNotContain("editorial board");
        assertThat(topicCodes(article)).isNotEmpty();
        assertThat(topicLabels(article)).anySatisfy(label -> assertThat(label).containsAnyOf("conflict", "diplomacy", "peace", "defence"));

        assertThat(topicLabels(leagueFinal.path("_source"))).contains("soccer");
        assertThat(topicCodes(glacier.path("_source"))).isNotEmpty();
        assertThat(glacier.path("_source").path("publisher").path("name").asText()).isEqualTo("Test Tribune");
        assertThat(leagueFinal.path("_source").path("publisher").path("name").asText()).isEqualTo("Test Ledger");
    }

    @Test
    @Order(2)
    void the_enriched_records_are_readable_by_a_plain_kafka_consumer() {
        Map<String, List<TopicContents.Entry>> enriched = TopicContents.byKey(stack.kafkaBootstrapServers(), Topics.ARTICLES_ENRICHED);
        for (String id : List.of(bufferZoneId, glacierId, leagueFinalId)) {
            assertThat(enriched.get(id)).as("records for %s on %s", id, Topics.ARTICLES_ENRICHED).hasSize(1);
            TopicContents.Entry entry = enriched.get(id).getFirst();
            assertThat(entry.headers()).containsEntry(CloudEvents.TYPE, CloudEvents.ENRICHED_ARTICLE_TYPE)
                    .containsEntry(CloudEvents.SPEC_VERSION, "1.0")
                    .containsKeys(CloudEvents.ID, CloudEvents.SOURCE, CloudEvents.TIME);
            EnrichedArticle article = Json.fromBytes(entry.value(), EnrichedArticle.class);
            assertThat(article.id()).isEqualTo(id);
            assertThat(article.schemaVersion()).isEqualTo(EnrichedArticle.SCHEMA_VERSION);
        }
        EnrichedArticle bufferZone = Json.fromBytes(enriched.get(bufferZoneId).getFirst().value(), EnrichedArticle.class);
        assertThat(bufferZone.attribution().citedSources()).extracting(CitedSource::entity).contains("Bloomberg", "NATO", "Reuters");
        for (CitedSource source : bufferZone.attribution().citedSources()) {
            assertThat(bufferZone.article().text().substring(source.start(), source.end())).isEqualTo(source.text());
        }
    }

    @Test
    @Order(3)
    void restarting_the_services_and_polling_again_adds_and_changes_nothing() {
        Map<String, Long> versionsBefore = documentVersions();
        assertThat(versionsBefore).containsOnlyKeys(bufferZoneId, glacierId, leagueFinalId);
        String rssFeed = rssFeed();
        String atomFeed = atomFeed();
        Map<String, Long> pollsBefore = polls();

        stopServices();
        startServices();
        // Two more polls of each feed by the new instances: any article they re-published would be on the topic by then,
        // because a feed's state is written in the same transaction as its articles.
        Await.until("both feeds polled twice after the restart", PIPELINE_TIMEOUT, () -> {
            Map<String, Long> polls = polls();
            return polls.getOrDefault(rssFeed, 0L) >= pollsBefore.get(rssFeed) + 2
                    && polls.getOrDefault(atomFeed, 0L) >= pollsBefore.get(atomFeed) + 2;
        });

        Map<String, List<TopicContents.Entry>> raw = TopicContents.byKey(stack.kafkaBootstrapServers(), Topics.ARTICLES_RAW);
        Map<String, List<TopicContents.Entry>> enriched = TopicContents.byKey(stack.kafkaBootstrapServers(), Topics.ARTICLES_ENRICHED);
        for (String id : versionsBefore.keySet()) {
            assertThat(raw.get(id)).as("raw records of %s", id).hasSize(1);
            assertThat(enriched.get(id)).as("enriched records of %s", id).hasSize(1);
        }
        assertThat(documentVersions()).isEqualTo(versionsBefore);
    }

    private void startServices() {
        // Each service counts into a registry of its own, as in its own process.
        services.add(new IndexService(IndexConfig.from(settings), new SimpleMeterRegistry()));
        services.add(new EnrichService(EnrichConfig.from(settings), new SimpleMeterRegistry()));
        services.add(new IngestService(IngestConfig.from(settings), new SimpleMeterRegistry()));
        services.forEach(Service::start);
    }

    private void stopServices() {
        services.reversed().forEach(Service::close);
        services.clear();
    }

    private Map<String, Long> polls() {
        Map<String, Long> polls = new HashMap<>();
        TopicContents.byKey(stack.kafkaBootstrapServers(), Topics.INGEST_STATE).forEach((feedId, states) ->
                polls.put(feedId, Json.fromBytes(states.getLast().value(), JsonNode.class).path("polls").asLong()));
        return polls;
    }

    private JsonNode awaitSingleHit(String text) {
        String query = """
                {"query":{"match":{"text":{"query":"%s","operator":"and"}}},"version":true}""".formatted(text);
        JsonNode[] hit = new JsonNode[1];
        Await.until("one document matching '" + text + "'", PIPELINE_TIMEOUT, () -> {
            JsonNode hits = search(query).path("hits").path("hits");
            hit[0] = hits.size() == 1 ? hits.get(0) : null;
            return hit[0] != null;
        });
        return hit[0];
    }

    /**
     * The version of each document of this test's feeds, by id. Other tests share the topics, and this test's
     * index-service indexes their articles too, so only the documents of this test's feeds are its business.
     */
    private Map<String, Long> documentVersions() {
        Map<String, Long> versions = new HashMap<>();
        String query = "{\"query\":{\"terms\":{\"feed.id\":" + Json.toString(List.of(rssFeed(), atomFeed())) + "}},\"version\":true,\"size\":100}";
        for (JsonNode hit : search(query).path("hits").path("hits")) {
            versions.put(hit.path("_id").asText(), hit.path("_version").asLong());
        }
        return versions;
    }

    private String rssFeed() {
        return FeedRef.idOf(site.base() + "/rss.xml");
    }

    private String atomFeed() {
        return FeedRef.idOf(site.base() + "/atom.xml");
    }

    private JsonNode search(String body) {
        return elasticsearch.search(indexAlias, body);
    }

    private static List<String> sources(JsonNode article) {
        List<String> sources = new ArrayList<>();
        article.path("citedSources").forEach(s -> sources.add(
                s.path("text").asText() + "|" + s.path("kind").asText() + "|" + s.path("entity").asText()));
        return sources;
    }

    private static List<String> topicCodes(JsonNode article) {
        List<String> codes = new ArrayList<>();
        article.path("topics").forEach(t -> codes.add(t.path("code").asText()));
        return codes;
    }

    private static List<String> topicLabels(JsonNode article) {
        List<String> labels = new ArrayList<>();
        article.path("topics").forEach(t -> labels.add(t.path("label").asText()));
        return labels;
    }

}
