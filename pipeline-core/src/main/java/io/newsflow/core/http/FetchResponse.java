package io.newsflow.core.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
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

    /**
     * How long the server says to wait before asking again, from {@code Retry-After} (seconds or an HTTP date), as
     * sent with 429, 503 and 3xx; empty without the header or when it cannot be read. Never negative.
     */
    public Optional<Duration> retryAfter(Instant now) {
        return header("Retry-After").flatMap(value -> {
            String v = value.strip();
            if (v.matches("\\d{1,9}")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            }
            return httpDate(v).map(at -> positive(Duration.between(now, at)));
        });
    }

    /**
     * How long the response stays fresh by its caching headers: {@code Cache-Control: max-age} (zero with
     * {@code no-cache} or {@code no-store}), else {@code Expires} minus {@code Date} (or minus {@code now} without a
     * Date); empty when the headers say nothing. Never negative.
     */
    public Optional<Duration> freshFor(Instant now) {
        Optional<String> cacheControl = header("Cache-Control");
        if (cacheControl.isPresent()) {
            for (String directive : cacheControl.get().toLowerCase(Locale.ROOT).split(",")) {
                String d = directive.strip();
                if (d.equals("no-cache") || d.equals("no-store")) {
                    return Optional.of(Duration.ZERO);
                }
                if (d.startsWith("max-age=")) {
                    try {
                        return Optional.of(positive(Duration.ofSeconds(Long.parseLong(d.substring(8).replace("\"", "").strip()))));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                }
            }
        }
        Optional<Instant> expires = header("Expires").flatMap(FetchResponse::httpDate);
        if (expires.isEmpty()) {
            return Optional.empty();
        }
        Instant date = header("Date").flatMap(FetchResponse::httpDate).orElse(now);
        return Optional.of(positive(Duration.between(date, expires.get())));
    }

    private static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
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
