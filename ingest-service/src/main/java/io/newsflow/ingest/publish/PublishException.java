package io.newsflow.ingest.publish;

/** A publication that did not happen (the transaction was aborted); trying again later may succeed. */
public final class PublishException extends Exception {

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
