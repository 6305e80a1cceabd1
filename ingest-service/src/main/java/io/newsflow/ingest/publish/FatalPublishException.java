package io.newsflow.ingest.publish;

/**
 * The publisher can never publish again: another producer with the same transactional id fenced it, or the
 * cluster refuses it. The message says what to do.
 */
public final class FatalPublishException extends RuntimeException {

    public FatalPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
