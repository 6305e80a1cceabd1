package io.newsflow.core.article;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * One attribution in an article's text: who the article says said or reported something.
 *
 * @param text     the source as written ("A high-ranking NATO diplomat", "Bloomberg")
 * @param kind     what kind of source it is
 * @param entity   the entity it links to when known ("Bloomberg", "NATO"), or null
 * @param cue      the reporting cue that marks the attribution ("reports", "according to", "speaking on condition of anonymity")
 * @param sentence the sentence it stands in
 * @param start    character offset of {@link #text()} in the article text, 0 or more
 * @param end      character offset just past {@link #text()} in the article text, {@code start} or more
 */
public record CitedSource(String text, Kind kind, String entity, String cue, String sentence,
                          // Jackson would read an absent number as 0; FAIL makes it an error, as the schema requires.
                          @JsonSetter(nulls = Nulls.FAIL) int start, @JsonSetter(nulls = Nulls.FAIL) int end) {

    /**
     * @throws NullPointerException     if text, kind, cue or sentence is null
     * @throws IllegalArgumentException if start is negative or end is before start
     */
    public CitedSource {
        Fields.required(text, "text");
        Fields.required(kind, "kind");
        Fields.required(cue, "cue");
        Fields.required(sentence, "sentence");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("offsets start " + start + ", end " + end
                    + " of cited source '" + text + "' are not 0 <= start <= end");
        }
    }

    public enum Kind {
        /** A news outlet or agency: "Bloomberg reports". */
        OUTLET,
        /** A person, named ("Vladimir Putin said", entity set) or known only by role ("the mayor", "economists"; entity null unless the text names who holds the role). */
        PERSON,
        /** An organisation or government body: "the Kremlin said". */
        ORGANISATION,
        /** A source the text deliberately leaves unnamed: "a diplomat, speaking on condition of anonymity". */
        ANONYMOUS,
        /** Media not named: "American media report". */
        UNNAMED_MEDIA,
        /** A document: "according to the report". */
        DOCUMENT
    }
}
