package io.newsflow.enrich.entities;

/**
 * What makes a mention salient: being in the title, in the lead, or repeated. The lead is the first paragraph
 * (up to the first line break), at most {@value #MAX_LEAD} characters; repeated is {@value #REPEATED} mentions or more.
 */
public final class Salience {

    static final int MAX_LEAD = 400;
    static final int REPEATED = 3;

    private Salience() {
    }

    /** Offset just past the lead of {@code text}. */
    public static int leadEnd(String text) {
        int paragraph = text.indexOf('\n', 1);
        return Math.min(paragraph < 0 ? text.length() : paragraph, MAX_LEAD);
    }

    /**
     * @param inTitle      whether the title mentions it
     * @param firstInText  offset of its first mention in the text, or -1
     * @param leadEnd      {@link #leadEnd} of the text
     * @param mentions     how often title and text mention it
     */
    public static boolean salient(boolean inTitle, int firstInText, int leadEnd, int mentions) {
        return inTitle || firstInText >= 0 && firstInText < leadEnd || mentions >= REPEATED;
    }
}
