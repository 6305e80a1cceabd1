package io.newsflow.ingest.extract;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class DateTextTest {

    @Test
    void reads_iso_8601_keeping_the_offset() {
        assertThat(DateText.parse("2024-05-14T08:00:00+02:00")).contains(OffsetDateTime.parse("2024-05-14T08:00:00+02:00"));
        assertThat(DateText.parse("2024-05-14T08:00:00.123+0530").orElseThrow().getOffset().getId()).isEqualTo("+05:30");
        assertThat(DateText.parse("2024-05-14T06:00:00Z")).contains(OffsetDateTime.parse("2024-05-14T06:00:00Z"));
        assertThat(DateText.parse(" 2024-05-14T06:00z ")).contains(OffsetDateTime.parse("2024-05-14T06:00:00Z"));
        assertThat(DateText.parse("2024-05-14T08:00:00-03")).contains(OffsetDateTime.parse("2024-05-14T08:00:00-03:00"));
    }

    @Test
    void reads_rfc_822_with_numeric_offsets_and_zone_names() {
        assertThat(DateText.parse("Tue, 14 May 2024 09:30:00 +0200")).contains(OffsetDateTime.parse("2024-05-14T09:30:00+02:00"));
        assertThat(DateText.parse("14 May 2024 09:30:00 GMT")).contains(OffsetDateTime.parse("2024-05-14T09:30:00Z"));
        assertThat(DateText.parse("Mon, 13 May 2024 18:00 PDT")).contains(OffsetDateTime.parse("2024-05-13T18:00:00-07:00"));
    }

    @Test
    void gives_nothing_where_the_offset_or_the_time_would_be_a_guess() {
        assertThat(DateText.parse("2024-05-14")).isEmpty();
        assertThat(DateText.parse("2024-05-14T08:00:00")).isEmpty();
        assertThat(DateText.parse("yesterday")).isEmpty();
        assertThat(DateText.parse(null)).isEmpty();
    }
}
