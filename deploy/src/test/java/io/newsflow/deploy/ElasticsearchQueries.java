package io.newsflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.core.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the tests ask Elasticsearch: which documents an index holds. Unreachable means "none yet", never an error. */
public final class ElasticsearchQueries {

    private static final int PAGE = 10_000;

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public ElasticsearchQueries(URI url) {
        this.url = url;
    }

    /** The {@code _source} of each of {@code ids} that {@code index} holds, by id. */
    public Map<String, JsonNode> sources(String index, Collection<String> ids) {
        Map<String, JsonNode> found = new HashMap<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += PAGE) {
            List<String> page = all.subList(from, Math.min(all.size(), from + PAGE));
            String body = "{\"size\":" + page.size() + ",\"query\":{\"ids\":{\"values\":" + Json.toString(page) + "}}}";
            for (JsonNode hit : search(index, body).path("hits").path("hits")) {
                found.put(hit.path("_id").asText(), hit.path("_source"));
            }
        }
        return found;
    }

    public List<String> existing(String index, Collection<String> ids) {
        return List.copyOf(sources(index, ids).keySet());
    }

    /** How many documents each id has: always one or none when ids are document ids, so this counts all documents. */
    public long count(String index) {
        return send(HttpRequest.newBuilder(url.resolve("/" + index + "/_count")).GET()).path("count").asLong(-1);
    }

    /** Every document id of {@code index} (up to 10,000). */
    public List<String> allIds(String index) {
        String body = "{\"size\":" + PAGE + ",\"_source\":false,\"query\":{\"match_all\":{}}}";
        return search(index, body).path("hits").path("hits").findValuesAsText("_id");
    }

    public void refresh(String index) {
        send(HttpRequest.newBuilder(url.resolve("/" + index + "/_refresh")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The response to a search of {@code index} with the query {@code body}; empty if Elasticsearch did not answer 200. */
    public JsonNode search(String index, String body) {
        return send(HttpRequest.newBuilder(url.resolve("/" + index + "/_search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Json.fromString(response.body(), JsonNode.class) : Json.mapper().createObjectNode();
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
