package io.newsflow.ingest.feed;

/** A feed list file that cannot be read; the message names the file and what is wrong in it. */
public final class FeedListException extends RuntimeException {

    public FeedListException(String message) {
        super(message);
    }

    public FeedListException(String message, Throwable cause) {
        super(message, cause);
    }
}
