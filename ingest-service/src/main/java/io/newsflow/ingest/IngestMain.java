package io.newsflow.ingest;

import io.newsflow.core.config.Settings;
import io.newsflow.core.runtime.ServiceRunner;

/** Runs ingest-service until it is told to stop; configuration is described in {@link IngestConfig}. */
public final class IngestMain {

    private IngestMain() {
    }

    public static void main(String[] args) {
        Settings settings = Settings.fromEnvironment();
        ServiceRunner.run("ingest-service", settings, registry -> new IngestService(IngestConfig.from(settings), registry));
    }
}
