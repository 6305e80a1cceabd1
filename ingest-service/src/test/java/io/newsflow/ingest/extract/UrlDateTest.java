package io.newsflow.ingest.extract;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class UrlDateTest {

    @Test
    void a_day_in_path_segments_or_dashed_in_a_slug_is_read_as_that_days_start_in_utc() {
        assertThat(UrlDate.of("https://news.example/world/2024/11/27/talks-resume"))
                .contains(OffsetDateTime.parse("2024-11-27T00:00Z"));
        assertThat(UrlDate.of("https://news.example/2024/3/5/"))
                .contains(OffsetDateTime.parse("2024-03-05T00:00Z"));
        assertThat(UrlDate.of("https://news.example/world/2024-11-27-talks-resume.html"))
                .contains(OffsetDateTime.parse("2024-11-27T00:00Z"));
    }

    @Test
    void ids_query_strings_and_impossible_days_are_not_dates() {
        assertThat(UrlDate.of("https://news.example/article/20241127123456")).isEmpty();
        assertThat(UrlDate.of("https://news.example/a?date=2024-11-27")).isEmpty();
        assertThat(UrlDate.of("https://news.example/2023/02/30/leap")).isEmpty();
        assertThat(UrlDate.of("https://news.example/2024/11/talks")).isEmpty();
        assertThat(UrlDate.of("not a url")).isEmpty();
    }
}
