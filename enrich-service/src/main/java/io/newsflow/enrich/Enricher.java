package io.newsflow.enrich;

import io.newsflow.core.article.Attribution;
import io.newsflow.core.article.AuthorNames;
import io.newsflow.core.article.CitedSource;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.article.Place;
import io.newsflow.core.article.PublisherInfo;
import io.newsflow.core.article.RawArticle;
import io.newsflow.enrich.attribution.CitedSourceFinder;
import io.newsflow.enrich.attribution.PublisherResolver;
import io.newsflow.enrich.attribution.Sentence;
import io.newsflow.enrich.attribution.Sentences;
import io.newsflow.enrich.attribution.SyndicationDetector;
import io.newsflow.enrich.entities.EntityFinder;
import io.newsflow.enrich.keywords.KeywordExtractor;
import io.newsflow.enrich.language.LanguageDetector;
import io.newsflow.enrich.places.PlaceFinder;
import io.newsflow.enrich.topics.TopicTagger;

import java.time.Clock;
import java.util.List;

/**
 * Turns a raw article into an enriched one: publisher, cleaned authors, cited sources, syndication and disclaimer,
 * topic tags, keywords, language, entities and places. No I/O and no shared mutable state, so one instance serves
 * every stream thread. The story cluster is attached afterwards by {@link io.newsflow.enrich.story.StoryClusters},
 * which keeps state.
 */
public final class Enricher {

    /** The steps an enricher runs. */
    public record Steps(PublisherResolver publishers, CitedSourceFinder citedSources, SyndicationDetector syndication,
                        TopicTagger topics, KeywordExtractor keywords, LanguageDetector language, EntityFinder entities,
                        PlaceFinder places) {
    }

    private final Steps steps;
    private final Clock clock;

    public Enricher(Steps steps, Clock clock) {
        this.steps = steps;
        this.clock = clock;
    }

    /** @throws io.newsflow.core.json.InvalidRecordException if the article cannot be enriched (its URL is not http(s)) */
    public EnrichedArticle enrich(RawArticle article) {
        String text = article.text() == null ? "" : article.text();
        PublisherInfo publisher = steps.publishers().resolve(article);
        // Split once: cited sources and syndication both read sentences.
        List<Sentence> sentences = Sentences.split(text);
        List<CitedSource> cited = steps.citedSources().find(text, sentences);
        Attribution attribution = new Attribution(publisher, AuthorNames.clean(article.authors()), cited);
        EntityFinder.Found names = steps.entities().find(article.title(), text, cited);
        List<Place> places = steps.places().find(article.title(), text, names.names());
        return new EnrichedArticle(EnrichedArticle.SCHEMA_VERSION, article, attribution,
                steps.topics().tag(article.title(), text), clock.instant(),
                steps.language().detect(article.title(), text, article.language()),
                steps.keywords().extract(article.title(), text),
                EntityFinder.withPlaces(names.entities(), places), places,
                steps.syndication().detect(text, sentences, cited, publisher), null);
    }
}
