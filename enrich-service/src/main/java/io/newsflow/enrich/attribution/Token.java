package io.newsflow.enrich.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A word or a punctuation mark of a sentence, with its offsets in the article text.
 *
 * @param text  as written
 * @param lower lowercased, for lexicon look-ups
 * @param start offset of its first character in the article text
 * @param end   offset just past it
 */
record Token(String text, String lower, int start, int end) {

    /**
     * Words keep inner apostrophes and hyphens ("Ukraine’s", "high-ranking") and the dots of dotted
     * abbreviations ("U.S.", "Mr."); everything else that is not a space is one punctuation token.
     */
    private static final Pattern TOKEN = Pattern.compile(
            "(?:\\p{L}\\.){2,}|(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sgt|Capt|Sen|Rep|Gov|St|Jr|Sr)\\.(?=\\s)"
                    + "|[\\p{L}\\p{M}\\p{N}]+(?:['’\\-][\\p{L}\\p{M}\\p{N}]+)*|\\S");

    static List<Token> of(String text, Sentence sentence) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text).region(sentence.start(), sentence.end());
        while (m.find()) {
            tokens.add(new Token(m.group(), m.group().toLowerCase(Locale.ROOT), m.start(), m.end()));
        }
        return tokens;
    }

    boolean isWord() {
        return Character.isLetterOrDigit(text.charAt(0));
    }

    boolean isCapitalised() {
        return Character.isUpperCase(text.charAt(0));
    }

    /** "ANSA", "NATO", "U.S." */
    boolean isAcronym() {
        return text.length() > 1 && text.equals(text.toUpperCase(Locale.ROOT)) && Character.isLetter(text.charAt(0));
    }

    /** "Ukraine’s", "Russia's" */
    boolean isPossessive() {
        return lower.endsWith("’s") || lower.endsWith("'s");
    }

    boolean is(String punctuation) {
        return text.equals(punctuation);
    }
}
