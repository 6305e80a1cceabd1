package io.newsflow.index.document;

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

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

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
                publishedAt == null ? null : publishedAt.plusHours(1), fetchedAt,
                "https://www.example.com/img/ships.jpg", "World", List.of("Shipping", "Strait of Hormuz"), false, 2,
                publishedAt == null ? Map.of("title", "json-ld") : Map.of("title", "json-ld", "publishedAt", "opengraph"),
                new FeedItemValues("Ships turn back (update)", "https://www.example.com/world/a?utm_source=rss", publishedAt,
                        List.of("Jane Doe")));
    }

    public static EnrichedArticle enriched(RawArticle raw) {
        return new EnrichedArticle(EnrichedArticle.SCHEMA_VERSION, raw,
                new Attribution(new PublisherInfo("example", "Example News", "example.com", "GB", "national", "registry"),
                        List.of("Jane Doe", "John Roe"),
                        List.of(new CitedSource("Reuters", CitedSource.Kind.OUTLET, "Reuters", "reports",
                                "Reuters reports that ships turned back.", 0, 7))),
                List.of(new TopicTag("medtop:20000621", "diplomacy", 0.8, List.of("ships"), 2, List.of("medtop:11000000"))),
                Instant.parse("2024-11-27T08:05:00Z"),
                new DetectedLanguage("en", 0.97, DetectedLanguage.DETECTED),
                List.of("shipping", "strait"),
                List.of(new Entity("Reuters", Entity.Kind.OUTLET, "Q130879", 1, true),
                        new Entity("Strait of Hormuz", Entity.Kind.PLACE, null, 2, true)),
                List.of(new Place("Kyiv", "Kyiv", Place.Kind.CITY, "UA", new GeoPoint(50.45, 30.52), 703448L, "Q1899", 2, true),
                        new Place("Ukraine", "Ukraine", Place.Kind.COUNTRY, "UA", new GeoPoint(49.0, 32.0), 690791L, "Q212", 1, false)),
                Syndication.of("Reuters", "Q130879", "This story was first published by Reuters."),
                new Story(ID, true, List.of("Other News")));
    }

    public static EnrichedArticle full() {
        return enriched(raw(OffsetDateTime.parse("2024-11-27T10:15:00+03:00"), Instant.parse("2024-11-27T08:00:00Z")));
    }
}
