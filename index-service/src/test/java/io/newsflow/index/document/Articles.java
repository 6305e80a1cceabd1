package io.newsflow.index.document;

import io.newsflow.core.article.Attribution;
import io.newsflow.core.article.CitedSource;
import io.newsflow.core.article.DateSource;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.article.FeedRef;
import io.newsflow.core.article.PublisherInfo;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.article.TopicTag;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Enriched articles for tests, every field filled unless a test says otherwise. */
public final class Articles {

    public static final String ID = "0123456789abcdef0123456789abcdef";

    private Articles() {
    }

    public static RawArticle raw(OffsetDateTime publishedAt, Instant fetchedAt) {
        return new RawArticle(RawArticle.SCHEMA_VERSION, ID, "https://www.example.com/world/a", "https://www.example.com/world/a?utm_source=rss",
                new FeedRef("feed1", "https://www.example.com/feed", "Example World", "Example News"),
                "Ships turn back", "Reuters reports that ships turned back.\n\nMore text.", "Ships turned back.",
                List.of("Jane Doe"), "en", "Example",
                publishedAt, publishedAt == null ? DateSource.NONE : DateSource.FEED,
                publishedAt == null ? null : publishedAt.plusHours(1), fetchedAt);
    }

    public static EnrichedArticle enriched(RawArticle raw) {
        return new EnrichedArticle(EnrichedArticle.SCHEMA_VERSION, raw,
                new Attribution(new PublisherInfo("example", "Example News", "example.com", "GB", "national", "registry"),
                        List.of("Jane Doe", "John Roe"),
                        List.of(new CitedSource("Reuters", CitedSource.Kind.OUTLET, "Reuters", "reports",
                                "Reuters reports that ships turned back.", 0, 7))),
                List.of(new TopicTag("medtop:11000000", "politics and government", 0.8, List.of("ships"))),
                Instant.parse("2024-11-27T08:05:00Z"));
    }

    public static EnrichedArticle full() {
        return enriched(raw(OffsetDateTime.parse("2024-11-27T10:15:00+03:00"), Instant.parse("2024-11-27T08:00:00Z")));
    }
}
