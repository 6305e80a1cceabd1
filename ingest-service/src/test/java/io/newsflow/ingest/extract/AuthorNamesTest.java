package io.newsflow.ingest.extract;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorNamesTest {

    @Test
    void cleans_bylines_into_names() {
        assertThat(AuthorNames.clean(List.of("By Jane Doe"))).containsExactly("Jane Doe");
        assertThat(AuthorNames.clean(List.of("  by:  Jane\u00a0Doe | "))).containsExactly("Jane Doe");
        assertThat(AuthorNames.clean(List.of("BY JANE DOE and John Roe"))).containsExactly("JANE DOE", "John Roe");
        assertThat(AuthorNames.clean(List.of("Jane Doe & John Roe; Ann Smith"))).containsExactly("Jane Doe", "John Roe", "Ann Smith");
        assertThat(AuthorNames.clean(List.of("jane@example.com (Jane Doe)"))).containsExactly("Jane Doe");
    }

    @Test
    void keeps_names_that_merely_start_like_by_and_drops_what_is_no_name() {
        assertThat(AuthorNames.clean(List.of("Byron Smith"))).containsExactly("Byron Smith");
        assertThat(AuthorNames.clean(Arrays.asList("https://social.example/janedoe", "jane@example.com", "—", "", null)))
                .isEmpty();
    }

    @Test
    void removes_duplicates_ignoring_case() {
        assertThat(AuthorNames.clean(List.of("Jane Doe", "By JANE DOE", "John Roe"))).containsExactly("Jane Doe", "John Roe");
    }
}
