package io.newsflow.enrich.attribution;

/**
 * A sentence of an article text.
 *
 * @param text  the sentence, trimmed
 * @param start offset of its first character in the article text
 * @param end   offset just past its last character
 */
public record Sentence(String text, int start, int end) {
}
