package io.newsflow.enrich;

import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;
import io.newsflow.core.runtime.ServiceRunner;
import io.newsflow.enrich.attribution.CitedSourceFinder;
import io.newsflow.enrich.attribution.Organisations;
import io.newsflow.enrich.attribution.PublisherRegistry;
import io.newsflow.enrich.attribution.PublisherResolver;
import io.newsflow.enrich.topics.Taxonomy;
import io.newsflow.enrich.topics.TopicTagger;

import java.time.Clock;

/** Runs enrich-service: news.articles.raw → news.articles.enriched. Configuration: see {@link EnrichConfig}. */
public final class EnrichMain {

    private EnrichMain() {
    }

    public static void main(String[] args) {
        ServiceRunner.run("enrich-service", () -> {
            EnrichConfig config = EnrichConfig.from(Settings.fromEnvironment());
            return new EnrichService(config, enricher(registry(config)));
        });
    }

    /** The enricher with the bundled data files and the given publisher registry. */
    public static Enricher enricher(PublisherRegistry registry) {
        return new Enricher(new PublisherResolver(registry), new CitedSourceFinder(registry, Organisations.bundled()),
                new TopicTagger(Taxonomy.bundled()), Clock.systemUTC());
    }

    private static PublisherRegistry registry(EnrichConfig config) {
        if (config.publishersFile() == null) {
            return PublisherRegistry.bundled();
        }
        try {
            return PublisherRegistry.withExtraFile(config.publishersFile());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(EnrichConfig.PUBLISHERS_FILE + ": " + e.getMessage());
        }
    }
}
