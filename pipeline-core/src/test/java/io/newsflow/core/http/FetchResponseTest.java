package io.newsflow.core.http;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FetchResponseTest {

    private static final Instant NOW = Instant.parse("2024-05-14T10:00:00Z");

    private static FetchResponse with(Map<String, String> headers) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return new FetchResponse(URI.create("https://news.example/feed"), 200, HttpHeaders.of(multi, (k, v) -> true), new byte[0], Optional.empty());
    }

    @Test
    void retry_after_is_read_as_seconds_or_as_an_http_date() {
        assertThat(with(Map.of("Retry-After", "120")).retryAfter(NOW)).contains(Duration.ofMinutes(2));
        assertThat(with(Map.of("Retry-After", "Tue, 14 May 2024 10:30:00 GMT")).retryAfter(NOW)).contains(Duration.ofMinutes(30));
        assertThat(with(Map.of("Retry-After", "Tue, 14 May 2024 09:00:00 GMT")).retryAfter(NOW)).contains(Duration.ZERO);
        assertThat(with(Map.of("Retry-After", "soon")).retryAfter(NOW)).isEmpty();
        assertThat(with(Map.of()).retryAfter(NOW)).isEmpty();
    }

    @Test
    void freshness_comes_from_max_age_else_from_expires_minus_date() {
        assertThat(with(Map.of("Cache-Control", "public, max-age=900")).freshFor(NOW)).contains(Duration.ofMinutes(15));
        assertThat(with(Map.of("Cache-Control", "no-cache")).freshFor(NOW)).contains(Duration.ZERO);
        assertThat(with(Map.of("Cache-Control", "max-age=60", "Expires", "Tue, 14 May 2024 12:00:00 GMT")).freshFor(NOW))
                .as("max-age wins over Expires").contains(Duration.ofMinutes(1));
        assertThat(with(Map.of("Expires", "Tue, 14 May 2024 12:00:00 GMT", "Date", "Tue, 14 May 2024 11:00:00 GMT")).freshFor(NOW))
                .contains(Duration.ofHours(1));
        assertThat(with(Map.of("Expires", "Tue, 14 May 2024 10:10:00 GMT")).freshFor(NOW)).contains(Duration.ofMinutes(10));
        assertThat(with(Map.of("Expires", "0")).freshFor(NOW)).isEmpty();
        assertThat(with(Map.of()).freshFor(NOW)).isEmpty();
    }
}
