package io.newsflow.core.article;

/**
 * One attribution in an article's text: who the article says said or reported something.
 *
 * @param text     the source as written ("A high-ranking NATO diplomat", "Bloomberg")
 * @param kind     what kind of source it is
 * @param entity   the entity it links to when known ("Bloomberg", "NATO"), or null
 * @param cue      the reporting cue that marks the attribution ("reports", "according to", "speaking on condition of anonymity")
 * @param sentence the sentence it stands in
 * @param start    character offset of {@link #text()} in the article text
 * @param end      character offset just past {@link #text()} in the article text
 */
public record CitedSource(String text, Kind kind, String entity, String cue, String sentence, int start, int end) {

    public enum Kind {
        /** A news outlet or agency: "Bloomberg reports". */
        OUTLET,
        /** A named person: "Vladimir Putin said". */
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
