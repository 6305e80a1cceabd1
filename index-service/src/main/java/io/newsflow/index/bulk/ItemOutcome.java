package io.newsflow.index.bulk;

import java.util.Set;

/**
 * What Elasticsearch did with one document of a bulk request, and so what happens to its record.
 *
 * @param kind      the consequence
 * @param status    the item's HTTP status
 * @param errorType Elasticsearch's error type ({@code document_parsing_exception}, ...), or null on success
 * @param reason    Elasticsearch's reason, with the cause's when it has one, or null on success
 */
public record ItemOutcome(Kind kind, int status, String errorType, String reason) {

    public enum Kind {
        /** Written: final. */
        INDEXED,
        /** The index already holds this or a newer version: an expected replay, final. */
        VERSION_CONFLICT,
        /** Not written for a reason that passes (overload, shard unavailable, blocked index): write it again later. */
        RETRY,
        /** Elasticsearch refuses this document (mapping, parsing): final once it is in the dead-letter topic. */
        REJECTED
    }

    /**
     * 400s that name the target rather than the document: an index closed or blocked, an alias without a write index.
     * Dead-lettering on these would empty the topic into the dead-letter topic while an operator fixes the index.
     */
    private static final Set<String> TARGET_ERRORS = Set.of(
            "index_closed_exception", "cluster_block_exception", "index_not_found_exception");
    private static final String NO_WRITE_INDEX = "no write index is defined";

    public static ItemOutcome classify(int status, String errorType, String reason) {
        Kind kind;
        if (status >= 200 && status < 300) {
            kind = Kind.INDEXED;
        } else if (status == 409) {
            kind = Kind.VERSION_CONFLICT;
        } else if (status == 400 && !TARGET_ERRORS.contains(errorType) && (reason == null || !reason.startsWith(NO_WRITE_INDEX))) {
            kind = Kind.REJECTED;
        } else {
            // 429 and 5xx pass by themselves; 401/403/404 and the 400s above need an operator, not a dead letter.
            kind = Kind.RETRY;
        }
        return new ItemOutcome(kind, status, errorType, reason);
    }

    public String describe() {
        return errorType == null ? "HTTP " + status : "HTTP " + status + " " + errorType + ": " + reason;
    }
}
