package io.newsflow.enrich;

import io.newsflow.core.article.Attribution;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.article.AuthorNames;
import io.newsflow.enrich.attribution.CitedSourceFinder;
import io.newsflow.enrich.attribution.PublisherResolver;
import io.newsflow.enrich.topics.TopicTagger;

import java.time.Clock;

/**
 * Turns a raw article into an enriched one: publisher, cleaned authors, cited sources and topic tags. No I/O and
 * no shared mutable state, so one instance serves every stream thread.
 */
public final class Enricher {

    private final PublisherResolver publishers;
    private final CitedSourceFinder citedSources;
    private final TopicTagger topics;
    private final Clock clock;

    public Enricher(PublisherResolver publishers, CitedSourceFinder citedSources, TopicTagger topics, Clock clock) {
        this.publishers = publishers;
        this.citedSources = citedSources;
        this.topics = topics;
        this.clock = clock;
    }

    /** @throws io.newsflow.core.json.InvalidRecordException if the article cannot be enriched (its URL is not http(s)) */
    public EnrichedArticle enrich(RawArticle article) {
        String text = article.text() == null ? "" : article.text();
        Attribution attribution = new Attribution(
                publishers.resolve(article),
                AuthorNames.clean(article.authors()),
                citedSources.find(text));
        return new EnrichedArticle(EnrichedArticle.SCHEMA_VERSION, article, attribution,
                topics.tag(article.title(), text), clock.instant());
    }
}
