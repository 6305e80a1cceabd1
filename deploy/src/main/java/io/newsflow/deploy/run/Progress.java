package io.newsflow.deploy.run;

/**
 * How far the pipeline has got, as seen from outside the services: from the topics and from Elasticsearch.
 *
 * @param feeds        feeds with polling state
 * @param feedsPolled  feeds polled since this run started
 * @param feedsFailing feeds whose last poll failed
 * @param ingested     records on news.articles.raw
 * @param enriched     records on news.articles.enriched
 * @param indexed      documents in the search index
 * @param deadLetters  records on news.deadletter
 */
public record Progress(int feeds, int feedsPolled, int feedsFailing, long ingested, long enriched, long indexed, long deadLetters) {

    /** One line for the terminal. */
    public String line() {
        return String.format("feeds %d/%d polled%s | ingested %d | enriched %d | indexed %d | dead letters %d",
                feedsPolled, feeds, feedsFailing > 0 ? " (" + feedsFailing + " failing)" : "",
                ingested, enriched, indexed, deadLetters);
    }

    /** True when every feed was polled by this run and everything ingested has reached the index or the dead-letter topic. */
    public boolean caughtUp() {
        return feeds > 0 && feedsPolled == feeds && ingested > 0
                && enriched + deadLetters >= ingested && indexed + deadLetters >= enriched;
    }
}
