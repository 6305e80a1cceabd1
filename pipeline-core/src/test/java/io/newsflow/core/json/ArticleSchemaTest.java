package io.newsflow.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.newsflow.core.article.ArticleId;
import io.newsflow.core.article.Attribution;
import io.newsflow.core.article.CitedSource;
import io.newsflow.core.article.CitedSource.Kind;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract test: what the records write through {@link Json} must validate against the JSON Schemas that
 * consumers are given ({@code src/main/resources/schema}), so that neither can change without the other.
 */
class ArticleSchemaTest {

    private static final String SCHEMA_BASE = "https://newsflow.io/schema/";
    private static final String RAW_FILE = "raw-article.schema.json";
    private static final String ENRICHED_FILE = "enriched-article.schema.json";

    /**
     * Formats are asserted because a consumer may check date-time and uri strictly, and the codec must
     * satisfy such a consumer too.
     */
    private static final SchemaRegistryConfig ASSERT_FORMATS = SchemaRegistryConfig.builder()
            .formatAssertionsEnabled(true).build();

    /** The published schemas, found by their $id on the classpath so that the relative $ref resolves offline. */
    private static final SchemaRegistry PUBLISHED = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(ASSERT_FORMATS)
                    .schemaIdResolvers(ids -> ids.mapPrefix(SCHEMA_BASE, "classpath:schema/")));

    /**
     * The same schemas with every object closed to properties they do not name: consumers must tolerate
     * unknown fields, but every field this code writes must be documented.
     */
    private static final SchemaRegistry CLOSED = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(ASSERT_FORMATS)
                    .schemas(Map.of(SCHEMA_BASE + RAW_FILE, closed(RAW_FILE), SCHEMA_BASE + ENRICHED_FILE, closed(ENRICHED_FILE))));

    private static final Schema RAW = load(PUBLISHED, RAW_FILE);
    private static final Schema ENRICHED = load(PUBLISHED, ENRICHED_FILE);

    private static final String ARTICLE_URL = "https://www.example.com/world/2024/11/27/talks-resume?page=2";
    private static final String FEED_URL = "https://www.example.com/rss/world.xml";
    /** Required lists that the records read as empty when absent; they write them always, empty or not. */
    private static final Set<String> READ_AS_EMPTY = Set.of("topics", "authors", "citedSources");

    private static final String TEXT = "Bloomberg reports that the talks resume on Monday.\n\n"
            + "Vladimir Putin said the date was agreed. The Kremlin said it welcomed the move.\n\n"
            + "A diplomat, speaking on condition of anonymity, said little had changed. "
            + "American media report that a draft exists. According to the report, the draft runs to ten pages.";

    @ParameterizedTest
    @ValueSource(strings = {RAW_FILE, ENRICHED_FILE})
    void each_published_schema_is_a_valid_draft_2020_12_schema(String file) {
        Schema metaSchema = PUBLISHED.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        assertThat(metaSchema.validate(resource(file))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(DateSource.class)
    void a_fully_populated_raw_article_matches_the_raw_schema(DateSource publishedAtSource) {
        assertThat(errors(RAW, fullRaw(publishedAtSource))).isEmpty();
    }

    @Test
    void a_fully_populated_enriched_article_matches_the_enriched_schema() {
        EnrichedArticle article = fullEnriched();
        assertThat(article.attribution().citedSources()).extracting(CitedSource::kind)
                .as("the full article cites a source of every kind the code knows")
                .containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Kind.class));

        assertThat(errors(ENRICHED, article)).isEmpty();
    }

    @Test
    void minimal_articles_with_only_the_required_fields_match_their_schemas() {
        assertThat(errors(RAW, minimalRaw())).isEmpty();
        assertThat(errors(ENRICHED, minimalEnriched())).isEmpty();
    }

    @Test
    void every_field_the_records_write_is_documented_in_the_schema() {
        assertThat(errors(load(CLOSED, RAW_FILE), fullRaw(DateSource.PAGE))).isEmpty();
        assertThat(errors(load(CLOSED, ENRICHED_FILE), fullEnriched())).isEmpty();
    }

    @Test
    void an_undocumented_field_is_caught() {
        ObjectNode raw = tree(fullRaw(DateSource.PAGE));
        raw.put("wordCount", 42);

        assertSingleError(load(CLOSED, RAW_FILE).validate(raw), "additionalProperties", "'wordCount'");
    }

    @Test
    void an_id_that_is_not_32_lowercase_hex_characters_is_rejected() {
        ObjectNode raw = tree(fullRaw(DateSource.FEED));
        raw.put("id", raw.get("id").asText().toUpperCase(Locale.ROOT));

        assertSingleError(RAW.validate(raw), "pattern", "/id:");
    }

    @Test
    void publishedAtSource_is_none_exactly_when_publishedAt_is_absent() {
        ObjectNode undated = tree(fullRaw(DateSource.FEED));
        undated.remove("publishedAt");
        ObjectNode datedButNone = tree(fullRaw(DateSource.FEED));
        datedButNone.put("publishedAtSource", "NONE");

        assertSingleError(RAW.validate(undated), "required", "'publishedAt'");
        assertSingleError(RAW.validate(datedButNone), "not", "publishedAt");
    }

    /**
     * The records enforce what the schemas require, so that a producer cannot write, and a consumer does not read,
     * a record the contract refuses: every field a schema requires, taken out of a full record, is refused by the
     * schema and by {@link Json} with its name, or, for the lists the records read as empty, read and written back
     * valid.
     */
    @ParameterizedTest(name = "{0}: {1}/{2}")
    @MethodSource("requiredFields")
    void every_field_a_schema_requires_is_required_when_the_record_is_read(String file, String object, String field) {
        boolean raw = file.equals(RAW_FILE);
        Class<?> type = raw ? RawArticle.class : EnrichedArticle.class;
        ObjectNode record = tree(raw ? fullRaw(DateSource.PAGE) : fullEnriched());
        ((ObjectNode) record.at(object)).remove(field);

        assertThat(load(PUBLISHED, file).validate(record)).extracting(Error::getKeyword).contains("required");
        if (READ_AS_EMPTY.contains(field)) {
            assertThat(errors(load(PUBLISHED, file), Json.fromString(record.toString(), type))).isEmpty();
        } else {
            assertThatThrownBy(() -> Json.fromString(record.toString(), type))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessage("not a valid %s JSON record: missing required field '%s'%s", type.getSimpleName(), field,
                            object.isEmpty() ? "" : " (in " + recordPath(object) + ")");
        }
    }

    @Test
    void a_missing_required_field_is_rejected() {
        ObjectNode raw = tree(fullRaw(DateSource.FEED));
        raw.remove("url");

        assertSingleError(RAW.validate(raw), "required", "'url'");
    }

    @Test
    void a_raw_article_inside_an_enriched_one_is_checked_against_the_raw_schema() {
        ObjectNode enriched = tree(fullEnriched());
        ((ObjectNode) enriched.get("article")).remove("fetchedAt");

        assertSingleError(ENRICHED.validate(enriched), "required", "/article: required property 'fetchedAt'");
    }

    @Test
    void a_value_of_the_wrong_type_is_rejected() {
        ObjectNode enriched = tree(fullEnriched());
        ((ObjectNode) enriched.get("attribution").get("citedSources").get(0)).put("start", "0");

        assertSingleError(ENRICHED.validate(enriched), "type", "/attribution/citedSources/0/start:");
    }

    @Test
    void an_enum_value_the_schema_does_not_list_is_rejected() {
        ObjectNode raw = tree(fullRaw(DateSource.FEED));
        raw.put("publishedAtSource", "GUESSED");
        ObjectNode enriched = tree(fullEnriched());
        ((ObjectNode) enriched.get("attribution").get("citedSources").get(0)).put("kind", "RUMOUR");

        assertSingleError(RAW.validate(raw), "enum", "/publishedAtSource:");
        assertSingleError(ENRICHED.validate(enriched), "enum", "/attribution/citedSources/0/kind:");
    }

    @Test
    void a_date_that_is_not_an_rfc_3339_date_time_is_rejected() {
        ObjectNode raw = tree(fullRaw(DateSource.FEED));
        raw.put("fetchedAt", "2024-11-27 09:41");

        assertSingleError(RAW.validate(raw), "format", "/fetchedAt:");
    }

    @Test
    void a_provenance_naming_an_unknown_source_or_a_revision_below_one_is_rejected() {
        ObjectNode unknownSource = tree(fullRaw(DateSource.PAGE));
        ((ObjectNode) unknownSource.at("/provenance")).put("title", "guesswork");
        ObjectNode revisionZero = tree(fullRaw(DateSource.PAGE));
        revisionZero.put("revision", 0);

        assertSingleError(RAW.validate(unknownSource), "enum", "/provenance/title:");
        assertSingleError(RAW.validate(revisionZero), "minimum", "/revision:");
    }

    @Test
    void topic_tags_outside_the_vocabulary_or_the_score_range_are_rejected() {
        ObjectNode bareCode = tree(fullEnriched());
        ((ObjectNode) bareCode.at("/topics/0")).put("code", "11000000");
        ObjectNode overScored = tree(fullEnriched());
        ((ObjectNode) overScored.at("/topics/0")).put("score", 1.5);

        assertSingleError(ENRICHED.validate(bareCode), "pattern", "/topics/0/code:");
        assertSingleError(ENRICHED.validate(overScored), "maximum", "/topics/0/score:");
    }

    private static RawArticle fullRaw(DateSource publishedAtSource) {
        return new RawArticle(RawArticle.SCHEMA_VERSION, ArticleId.of(ARTICLE_URL), ARTICLE_URL,
                ARTICLE_URL + "&utm_source=rss",
                new FeedRef(FeedRef.idOf(FEED_URL), FEED_URL, "Example News: World", "Example News"),
                "Talks resume in Geneva", TEXT, "Talks resume on Monday, both sides say.",
                List.of("Jane Doe", "John Roe"), "en-GB", "Example News",
                publishedAtSource == DateSource.NONE ? null : OffsetDateTime.parse("2024-11-27T10:15:00+03:00"), publishedAtSource,
                OffsetDateTime.parse("2024-11-27T12:40:30.5+03:00"), Instant.parse("2024-11-27T09:41:07.123456789Z"),
                "https://www.example.com/img/geneva.jpg", "World", List.of("Geneva", "peace talks"), false, 2,
                Map.of("title", "json-ld", "publishedAt", "opengraph", "authors", "meta", "url", "html"),
                new FeedItemValues("Talks to resume in Geneva", ARTICLE_URL + "&utm_source=rss",
                        OffsetDateTime.parse("2024-11-27T10:14:00+03:00"), List.of("Jane Doe")));
    }

    private static EnrichedArticle fullEnriched() {
        List<CitedSource> sources = List.of(
                cited("Bloomberg", Kind.OUTLET, "Bloomberg", "reports", "Bloomberg reports that the talks resume on Monday."),
                cited("Vladimir Putin", Kind.PERSON, "Vladimir Putin", "said", "Vladimir Putin said the date was agreed."),
                cited("The Kremlin", Kind.ORGANISATION, "Kremlin", "said", "The Kremlin said it welcomed the move."),
                // Sources left unnamed link to no entity, as enrichment writes them.
                cited("A diplomat", Kind.ANONYMOUS, null, "speaking on condition of anonymity",
                        "A diplomat, speaking on condition of anonymity, said little had changed."),
                cited("American media", Kind.UNNAMED_MEDIA, null, "report", "American media report that a draft exists."),
                cited("the report", Kind.DOCUMENT, "the report", "according to",
                        "According to the report, the draft runs to ten pages."));
        Attribution attribution = new Attribution(
                new PublisherInfo("example-news", "Example News", "example.com", "GB", "national", "registry"),
                List.of("Jane Doe", "John Roe"), sources);
        List<TopicTag> topics = List.of(
                new TopicTag("medtop:20000565", "peace process", 0.82, List.of("talks", "Kremlin"), 3,
                        List.of("medtop:16000000", "medtop:20000564")),
                new TopicTag("medtop:11000000", "politics and government", 0.35, List.of("draft"), 1, List.of()));
        List<Entity> entities = List.of(
                new Entity("Vladimir Putin", Entity.Kind.PERSON, "Q7747", 1, true),
                new Entity("Kremlin", Entity.Kind.ORGANISATION, "Q20800", 1, false),
                new Entity("Bloomberg", Entity.Kind.OUTLET, "Q14270642", 1, true),
                new Entity("Geneva", Entity.Kind.PLACE, "Q71", 1, true));
        List<Place> places = List.of(new Place("Geneva", "Geneva", Place.Kind.CITY, "CH", new GeoPoint(46.20222, 6.14569),
                2660646L, "Q71", 1, true));
        return new EnrichedArticle(EnrichedArticle.SCHEMA_VERSION, fullRaw(DateSource.PAGE), attribution, topics,
                Instant.parse("2024-11-27T09:41:09.25Z"), new DetectedLanguage("en", 0.97, DetectedLanguage.DETECTED),
                List.of("talks", "draft"), entities, places,
                Syndication.of("Bloomberg", "Q14270642", "The editors are not responsible for content taken from other sources."),
                new Story(ArticleId.of(ARTICLE_URL), true, List.of("Other News")));
    }

    private static CitedSource cited(String text, Kind kind, String entity, String cue, String sentence) {
        int start = TEXT.indexOf(text);
        return new CitedSource(text, kind, entity, cue, sentence, start, start + text.length());
    }

    private static RawArticle minimalRaw() {
        return new RawArticle(RawArticle.SCHEMA_VERSION, ArticleId.of(ARTICLE_URL), ARTICLE_URL, null,
                new FeedRef(FeedRef.idOf(FEED_URL), FEED_URL, null, null), null, null, null, null, null, null, null,
                null, null, Instant.parse("2024-11-27T09:41:07Z"));
    }

    private static EnrichedArticle minimalEnriched() {
        return new EnrichedArticle(EnrichedArticle.SCHEMA_VERSION, minimalRaw(), new Attribution(null, null, null),
                null, Instant.parse("2024-11-27T09:41:09Z"));
    }

    /** Every field a published schema requires: (schema file, JSON pointer of the object that holds it, field name). */
    static Stream<Arguments> requiredFields() {
        List<Arguments> fields = new ArrayList<>();
        for (String file : List.of(RAW_FILE, ENRICHED_FILE)) {
            collectRequired(resource(file), "", file, fields);
        }
        return fields.stream();
    }

    /** Follows properties and array items (an array's first element); a $ref is covered by its own file. */
    private static void collectRequired(JsonNode schema, String pointer, String file, List<Arguments> into) {
        schema.path("required").forEach(field -> into.add(Arguments.of(file, pointer, field.asText())));
        schema.path("properties").properties()
                .forEach(property -> collectRequired(property.getValue(), pointer + "/" + property.getKey(), file, into));
        if (schema.has("items")) {
            collectRequired(schema.get("items"), pointer + "/0", file, into);
        }
    }

    /** "/attribution/citedSources/0" as {@link Json} names it in a message: "attribution.citedSources[0]". */
    private static String recordPath(String pointer) {
        return pointer.substring(1).replace('/', '.').replaceAll("\\.(\\d+)", "[$1]");
    }

    private static List<Error> errors(Schema schema, Object record) {
        return schema.validate(tree(record));
    }

    /** The record as consumers see it: the exact bytes the codec writes, read back as a JSON tree. */
    private static ObjectNode tree(Object record) {
        try {
            return (ObjectNode) Json.mapper().readTree(Json.toBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exactly one error, from {@code keyword}, whose text ("/json/pointer: message") names the field. */
    private static void assertSingleError(List<Error> errors, String keyword, String naming) {
        String all = errors.stream().map(Error::toString).collect(Collectors.joining("; "));
        assertThat(errors).as("validation errors: %s", all).hasSize(1);
        assertThat(errors.getFirst().getKeyword()).as(all).isEqualTo(keyword);
        assertThat(errors.getFirst().toString()).as("the error names the field").contains(naming);
    }

    private static Schema load(SchemaRegistry registry, String file) {
        Schema schema = registry.getSchema(SchemaLocation.of(SCHEMA_BASE + file));
        // Resolves every $ref now, so that a reference that cannot be resolved fails here and not as a vague miss later.
        schema.initializeValidators();
        return schema;
    }

    private static JsonNode resource(String file) {
        try (InputStream in = ArticleSchemaTest.class.getResourceAsStream("/schema/" + file)) {
            assertThat(in).as("schema/%s on the test class path", file).isNotNull();
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema/" + file, e);
        }
    }

    /**
     * The schema in {@code file} with additionalProperties false on every object type that names its properties;
     * not on the subschemas of conditions (if), which name a property only to test it.
     */
    private static String closed(String file) {
        JsonNode schema = resource(file);
        close(schema);
        return schema.toString();
    }

    private static void close(JsonNode node) {
        if (node instanceof ObjectNode object && object.has("properties") && object.path("type").asText().equals("object")) {
            object.put("additionalProperties", false);
        }
        node.forEach(ArticleSchemaTest::close);
    }
}
