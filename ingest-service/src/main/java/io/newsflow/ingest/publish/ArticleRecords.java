package io.newsflow.ingest.publish;

import io.newsflow.core.article.RawArticle;
import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.CloudEvents;
import io.newsflow.core.kafka.DeadLetters;
import io.newsflow.core.kafka.Topics;
import io.newsflow.ingest.state.FeedState;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The Kafka records ingest-service writes: articles (or their dead letters), feed states and subscriptions. */
public final class ArticleRecords {

    /** The CloudEvents source of every article ingest-service publishes. */
    public static final String SOURCE = "/newsflow/ingest-service";
    /** The stage named in the dead letters ingest-service writes. */
    public static final String STAGE = "ingest";

    private ArticleRecords() {
    }

    /**
     * The record of an article on {@code news.articles.raw}, keyed by its id, with CloudEvents headers; or, when the
     * record would be over {@link Topics#MAX_RECORD_BYTES}, a dead letter with the article without its text (which
     * made it too large) and the reason.
     */
    public static ProducerRecord<byte[], byte[]> article(RawArticle article) {
        byte[] key = utf8(article.id());
        byte[] value = Json.toBytes(article);
        if (value.length > Topics.MAX_RECORD_BYTES) {
            byte[] withoutText = Json.toBytes(withoutText(article));
            return DeadLetters.of(STAGE, key, withoutText.length > Topics.MAX_RECORD_BYTES ? null : withoutText,
                    "io.newsflow.ingest.RecordTooLarge",
                    "article record of " + value.length + " bytes is over the limit of " + Topics.MAX_RECORD_BYTES
                            + " bytes; this dead letter carries it without its text (url " + article.url() + ")");
        }
        return new ProducerRecord<>(Topics.ARTICLES_RAW, null, key, value,
                CloudEvents.headers(eventId(article.id(), value), CloudEvents.RAW_ARTICLE_TYPE, SOURCE, article.fetchedAt()));
    }

    /** The record of a feed's state on {@code news.ingest.state}, keyed by feed id. */
    public static ProducerRecord<byte[], byte[]> state(FeedState state) {
        return new ProducerRecord<>(Topics.INGEST_STATE, utf8(state.feedId()), Json.toBytes(state));
    }

    /** The record of a subscription on {@code news.feeds}, keyed by feed id. */
    public static ProducerRecord<byte[], byte[]> subscription(FeedSubscription feed) {
        return new ProducerRecord<>(Topics.FEEDS, utf8(feed.id()), Json.toBytes(feed));
    }

    /** The article id and a hash of the value: a re-send of the same content keeps its event id. */
    static String eventId(String articleId, byte[] value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value);
            return articleId + "/" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static RawArticle withoutText(RawArticle a) {
        return new RawArticle(a.schemaVersion(), a.id(), a.url(), a.itemUrl(), a.feed(), a.title(), null, a.summary(),
                a.authors(), a.language(), a.siteName(), a.publishedAt(), a.publishedAtSource(), a.modifiedAt(), a.fetchedAt());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
