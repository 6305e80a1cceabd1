package io.newsflow.index.elasticsearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The composable index template of the article index, read from {@value #RESOURCE}.
 *
 * <p>The mapping is {@code dynamic: strict}: a field the mapping does not know makes Elasticsearch reject the
 * document, which then goes to the dead-letter topic instead of silently growing the mapping. Choices the JSON
 * cannot explain itself: names an analyst filters and charts on are {@code keyword}s, with a {@code .text} sub-field
 * where searching words inside them helps ({@code publisher.name}, {@code authors}, {@code entities.name}); text is
 * {@code text}, with a {@code .keyword} sub-field where exact matches and sorting help ({@code title},
 * {@code citedSources.text}). {@code citedSources}, {@code topics}, {@code entities} and {@code places} are
 * {@code nested}, so that a query's conditions on kind and name hold for the same cited source; Kibana does not
 * aggregate nested fields, so flat copies sit beside them ({@code citedSourceNames}, {@code citedSourceKinds},
 * {@code topicCodes} with the ancestors, {@code topicLabels}, {@code entityNames}, {@code placeNames},
 * {@code placeCountryCodes}, and the {@code geo_point} {@code placeLocations} for Kibana Maps).
 * {@code citedSources.sentence} is kept for display but not indexed (it is part of {@code text}, which is); the
 * character offsets {@code start}/{@code end} are neither indexed nor aggregatable; {@code ignore_above} keeps an
 * absurdly long value from rejecting its whole article (the value stays in the source, unindexed).
 *
 * <p>Stemming: where the cluster has the {@code english} analyzer, {@code title}, {@code text} and {@code summary} get
 * an {@code .english} sub-field analysed with it; the minimal test distribution has no such analyzer, and there the
 * index is created without those sub-fields.
 */
public final class IndexTemplate {

    static final String RESOURCE = "/index/news-articles-template.json";
    static final List<String> STEMMED_FIELDS = List.of("title", "text", "summary");
    static final String STEMMED_SUBFIELD = "english";

    private final ObjectNode template;

    private IndexTemplate(ObjectNode template) {
        this.template = template;
    }

    /**
     * The template for {@code names}' index pattern.
     *
     * @param englishAnalyzer whether the cluster offers the {@code english} analyzer
     */
    public static IndexTemplate forCluster(IndexNames names, boolean englishAnalyzer) {
        ObjectNode template = load();
        template.putArray("index_patterns").add(names.indexPattern());
        ((ObjectNode) template.get("_meta")).put("english_subfields", englishAnalyzer);
        if (englishAnalyzer) {
            ObjectNode properties = (ObjectNode) template.at("/template/mappings/properties");
            for (String field : STEMMED_FIELDS) {
                ObjectNode mapping = (ObjectNode) properties.get(field);
                ObjectNode fields = mapping.has("fields") ? (ObjectNode) mapping.get("fields") : mapping.putObject("fields");
                fields.putObject(STEMMED_SUBFIELD).put("type", "text").put("analyzer", "english");
            }
        }
        return new IndexTemplate(template);
    }

    /** The body of {@code PUT _index_template/NAME}. */
    public String templateJson() {
        return Json.toString(template);
    }

    /** The mappings alone, the body of {@code PUT INDEX/_mapping} (adds new fields to an existing index). */
    public String mappingsJson() {
        return Json.toString(template.at("/template/mappings"));
    }

    private static ObjectNode load() {
        try (InputStream in = IndexTemplate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("index template " + RESOURCE + " is missing from the classpath: the jar is incomplete");
            }
            return (ObjectNode) Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read index template " + RESOURCE, e);
        }
    }
}
