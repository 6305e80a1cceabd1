package io.newsflow.core.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A completed fetch.
 *
 * @param uri                the URI finally fetched, after redirects
 * @param status             HTTP status of the final response (304 means "not modified": the body is empty)
 * @param headers            headers of the final response
 * @param body               the decoded (un-gzipped) body, at most the configured size
 * @param permanentlyMovedTo where a 301/308 redirect chain said the resource now lives, if it did
 */
public record FetchResponse(URI uri, int status, HttpHeaders headers, byte[] body, Optional<URI> permanentlyMovedTo) {

    public boolean notModified() {
        return status == 304;
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The charset the Content-Type header declares, if any and if this JVM knows it. */
    public Optional<Charset> declaredCharset() {
        return header("Content-Type").flatMap(FetchResponse::charsetOf);
    }

    /** The body as text in the declared charset, UTF-8 when none is declared. */
    public String bodyText() {
        return new String(body, declaredCharset().orElse(StandardCharsets.UTF_8));
    }

    private static Optional<Charset> charsetOf(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                try {
                    return Optional.of(Charset.forName(p.substring(8).replace("\"", "").strip()));
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
