package io.newsflow.enrich;

import io.newsflow.core.article.ArticleId;
import io.newsflow.core.article.DateSource;
import io.newsflow.core.article.FeedRef;
import io.newsflow.core.article.RawArticle;

import java.time.OffsetDateTime;
import java.util.List;

/** Raw articles the tests write themselves. */
public final class TestArticles {

    private TestArticles() {
    }

    /** An article at {@code url} published at {@code publishedAt}, fetched a minute later. */
    public static RawArticle raw(String url, String title, String text, String publishedAt) {
        OffsetDateTime published = OffsetDateTime.parse(publishedAt);
        String feed = "https://" + java.net.URI.create(url).getHost() + "/feed.xml";
        return new RawArticle(RawArticle.SCHEMA_VERSION, ArticleId.of(url), url, url,
                new FeedRef(FeedRef.idOf(feed), feed, null, null), title, text, null, List.of(), null, null,
                published, DateSource.PAGE, null, published.toInstant().plusSeconds(60));
    }

    /** The text with each of {@code replacements}' pairs (what, with what) replaced, as a re-editing outlet would. */
    public static String edited(String text, String... replacements) {
        String edited = text;
        for (int i = 0; i + 1 < replacements.length; i += 2) {
            edited = edited.replace(replacements[i], replacements[i + 1]);
        }
        return edited;
    }
}
