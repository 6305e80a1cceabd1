package io.newsflow.enrich.attribution;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SentencesTest {

    @Test
    void splitsAtStopsFollowedByACapitalAndKeepsOffsets() {
        String text = "First one. Second one! Third? \"Quoted,\" he said. Last";
        List<Sentence> sentences = Sentences.split(text);
        assertThat(sentences).extracting(Sentence::text)
                .containsExactly("First one.", "Second one!", "Third?", "\"Quoted,\" he said.", "Last");
        sentences.forEach(s -> assertThat(text.substring(s.start(), s.end())).isEqualTo(s.text()));
    }

    @Test
    void everyLineIsASentenceEvenWithoutAStop() {
        assertThat(Sentences.split("Heading without stop\n- list item\n\nParagraph.\n"))
                .extracting(Sentence::text)
                .containsExactly("Heading without stop", "- list item", "Paragraph.");
    }

    @Test
    void abbreviationsAndInitialsDoNotEndASentence() {
        assertThat(Sentences.split("Mr. Smith met Gen. Jones and Donald J. Trump in the U.S. Capitol. Then they left."))
                .extracting(Sentence::text)
                .containsExactly("Mr. Smith met Gen. Jones and Donald J. Trump in the U.S. Capitol.", "Then they left.");
    }

    @Test
    void aStopBeforeALowercaseWordDoesNotEndASentence() {
        assertThat(Sentences.split("U.S. peacekeepers are not expected. it goes on")).hasSize(1);
    }

    @Test
    void splitsCyrillicText() {
        assertThat(Sentences.split("Об этом сообщает ТАСС. Переговоры продолжатся."))
                .extracting(Sentence::text)
                .containsExactly("Об этом сообщает ТАСС.", "Переговоры продолжатся.");
    }

    @Test
    void a_run_without_stops_is_cut_at_spaces_into_pieces_of_bounded_length() {
        String text = "word and more words, said nobody ".repeat(200);

        List<Sentence> sentences = Sentences.split(text);

        assertThat(sentences).hasSizeGreaterThan(1);
        assertThat(sentences).allSatisfy(s -> {
            assertThat(s.text().length()).isLessThanOrEqualTo(Sentences.MAX_SENTENCE_CHARS);
            assertThat(text.substring(s.start(), s.end())).isEqualTo(s.text());
        });
        // Cut between words, not inside one.
        assertThat(Character.isWhitespace(text.charAt(sentences.get(0).end()))).isTrue();
    }
}
