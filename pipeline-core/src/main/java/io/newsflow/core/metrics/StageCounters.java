package io.newsflow.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The counters every pipeline stage keeps under the same names, so that one dashboard lines the stages up:
 * <ul>
 *   <li>{@code newsflow_articles_total{stage}}: articles that left the stage: published by {@code ingest},
 *       enriched by {@code enrich}, indexed by {@code index};</li>
 *   <li>{@code newsflow_dead_letters_total{stage, exception}}: records the stage sent to the dead-letter topic, by
 *       the simple name of the error class its {@code dlq.error.class} header names.</li>
 * </ul>
 * A stage that processes exactly once counts a record again only if its transaction was aborted and retried.
 */
public final class StageCounters {

    public static final String ARTICLES = "newsflow.articles";
    public static final String DEAD_LETTERS = "newsflow.dead.letters";

    private final MeterRegistry registry;
    private final String stage;
    private final Counter articles;

    /** @param stage {@code ingest}, {@code enrich} or {@code index}, as the dead letters' {@code dlq.stage} header */
    public StageCounters(MeterRegistry registry, String stage) {
        this.registry = registry;
        this.stage = stage;
        this.articles = Counter.builder(ARTICLES)
                .description("Articles that left a stage: published by ingest, enriched by enrich, indexed by index")
                .tag("stage", stage)
                .register(registry);
    }

    public void articles(int count) {
        articles.increment(count);
    }

    /** @param errorClass the error class as written in the dead letter's header, e.g. {@code java.lang.IllegalStateException} */
    public void deadLetter(String errorClass) {
        Counter.builder(DEAD_LETTERS)
                .description("Records a stage sent to the dead-letter topic, by error class")
                .tag("stage", stage)
                .tag("exception", errorClass.substring(errorClass.lastIndexOf('.') + 1))
                .register(registry)
                .increment();
    }
}
