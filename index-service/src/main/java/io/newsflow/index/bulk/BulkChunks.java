package io.newsflow.index.bulk;

import io.newsflow.index.document.IndexDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Splits the documents of one batch into bulk requests that stay within {@link BulkLimits}, keeping their order. */
public final class BulkChunks {

    /** The action line of an index operation without its id: {@code {"index":{"_id":"","version":N,"version_type":"external_gte"}}}. */
    static final int ACTION_LINE_BYTES = 80;

    private BulkChunks() {
    }

    /**
     * Consecutive chunks of {@code items}, each with at most {@code limits.maxDocs()} documents and at most
     * {@code limits.maxBytes()} request bytes, except that a document larger than that forms a chunk of its own.
     * Order is kept, so two versions of one article are written in the order they were read.
     */
    public static <T> List<List<T>> split(List<T> items, Function<T, IndexDocument> document, BulkLimits limits) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> current = new ArrayList<>();
        long currentBytes = 0;
        for (T item : items) {
            long bytes = requestBytes(document.apply(item));
            if (!current.isEmpty() && (current.size() >= limits.maxDocs() || currentBytes + bytes > limits.maxBytes())) {
                chunks.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(item);
            currentBytes += bytes;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    /** The bytes {@code document} adds to a bulk request: action line, source and two newlines. */
    public static long requestBytes(IndexDocument document) {
        return ACTION_LINE_BYTES + document.id().length() + document.sizeBytes() + 2;
    }
}
