package io.newsflow.core.article;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorNamesTest {

    @Test
    void removesBylinePrefixesRolesAndDates() {
        assertThat(AuthorNames.clean(List.of(
                "By Jane Doe, Staff Writer",
                "by John Roe | November 21, 2024",
                "Anna Schmidt (Reuters)",
                "Piotr Nowak 21 November 2024")))
                .containsExactly("Jane Doe", "John Roe", "Anna Schmidt", "Piotr Nowak");
    }

    @Test
    void splitsSeveralAuthorsAndDropsDuplicates() {
        assertThat(AuthorNames.clean(List.of("By Jane Doe and John Roe", "Jane Doe; Max Mustermann")))
                .containsExactly("Jane Doe", "John Roe", "Max Mustermann");
    }

    @Test
    void dropsWhatIsNotAName() {
        // Arrays.asList, unlike List.of, takes the null bylines pages do give.
        assertThat(AuthorNames.clean(Arrays.asList("https://example.org/staff", "editor@example.org",
                "  ", "21.11.2024", "staff reporter", null))).isEmpty();
    }

    @Test
    void titleCasesShoutedNamesAndKeepsCyrillic() {
        assertThat(AuthorNames.clean(List.of("JANE O'DOE", "Автор: Ольга Петренко")))
                .containsExactly("Jane O'Doe", "Ольга Петренко");
    }

    @Test
    void readsRssAuthorsAndOddSpacing() {
        assertThat(AuthorNames.clean(List.of("jane@example.com (Jane Doe)"))).containsExactly("Jane Doe");
        assertThat(AuthorNames.clean(List.of("  by:  Jane\u00a0Doe | "))).containsExactly("Jane Doe");
        assertThat(AuthorNames.clean(List.of("Jane Doe & John Roe; Ann Smith"))).containsExactly("Jane Doe", "John Roe", "Ann Smith");
    }

    @Test
    void keepsNamesThatMerelyStartLikeByAndIgnoresCaseForDuplicates() {
        assertThat(AuthorNames.clean(List.of("Byron Smith"))).containsExactly("Byron Smith");
        assertThat(AuthorNames.clean(List.of("Jane Doe", "By JANE DOE", "John Roe"))).containsExactly("Jane Doe", "John Roe");
    }
}
