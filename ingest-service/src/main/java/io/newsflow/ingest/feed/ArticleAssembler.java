package io.newsflow.ingest.feed;

import io.newsflow.core.article.ArticleId;
import io.newsflow.core.article.DateSource;
import io.newsflow.core.article.FeedItemValues;
import io.newsflow.core.article.FeedRef;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.article.AuthorNames;
import io.newsflow.ingest.extract.ExtractedArticle;
import io.newsflow.ingest.extract.HtmlText;
import io.newsflow.ingest.extract.UrlDate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the article record from a feed item and what its page said (if the page could be read).
 * <ul>
 *   <li>id and url: the page's canonical URL if it has one, else the item link, normalised;</li>
 *   <li>title: the item's (the headline the publisher syndicates, without site-name suffixes), else the page's;</li>
 *   <li>text: the page's main text; without a page, the item's content, else its description, else its title;</li>
 *   <li>publishedAt: the item's date (source FEED), else the page's (PAGE), offsets kept, else the day the URL's path
 *       names (URL; that day's start in UTC), else none (NONE);</li>
 *   <li>authors, language, site name: the page's, else the feed's;</li>
 *   <li>image, section, keywords, paywalled: the page's;</li>
 *   <li>provenance: for each field taken from the page, the page's source of it ("json-ld", "opengraph", ...);
 *       "feed" for each taken from the item;</li>
 *   <li>feedItem: what the item itself said (title, link, date, authors), beside the values chosen.</li>
 * </ul>
 * The revision is 1; the poller sets the next one when it publishes changed content under a known id.
 */
public final class ArticleAssembler {

    private static final String FEED = "feed";

    /**
     * @param item         the feed item; its link must be an absolute http(s) URL
     * @param feed         the feed it came from
     * @param feedLanguage the feed's declared language, or null
     * @param page         what the item's page said, or null if it could not be fetched or read
     * @param fetchedAt    when the page was fetched (or the feed, without a page)
     */
    public RawArticle assemble(FeedItem item, FeedRef feed, String feedLanguage, ExtractedArticle page, Instant fetchedAt) {
        Map<String, String> provenance = new HashMap<>();
        Map<String, String> fromPage = page == null ? Map.of() : page.provenance();
        String url = ArticleId.normalise(item.link());
        provenance.put("url", FEED);
        if (page != null && page.canonicalUrl() != null) {
            try {
                url = ArticleId.normalise(page.canonicalUrl());
                provenance.put("url", fromPage.getOrDefault("canonicalUrl", "html"));
            } catch (IllegalArgumentException e) {
                // a canonical link that is no URL is ignored; the item link stands
            }
        }
        String summary = blankToNull(HtmlText.fromFragment(item.description()));
        String text;
        if (page != null && !page.text().isBlank()) {
            text = page.text();
            provenance.put("text", fromPage.getOrDefault("text", "html"));
        } else {
            text = firstNonBlank(HtmlText.fromFragment(item.content()), summary, item.title());
            provenance.put("text", FEED);
        }
        String title = firstNonBlank(item.title(), page == null ? null : page.title());
        if (title != null) {
            provenance.put("title", blankToNull(item.title()) != null ? FEED : fromPage.getOrDefault("title", "html"));
        }

        OffsetDateTime itemDate = item.publishedAt() != null ? item.publishedAt() : item.updatedAt();
        OffsetDateTime publishedAt;
        DateSource publishedAtSource;
        if (itemDate != null) {
            publishedAt = itemDate;
            publishedAtSource = DateSource.FEED;
            provenance.put("publishedAt", FEED);
        } else if (page != null && page.publishedAt() != null) {
            publishedAt = page.publishedAt();
            publishedAtSource = DateSource.PAGE;
            provenance.put("publishedAt", fromPage.getOrDefault("publishedAt", "html"));
        } else {
            Optional<OffsetDateTime> fromUrl = UrlDate.of(url).or(() -> UrlDate.of(item.link()));
            publishedAt = fromUrl.orElse(null);
            publishedAtSource = fromUrl.isPresent() ? DateSource.URL : DateSource.NONE;
            fromUrl.ifPresent(day -> provenance.put("publishedAt", "url"));
        }
        List<String> itemAuthors = AuthorNames.clean(item.authors());
        boolean pageAuthors = page != null && !page.authors().isEmpty();
        List<String> authors = pageAuthors ? page.authors() : itemAuthors;
        if (!authors.isEmpty()) {
            provenance.put("authors", pageAuthors ? fromPage.getOrDefault("authors", "html") : FEED);
        }
        String pageLanguage = page == null ? null : blankToNull(page.language());
        String language = firstNonBlank(pageLanguage, feedLanguage);
        if (language != null) {
            provenance.put("language", pageLanguage != null ? fromPage.getOrDefault("language", "html") : FEED);
        }
        OffsetDateTime modifiedAt = page != null && page.modifiedAt() != null ? page.modifiedAt() : item.updatedAt();
        if (modifiedAt != null) {
            provenance.put("modifiedAt", page != null && page.modifiedAt() != null ? fromPage.getOrDefault("modifiedAt", "html") : FEED);
        }
        if (page != null) {
            for (String field : List.of("siteName", "imageUrl", "section", "keywords", "paywalled")) {
                if (fromPage.containsKey(field)) {
                    provenance.put(field, fromPage.get(field));
                }
            }
        }

        return new RawArticle(
                RawArticle.SCHEMA_VERSION,
                ArticleId.of(url),
                url,
                item.link(),
                feed,
                title,
                text,
                summary,
                authors,
                language,
                page == null ? null : page.siteName(),
                publishedAt,
                publishedAtSource,
                modifiedAt,
                fetchedAt,
                page == null ? null : page.imageUrl(),
                page == null ? null : page.section(),
                page == null ? List.of() : page.keywords(),
                page == null ? null : page.paywalled(),
                1,
                provenance,
                new FeedItemValues(blankToNull(item.title()), item.link(), itemDate, itemAuthors));
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
        return value == null || value.isBlank() ? null : value.strip();
    }
}
