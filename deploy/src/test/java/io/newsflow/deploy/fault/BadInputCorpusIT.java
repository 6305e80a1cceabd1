package io.newsflow.deploy.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.core.article.ArticleId;
import io.newsflow.core.article.FeedRef;
import io.newsflow.core.config.Settings;
import io.newsflow.core.http.FetchException;
import io.newsflow.core.http.HttpFetcher;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.CloudEvents;
import io.newsflow.core.kafka.DeadLetters;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.Topics;
import io.newsflow.deploy.Await;
import io.newsflow.deploy.ElasticsearchQueries;
import io.newsflow.deploy.TopicContents;
import io.newsflow.deploy.fault.PipelineProcesses.Name;
import io.newsflow.deploy.stack.Stack;
import io.newsflow.deploy.testing.SharedStack;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus ({@code bad-input/manifest.json}) against the real services, each a child JVM from its jar with
 * the product's default limits: feed documents, feed transports and article pages served by a misbehaving local site
 * to ingest-service; records written straight onto news.articles.raw (enrich-service) and news.articles.enriched
 * (index-service), each followed by a good record on the same partition. Every case must end as the manifest expects,
 * with the reason it names, within its time bound; no service may crash or pass its memory bound; and no record after
 * a bad one may be lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusIT {

    private static final Duration ALL_CASES_TIMEOUT = Duration.ofMinutes(4);
    private static final String FETCH_TIMEOUT = "15s";
    private static final String POLICY_REDIRECTOR = "127.0.0.2";
    private static final String POLICY_TARGET = "/c/policy/feed";
    private static final Random RANDOM = new Random();
    private static final Pattern PAGE_SKIPPED = Pattern.compile("not fetched|not readable");

    /** What became of one case. */
    record Outcome(String outcome, String reason, Duration took) {
    }

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<BadInputCase> cases = BadInputCase.all();
    private final Map<String, String> ids = new HashMap<>();
    private final Map<String, Instant> producedAt = new HashMap<>();
    private final Map<String, Outcome> producerRefusals = new HashMap<>();
    private final List<String> rawSentinels = new ArrayList<>();
    private final List<String> enrichedSentinels = new ArrayList<>();
    private final String indexAlias = "corpus-articles-" + run;

    private Stack stack;
    /** Each case's own site, on its own loopback address: one host per case, as the ingest politeness budget sees it. */
    private final Map<String, MisbehavingSite> sites = new HashMap<>();
    private MisbehavingSite policySite;
    private MisbehavingSite policyRedirector;
    private PipelineProcesses services;
    private ElasticsearchQueries elasticsearch;
    private Map<String, Outcome> outcomes;

    @BeforeAll
    void startPipelineAndFeedItTheCorpus(@TempDir Path dir) throws Exception {
        stack = SharedStack.get();
        elasticsearch = new ElasticsearchQueries(stack.elasticsearchUrl());
        policySite = MisbehavingSite.start();
        policyRedirector = MisbehavingSite.start(InetAddress.getByName(POLICY_REDIRECTOR));
        policyRedirector.route("/redirect", MisbehavingSite.redirect(302, policySite.base() + POLICY_TARGET));
        StringBuilder opml = new StringBuilder("<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>corpus</title></head><body>\n");
        for (BadInputCase c : cases) {
            ids.put(c.id(), newId());
            if (c.servedByIngest()) {
                sites.put(c.id(), MisbehavingSite.start(InetAddress.getByName("127.0.1." + (sites.size() + 1))));
                route(c);
                opml.append("<outline text=\"").append(c.id()).append("\" xmlUrl=\"").append(feedUrl(c)).append("\"/>\n");
            }
        }
        Path feeds = dir.resolve("corpus.opml");
        Files.writeString(feeds, opml.append("</body></opml>\n"));

        Map<String, String> common = Map.of(
                KafkaConnection.BOOTSTRAP_SERVERS, stack.kafkaBootstrapServers(),
                "NEWSFLOW_HTTP_PORT", "0",
                "NEWSFLOW_LOG_FORMAT", "text");
        Map<Name, Map<String, String>> env = Map.of(
                Name.INGEST, with(common, Map.of(
                        "NEWSFLOW_FEEDS", feeds.toString(),
                        "NEWSFLOW_POLL_INTERVAL", "1h",
                        "NEWSFLOW_INGEST_INSTANCE_ID", "corpus-" + run,
                        "NEWSFLOW_INGEST_GROUP", "corpus-ingest-" + run,
                        "NEWSFLOW_FETCH_ALLOW_PRIVATE", "true",
                        "NEWSFLOW_FETCH_CONNECT_TIMEOUT", "2s",
                        "NEWSFLOW_FETCH_TIMEOUT", FETCH_TIMEOUT,
                        "NEWSFLOW_POLL_CONCURRENCY", "8")),
                Name.ENRICH, with(common, Map.of(
                        "NEWSFLOW_ENRICH_APPLICATION_ID", "corpus-enrich-" + run,
                        "NEWSFLOW_ENRICH_INSTANCE_ID", "corpus-" + run,
                        "NEWSFLOW_ENRICH_STATE_DIR", dir.resolve("enrich-state").toString())),
                Name.INDEX, with(common, Map.of(
                        "NEWSFLOW_ELASTICSEARCH_URL", stack.elasticsearchUrl().toString(),
                        "NEWSFLOW_INDEX_NAME", indexAlias,
                        "NEWSFLOW_INDEX_GROUP_ID", "corpus-index-" + run,
                        "NEWSFLOW_BULK_MAX_WAIT", "200ms")));
        services = new PipelineProcesses(env, Path.of("target", "bad-input-it", run).toAbsolutePath());
        services.startAll();
        produceRecords();
    }

    @AfterAll
    void stop() {
        if (services != null) {
            services.close();
        }
        sites.values().forEach(MisbehavingSite::close);
        if (policySite != null) {
            policySite.close();
            policyRedirector.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> every_case_ends_as_expected_with_its_reason_within_its_time_bound() {
        Map<String, Outcome> results = outcomes();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.id() + " -> " + String.join("|", c.expect()), () -> {
            Outcome outcome = results.get(c.id());
            assertThat(outcome).as("outcome of %s", c).isNotNull();
            assertThat(outcome.outcome()).as("%s: %s ended %s (%s)", c, c.why(), outcome.outcome(), outcome.reason())
                    .isIn(c.expect());
            if (!outcome.outcome().equals("parsed")) {
                assertThat(outcome.reason()).as("reason recorded for %s", c).isNotBlank();
                assertThat(Pattern.compile(c.reason()).matcher(outcome.reason()).find())
                        .as("%s: reason '%s' contains /%s/", c, outcome.reason(), c.reason()).isTrue();
            }
            assertThat(outcome.took()).as("time %s took", c).isLessThanOrEqualTo(Duration.ofSeconds(c.maxSeconds()));
            checkContent(c, outcome);
        }));
    }

    @Test
    void no_service_crashed_and_each_stayed_within_the_memory_bound_of_its_cases() {
        outcomes();
        for (Name name : Name.values()) {
            assertThat(services.isAlive(name)).as("%s alive after the corpus (log %s)", name.jar, services.logFile(name)).isTrue();
            int bound = cases.stream().filter(c -> serviceOf(c) == name && c.maxRssMb() != null)
                    .mapToInt(BadInputCase::maxRssMb).min().orElseThrow();
            long peak = services.peakRssMb(name);
            System.out.printf(Locale.ROOT, "bad-input peak RSS of %s: %d MiB (bound %d MiB)%n", name.jar, peak, bound);
            assertThat(peak).as("peak resident memory of %s, MiB", name.jar).isLessThanOrEqualTo(bound);
        }
    }

    @Test
    void the_good_record_after_each_bad_one_went_through() {
        outcomes();
        List<String> enriched = TopicContents.read(stack.kafkaBootstrapServers(), Topics.ARTICLES_ENRICHED).stream()
                .map(TopicContents.Entry::key).toList();
        assertThat(enriched).as("good raw records sent after bad ones, enriched").containsAll(rawSentinels);
        assertThat(elasticsearch.existing(indexAlias, enrichedSentinels))
                .as("good enriched records sent after bad ones, indexed").containsExactlyInAnyOrderElementsOf(enrichedSentinels);
    }

    // --- serving the feed and page cases ---

    private String caseBase(BadInputCase c) {
        return sites.get(c.id()).base() + "/c/" + c.id();
    }

    private String feedUrl(BadInputCase c) {
        return caseBase(c) + "/feed";
    }

    private String pageUrl(BadInputCase c) {
        return caseBase(c) + "/page";
    }

    private void route(BadInputCase c) {
        MisbehavingSite site = sites.get(c.id());
        String path = "/c/" + c.id();
        if (c.stage().equals("page")) {
            site.route(path + "/feed", MisbehavingSite.ok("application/rss+xml", BadInputs.feedLinkingOnePage(caseBase(c))));
            site.route(path + "/page", BadInputs.response(c, caseBase(c), pageUrl(c)));
            return;
        }
        site.route(path + "/feed", BadInputs.response(c, caseBase(c), feedUrl(c)));
        for (int n = 1; n <= 3; n++) {
            site.route(path + "/page/" + n, MisbehavingSite.ok("text/html; charset=utf-8", BadInputs.goodPage(n)));
        }
        site.route(path + "/loop", MisbehavingSite.redirect(302, feedUrl(c)));
        for (int hop = 1; hop <= 10; hop++) {
            site.route(path + "/hop/" + hop, MisbehavingSite.redirect(302, caseBase(c) + "/hop/" + (hop + 1)));
        }
    }

    // --- records ---

    private void produceRecords() throws InterruptedException {
        Map<String, Object> config = KafkaConfigs.producer(new KafkaConnection(stack.kafkaBootstrapServers()), "corpus-" + run);
        // Larger than the topics' limit, so that it is the broker's max.message.bytes that refuses the oversized record.
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            int i = 0;
            for (BadInputCase c : cases) {
                String topic = switch (c.stage()) {
                    case "raw-record" -> Topics.ARTICLES_RAW;
                    case "enriched-record" -> Topics.ARTICLES_ENRICHED;
                    default -> null;
                };
                if (topic == null) {
                    continue;
                }
                int partition = i++ % producer.partitionsFor(topic).size();
                String id = ids.get(c.id());
                Instant sent = Instant.now();
                producedAt.put(c.id(), sent);
                try {
                    producer.send(new ProducerRecord<>(topic, partition, id.getBytes(StandardCharsets.UTF_8), recordValue(c, id)))
                            .get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    producerRefusals.put(c.id(), new Outcome("skipped", e.getCause().toString(), Duration.between(sent, Instant.now())));
                } catch (TimeoutException e) {
                    producerRefusals.put(c.id(), new Outcome("hung", "no answer from the broker in 30 s", Duration.ofSeconds(30)));
                }
                String sentinel = newId();
                String template = topic.equals(Topics.ARTICLES_RAW) ? "records/raw-valid.json" : "records/enriched-valid.json";
                producer.send(new ProducerRecord<>(topic, partition, sentinel.getBytes(StandardCharsets.UTF_8), fromTemplate(template, sentinel)));
                (topic.equals(Topics.ARTICLES_RAW) ? rawSentinels : enrichedSentinels).add(sentinel);
            }
            producer.flush();
        }
    }

    private static byte[] recordValue(BadInputCase c, String id) {
        if (c.input() != null) {
            return BadInputs.withId(c.inputBytes(), id);
        }
        return switch (c.generate()) {
            case "null" -> null;
            case "immense-url" -> {
                ObjectNode enriched = Json.fromBytes(fromTemplate("records/enriched-valid.json", id), ObjectNode.class);
                ((ObjectNode) enriched.path("article")).put("url", "https://corpus.example/" + "a".repeat(40_000));
                yield Json.toBytes(enriched);
            }
            case "immense-author" -> {
                ObjectNode enriched = Json.fromBytes(fromTemplate("records/enriched-valid.json", id), ObjectNode.class);
                String author = "A".repeat(40_000);
                ((ObjectNode) enriched.path("article")).putArray("authors").add(author);
                ((ObjectNode) enriched.path("attribution")).putArray("authors").add(author);
                yield Json.toBytes(enriched);
            }
            case "pathological-text" -> {
                ObjectNode raw = Json.fromBytes(fromTemplate("records/raw-valid.json", id), ObjectNode.class);
                raw.put("text", "\"We will see,\" said a senior official, according to Reuters, citing sources, ".repeat(20_000));
                yield Json.toBytes(raw);
            }
            default -> BadInputs.generated(c.generate(), null);
        };
    }

    private static byte[] fromTemplate(String template, String id) {
        try (var in = BadInputCase.resource(template)) {
            return BadInputs.withId(in.readAllBytes(), id);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + template, e);
        }
    }

    /** A fresh article id: 32 hex digits, as the schema wants. */
    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    // --- outcomes ---

    private synchronized Map<String, Outcome> outcomes() {
        if (outcomes == null) {
            AtomicReference<Map<String, Outcome>> latest = new AtomicReference<>(Map.of());
            try {
                Await.until("an outcome for every case of the corpus", ALL_CASES_TIMEOUT, () -> {
                    latest.set(collectOutcomes());
                    return latest.get().size() == cases.size() && sentinelsArrived();
                });
            } catch (AssertionError e) {
                // The cases without an outcome fail one by one, each with its name; the rest are still judged.
            }
            outcomes = latest.get();
            // The corpus's results for people: one line a case, in the test log.
            cases.forEach(c -> {
                Outcome o = outcomes.get(c.id());
                System.out.printf(Locale.ROOT, "bad-input %-45s %-16s %-14s %6.1f s  %s%n", c.id(), c.stage(),
                        o == null ? "NO OUTCOME" : o.outcome(), o == null ? Double.NaN : o.took().toMillis() / 1000.0,
                        o == null || o.reason() == null ? "" : o.reason().substring(0, Math.min(150, o.reason().length())).replace('\n', ' '));
            });
        }
        return outcomes;
    }

    private boolean sentinelsArrived() {
        List<String> enriched = TopicContents.read(stack.kafkaBootstrapServers(), Topics.ARTICLES_ENRICHED).stream()
                .map(TopicContents.Entry::key).toList();
        return enriched.containsAll(rawSentinels) && elasticsearch.existing(indexAlias, enrichedSentinels).size() == enrichedSentinels.size();
    }

    private Map<String, Outcome> collectOutcomes() {
        String kafka = stack.kafkaBootstrapServers();
        Map<String, JsonNode> states = new HashMap<>();
        for (TopicContents.Entry e : TopicContents.read(kafka, Topics.INGEST_STATE)) {
            if (e.value() != null) {
                states.put(e.key(), Json.fromBytes(e.value(), JsonNode.class));
            }
        }
        Map<String, List<JsonNode>> rawByFeed = new HashMap<>();
        Map<String, TopicContents.Entry> enrichedById = new HashMap<>();
        for (TopicContents.Entry e : TopicContents.read(kafka, Topics.ARTICLES_RAW)) {
            JsonNode article = readable(e.value());
            if (article != null) {
                rawByFeed.computeIfAbsent(article.path("feed").path("id").asText(), k -> new ArrayList<>()).add(article);
            }
        }
        for (TopicContents.Entry e : TopicContents.read(kafka, Topics.ARTICLES_ENRICHED)) {
            enrichedById.put(e.key(), e);
        }
        Map<String, TopicContents.Entry> deadLetters = new HashMap<>();
        for (TopicContents.Entry e : TopicContents.read(kafka, Topics.DEADLETTER)) {
            deadLetters.put(e.header(DeadLetters.STAGE) + "|" + e.key(), e);
        }
        String ingestLog = PipelineProcesses.logText(services.logFile(Name.INGEST));
        List<String> indexIds = cases.stream().filter(c -> c.stage().equals("enriched-record")).map(c -> ids.get(c.id())).toList();
        Map<String, JsonNode> indexed = elasticsearch.sources(indexAlias, indexIds);

        Map<String, Outcome> found = new LinkedHashMap<>();
        for (BadInputCase c : cases) {
            Outcome outcome = switch (c.stage()) {
                case "feed", "feed-http" -> feedOutcome(c, states);
                case "page" -> pageOutcome(c, states, rawByFeed, deadLetters, ingestLog);
                case "fetch-policy" -> policyOutcome(c);
                case "raw-record" -> recordOutcome(c, deadLetters.get("enrich|" + ids.get(c.id())),
                        enrichedById.containsKey(ids.get(c.id())) ? Instant.parse(enrichedById.get(ids.get(c.id())).header(CloudEvents.TIME)) : null);
                case "enriched-record" -> recordOutcome(c, deadLetters.get("index|" + ids.get(c.id())),
                        indexed.containsKey(ids.get(c.id())) ? Instant.parse(indexed.get(ids.get(c.id())).path("indexedAt").asText()) : null);
                default -> throw new IllegalStateException("unknown stage of " + c);
            };
            if (outcome != null) {
                found.put(c.id(), outcome);
            }
        }
        return found;
    }

    private Outcome feedOutcome(BadInputCase c, Map<String, JsonNode> states) {
        JsonNode state = states.get(FeedRef.idOf(feedUrl(c)));
        if (state == null || state.path("polls").asLong() < 1) {
            return null;
        }
        Duration took = pollDuration(c, state);
        if ("ok".equals(state.path("lastStatus").asText())) {
            return new Outcome("parsed", null, took);
        }
        return new Outcome("skipped", state.path("lastStatus").asText() + ": " + state.path("lastError").asText(), took);
    }

    private Outcome pageOutcome(BadInputCase c, Map<String, JsonNode> states, Map<String, List<JsonNode>> rawByFeed,
                                Map<String, TopicContents.Entry> deadLetters, String ingestLog) {
        JsonNode state = states.get(FeedRef.idOf(feedUrl(c)));
        if (state == null || state.path("polls").asLong() < 1) {
            return null;
        }
        Duration took = pollDuration(c, state);
        TopicContents.Entry dead = deadLetters.get("ingest|" + ArticleId.of(pageUrl(c)));
        if (dead != null) {
            return new Outcome("dead-lettered", dead.header(DeadLetters.ERROR_MESSAGE), took);
        }
        if (rawByFeed.getOrDefault(FeedRef.idOf(feedUrl(c)), List.of()).isEmpty()) {
            return new Outcome("lost", "the feed was polled (" + state.path("lastStatus").asText() + " " + state.path("lastError").asText()
                    + ") but its item was neither published nor dead-lettered", took);
        }
        String skipped = ingestLog.lines().filter(line -> line.contains(pageUrl(c) + " ") && PAGE_SKIPPED.matcher(line).find())
                .findFirst().orElse(null);
        return skipped == null ? new Outcome("parsed", null, took) : new Outcome("skipped", skipped, took);
    }

    private Duration pollDuration(BadInputCase c, JsonNode state) {
        Instant asked = sites.get(c.id()).firstRequested("/c/" + c.id() + "/feed");
        return asked == null ? Duration.ZERO : Duration.between(asked, Instant.parse(state.path("lastPolledAt").asText()));
    }

    private Outcome policyOutcome(BadInputCase c) {
        // The redirector's address is allowed, where the fetcher has an allow-list: the hop after it is what is refused.
        HttpFetcher fetcher = new HttpFetcher(HttpFetcher.Options.from(new Settings(Map.of(
                "NEWSFLOW_FETCH_CONNECT_TIMEOUT", "2s", "NEWSFLOW_FETCH_TIMEOUT", FETCH_TIMEOUT,
                "NEWSFLOW_FETCH_ALLOW_NETWORKS", POLICY_REDIRECTOR + "/32"))));
        URI uri = URI.create(c.input().replace("{port}", String.valueOf(policySite.base().getPort()))
                .replace("{redirector-port}", String.valueOf(policyRedirector.base().getPort())));
        long started = System.nanoTime();
        try {
            fetcher.get(uri);
            return new Outcome("parsed", null, Duration.ofNanos(System.nanoTime() - started));
        } catch (FetchException e) {
            return new Outcome("skipped", e.getMessage(), Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private Outcome recordOutcome(BadInputCase c, TopicContents.Entry dead, Instant passedAt) {
        if (producerRefusals.containsKey(c.id())) {
            return producerRefusals.get(c.id());
        }
        Instant sent = producedAt.get(c.id());
        if (dead != null) {
            return new Outcome("dead-lettered", dead.header(DeadLetters.ERROR_MESSAGE),
                    Duration.between(sent, Instant.parse(dead.header(DeadLetters.TIME))));
        }
        return passedAt == null ? null : new Outcome("parsed", null, Duration.between(sent, passedAt));
    }

    private void checkContent(BadInputCase c, Outcome outcome) {
        if (c.stage().equals("fetch-policy")) {
            assertThat(policySite.firstRequested(POLICY_TARGET)).as("a request that reached the loopback site despite the address policy").isNull();
            return;
        }
        if (!c.servedByIngest()) {
            return;
        }
        List<JsonNode> articles = TopicContents.read(stack.kafkaBootstrapServers(), Topics.ARTICLES_RAW).stream()
                .map(e -> readable(e.value()))
                .filter(a -> a != null && a.path("feed").path("id").asText().equals(FeedRef.idOf(feedUrl(c))))
                .toList();
        if (c.articles() != null && outcome.outcome().equals("parsed")) {
            assertThat(articles).as("articles published from %s", c).hasSize(c.articles());
        }
        if (c.textContains() != null) {
            assertThat(articles).as("articles of %s", c).isNotEmpty()
                    .allSatisfy(a -> assertThat(a.path("text").asText()).contains(c.textContains()));
        }
        if (c.textExcludes() != null) {
            assertThat(articles).allSatisfy(a -> assertThat(a.toString()).doesNotContain(c.textExcludes()));
        }
        if (c.neverRequested() != null) {
            assertThat(sites.get(c.id()).firstRequested("/c/" + c.id() + "/" + c.neverRequested()))
                    .as("%s: when %s was requested", c, c.neverRequested()).isNull();
        }
    }

    private static Name serviceOf(BadInputCase c) {
        return switch (c.stage()) {
            case "raw-record" -> Name.ENRICH;
            case "enriched-record" -> Name.INDEX;
            case "fetch-policy" -> null;
            default -> Name.INGEST;
        };
    }

    private static JsonNode readable(byte[] value) {
        try {
            return value == null ? null : Json.fromBytes(value, JsonNode.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Map<String, String> with(Map<String, String> common, Map<String, String> own) {
        Map<String, String> all = new HashMap<>(common);
        all.putAll(own);
        return all;
    }
}
