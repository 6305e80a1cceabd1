package io.newsflow.enrich;

import io.newsflow.core.article.ArticleId;
import io.newsflow.core.article.DateSource;
import io.newsflow.core.article.FeedRef;
import io.newsflow.core.article.RawArticle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** The project's seed article (a re-reported Bloomberg story), as text and as a raw article record. */
public final class SeedArticle {

    private SeedArticle() {
    }

    /** The whole file: the title line, then the text. */
    public static String file() {
        try (InputStream in = SeedArticle.class.getResourceAsStream("/nato-ukraine-article.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String title() {
        return file().lines().findFirst().orElseThrow();
    }

    public static String text() {
        String file = file();
        return file.substring(file.indexOf('\n') + 1);
    }

    public static RawArticle raw(String url) {
        return new RawArticle(RawArticle.SCHEMA_VERSION, ArticleId.of(url), url, url,
                new FeedRef(FeedRef.idOf("https://news.example.org/feed.xml"), "https://news.example.org/feed.xml",
                        "World news", null),
                title(), text(), null, List.of("By Jane Doe, Staff Writer"), "en", null,
                OffsetDateTime.parse("2024-11-21T10:00:00+02:00"), DateSource.PAGE, null,
                Instant.parse("2024-11-21T08:05:00Z"));
    }
}
