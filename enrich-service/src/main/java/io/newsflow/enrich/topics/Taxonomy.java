package io.newsflow.enrich.topics;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.newsflow.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The topics enrich-service tags with (the bundled {@code topics.json}), as a tree of IPTC Media Topics. */
public final class Taxonomy {

    private static final String BUNDLED = "/topics.json";
    private static final Pattern CODE = Pattern.compile("medtop:\\d{8}");

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record TaxonomyFile(List<Topic> topics) {
    }

    private final Map<String, Topic> byCode;

    /** @throws IllegalArgumentException if a code is malformed or repeated, or a parent is missing */
    Taxonomy(List<Topic> topics) {
        Map<String, Topic> codes = new LinkedHashMap<>();
        for (Topic topic : topics) {
            if (topic.code() == null || !CODE.matcher(topic.code()).matches() || topic.label() == null) {
                throw new IllegalArgumentException("topic " + topic + " needs a code like medtop:20000056 and a label");
            }
            if (codes.put(topic.code(), topic) != null) {
                throw new IllegalArgumentException("topic " + topic.code() + " is listed twice");
            }
        }
        for (Topic topic : topics) {
            if (topic.parent() != null && !codes.containsKey(topic.parent())) {
                throw new IllegalArgumentException("topic " + topic.code() + " names parent " + topic.parent()
                        + ", which is not in the taxonomy: add the parent or correct the code");
            }
        }
        this.byCode = Map.copyOf(codes);
        topics.forEach(topic -> level(topic.code()));
    }

    public static Taxonomy bundled() {
        try (InputStream in = Taxonomy.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the enrich-service jar: rebuild the module");
            }
            return new Taxonomy(Json.mapper().readValue(in, TaxonomyFile.class).topics());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled " + BUNDLED + ": " + e.getMessage(), e);
        }
    }

    public Collection<Topic> topics() {
        return byCode.values();
    }

    public Topic get(String code) {
        return byCode.get(code);
    }

    /** The broader topics of {@code code}, nearest first. */
    public List<Topic> ancestors(String code) {
        List<Topic> ancestors = new ArrayList<>();
        for (String parent = byCode.get(code).parent(); parent != null; parent = byCode.get(parent).parent()) {
            ancestors.add(byCode.get(parent));
            if (ancestors.size() > byCode.size()) {
                throw new IllegalArgumentException("topic " + code + " is its own ancestor: the parents form a cycle");
            }
        }
        return ancestors;
    }

    /** 1 for a top-level topic, 2 for its children, and so on. */
    public int level(String code) {
        return ancestors(code).size() + 1;
    }
}
