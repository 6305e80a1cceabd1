package io.newsflow.index.bulk;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newsflow.core.json.Json;
import io.newsflow.index.document.IndexDocument;
import io.newsflow.index.elasticsearch.ElasticsearchClients;
import org.apache.http.HttpEntity;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes documents with one {@code _bulk} request to the write alias and reports each document's outcome.
 * Every document is written with {@code version_type=external_gte}, so a replay of the same record rewrites the
 * same content and a replay of an older record is refused instead of overwriting a newer one.
 * <p>
 * The request body is built here from the documents' JSON bytes and sent whole, with its length, over the low-level
 * REST client; the answer is read as a stream for each item's status and error only. The API client would copy every
 * document into a chunked body, which Elasticsearch then takes apart piece by piece, and parse every field of every
 * item: measured with {@code ./newsflow bench index}, that cost both sides a fifth of their time.
 * <p>
 * Meters: {@code newsflow_bulk_seconds{outcome}} times each request as a histogram ({@code ok} when Elasticsearch
 * answered with item outcomes, {@code failed} when the request as a whole failed), and
 * {@code newsflow_bulk_items_total{outcome}} counts the items by outcome: {@code indexed}, {@code version_conflict},
 * {@code rejected}, {@code retried}.
 */
public final class BulkWriter {

