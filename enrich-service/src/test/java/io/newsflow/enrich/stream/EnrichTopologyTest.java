package io.newsflow.enrich.stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.article.Story;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.CloudEvents;
import io.newsflow.core.kafka.DeadLetters;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.Topics;
import io.newsflow.core.metrics.StageCounters;
import io.newsflow.enrich.EnrichService;
import io.newsflow.enrich.SeedArticle;
import io.newsflow.enrich.TestArticles;
import io.newsflow.enrich.attribution.PublisherRegistry;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class EnrichTopologyTest {

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> raw;
    private TestOutputTopic<byte[], byte[]> enriched;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void startDriver() {
        Properties properties = KafkaConfigs.streams(new KafkaConnection("127.0.0.1:9"), "enrich-topology-test");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(EnrichTopology.build(EnrichService.enricher(PublisherRegistry.bundled()), registry), properties);
        raw = driver.createInputTopic(Topics.ARTICLES_RAW, new ByteArraySerializer(), new ByteArraySerializer());
        enriched = driver.createOutputTopic(Topics.ARTICLES_ENRICHED, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(Topics.DEADLETTER, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void aGoodRecordComesOutEnrichedWithCloudEventsHeaders() {
        RawArticle article = SeedArticle.raw("https://www.kyivpost.com/post/12345");
        raw.pipeInput(new TestRecord<>(utf8(article.id()), Json.toBytes(article), rawHeaders("raw-event-1")));

        TestRecord<byte[], byte[]> out = enriched.readRecord();
        assertThat(new String(out.key(), StandardCharsets.UTF_8)).isEqualTo(article.id());
        EnrichedArticle value = Json.fromBytes(out.value(), EnrichedArticle.class);
        assertThat(value.article()).isEqualTo(article);
        assertThat(value.attribution().publisher().id()).isEqualTo("kyiv-post");
        assertThat(value.attribution().citedSources()).isNotEmpty();
        assertThat(value.topics()).isNotEmpty();
        Headers headers = out.headers();
        assertThat(CloudEvents.header(headers, CloudEvents.TYPE)).isEqualTo(CloudEvents.ENRICHED_ARTICLE_TYPE);
        assertThat(CloudEvents.header(headers, CloudEvents.SOURCE)).isEqualTo("/newsflow/enrich-service");
        assertThat(CloudEvents.header(headers, CloudEvents.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(CloudEvents.header(headers, CloudEvents.TIME)).isEqualTo(value.enrichedAt().toString());
        assertThat(CloudEvents.header(headers, CloudEvents.CONTENT_TYPE)).startsWith("application/json");
        assertThat(CloudEvents.header(headers, CloudEvents.ID)).isNotBlank();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void theSameInputEventGetsTheSameOutputEventId() {
        RawArticle article = SeedArticle.raw("https://www.kyivpost.com/post/12345");
        raw.pipeInput(new TestRecord<>(utf8(article.id()), Json.toBytes(article), rawHeaders("raw-event-1")));
        raw.pipeInput(new TestRecord<>(utf8(article.id()), Json.toBytes(article), rawHeaders("raw-event-1")));
        raw.pipeInput(new TestRecord<>(utf8(article.id()), Json.toBytes(article), rawHeaders("raw-event-2")));

        List<String> ids = enriched.readRecordsToList().stream()
                .map(record -> CloudEvents.header(record.headers(), CloudEvents.ID)).toList();
        assertThat(ids).hasSize(3);
        assertThat(ids.get(0)).isEqualTo(ids.get(1)).isNotEqualTo(ids.get(2));
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicAndTheStreamGoesOn() {
        byte[] notJson = utf8("this is not JSON");
        byte[] noId = utf8("{\"schemaVersion\": 1, \"url\": \"https://example.org/a\", \"title\": \"No id\"}");
        RawArticle good = SeedArticle.raw("https://www.kyivpost.com/post/12345");

        raw.pipeInput(new TestRecord<>(utf8("k1"), notJson, rawHeaders("bad-1")));
        raw.pipeInput(new TestRecord<>(utf8("k2"), noId, rawHeaders("bad-2")));
        raw.pipeInput(new TestRecord<>(utf8(good.id()), Json.toBytes(good), rawHeaders("good-1")));

        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).hasSize(2);
        assertThat(dead.get(0).value()).isEqualTo(notJson);
        assertThat(dead.get(0).key()).isEqualTo(utf8("k1"));
        assertThat(dead.get(1).value()).isEqualTo(noId);
        for (int i = 0; i < dead.size(); i++) {
            Headers headers = dead.get(i).headers();
            assertThat(CloudEvents.header(headers, DeadLetters.STAGE)).isEqualTo("enrich");
            assertThat(CloudEvents.header(headers, DeadLetters.ERROR_CLASS)).isEqualTo("io.newsflow.core.json.InvalidRecordException");
            assertThat(CloudEvents.header(headers, DeadLetters.ERROR_MESSAGE)).contains("RawArticle");
            assertThat(CloudEvents.header(headers, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.ARTICLES_RAW);
            assertThat(CloudEvents.header(headers, DeadLetters.SOURCE_OFFSET)).isEqualTo(String.valueOf(i));
            // The original headers travel with the dead letter.
            assertThat(CloudEvents.header(headers, CloudEvents.ID)).isEqualTo("bad-" + (i + 1));
        }
        assertThat(CloudEvents.header(dead.get(1).headers(), DeadLetters.ERROR_MESSAGE))
                .isEqualTo("not a valid RawArticle JSON record: missing required field 'id'");

        TestRecord<byte[], byte[]> out = enriched.readRecord();
        assertThat(new String(out.key(), StandardCharsets.UTF_8)).isEqualTo(good.id());
        assertThat(enriched.isEmpty()).isTrue();
    }

    @Test
    void enrichedArticlesAndDeadLettersAreCountedByStageAndErrorClass() {
        RawArticle good = SeedArticle.raw("https://www.kyivpost.com/post/12345");

        raw.pipeInput(new TestRecord<>(utf8("k1"), utf8("this is not JSON"), rawHeaders("bad-1")));
        raw.pipeInput(new TestRecord<>(utf8(good.id()), Json.toBytes(good), rawHeaders("good-1")));
        raw.pipeInput(new TestRecord<>(utf8(good.id()), Json.toBytes(good), rawHeaders("good-2")));

        assertThat(registry.get(StageCounters.ARTICLES).tag("stage", "enrich").counter().count()).isEqualTo(2);
        assertThat(registry.get(StageCounters.DEAD_LETTERS).tags("stage", "enrich", "exception", "InvalidRecordException")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void anArticleWhoseUrlIsNotHttpIsDeadLettered() {
        byte[] ftp = utf8("""
                {"schemaVersion": 1, "id": "0123456789abcdef0123456789abcdef", "url": "ftp://example.org/a",
                 "feed": {"id": "f", "url": "https://example.org/feed"}, "fetchedAt": "2024-11-21T08:05:00Z"}""");
        raw.pipeInput(new TestRecord<>(utf8("x"), ftp, new RecordHeaders()));
        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(CloudEvents.header(dead.headers(), DeadLetters.ERROR_MESSAGE)).contains("ftp://example.org/a");
        assertThat(enriched.isEmpty()).isTrue();
    }

    @Test
    void copiesOfOneStoryFromTwoPublishersShareTheOriginsStoryIdInTheStateStore() {
        String text = "Grain ships left the port of Odesa on Tuesday under a new corridor agreement, the first convoy since "
                + "the summer. Insurers agreed to cover the voyages after the navy promised escorts.";
        RawArticle origin = TestArticles.raw("https://www.reuters.com/world/grain", "Grain ships leave Odesa", text, "2024-11-21T08:00:00Z");
        RawArticle copy = TestArticles.raw("https://www.bbc.com/news/grain", "Grain ships leave Odesa port", text, "2024-11-21T08:30:00Z");
        raw.pipeInput(new TestRecord<>(utf8(origin.id()), Json.toBytes(origin), rawHeaders("story-1")));
        raw.pipeInput(new TestRecord<>(utf8(copy.id()), Json.toBytes(copy), rawHeaders("story-2")));

        List<Story> stories = enriched.readValuesToList().stream()
                .map(value -> Json.fromBytes(value, EnrichedArticle.class).story()).toList();
        assertThat(stories).containsExactly(new Story(origin.id(), true, List.of()), new Story(origin.id(), false, List.of("Reuters")));
        KeyValueStore<String, String> store = driver.getKeyValueStore(EnrichTopology.STORY_STORE);
        assertThat(store.get("article:" + copy.id())).contains(origin.id());
    }

    private static Headers rawHeaders(String eventId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEvents.ID, utf8(eventId));
        headers.add(CloudEvents.TYPE, utf8(CloudEvents.RAW_ARTICLE_TYPE));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
