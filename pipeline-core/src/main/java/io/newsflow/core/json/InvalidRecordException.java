package io.newsflow.core.json;

/** A record value that cannot be read as the type its topic carries. Such records go to the dead-letter topic. */
public final class InvalidRecordException extends RuntimeException {

    public InvalidRecordException(String message) {
        super(message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