    static final int MAX_REASON_CHARS = 600;
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);
    private static final byte[] ACTION_START = "{\"index\":{\"_id\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ACTION_VERSION = "\",\"version\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ACTION_END = ",\"version_type\":\"external_gte\"}}\n".getBytes(StandardCharsets.UTF_8);

    private final RestClient client;
    private final String writeAlias;
    private final Timer succeeded;
    private final Timer failed;
    private final Map<ItemOutcome.Kind, Counter> itemOutcomes = new EnumMap<>(ItemOutcome.Kind.class);

    public BulkWriter(ElasticsearchClient client, String writeAlias, MeterRegistry registry) {
        this.client = ElasticsearchClients.restClient(client);
        this.writeAlias = writeAlias;
        this.succeeded = requestTimer(registry, "ok");
        this.failed = requestTimer(registry, "failed");
        for (ItemOutcome.Kind kind : ItemOutcome.Kind.values()) {
            itemOutcomes.put(kind, Counter.builder("newsflow.bulk.items")
                    .description("Documents of bulk requests by what Elasticsearch did with them")
                    .tag("outcome", kind == ItemOutcome.Kind.RETRY ? "retried" : kind.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    private static Timer requestTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("newsflow.bulk")
                .description("Time of bulk requests to Elasticsearch")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry);
    }

    /**
     * Writes {@code documents} and returns their outcomes, in the same order.
     *
     * @throws BulkRequestFailedException if the request as a whole failed: then no outcome is known and every
     *                                    document must be written again
     */
    public List<ItemOutcome> write(List<IndexDocument> documents) throws BulkRequestFailedException {
        // require_alias: should the write alias vanish, fail the items instead of auto-creating an unmapped index by its name.
        Request request = new Request("POST", "/" + writeAlias + "/_bulk");
        request.addParameter("require_alias", "true");
        request.setEntity(new ByteArrayEntity(body(documents), NDJSON));
        long started = System.nanoTime();
        List<ItemOutcome> outcomes;
        try {
            Response response = client.performRequest(request);
            outcomes = outcomes(response.getEntity());
            succeeded.record(Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            failed.record(Duration.ofNanos(System.nanoTime() - started));
            throw new BulkRequestFailedException("bulk request of " + documents.size() + " documents to " + writeAlias
                    + " failed: " + describe(e), e);
        }
        if (outcomes.size() != documents.size()) {
            throw new BulkRequestFailedException("bulk response to " + writeAlias + " has " + outcomes.size() + " items for "
                    + documents.size() + " documents", null);
        }
        outcomes.forEach(outcome -> itemOutcomes.get(outcome.kind()).increment());
        return outcomes;
    }

    /**
     * The NDJSON body of a {@code _bulk} request for {@code documents}: for each its action line (id, external
     * version) and its source, each on a line of its own.
     */
    public static byte[] body(List<IndexDocument> documents) {
        long size = 0;
        for (IndexDocument document : documents) {
            size += BulkChunks.requestBytes(document);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(size, Integer.MAX_VALUE - 8));
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        for (IndexDocument document : documents) {
            body.writeBytes(ACTION_START);
            body.writeBytes(encoder.quoteAsUTF8(document.id()));
            body.writeBytes(ACTION_VERSION);
            body.writeBytes(Long.toString(document.version()).getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(ACTION_END);
            body.writeBytes(document.source());
            body.write('\n');
        }
        return body.toByteArray();
    }

    /** Each item's outcome, read as a stream: its status and error, skipping what else Elasticsearch says of it. */
    static List<ItemOutcome> outcomes(HttpEntity entity) throws IOException {
        List<ItemOutcome> outcomes = new ArrayList<>();
        try (InputStream content = entity.getContent(); JsonParser parser = Json.mapper().createParser(content)) {
            expect(parser, parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("items")) {
                    expect(parser, value, JsonToken.START_ARRAY);
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        outcomes.add(item(parser));
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } finally {
            EntityUtils.consumeQuietly(entity);
        }
        return outcomes;
    }

    /** One item, {@code {"index":{"_id":..,"status":..,"error":{..}}}}, from its opening brace to its closing one. */
    private static ItemOutcome item(JsonParser parser) throws IOException {
        expect(parser, parser.nextToken(), JsonToken.FIELD_NAME); // the operation: "index"
        expect(parser, parser.nextToken(), JsonToken.START_OBJECT);
        int status = -1;
        JsonNode error = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "status" -> status = parser.getIntValue();
                case "error" -> error = parser.readValueAsTree();
                default -> parser.skipChildren();
            }
        }
        expect(parser, parser.nextToken(), JsonToken.END_OBJECT);
        if (status < 0) {
            throw new IOException("a bulk response item without a status");
        }
        return error == null
                ? ItemOutcome.classify(status, null, null)
                : ItemOutcome.classify(status, error.path("type").asText(null), reasonOf(error));
    }

    private static void expect(JsonParser parser, JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("unexpected bulk response: " + actual + " where " + expected + " belongs (at "
                    + parser.currentLocation().getCharOffset() + ")");
        }
    }

    /**
     * The reason with its cause's: for a parsing error the top reason names the field, the cause says what is wrong.
     * Each part is capped, since Elasticsearch quotes a preview of the offending value that can run to kilobytes.
     */
    static String reasonOf(JsonNode error) {
        if (error.isTextual()) {
            return abbreviate(error.asText());
        }
        String reason = abbreviate(error.path("reason").asText(error.path("type").asText(null)));
        JsonNode cause = error.path("caused_by");
        return cause.isMissingNode() ? reason
                : reason + " (caused by " + cause.path("type").asText(null) + ": " + abbreviate(cause.path("reason").asText(null)) + ")";
    }

    /** What went wrong with the request as a whole: Elasticsearch's error when it answered, the I/O failure otherwise. */
    private static String describe(IOException e) {
        if (e instanceof ResponseException refused) {
            Response response = refused.getResponse();
            String error;
            try {
                JsonNode body = Json.mapper().readTree(EntityUtils.toString(response.getEntity()));
                error = body.has("error") ? body.path("error").path("type").asText("error") + ": " + reasonOf(body.path("error")) : body.toString();
            } catch (IOException | RuntimeException unreadable) {
                error = "no readable error in the answer";
            }
            return "HTTP " + response.getStatusLine().getStatusCode() + " " + abbreviate(error);
        }
        return e.toString();
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS) + "…";
    }
}
