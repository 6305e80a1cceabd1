package io.newsflow.index.bulk;

/** A bulk request that got no per-item answer (Elasticsearch down, unreachable, timed out, or refusing the whole request). */
public final class BulkRequestFailedException extends Exception {

    public BulkRequestFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
