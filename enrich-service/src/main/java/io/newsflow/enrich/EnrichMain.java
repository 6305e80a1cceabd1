package io.newsflow.enrich;

import io.newsflow.core.config.Settings;
import io.newsflow.core.runtime.ServiceRunner;

/** Runs enrich-service: news.articles.raw → news.articles.enriched. Configuration: see {@link EnrichConfig}. */
public final class EnrichMain {

    private EnrichMain() {
    }

    public static void main(String[] args) {
        Settings settings = Settings.fromEnvironment();
        ServiceRunner.run("enrich-service", settings, registry -> new EnrichService(EnrichConfig.from(settings), registry));
    }
}
