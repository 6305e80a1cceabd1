package io.newsflow.index.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.core.json.Json;
import io.newsflow.index.document.Articles;
import io.newsflow.index.document.DocumentMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IndexTemplateTest {

    /** Field types whose values are JSON objects without being object fields. */
    private static final Set<String> LEAF_OBJECT_TYPES = Set.of("geo_point", "flattened");

    private final IndexNames names = new IndexNames("news-articles");

    @Test
    void template_is_valid_json_with_a_strict_mapping_for_the_configured_pattern() throws IOException {
        JsonNode template = Json.mapper().readTree(IndexTemplate.forCluster(names, false).templateJson());
        assertThat(template.get("index_patterns")).hasSize(1);
        assertThat(template.get("index_patterns").get(0).asText()).isEqualTo("news-articles-v*");
        assertThat(template.at("/template/mappings/dynamic").asText()).isEqualTo("strict");
        assertThat(template.at("/template/mappings/properties/@timestamp/type").asText()).isEqualTo("date");
        assertThat(template.at("/template/mappings/properties/title/fields/keyword/type").asText()).isEqualTo("keyword");
        assertThat(template.has("aliases")).as("aliases belong to one index version, not to every index the pattern matches").isFalse();

        JsonNode renamed = Json.mapper().readTree(IndexTemplate.forCluster(new IndexNames("test-news"), false).templateJson());
        assertThat(renamed.get("index_patterns").get(0).asText()).isEqualTo("test-news-v*");
    }

    @Test
    void english_sub_fields_only_where_the_cluster_has_the_english_analyzer() throws IOException {
        JsonNode plain = tree(IndexTemplate.forCluster(names, false));
        JsonNode stemmed = tree(IndexTemplate.forCluster(names, true));
        for (String field : List.of("title", "text", "summary")) {
            String path = "/template/mappings/properties/" + field + "/fields/english";
            assertThat(plain.at(path).isMissingNode()).isTrue();
            assertThat(stemmed.at(path + "/analyzer").asText()).isEqualTo("english");
        }
        assertThat(stemmed.at("/template/mappings/properties/title/fields/keyword/type").asText()).isEqualTo("keyword");
        assertThat(plain.toString()).doesNotContain("\"english\"");
    }

    @Test
    void mappings_json_is_the_template_mapping_alone() throws IOException {
        JsonNode mappings = Json.mapper().readTree(IndexTemplate.forCluster(names, true).mappingsJson());
        assertThat(mappings.get("dynamic").asText()).isEqualTo("strict");
        assertThat(mappings.at("/properties/text/fields/english/analyzer").asText()).isEqualTo("english");
    }

    @Test
    void every_field_a_document_carries_is_mapped() throws IOException {
        JsonNode properties = tree(IndexTemplate.forCluster(names, false)).at("/template/mappings/properties");
        JsonNode document = Json.mapper().readTree(new DocumentMapper(Clock.systemUTC()).map(Articles.full(), 0).source());
        List<String> unmapped = new ArrayList<>();
        collectUnmapped(document, properties, "", unmapped);
        assertThat(unmapped).as("fields a strict mapping would reject").isEmpty();
    }

    @Test
    void lists_of_objects_are_nested_with_flat_keyword_copies_for_kibana() throws IOException {
        JsonNode properties = tree(IndexTemplate.forCluster(names, false)).at("/template/mappings/properties");
        for (String nested : List.of("citedSources", "topics", "entities", "places")) {
            assertThat(properties.at("/" + nested + "/type").asText()).as(nested).isEqualTo("nested");
        }
        assertThat(properties.at("/places/properties/location/type").asText()).isEqualTo("geo_point");
        assertThat(properties.at("/placeLocations/type").asText()).as("Kibana Maps plots a top-level geo_point").isEqualTo("geo_point");
    }

    @Test
    void every_field_analysts_filter_or_chart_on_is_a_keyword() throws IOException {
        JsonNode properties = tree(IndexTemplate.forCluster(names, false)).at("/template/mappings/properties");
        for (String field : List.of("publisher/properties/name", "domain", "feed/properties/title", "feed/properties/id", "language",
                "topicCodes", "topicLabels", "citedSourceNames", "citedSourceKinds", "authors", "entityNames", "placeNames",
                "placeCountryCodes", "story/properties/storyId", "keywords", "publishedAtSource")) {
            assertThat(properties.at("/" + field + "/type").asText()).as(field).isEqualTo("keyword");
        }
        assertThat(properties.at("/title/type").asText()).isEqualTo("text");
        assertThat(properties.at("/title/fields/keyword/type").asText()).isEqualTo("keyword");
        assertThat(properties.at("/authors/fields/text/type").asText()).isEqualTo("text");
    }

    private static JsonNode tree(IndexTemplate template) throws IOException {
        return Json.mapper().readTree(template.templateJson());
    }

    private static void collectUnmapped(JsonNode value, JsonNode properties, String path, List<String> unmapped) {
        if (value.isArray()) {
            value.forEach(element -> collectUnmapped(element, properties, path, unmapped));
            return;
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            JsonNode mapping = properties.get(field.getKey());
            String fieldPath = path + field.getKey();
            if (mapping == null) {
                unmapped.add(fieldPath);
            } else if (LEAF_OBJECT_TYPES.contains(mapping.path("type").asText())) {
                continue; // an object value of one field: {lat, lon} of a geo_point, the keys of a flattened field
            } else if (field.getValue().isObject() || field.getValue().isArray() && field.getValue().path(0).isObject()) {
                collectUnmapped(field.getValue(), mapping.path("properties"), fieldPath + ".", unmapped);
            }
        }
    }
}
