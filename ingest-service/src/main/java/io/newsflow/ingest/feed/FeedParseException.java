package io.newsflow.ingest.feed;

/** A feed document that cannot be read as RSS or Atom; the message says why. */
public final class FeedParseException extends Exception {

    public FeedParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
