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
import io.newsflow.index.document.IndexDocument;

import java.io.IOException;
import java.util.List;

/**
 * Writes documents with one {@code _bulk} request to the write alias and reports each document's outcome.
 * Every document is written with {@code version_type=external_gte}, so a replay of the same record rewrites the
 * same content and a replay of an older record is refused instead of overwriting a newer one.
 */
public final class BulkWriter {

    static final int MAX_REASON_CHARS = 600;

    private final ElasticsearchClient client;
    private final String writeAlias;

    public BulkWriter(ElasticsearchClient client, String writeAlias) {
        this.client = client;
        this.writeAlias = writeAlias;
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
        try {
            // require_alias: should the write alias vanish, fail the items instead of auto-creating an unmapped index by its name.
            response = client.bulk(b -> b.index(writeAlias).requireAlias(true).operations(operations));
        } catch (IOException | ElasticsearchException e) {
            throw new BulkRequestFailedException("bulk request of " + documents.size() + " documents to " + writeAlias
                    + " failed: " + e.getMessage(), e);
        }
        List<BulkResponseItem> items = response.items();
        if (items.size() != documents.size()) {
            throw new BulkRequestFailedException("bulk response to " + writeAlias + " has " + items.size() + " items for "
                    + documents.size() + " documents", null);
        }
        return items.stream().map(BulkWriter::outcome).toList();
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
