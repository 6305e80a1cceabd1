package io.newsflow.ingest.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.core.json.Json;

import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON Feed 1.0 and 1.1 (Rome reads XML only): {@code items} with {@code url} (else {@code external_url}, else an
 * {@code id} that is a URL), {@code title}, {@code summary}, {@code content_html} (else {@code content_text}),
 * {@code date_published} and {@code date_modified} (RFC 3339, offsets kept), and {@code authors} (1.1) or
 * {@code author} (1.0) of the item, else of the feed.
 */
final class JsonFeedParser {

    private JsonFeedParser() {
    }

    static ParsedFeed parse(byte[] body, URI feedUri) throws FeedParseException {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new FeedParseException("not valid JSON: " + e.getMessage(), e);
        }
        String version = text(root, "version");
        if (version == null || !version.contains("jsonfeed.org/version/")) {
            throw new FeedParseException("JSON but not a JSON Feed: its \"version\" is " + (version == null ? "missing" : "\"" + version + "\""), null);
        }
        List<String> feedAuthors = authors(root);
        List<FeedItem> items = new ArrayList<>();
        for (JsonNode item : root.path("items")) {
            String link = text(item, "url");
            if (link == null) {
                link = text(item, "external_url");
            }
            String id = text(item, "id");
            if (link == null && id != null && id.startsWith("http")) {
                link = id;
            }
            String content = text(item, "content_html");
            List<String> authors = authors(item);
            items.add(new FeedItem(
                    link == null ? null : resolve(feedUri, link),
                    text(item, "title"),
                    text(item, "summary"),
                    content != null ? content : text(item, "content_text"),
                    authors.isEmpty() ? feedAuthors : authors,
                    date(text(item, "date_published")),
                    date(text(item, "date_modified"))));
        }
        String type = version.endsWith("1.1") ? "json_1.1" : "json_1.0";
        return new ParsedFeed(type, text(root, "title"), text(root, "language"), items, null, List.of());
    }

    private static List<String> authors(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (JsonNode author : node.path("authors")) {
            String name = text(author, "name");
            if (name != null) {
                names.add(name);
            }
        }
        String single = text(node.path("author"), "name");
        if (names.isEmpty() && single != null) {
            names.add(single);
        }
        return names;
    }

    private static String resolve(URI base, String link) {
        try {
            return base.resolve(link.strip()).toString();
        } catch (IllegalArgumentException e) {
            return link.strip();
        }
    }

    private static OffsetDateTime date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText().strip() : null;
    }
}
