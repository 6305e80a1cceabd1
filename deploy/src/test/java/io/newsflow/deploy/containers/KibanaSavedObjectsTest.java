package io.newsflow.deploy.containers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.core.config.Settings;
import io.newsflow.index.elasticsearch.IndexNames;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * deploy/kibana/newsflow.ndjson imports into Kibana 8.19 and shows fields the index really has. Kibana itself is not
 * run here: the test checks the export format, the references and every field name against the index template that
 * index-service installs.
 */
class KibanaSavedObjectsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final Path OBJECTS = DeployFiles.MODULE.resolve("kibana/newsflow.ndjson");
    private static final String TEMPLATE = "/index/news-articles-template.json";
    private static final String MIGRATION_VERSION = "\\d+\\.\\d+\\.\\d+";
    private static final Pattern KQL_FIELD = Pattern.compile("([A-Za-z@][\\w.@]*)\\s*:");
    /** Field types a terms or date_histogram aggregation can run on (with doc values, the default). */
    private static final Set<String> AGGREGATABLE = Set.of("keyword", "date", "long", "integer", "short", "byte",
            "double", "float", "half_float", "scaled_float", "boolean", "ip");

    private final List<JsonNode> objects = savedObjects();
    private final Map<String, JsonNode> mapping = fieldMappings();

    @Test
    void everyLineIsOneSavedObjectAsKibanaExportsIt() {
        assertThat(objects).isNotEmpty();
        Set<String> keys = new TreeSet<>();
        for (JsonNode object : objects) {
            String key = key(object);
            assertThat(object.path("type").asText()).as("type of %s", object).isNotBlank();
            assertThat(object.path("id").asText()).as("id of %s", object).isNotBlank();
            assertThat(object.path("attributes").isObject()).as("attributes of %s", key).isTrue();
            assertThat(object.path("attributes").path("title").asText()).as("title of %s", key).isNotBlank();
            assertThat(object.path("references").isArray()).as("references of %s", key).isTrue();
            assertThat(object.path("coreMigrationVersion").asText()).as("coreMigrationVersion of %s", key).matches(MIGRATION_VERSION);
            assertThat(object.path("typeMigrationVersion").asText()).as("typeMigrationVersion of %s", key).matches(MIGRATION_VERSION);
            assertThat(keys.add(key)).as("%s appears once", key).isTrue();
        }
    }

    @Test
    void theDataViewIsOnTheReadAliasWithPublicationTimeAsTimeField() {
        List<JsonNode> dataViews = ofType("index-pattern");
        assertThat(dataViews).hasSize(1);
        JsonNode attributes = dataViews.getFirst().path("attributes");
        String readAlias = IndexNames.from(new Settings(Map.of())).readAlias();
        assertThat(attributes.path("title").asText()).as("data view pattern").isEqualTo(readAlias);
        assertThat(attributes.path("timeFieldName").asText()).isEqualTo("@timestamp");
    }

    @Test
    void everyReferencePointsToAnObjectInTheFile() {
        Set<String> keys = new TreeSet<>();
        objects.forEach(object -> keys.add(key(object)));
        for (JsonNode object : objects) {
            object.path("references").forEach(reference -> assertThat(keys)
                    .as("%s references %s", key(object), reference)
                    .contains(reference.path("type").asText() + "/" + reference.path("id").asText()));
            String indexRef = searchSource(object).path("indexRefName").asText("");
            if (!indexRef.isEmpty()) {
                assertThat(referenceNames(object)).as("indexRefName of %s", key(object)).contains(indexRef);
            }
        }
    }

    @Test
    void theDashboardHoldsTheLatestArticlesAndEveryVisualizationAndMap() {
        List<JsonNode> dashboards = ofType("dashboard");
        assertThat(dashboards).hasSize(1);
        JsonNode dashboard = dashboards.getFirst();
        Map<String, String> references = new HashMap<>();
        dashboard.path("references").forEach(reference -> references.put(reference.path("name").asText(),
                reference.path("type").asText() + "/" + reference.path("id").asText()));
        Set<String> shown = new TreeSet<>();
        for (JsonNode panel : parse(dashboard.path("attributes").path("panelsJSON").asText(), "panelsJSON of " + key(dashboard))) {
            String name = panel.path("panelIndex").asText() + ":" + panel.path("panelRefName").asText();
            assertThat(references).as("reference of panel %s", panel).containsKey(name);
            assertThat(references.get(name)).as("panel %s's type", name).startsWith(panel.path("type").asText() + "/");
            shown.add(references.get(name));
        }
        List<String> expected = new ArrayList<>(List.of("search/newsflow-latest-articles"));
        objects.stream()
                .filter(object -> Set.of("visualization", "map").contains(object.path("type").asText()))
                .forEach(object -> expected.add(key(object)));
        assertThat(shown).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyFieldTheObjectsUseIsInTheIndexMapping() {
        assertThat(mapping).as("fields of %s", TEMPLATE).containsKeys("title", "title.keyword", "publisher.name.text");
        for (JsonNode view : ofType("index-pattern")) {
            assertField(view, view.path("attributes").path("timeFieldName").asText());
        }
        for (JsonNode search : ofType("search")) {
            search.path("attributes").path("columns").forEach(column -> assertField(search, column.asText()));
            search.path("attributes").path("sort").forEach(sort -> assertField(search, sort.path(0).asText()));
            queriedFields(search).forEach(field -> assertField(search, field));
        }
        for (JsonNode map : ofType("map")) {
            List<String> geoFields = geoFields(map);
            assertThat(geoFields).as("layers of %s", key(map)).isNotEmpty();
            for (String field : geoFields) {
                assertField(map, field);
                assertThat(mapping.get(field).path("type").asText()).as("%s plots %s", key(map), field).isEqualTo("geo_point");
            }
        }
        for (JsonNode visualization : ofType("visualization")) {
            for (String field : aggregatedFields(visualization)) {
                assertField(visualization, field);
                JsonNode fieldMapping = mapping.get(field);
                assertThat(AGGREGATABLE.contains(fieldMapping.path("type").asText())
                        && fieldMapping.path("doc_values").asBoolean(true))
                        .as("%s aggregates on %s, mapped %s: not aggregatable", key(visualization), field, fieldMapping)
                        .isTrue();
            }
        }
    }

    @Test
    void theVisualizationsShowWhatAnalystsAskFor() {
        List<Set<String>> fieldsPerVisualization = new ArrayList<>();
        ofType("visualization").forEach(visualization -> fieldsPerVisualization.add(new TreeSet<>(aggregatedFields(visualization))));
        assertThat(fieldsPerVisualization).contains(
                Set.of("@timestamp", "publisher.name"),
                Set.of("@timestamp", "topicLabels"),
                Set.of("publisher.name"),
                Set.of("citedSourceNames"),
                Set.of("topicLabels"),
                Set.of("citedSourceKinds"),
                Set.of("language"));
        assertThat(ofType("map")).singleElement().satisfies(map -> assertThat(geoFields(map)).containsExactly("placeLocations"));
        assertThat(ofType("search")).extracting(search -> search.path("id").asText())
                .contains("newsflow-latest-articles", "newsflow-republished", "newsflow-anonymous-sources");
        assertThat(ofType("search")).filteredOn(search -> search.path("id").asText().equals("newsflow-latest-articles")).singleElement()
                .satisfies(search -> assertThat(texts(search.path("attributes").path("columns")))
                        .containsExactly("title", "publisher.name", "language", "topicLabels", "citedSourceNames"));
    }

    /** The fields a saved search's KQL query names ({@code field : value}). */
    private static List<String> queriedFields(JsonNode search) {
        List<String> fields = new ArrayList<>();
        Matcher matcher = KQL_FIELD.matcher(searchSource(search).path("query").path("query").asText(""));
        while (matcher.find()) {
            fields.add(matcher.group(1));
        }
        return fields;
    }

    /** The geo fields the layers of a map plot. */
    private static List<String> geoFields(JsonNode map) {
        List<String> fields = new ArrayList<>();
        parse(map.path("attributes").path("layerListJSON").asText(), "layerListJSON of " + key(map)).forEach(layer -> {
            JsonNode source = layer.path("sourceDescriptor");
            if (source.has("geoField")) {
                fields.add(source.path("geoField").asText());
                assertThat(referenceNames(map)).as("index reference of a layer of %s", key(map))
                        .contains(source.path("indexPatternRefName").asText());
            }
        });
        return fields;
    }

    private void assertField(JsonNode object, String field) {
        assertThat(mapping).as("%s uses field %s, which the index mapping %s lacks", key(object), field, TEMPLATE)
                .containsKey(field);
    }

    private static List<String> aggregatedFields(JsonNode visualization) {
        JsonNode state = parse(visualization.path("attributes").path("visState").asText(), "visState of " + key(visualization));
        List<String> fields = new ArrayList<>();
        state.path("aggs").forEach(agg -> {
            if (agg.path("params").has("field")) {
                fields.add(agg.path("params").path("field").asText());
            }
        });
        return fields;
    }

    private List<JsonNode> ofType(String type) {
        return objects.stream().filter(object -> object.path("type").asText().equals(type)).toList();
    }

    private static JsonNode searchSource(JsonNode object) {
        String json = object.path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON").asText("{}");
        return parse(json, "searchSourceJSON of " + key(object));
    }

    private static Set<String> referenceNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.path("references").forEach(reference -> names.add(reference.path("name").asText()));
        return names;
    }

    private static String key(JsonNode object) {
        return object.path("type").asText() + "/" + object.path("id").asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    /** Kibana keeps several attributes as JSON inside a string. */
    private static JsonNode parse(String json, String what) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return fail("%s is not JSON: %s", what, e.getOriginalMessage());
        }
    }

    /** One object per line, as the import API reads the file. */
    private static List<JsonNode> savedObjects() {
        List<JsonNode> objects = new ArrayList<>();
        List<String> lines = DeployFiles.read(OBJECTS).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode object = parse(lines.get(i), OBJECTS + " line " + (i + 1));
            assertThat(object.isObject()).as("%s line %d is one JSON object", OBJECTS, i + 1).isTrue();
            objects.add(object);
        }
        return objects;
    }

    /** Every field of the template's mapping by its dotted path, sub-fields ({@code title.keyword}) included. */
    private static Map<String, JsonNode> fieldMappings() {
        try (InputStream in = KibanaSavedObjectsTest.class.getResourceAsStream(TEMPLATE)) {
            assertThat(in).as("%s on the class path (from index-service)", TEMPLATE).isNotNull();
            Map<String, JsonNode> fields = new HashMap<>();
            collect("", MAPPER.readTree(in).at("/template/mappings/properties"), fields);
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TEMPLATE, e);
        }
    }

    private static void collect(String prefix, JsonNode properties, Map<String, JsonNode> fields) {
        properties.properties().forEach(property -> {
            String path = prefix + property.getKey();
            JsonNode field = property.getValue();
            if (field.has("properties")) {
                collect(path + ".", field.path("properties"), fields);
            } else {
                fields.put(path, field);
                field.path("fields").properties().forEach(sub -> fields.put(path + "." + sub.getKey(), sub.getValue()));
            }
        });
    }
}
