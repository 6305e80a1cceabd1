package io.newsflow.index.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.core.json.Json;
import io.newsflow.index.elasticsearch.IndexNames;
import io.newsflow.index.elasticsearch.IndexTemplate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArticleSearchTest {

    private static final JsonNode PROPERTIES = properties();

    @Test
    void words_are_searched_in_fields_the_mapping_has_and_every_filter_is_on_a_keyword() throws IOException {
        JsonNode request = Json.mapper().readTree(ArticleSearch.requestJson(
                new ArticleSearch.Query("ceasefire talks", "medtop:11000000", "Reuters", "NATO", "24h", 10)));
        JsonNode words = request.at("/query/bool/must/0/simple_query_string");
        assertThat(words.get("query").asText()).isEqualTo("ceasefire talks");
        assertThat(words.get("default_operator").asText()).isEqualTo("and");
        for (JsonNode field : words.get("fields")) {
            assertThat(mapping(field.asText().replaceAll("\\^.*", ""))).as(field.asText()).isNotNull();
        }
        List<String> filtered = new ArrayList<>();
        request.at("/query/bool/filter").forEach(filter -> filter.at("/bool/should").forEach(term ->
                term.get("term").fieldNames().forEachRemaining(filtered::add)));
        assertThat(filtered).contains("topicCodes", "topicLabels", "publisher.name", "domain", "citedSourceNames");
        for (String field : filtered) {
            assertThat(mapping(field).path("type").asText()).as(field).isEqualTo("keyword");
        }
        assertThat(request.at("/query/bool/filter/3/range/@timestamp/gte").asText()).isEqualTo("now-24h");
        assertThat(request.at("/highlight/fields").has("text")).isTrue();
    }

    @Test
    void without_filters_only_the_words_count() throws IOException {
        JsonNode request = Json.mapper().readTree(ArticleSearch.requestJson(new ArticleSearch.Query("harbour", null, null, null, null, 5)));
        assertThat(request.at("/query/bool/filter")).isEmpty();
        assertThat(request.get("size").asInt()).isEqualTo(5);
    }

    @Test
    void ages_and_sizes_it_cannot_use_are_refused() {
        for (String age : new String[]{"24", "1y", "0h", "-2d", "yesterday"}) {
            assertThatThrownBy(() -> new ArticleSearch.Query("x", null, null, null, age, 10)).as(age)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--since");
        }
        assertThatThrownBy(() -> new ArticleSearch.Query("x", null, null, null, null, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The mapping of a dotted field path, sub-fields included, in the template with stemmed sub-fields; null if none. */
    private static JsonNode mapping(String path) {
        JsonNode properties = PROPERTIES;
        JsonNode field = null;
        for (String part : path.split("\\.")) {
            if (field != null && field.has("fields") && field.get("fields").has(part)) {
                field = field.get("fields").get(part);
                continue;
            }
            field = (field == null ? properties : field.path("properties")).get(part);
            if (field == null) {
                return null;
            }
        }
        return field;
    }

    private static JsonNode properties() {
        try {
            return Json.mapper().readTree(IndexTemplate.forCluster(new IndexNames("news-articles"), true).templateJson())
                    .at("/template/mappings/properties");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
