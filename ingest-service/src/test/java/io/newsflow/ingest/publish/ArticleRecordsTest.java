package io.newsflow.ingest.publish;

import io.newsflow.core.article.ArticleId;
import io.newsflow.core.article.DateSource;
import io.newsflow.core.article.FeedRef;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.CloudEvents;
import io.newsflow.core.kafka.DeadLetters;
import io.newsflow.core.kafka.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleRecordsTest {

    static RawArticle article(String url, String text, Instant fetchedAt) {
        return new RawArticle(RawArticle.SCHEMA_VERSION, ArticleId.of(url), ArticleId.normalise(url), url,
                new FeedRef(FeedRef.idOf("https://example.com/rss"), "https://example.com/rss", "Example", null),
                "Headline", text, null, List.of("Jane Doe"), "en", "Example", OffsetDateTime.parse("2024-05-14T08:00:00+02:00"),
                DateSource.FEED, null, fetchedAt);
    }

    @Test
    void an_article_is_keyed_by_its_id_with_cloudevents_headers() {
        RawArticle article = article("https://example.com/a", "Text.", Instant.parse("2024-05-14T10:00:00Z"));

        ProducerRecord<byte[], byte[]> record = ArticleRecords.article(article);

        assertThat(record.topic()).isEqualTo(Topics.ARTICLES_RAW);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(article.id());
        assertThat(Json.fromBytes(record.value(), RawArticle.class)).isEqualTo(article);
        assertThat(CloudEvents.header(record.headers(), CloudEvents.TYPE)).isEqualTo(CloudEvents.RAW_ARTICLE_TYPE);
        assertThat(CloudEvents.header(record.headers(), CloudEvents.SOURCE)).isEqualTo("/newsflow/ingest-service");
        assertThat(CloudEvents.header(record.headers(), CloudEvents.TIME)).isEqualTo("2024-05-14T10:00:00Z");
        assertThat(CloudEvents.header(record.headers(), CloudEvents.ID)).matches(article.id() + "/[0-9a-f]{16}");
    }

    @Test
    void the_event_id_stays_for_the_same_content_and_changes_with_it() {
        Instant at = Instant.parse("2024-05-14T10:00:00Z");
        String once = CloudEvents.header(ArticleRecords.article(article("https://example.com/a", "Text.", at)).headers(), CloudEvents.ID);
        String again = CloudEvents.header(ArticleRecords.article(article("https://example.com/a", "Text.", at)).headers(), CloudEvents.ID);
        String edited = CloudEvents.header(ArticleRecords.article(article("https://example.com/a", "Text, edited.", at)).headers(), CloudEvents.ID);

        assertThat(again).isEqualTo(once);
        assertThat(edited).isNotEqualTo(once).startsWith(ArticleId.of("https://example.com/a") + "/");
    }

    @Test
    void an_article_too_large_for_the_topic_becomes_a_dead_letter_without_its_text() {
        RawArticle huge = article("https://example.com/huge", "x".repeat(Topics.MAX_RECORD_BYTES + 1), Instant.now());

        ProducerRecord<byte[], byte[]> record = ArticleRecords.article(huge);

        assertThat(record.topic()).isEqualTo(Topics.DEADLETTER);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(huge.id());
        assertThat(record.value().length).isLessThan(Topics.MAX_RECORD_BYTES);
        RawArticle carried = Json.fromBytes(record.value(), RawArticle.class);
        assertThat(carried.text()).isNull();
        assertThat(carried.url()).isEqualTo(huge.url());
        assertThat(CloudEvents.header(record.headers(), DeadLetters.STAGE)).isEqualTo("ingest");
        assertThat(CloudEvents.header(record.headers(), DeadLetters.ERROR_MESSAGE))
                .contains("over the limit of " + Topics.MAX_RECORD_BYTES).contains(huge.url());
    }
}
