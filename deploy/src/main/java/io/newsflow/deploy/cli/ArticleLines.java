package io.newsflow.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.core.article.ArticleId;
import io.newsflow.core.article.DateSource;
import io.newsflow.core.article.FeedRef;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.json.InvalidRecordException;
import io.newsflow.core.json.Json;

import java.time.Instant;
import java.util.List;

/**
 * Reads one JSON line as a raw article: a record of the raw topic ({@code schemaVersion}, {@code id}, {@code feed}
 * ...) as it is, or a line of {@code ./newsflow extract} (or any object with {@code title} and {@code text}), wrapped
 * as the raw article ingest would publish: its URL is {@code canonicalUrl}, else {@code url}, else an http(s)
 * {@code input}; a line without any is given {@code https://unknown.invalid/line-N} (a reserved name: the publisher
 * stays unknown). Its feed is the article's own URL, and it was fetched now.
 */
final class ArticleLines {

    /** The fields {@code extract} writes under the raw record's names, copied as they are. */
    private static final List<String> SHARED = List.of("title", "text", "authors", "language", "siteName", "publishedAt",
            "modifiedAt", "imageUrl", "section", "keywords", "paywalled", "provenance", "summary");
    private static final String UNKNOWN = "https://unknown.invalid/line-";

    private ArticleLines() {
    }

    /**
     * @param number the line's number (from 1), for the URL of a line without one
     * @throws InvalidRecordException if the line is not a JSON object or not a valid article
     */
    static RawArticle read(String line, int number, Instant now) {
        JsonNode node = Json.fromString(line, JsonNode.class);
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidRecordException("line " + number + " is not a JSON object");
        }
        if (object.has("schemaVersion") && object.has("feed")) {
            return Json.fromString(line, RawArticle.class);
        }
        String url = text(object, "canonicalUrl");
        url = url != null ? url : text(object, "url");
        String input = text(object, "input");
        url = url != null ? url : input != null && input.matches("(?i)https?://.+") ? input : UNKNOWN + number;
        ObjectNode raw = Json.mapper().createObjectNode();
        raw.put("schemaVersion", RawArticle.SCHEMA_VERSION);
        raw.put("id", ArticleId.of(url));
        raw.put("url", url);
        raw.putObject("feed").put("id", FeedRef.idOf(url)).put("url", url);
        for (String field : SHARED) {
            if (object.hasNonNull(field)) {
                raw.set(field, object.get(field));
            }
        }
        raw.put("publishedAtSource", (object.hasNonNull("publishedAt") ? DateSource.PAGE : DateSource.NONE).name());
        raw.put("fetchedAt", now.toString());
        return Json.fromString(raw.toString(), RawArticle.class);
    }

    private static String text(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }
}
