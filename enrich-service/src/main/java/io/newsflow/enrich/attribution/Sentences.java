package io.newsflow.enrich.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits article text into sentences with their offsets. Every line is at least one sentence (headings, list
 * items and paragraphs often lack a full stop); within a line a sentence ends at '.', '!', '?' or '…' (after any
 * closing quotes or brackets) followed by a space and a capital, digit, quote or dash, unless the word before the
 * stop is an abbreviation or an initial ("Mr.", "Gen.", "U.S.", "J.").
 * A run of text longer than {@value #MAX_SENTENCE_CHARS} characters without a stop is not a sentence but a list, a
 * table or garbage; it is cut at spaces into pieces of at most that length, so that nothing built per sentence (a cited
 * source carries its sentence) grows with the size of the whole text.
 */
public final class Sentences {

    static final int MAX_SENTENCE_CHARS = 1_000;

    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "sen", "rep", "gov",
            "pres", "st", "jr", "sr", "no", "vs", "etc", "inc", "corp", "ltd", "co", "jan", "feb", "mar", "apr",
            "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "dept", "univ",
            "г", "гг", "ул", "им", "т", "тыс", "млн", "млрд", "руб", "ст", "см", "пр", "проф", "акад", "грн");

    private Sentences() {
    }

    public static List<Sentence> split(String text) {
        List<Sentence> sentences = new ArrayList<>();
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            splitLine(text, lineStart, lineEnd, sentences);
            lineStart = lineEnd + 1;
        }
        return sentences;
    }

    private static void splitLine(String text, int from, int to, List<Sentence> out) {
        int start = from;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c != '.' && c != '!' && c != '?' && c != '…') {
                continue;
            }
            int end = i + 1;
            while (end < to && isClosing(text.charAt(end))) {
                end++;
            }
            if (end < to && Character.isWhitespace(text.charAt(end)) && startsSentence(text, end, to)
                    && !(c == '.' && endsWithAbbreviation(text, start, i))) {
                add(text, start, end, out);
                start = end;
                i = end - 1;
            }
        }
        add(text, start, to, out);
    }

    private static boolean isClosing(char c) {
        return c == '"' || c == '”' || c == '’' || c == '\'' || c == '»' || c == ')' || c == ']';
    }

    private static boolean startsSentence(String text, int from, int to) {
        int i = from;
        while (i < to && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i == to) {
            return false;
        }
        char c = text.charAt(i);
        return Character.isUpperCase(c) || Character.isDigit(c) || "\"“«‘'([-–—•".indexOf(c) >= 0;
    }

    /** Whether the word that ends at the stop at {@code dot} is an abbreviation or an initial. */
    private static boolean endsWithAbbreviation(String text, int sentenceStart, int dot) {
        int wordStart = dot;
        while (wordStart > sentenceStart && !Character.isWhitespace(text.charAt(wordStart - 1))
                && text.charAt(wordStart - 1) != '(') {
            wordStart--;
        }
        String word = text.substring(wordStart, dot);
        if (word.length() == 1 && Character.isLetter(word.charAt(0))) {
            return true;
        }
        if (word.matches("(?:\\p{L}\\.)+\\p{L}")) {
            return true;
        }
        return ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
    }

    private static void add(String text, int start, int end, List<Sentence> out) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        while (end - start > MAX_SENTENCE_CHARS) {
            int cut = start + MAX_SENTENCE_CHARS;
            while (cut > start && !Character.isWhitespace(text.charAt(cut))) {
                cut--;
            }
            if (cut == start) {
                cut = start + MAX_SENTENCE_CHARS;
            }
            add(text, start, cut, out);
            start = cut;
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
        }
        if (start < end) {
            out.add(new Sentence(text.substring(start, end), start, end));
        }
    }
}
