package io.newsflow.deploy.fault;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.core.article.ArticleId;
import io.newsflow.core.article.FeedRef;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.Topics;
import io.newsflow.deploy.Await;
import io.newsflow.deploy.ElasticsearchQueries;
import io.newsflow.deploy.TopicContents;
import io.newsflow.deploy.bench.GeneratedFeeds;
import io.newsflow.deploy.fault.PipelineProcesses.Name;
import io.newsflow.deploy.stack.LocalStack;
import io.newsflow.deploy.stack.StackOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults in the middle of a steady stream of articles: local feeds publish a new item every few seconds
 * while each service in turn, then the Kafka broker, is killed with -9 and restarted, and Elasticsearch is stopped for a
 * minute; three more feeds misbehave throughout (one stalls, one resets connections, one trickles its bytes). At the
 * end, every item the feeds listed was published once on news.articles.raw, enriched once, and is in Elasticsearch as
 * one document. The stack is this class's own (its own directory), since it kills the broker and stops Elasticsearch;
 * the services are child JVMs, so the kills are real.
 * <p>
 * A service that exits because of a fault (rather than riding it out) is restarted, as its orchestrator would, and
 * the restart is logged: the promise under test is no loss and no duplicate, not that no process ever exits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineFaultIT {

    private static final Logger log = LoggerFactory.getLogger(PipelineFaultIT.class);

    private static final int FEEDS = 4;
    private static final int MAX_ITEMS_PER_FEED = 200;
    private static final Duration ITEM_EVERY = Duration.ofSeconds(3);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(4);
    /** New searchable articles that show the pipeline flows again after a fault. */
    private static final int PROGRESS = 3;
    private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration ELASTICSEARCH_DOWN = Duration.ofMinutes(1);
    private static final Duration CONVERGE_TIMEOUT = Duration.ofMinutes(2);
    private static final String INDEX = "fault-articles";

    private Path stackDir;
    private LocalStack stack;
    private GeneratedFeeds feeds;
    private MisbehavingSite badFeeds;
    private PipelineProcesses services;
    private ElasticsearchQueries elasticsearch;
    private final List<String> restarts = new ArrayList<>();

    @BeforeAll
    void startStackServicesAndStream(@TempDir Path dir) throws IOException {
        stackDir = ownStackDirectory();
        stack = LocalStack.start(StackOptions.freePorts(stackDir).withHeap("384m"));
        elasticsearch = new ElasticsearchQueries(stack.elasticsearchUrl());
        feeds = GeneratedFeeds.start(FEEDS, MAX_ITEMS_PER_FEED, ITEM_EVERY);
        feeds.begin();
        badFeeds = MisbehavingSite.start();
        badFeeds.route("/stall", new MisbehavingSite.Stall());
        badFeeds.route("/reset", new MisbehavingSite.Reset());
        badFeeds.route("/trickle", new MisbehavingSite.Trickle(Map.of("Content-Type", "application/rss+xml"),
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>slow</title></channel></rss>".repeat(3)
                        .getBytes(StandardCharsets.UTF_8), Duration.ofMillis(100)));
        String opml = feeds.opml().replace("</body>", badFeedOutlines() + "</body>");
        Path feedList = dir.resolve("feeds.opml");
        Files.writeString(feedList, opml);

        Map<String, String> common = Map.of(
                KafkaConnection.BOOTSTRAP_SERVERS, stack.kafkaBootstrapServers(),
                "NEWSFLOW_HTTP_PORT", "0",
                "NEWSFLOW_LOG_FORMAT", "text",
                "NEWSFLOW_TOPIC_PARTITIONS", "3");
        Map<String, String> ingest = new HashMap<>(common);
        ingest.putAll(Map.of("NEWSFLOW_FEEDS", feedList.toString(),
                "NEWSFLOW_POLL_INTERVAL", "1s",
                "NEWSFLOW_INGEST_INSTANCE_ID", "fault",
                "NEWSFLOW_INGEST_GROUP", "fault-ingest",
                "NEWSFLOW_FETCH_ALLOW_PRIVATE", "true",
                "NEWSFLOW_FETCH_CONNECT_TIMEOUT", "2s",
                "NEWSFLOW_FETCH_TIMEOUT", FETCH_TIMEOUT.toSeconds() + "s"));
        Map<String, String> enrich = new HashMap<>(common);
        enrich.putAll(Map.of("NEWSFLOW_ENRICH_APPLICATION_ID", "fault-enrich",
                "NEWSFLOW_ENRICH_INSTANCE_ID", "fault",
                "NEWSFLOW_ENRICH_STATE_DIR", dir.resolve("enrich-state").toString()));
        Map<String, String> index = new HashMap<>(common);
        index.putAll(Map.of("NEWSFLOW_ELASTICSEARCH_URL", stack.elasticsearchUrl().toString(),
                "NEWSFLOW_INDEX_NAME", INDEX,
                "NEWSFLOW_INDEX_GROUP_ID", "fault-index",
                "NEWSFLOW_BULK_MAX_WAIT", "200ms"));
        services = new PipelineProcesses(Map.of(Name.INGEST, ingest, Name.ENRICH, enrich, Name.INDEX, index),
                Path.of("target", "fault-it", UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath());
        services.startAll();
        awaitProgress("the stream to flow");
    }

    @AfterAll
    void stopEverything() {
        if (!restarts.isEmpty()) {
            log.warn("services that exited during the fault tests and were restarted: {}", restarts);
        }
        if (services != null) {
            services.close();
        }
        if (feeds != null) {
            feeds.close();
        }
        if (badFeeds != null) {
            badFeeds.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (stackDir != null && Files.exists(stackDir)) {
            delete(stackDir);
        }
    }

    /**
     * Each service in turn, without waiting in between: the next is killed while the one before is still catching up
     * (the restarted ingest instance waits for its group's rebalance), which is both a harder test and a shorter one.
     */
    @Test
    @Order(1)
    void kill_9_of_each_service_in_turn_mid_stream_then_restart() {
        for (Name name : List.of(Name.INGEST, Name.ENRICH, Name.INDEX)) {
            services.kill(name);
            services.start(name);
        }
        awaitProgress("articles indexed after the restarts of all three services");
    }

    @Test
    @Order(2)
    void kill_9_of_the_kafka_broker_then_restart() {
        stack.kafka().kill();
        pause(Duration.ofSeconds(2));
        stack.kafka().start();
        awaitProgress("articles indexed after the broker came back");
    }

    @Test
    @Order(3)
    void elasticsearch_stopped_for_a_minute_then_restarted() {
        stack.elasticsearch().stop();
        pause(ELASTICSEARCH_DOWN);
        superviseServices("Elasticsearch down");
        stack.elasticsearch().start();
        awaitProgress("articles indexed after Elasticsearch came back");
    }

    @Test
    @Order(4)
    void misbehaving_feed_servers_cost_their_own_polls_only() {
        Map<String, JsonNode> states = feedStates();
        for (String path : List.of("/stall", "/reset", "/trickle")) {
            JsonNode state = states.get(FeedRef.idOf(badFeeds.base() + path));
            assertThat(state).as("state of the feed %s", path).isNotNull();
            // Several polls that each ended (by the fetch timeout, for the stalled and the trickling one).
            assertThat(state.path("polls").asLong()).as("polls of %s", path).isGreaterThanOrEqualTo(3);
            assertThat(state.path("lastStatus").asText()).as("last status of %s", path).startsWith("error");
            assertThat(state.path("articlesPublished").asLong()).as("articles of %s", path).isZero();
        }
        assertThat(states.get(FeedRef.idOf(badFeeds.base() + "/stall")).path("lastError").asText()).containsIgnoringCase("within");
        assertThat(states.get(FeedRef.idOf(badFeeds.base() + "/trickle")).path("lastError").asText()).containsIgnoringCase("within");
        for (String url : feeds.feedUrls()) {
            assertThat(states.get(FeedRef.idOf(url)).path("articlesPublished").asLong()).as("articles of the good feed %s", url)
                    .isGreaterThan(10);
        }
    }

    @Test
    @Order(5)
    void after_all_faults_every_listed_item_is_published_enriched_and_indexed_exactly_once() {
        feeds.freeze();
        // A feed response computed just before the freeze may still be on its way: let it arrive before counting.
        pause(Duration.ofSeconds(2));
        Set<String> listed = feeds.listedArticleUrls().stream().map(ArticleId::of).collect(Collectors.toSet());
        log.info("stream frozen with {} items listed", listed.size());
        Await.until("every listed item indexed", CONVERGE_TIMEOUT, () -> {
            superviseServices("convergence");
            elasticsearch.refresh(INDEX);
            return elasticsearch.existing(INDEX, listed).size() == listed.size();
        });

        Map<String, Long> raw = countByKey(Topics.ARTICLES_RAW);
        Map<String, Long> enriched = countByKey(Topics.ARTICLES_ENRICHED);
        Set<String> indexed = Set.copyOf(elasticsearch.allIds(INDEX));
        assertThat(difference(listed, raw.keySet())).as("listed items never published on %s", Topics.ARTICLES_RAW).isEmpty();
        assertThat(difference(raw.keySet(), listed)).as("articles published that no feed listed").isEmpty();
        assertThat(duplicates(raw)).as("articles published more than once on %s", Topics.ARTICLES_RAW).isEmpty();
        assertThat(difference(raw.keySet(), enriched.keySet())).as("raw articles missing from %s", Topics.ARTICLES_ENRICHED).isEmpty();
        assertThat(difference(enriched.keySet(), raw.keySet())).as("enriched articles that were never raw").isEmpty();
        assertThat(duplicates(enriched)).as("articles enriched more than once").isEmpty();
        assertThat(difference(raw.keySet(), indexed)).as("published articles missing from Elasticsearch").isEmpty();
        assertThat(difference(indexed, raw.keySet())).as("documents in Elasticsearch that ingest never published").isEmpty();
        assertThat(elasticsearch.count(INDEX)).as("documents in Elasticsearch, one per article").isEqualTo(raw.size());
        assertThat(TopicContents.read(stack.kafkaBootstrapServers(), Topics.DEADLETTER)).as("dead letters").isEmpty();
        log.info("{} articles published, enriched and indexed once each through every fault", raw.size());
    }

    /** Waits until more articles are searchable than now, restarting any service that exited meanwhile. */
    private void awaitProgress(String what) {
        long before = Math.max(0, elasticsearch.count(INDEX));
        Await.until(what, PROGRESS_TIMEOUT, () -> {
            superviseServices(what);
            return elasticsearch.count(INDEX) >= before + PROGRESS;
        });
    }

    private void superviseServices(String during) {
        for (Name name : Name.values()) {
            if (!services.isAlive(name)) {
                String exit = name.jar + " exited with " + services.process(name).exitValue() + " during: " + during;
                log.warn("{}; restarting it (log {})", exit, services.logFile(name));
                restarts.add(exit);
                services.start(name);
            }
        }
    }

    private Map<String, JsonNode> feedStates() {
        Map<String, JsonNode> states = new HashMap<>();
        for (TopicContents.Entry e : TopicContents.read(stack.kafkaBootstrapServers(), Topics.INGEST_STATE)) {
            if (e.value() != null) {
                states.put(e.key(), Json.fromBytes(e.value(), JsonNode.class));
            }
        }
        return states;
    }

    private Map<String, Long> countByKey(String topic) {
        return TopicContents.read(stack.kafkaBootstrapServers(), topic).stream()
                .collect(Collectors.groupingBy(TopicContents.Entry::key, Collectors.counting()));
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> only = new TreeSet<>(a);
        only.removeAll(b);
        return only;
    }

    private static Map<String, Long> duplicates(Map<String, Long> counts) {
        return counts.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private String badFeedOutlines() {
        StringBuilder outlines = new StringBuilder();
        for (String path : List.of("/stall", "/reset", "/trickle")) {
            outlines.append("  <outline text=\"bad ").append(path).append("\" xmlUrl=\"").append(badFeeds.base()).append(path).append("\"/>\n");
        }
        return outlines.toString();
    }

    /**
     * A fresh directory of this run's own, outside SharedStack's: under {@code target/}, or for root (whose
     * Elasticsearch runs as another user, who cannot enter a checkout under /root) under the stack's base directory.
     * Its own per run, so that two builds of one checkout never share a broker's or a node's data.
     */
    private static Path ownStackDirectory() {
        String name = "fault-stack-" + UUID.randomUUID().toString().substring(0, 8);
        return "root".equals(System.getProperty("user.name"))
                ? StackOptions.defaultBaseDir().resolve(name)
                : Path.of("target", name).toAbsolutePath();
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        } catch (IOException e) {
            log.warn("could not delete the fault tests' stack directory {}: {}", dir, e.toString());
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
