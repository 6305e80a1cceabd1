package io.newsflow.ingest.extract;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What an article page says about itself.
 *
 * @param title        headline, or null
 * @param text         main text, paragraphs separated by blank lines; empty when none was found
 * @param authors      author names, cleaned of "By" and the like; possibly empty
 * @param publishedAt  publication time with the page's offset, or null
 * @param modifiedAt   last modification time with the page's offset, or null
 * @param canonicalUrl the page's canonical link as an absolute http(s) URL, or null
 * @param siteName     the site's name as the page declares it, or null
 * @param language     the page's declared language as a BCP 47 tag, or null
 */
public record ExtractedArticle(String title, String text, List<String> authors, OffsetDateTime publishedAt,
                               OffsetDateTime modifiedAt, String canonicalUrl, String siteName, String language) {

    public ExtractedArticle {
        text = text == null ? "" : text;
        authors = authors == null ? List.of() : List.copyOf(authors);
    }
}
