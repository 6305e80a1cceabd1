package io.newsflow.ingest.extract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.core.json.Json;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The schema.org article object of a page's JSON-LD, if it has one. Scripts that are not valid JSON are skipped. */
final class JsonLd {

    private JsonLd() {
    }

    /** The first object typed as an article ({@code NewsArticle}, {@code Article}, {@code BlogPosting}, ...). */
    static Optional<JsonNode> article(Document page) {
        for (Element script : page.select("script[type=application/ld+json]")) {
            JsonNode root;
            try {
                root = Json.mapper().readTree(script.data());
            } catch (JsonProcessingException e) {
                continue;
            }
            Optional<JsonNode> found = findArticle(root);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The text of a string field, or null. */
    static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText().strip() : null;
    }

    /** Names in a field that holds a name, a person or organisation object, or a list of them. */
    static List<String> names(JsonNode object, String field) {
        List<String> names = new ArrayList<>();
        collectNames(object.get(field), names);
        return names;
    }

    private static void collectNames(JsonNode value, List<String> names) {
        if (value == null) {
            return;
        }
        if (value.isTextual()) {
            names.add(value.asText());
        } else if (value.isArray()) {
            value.forEach(v -> collectNames(v, names));
        } else if (value.isObject()) {
            collectNames(value.get("name"), names);
        }
    }

    private static Optional<JsonNode> findArticle(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                Optional<JsonNode> found = findArticle(element);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if (!node.isObject()) {
            return Optional.empty();
        }
        if (isArticleType(node.get("@type"))) {
            return Optional.of(node);
        }
        return findArticle(node.get("@graph"));
    }

    private static boolean isArticleType(JsonNode type) {
        if (type == null) {
            return false;
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (isArticleType(t)) {
                    return true;
                }
            }
            return false;
        }
        String name = type.asText();
        return name.endsWith("Article") || name.equals("BlogPosting") || name.equals("LiveBlogPosting") || name.equals("Report");
    }
}
