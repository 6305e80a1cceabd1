package io.newsflow.index.bulk;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newsflow.index.document.IndexDocument;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes documents with one {@code _bulk} request to the write alias and reports each document's outcome.
 * Every document is written with {@code version_type=external_gte}, so a replay of the same record rewrites the
 * same content and a replay of an older record is refused instead of overwriting a newer one.
 * <p>
 * Meters: {@code newsflow_bulk_seconds{outcome}} times each request as a histogram ({@code ok} when Elasticsearch
 * answered with item outcomes, {@code failed} when the request as a whole failed), and
 * {@code newsflow_bulk_items_total{outcome}} counts the items by outcome: {@code indexed}, {@code version_conflict},
 * {@code rejected}, {@code retried}.
 */
public final class BulkWriter {

    static final int MAX_REASON_CHARS = 600;

    private final ElasticsearchClient client;
    private final String writeAlias;
    private final Timer succeeded;
    private final Timer failed;
    private final Map<ItemOutcome.Kind, Counter> itemOutcomes = new EnumMap<>(ItemOutcome.Kind.class);

    public BulkWriter(ElasticsearchClient client, String writeAlias, MeterRegistry registry) {
        this.client = client;
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
        List<BulkOperation> operations = documents.stream().map(this::operation).toList();
        BulkResponse response;
        long started = System.nanoTime();
        try {
            // require_alias: should the write alias vanish, fail the items instead of auto-creating an unmapped index by its name.
            response = client.bulk(b -> b.index(writeAlias).requireAlias(true).operations(operations));
            succeeded.record(Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException | ElasticsearchException e) {
            failed.record(Duration.ofNanos(System.nanoTime() - started));
            throw new BulkRequestFailedException("bulk request of " + documents.size() + " documents to " + writeAlias
                    + " failed: " + e.getMessage(), e);
        }
        List<BulkResponseItem> items = response.items();
        if (items.size() != documents.size()) {
            throw new BulkRequestFailedException("bulk response to " + writeAlias + " has " + items.size() + " items for "
                    + documents.size() + " documents", null);
        }
        List<ItemOutcome> outcomes = items.stream().map(BulkWriter::outcome).toList();
        outcomes.forEach(outcome -> itemOutcomes.get(outcome.kind()).increment());
        return outcomes;
    }

    private BulkOperation operation(IndexDocument document) {
        return BulkOperation.of(op -> op.index(i -> i
                .id(document.id())
                .version(document.version())
                .versionType(VersionType.ExternalGte)
                .document(BinaryData.of(document.source(), ContentType.APPLICATION_JSON))));
    }

    static ItemOutcome outcome(BulkResponseItem item) {
        ErrorCause error = item.error();
        return error == null
                ? ItemOutcome.classify(item.status(), null, null)
                : ItemOutcome.classify(item.status(), error.type(), reasonOf(error));
    }

    /**
     * The reason with its cause's: for a parsing error the top reason names the field, the cause says what is wrong.
     * Each part is capped, since Elasticsearch quotes a preview of the offending value that can run to kilobytes.
     */
    static String reasonOf(ErrorCause error) {
        String reason = abbreviate(error.reason() == null ? error.type() : error.reason());
        ErrorCause cause = error.causedBy();
        return cause == null ? reason : reason + " (caused by " + cause.type() + ": " + abbreviate(cause.reason()) + ")";
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS) + "…";
    }
}
