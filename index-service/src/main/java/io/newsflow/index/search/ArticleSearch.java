package io.newsflow.index.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.core.json.Json;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Full-text search over the read alias for people: words, "quoted phrases", {@code -excluded} words and {@code OR}
 * ({@code simple_query_string}, all words required by default) in titles, text, summaries, authors and publisher names,
 * stemmed where the index has {@code .english} sub-fields; optional filters by topic, publisher, cited source and age.
 * Best hits first, each with a highlighted snippet.
 */
public final class ArticleSearch {

    /** Marks around the matched words in snippets. */
    public static final String MARK_START = "**";
    public static final String MARK_END = "**";
    static final List<String> FIELDS = List.of("title^3", "title.english^3", "summary^2", "summary.english^2", "text", "text.english",
            "authors.text", "publisher.name.text", "keywords^2");
    private static final Pattern AGE = Pattern.compile("[1-9][0-9]{0,5}[mhdw]");
    private static final int SNIPPET_CHARS = 180;

    /**
     * What to look for.
     *
     * @param words    the words, as a person types them
     * @param topic    an IPTC code ("medtop:11000000", matching its narrower topics too) or a topic label, or null
     * @param source   a publisher's name, id or domain, or null
     * @param cites    the name of a cited source, or null
     * @param since    how far back by publication time: a number and m, h, d or w ("24h", "7d"), or null
     * @param size     how many hits
     */
    public record Query(String words, String topic, String source, String cites, String since, int size) {

        /** @throws IllegalArgumentException if {@code since} or {@code size} is not understood */
        public Query {
            if (since != null && !AGE.matcher(since).matches()) {
                throw new IllegalArgumentException("--since " + since + " is not an age like 30m, 24h, 7d or 2w");
            }
            if (size < 1 || size > 100) {
                throw new IllegalArgumentException("size " + size + " is outside 1..100");
            }
        }
    }

    /** One hit: {@code snippet} is the best-matching passage with the matched words marked, or the text's start. */
    public record Result(String id, String title, String publisher, String publishedAt, String url, String snippet, double score) {
    }

    /** The hits, and how many articles match in all. */
    public record Results(List<Result> hits, long total) {
    }

    private final ElasticsearchClient client;
    private final String readAlias;

    public ArticleSearch(ElasticsearchClient client, String readAlias) {
        this.client = client;
        this.readAlias = readAlias;
    }

    public Results search(Query query) throws IOException {
        SearchResponse<JsonNode> response = client.search(s -> s.index(readAlias).withJson(new StringReader(requestJson(query))),
                JsonNode.class);
        List<Result> hits = new ArrayList<>();
        for (Hit<JsonNode> hit : response.hits().hits()) {
            JsonNode source = hit.source();
            hits.add(new Result(hit.id(), text(source, "title"), source.at("/publisher/name").asText(source.path("siteName").asText("")),
                    text(source, "@timestamp"), text(source, "url"), snippet(hit.highlight(), source), hit.score() == null ? 0 : hit.score()));
        }
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        return new Results(hits, total);
    }

    /** The body of the {@code _search} request. */
    static String requestJson(Query query) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("size", query.size());
        body.put("track_total_hits", true);
        ObjectNode bool = body.putObject("query").putObject("bool");
        ObjectNode words = bool.putArray("must").addObject().putObject("simple_query_string");
        words.put("query", query.words());
        FIELDS.forEach(words.withArray("fields")::add);
        words.put("default_operator", "and");
        words.put("lenient", true);
        ArrayNode filter = bool.putArray("filter");
        if (query.topic() != null) {
            anyOf(filter, query.topic(), "topicCodes", "topicLabels");
        }
        if (query.source() != null) {
            anyOf(filter, query.source(), "publisher.name", "publisher.id", "publisher.domain", "domain");
        }
        if (query.cites() != null) {
            anyOf(filter, query.cites(), "citedSourceNames");
        }
        if (query.since() != null) {
            filter.addObject().putObject("range").putObject("@timestamp").put("gte", "now-" + query.since());
        }
        ArrayNode sort = body.putArray("sort");
        sort.add("_score");
        sort.addObject().putObject("@timestamp").put("order", "desc");
        ObjectNode highlight = body.putObject("highlight");
        highlight.putArray("pre_tags").add(MARK_START);
        highlight.putArray("post_tags").add(MARK_END);
        highlight.put("require_field_match", false);
        ObjectNode fields = highlight.putObject("fields");
        fields.putObject("text").put("fragment_size", SNIPPET_CHARS).put("number_of_fragments", 1);
        fields.putObject("summary").put("fragment_size", SNIPPET_CHARS).put("number_of_fragments", 1);
        fields.putObject("title").put("number_of_fragments", 0);
        body.putArray("_source").add("title").add("publisher.name").add("siteName").add("@timestamp").add("url").add("summary");
        return Json.toString(body);
    }

    /** A filter that {@code value} matches exactly in one of {@code fields}. */
    private static void anyOf(ArrayNode filter, String value, String... fields) {
        ObjectNode bool = filter.addObject().putObject("bool");
        ArrayNode should = bool.putArray("should");
        for (String field : fields) {
            should.addObject().putObject("term").put(field, value);
        }
        bool.put("minimum_should_match", 1);
    }

    private static String snippet(Map<String, List<String>> highlight, JsonNode source) {
        for (String field : List.of("text", "summary", "title")) {
            List<String> fragments = highlight.get(field);
            if (fragments != null && !fragments.isEmpty()) {
                return fragments.getFirst().replaceAll("\\s+", " ").strip();
            }
        }
        String summary = text(source, "summary");
        return summary.length() <= SNIPPET_CHARS ? summary : summary.substring(0, SNIPPET_CHARS) + "…";
    }

    private static String text(JsonNode source, String field) {
        return source.path(field).asText("");
    }
}
