package io.newsflow.enrich.stream;

/**
 * What the enrich step made of one raw record: the enriched article's JSON, or a dead letter (the raw value, its
 * reason in the headers). It only passes between the processors of one task, never through a topic.
 *
 * @param value      the bytes to write
 * @param deadLetter true for a dead letter
 */
record Outcome(byte[] value, boolean deadLetter) {

    static Outcome enriched(byte[] value) {
        return new Outcome(value, false);
    }

    static Outcome deadLetter(byte[] value) {
        return new Outcome(value, true);
    }
}
