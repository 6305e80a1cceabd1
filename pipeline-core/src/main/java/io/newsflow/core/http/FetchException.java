package io.newsflow.core.http;

import java.net.URI;
import java.util.Locale;

/** A fetch that failed; the message says what failed and where, the reason says what kind of failure it was. */
public final class FetchException extends Exception {

    /** What kind of failure: few enough to count by in metrics, precise enough to act on. */
    public enum Reason {
        /** Not an http(s) URL with a host. */
        BAD_URL,
        /** The address is private, loopback or link-local and such fetches are not allowed. */
        REFUSED_ADDRESS,
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** No complete response in time. */
        TIMEOUT,
        /** The body is over the size limit (before or after gzip decoding). */
        TOO_LARGE,
        /** Too many redirects, or a redirect without a location. */
        REDIRECTS,
        /** The body does not decode as its Content-Encoding says. */
        BAD_ENCODING,
        /** The connection failed or broke (refused, reset, TLS). */
        TRANSPORT,
        /** The response has a status the caller cannot use. */
        HTTP_STATUS,
        /** The response is not of the content type the caller needs. */
        WRONG_CONTENT_TYPE,
        /** The site's robots.txt does not allow this URL to be fetched. */
        ROBOTS_DISALLOWED,
        /** The fetching thread was interrupted (the service is stopping). */
        INTERRUPTED;

        /** The reason as a metric tag value: {@code too_large}. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final URI uri;
    private final Reason reason;

    public FetchException(URI uri, Reason reason, String message) {
        this(uri, reason, message, null);
    }

    public FetchException(URI uri, Reason reason, String message, Throwable cause) {
        super(message + " (" + uri + ")", cause);
        this.uri = uri;
        this.reason = reason;
    }

    public URI uri() {
        return uri;
    }

    public Reason reason() {
        return reason;
    }
}
