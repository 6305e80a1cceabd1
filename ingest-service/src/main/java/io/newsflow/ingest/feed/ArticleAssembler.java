package io.newsflow.ingest.feed;

import io.newsflow.core.article.ArticleId;
import io.newsflow.core.article.DateSource;
import io.newsflow.core.article.FeedRef;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.article.AuthorNames;
import io.newsflow.ingest.extract.ExtractedArticle;
import io.newsflow.ingest.extract.HtmlText;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Makes the article record from a feed item and what its page said (if the page could be read).
 * <ul>
 *   <li>id and url: the page's canonical URL if it has one, else the item link, normalised;</li>
 *   <li>title: the item's (the headline the publisher syndicates, without site-name suffixes), else the page's;</li>
 *   <li>text: the page's main text; without a page, the item's content, else its description, else its title;</li>
 *   <li>publishedAt: the item's date (source FEED), else the page's (PAGE), else none (NONE), offsets kept;</li>
 *   <li>authors, language, site name: the page's, else the feed's.</li>
 * </ul>
 */
public final class ArticleAssembler {

    /**
     * @param item         the feed item; its link must be an absolute http(s) URL
     * @param feed         the feed it came from
     * @param feedLanguage the feed's declared language, or null
     * @param page         what the item's page said, or null if it could not be fetched or read
     * @param fetchedAt    when the page was fetched (or the feed, without a page)
     */
    public RawArticle assemble(FeedItem item, FeedRef feed, String feedLanguage, ExtractedArticle page, Instant fetchedAt) {
        String url = ArticleId.normalise(item.link());
        if (page != null && page.canonicalUrl() != null) {
            try {
                url = ArticleId.normalise(page.canonicalUrl());
            } catch (IllegalArgumentException e) {
                // a canonical link that is no URL is ignored; the item link stands
            }
        }
        String summary = blankToNull(HtmlText.fromFragment(item.description()));
        String text = page != null && !page.text().isBlank() ? page.text() : firstNonBlank(
                HtmlText.fromFragment(item.content()), summary, item.title());

        OffsetDateTime itemDate = item.publishedAt() != null ? item.publishedAt() : item.updatedAt();
        OffsetDateTime publishedAt;
        DateSource publishedAtSource;
        if (itemDate != null) {
            publishedAt = itemDate;
            publishedAtSource = DateSource.FEED;
        } else if (page != null && page.publishedAt() != null) {
            publishedAt = page.publishedAt();
            publishedAtSource = DateSource.PAGE;
        } else {
            publishedAt = null;
            publishedAtSource = DateSource.NONE;
        }

        return new RawArticle(
                RawArticle.SCHEMA_VERSION,
                ArticleId.of(url),
                url,
                item.link(),
                feed,
                firstNonBlank(item.title(), page == null ? null : page.title()),
                text,
                summary,
                page != null && !page.authors().isEmpty() ? page.authors() : AuthorNames.clean(item.authors()),
                firstNonBlank(page == null ? null : page.language(), feedLanguage),
                page == null ? null : page.siteName(),
                publishedAt,
                publishedAtSource,
                page != null && page.modifiedAt() != null ? page.modifiedAt() : item.updatedAt(),
                fetchedAt);
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
