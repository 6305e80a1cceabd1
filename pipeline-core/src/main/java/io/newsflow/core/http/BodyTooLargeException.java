package io.newsflow.core.http;

import java.io.IOException;

/** Signals, inside the HTTP client, that a body went over the fetcher's size limit. */
final class BodyTooLargeException extends IOException {

    BodyTooLargeException() {
        super("response body over the size limit");
    }
}
