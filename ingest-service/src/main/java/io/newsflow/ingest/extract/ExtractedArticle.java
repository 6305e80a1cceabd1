package io.newsflow.ingest.extract;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What an article page says about itself.
 *
 * @param title        headline, or null
 * @param text         main text, paragraphs separated by blank lines; empty when none was found
 * @param authors      author names, cleaned of "By" and the like; possibly empty
 * @param publishedAt  publication time with the page's offset, or null
 * @param modifiedAt   last modification time with the page's offset, or null
 * @param canonicalUrl the canonical URL the page declares (link, OpenGraph or JSON-LD), absolute http(s), or null
 * @param siteName     the site's name as the page declares it, or null
 * @param language     the page's declared language as a BCP 47 tag ("en", "en-GB"), or null
 * @param imageUrl     the lead image, absolute http(s), or null
 * @param section      the site section the page files the article under ("World"), or null
 * @param keywords     the page's keywords or tags as written, possibly empty
 * @param paywalled    true when the page marks the article as not free ({@code isAccessibleForFree: false}) or the
 *                     body is a teaser cut short by a paywall, false when it marks it as free, null if unknown
 * @param provenance   field name -> {@link MetaSource#label()} of the source of each value found
 *                     ({@code "title" -> "json-ld"}); {@code text} comes from "html"
 * @param warning      why the text is empty or incomplete (a limit was hit, time ran out, no body found), or null
 */
public record ExtractedArticle(String title, String text, List<String> authors, OffsetDateTime publishedAt,
                               OffsetDateTime modifiedAt, String canonicalUrl, String siteName, String language,
                               String imageUrl, String section, List<String> keywords, Boolean paywalled,
                               Map<String, String> provenance, String warning) {

    public ExtractedArticle {
        text = text == null ? "" : text;
        authors = authors == null ? List.of() : List.copyOf(authors);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
    }
}
