package io.newsflow.enrich;

import io.newsflow.core.article.ArticleId;
import io.newsflow.core.article.CitedSource;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.article.Entity;
import io.newsflow.core.article.Place;
import io.newsflow.core.article.FeedRef;
import io.newsflow.core.article.PublisherInfo;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.article.TopicTag;
import io.newsflow.core.json.Json;
import io.newsflow.enrich.attribution.PublisherRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class EnricherTest {

    private static final Instant NOW = Instant.parse("2024-11-21T08:06:00Z");

    private final PublisherRegistry registry = PublisherRegistry.bundled();
    private final Enricher enricher = EnrichService.enricher(registry, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void enrichesTheSeedArticle() {
        RawArticle raw = SeedArticle.raw("https://www.kyivpost.com/post/12345");
        EnrichedArticle enriched = enricher.enrich(raw);

        assertThat(enriched.schemaVersion()).isEqualTo(EnrichedArticle.SCHEMA_VERSION);
        assertThat(enriched.article()).isEqualTo(raw);
        assertThat(enriched.enrichedAt()).isEqualTo(NOW);
        assertThat(enriched.attribution().publisher())
                .isEqualTo(new PublisherInfo("kyiv-post", "Kyiv Post", "kyivpost.com", "UA", "national", "registry"));
        assertThat(enriched.attribution().authors()).containsExactly("Jane Doe");
        assertThat(enriched.attribution().citedSources()).extracting(CitedSource::text)
                .containsExactly("Bloomberg", "A high-ranking NATO diplomat", "American media", "President Vladimir Putin");
        // Offsets are into the article text, as the contract says.
        enriched.attribution().citedSources().forEach(source ->
                assertThat(raw.text().substring(source.start(), source.end())).isEqualTo(source.text()));
        assertThat(enriched.topics()).extracting(TopicTag::label).contains("peace process", "military equipment");
    }

    @Test
    void anArticleWithoutTextOrAuthorsStillGetsItsPublisher() {
        String url = "https://example.org/a";
        RawArticle raw = new RawArticle(RawArticle.SCHEMA_VERSION, ArticleId.of(url), url, url,
                new FeedRef(FeedRef.idOf("https://example.org/feed"), "https://example.org/feed", null, null), null, null,
                null, null, null, "Example Times", null, null, null, NOW);
        EnrichedArticle enriched = enricher.enrich(raw);
        assertThat(enriched.attribution().publisher().name()).isEqualTo("Example Times");
        assertThat(enriched.attribution().citedSources()).isEmpty();
        assertThat(enriched.attribution().authors()).isEmpty();
        assertThat(enriched.topics()).isEmpty();
    }

    @Test
    void aUkrainianReReportGetsEveryEnrichment() {
        RawArticle raw = TestArticles.raw("https://www.example.com/uk/news/1", "Переговори про перемир'я в Женеві",
                "Делегації України та Росії продовжать переговори про перемир'я в Женеві, повідомляє Укрінформ.\n"
                        + "Джерело в уряді повідомило, що сторони обговорюють обмін полоненими. За словами Зеленського, Київ "
                        + "не погодиться на заморожування фронту. Переговори триватимуть тиждень.\n"
                        + "Редакція не несе відповідальності за зміст матеріалів, отриманих з інших джерел.", "2024-11-21T08:00:00Z");

        EnrichedArticle enriched = enricher.enrich(raw);

        assertThat(enriched.language().code()).isEqualTo("uk");
        assertThat(enriched.attribution().citedSources()).extracting(CitedSource::kind)
                .containsExactly(CitedSource.Kind.OUTLET, CitedSource.Kind.ANONYMOUS, CitedSource.Kind.PERSON);
        assertThat(enriched.syndication().originalSource()).isEqualTo("Ukrinform");
        assertThat(enriched.syndication().disclaimer()).startsWith("Редакція не несе відповідальності");
        assertThat(enriched.topics()).extracting(TopicTag::label).contains("peace process");
        assertThat(enriched.places()).extracting(Place::name).containsExactlyInAnyOrder("Geneva", "Ukraine", "Russia", "Kyiv");
        assertThat(enriched.entities()).extracting(Entity::name).contains("Ukrinform", "Volodymyr Zelenskyy", "Geneva");
        assertThat(enriched.keywords()).contains("переговори");
        // Clustering keeps state: the stream and the offline command attach the story afterwards.
        assertThat(enriched.story()).isNull();
    }

    @Test
    void theEnrichedRecordRoundTripsThroughJson() {
        EnrichedArticle enriched = enricher.enrich(SeedArticle.raw("https://www.kyivpost.com/post/12345"));
        EnrichedArticle read = Json.fromBytes(Json.toBytes(enriched), EnrichedArticle.class);
        assertThat(read).isEqualTo(enriched);
    }
}
