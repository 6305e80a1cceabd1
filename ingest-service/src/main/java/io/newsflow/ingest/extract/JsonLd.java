package io.newsflow.ingest.extract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.core.json.Json;
import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The schema.org article object of a page's JSON-LD, if it has one. Scripts that are not valid JSON are skipped. */
final class JsonLd {

    private JsonLd() {
    }

    /** The first object typed as an article ({@code NewsArticle}, {@code Article}, {@code BlogPosting}, ...). */
    static Optional<JsonNode> article(List<Element> scripts) {
        for (Element script : scripts) {
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

    /** A string field, or the first string of a list field; null if neither. */
    static String firstText(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value != null && value.isArray()) {
            for (JsonNode element : value) {
                if (element.isTextual() && !element.asText().isBlank()) {
                    return element.asText().strip();
                }
            }
            return null;
        }
        return text(object, field);
    }

    /** The strings of a field that holds a list or one comma-separated string ("a, b, c"). */
    static List<String> list(JsonNode object, String field) {
        JsonNode value = object.get(field);
        List<String> values = new ArrayList<>();
        if (value == null) {
            return values;
        }
        if (value.isArray()) {
            value.forEach(v -> {
                if (v.isTextual()) {
                    values.add(v.asText());
                } else if (v.isObject() && v.get("name") != null) {
                    values.add(v.get("name").asText());
                }
            });
        } else if (value.isTextual()) {
            values.addAll(List.of(value.asText().split(",")));
        }
        return values;
    }

    /** A URL field given as a string, an {@code ImageObject}/{@code WebPage} with {@code url} or {@code @id}, or a list of them. */
    static String url(JsonNode object, String field) {
        return urlOf(object.get(field));
    }

    private static String urlOf(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText().isBlank() ? null : value.asText().strip();
        }
        if (value.isArray()) {
            return value.isEmpty() ? null : urlOf(value.get(0));
        }
        if (value.isObject()) {
            String url = urlOf(value.get("url"));
            return url != null ? url : urlOf(value.get("@id"));
        }
        return null;
    }

    /**
     * Whether the article is free to read: {@code isAccessibleForFree} on the article or on one of its
     * {@code hasPart} sections (Google's paywall markup), as a boolean or the strings "True"/"False"; null if absent.
     */
    static Boolean accessibleForFree(JsonNode article) {
        Boolean own = bool(article.get("isAccessibleForFree"));
        if (Boolean.FALSE.equals(own)) {
            return false;
        }
        JsonNode parts = article.get("hasPart");
        if (parts != null) {
            for (JsonNode part : parts.isArray() ? parts : List.of(parts)) {
                if (Boolean.FALSE.equals(bool(part.get("isAccessibleForFree")))) {
                    return false;
                }
            }
        }
        return own;
    }

    private static Boolean bool(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        String text = value.asText().strip();
        return text.equalsIgnoreCase("true") ? Boolean.TRUE : text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
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
