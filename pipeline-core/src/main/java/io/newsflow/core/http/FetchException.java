package io.newsflow.core.http;

import java.net.URI;

/** A fetch that failed; the message says what failed and where. */
public final class FetchException extends Exception {

    private final URI uri;

    public FetchException(URI uri, String message) {
        super(message + " (" + uri + ")");
        this.uri = uri;
    }

    public FetchException(URI uri, String message, Throwable cause) {
        super(message + " (" + uri + ")", cause);
        this.uri = uri;
    }

    public URI uri() {
        return uri;
    }
}
