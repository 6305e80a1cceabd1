package io.newsflow.index;

import io.newsflow.core.config.Settings;
import io.newsflow.core.runtime.ServiceRunner;

/** Runs index-service until the process is told to stop. */
public final class IndexMain {

    private IndexMain() {
    }

    public static void main(String[] args) {
        Settings settings = Settings.fromEnvironment();
        ServiceRunner.run("index-service", settings, registry -> new IndexService(IndexConfig.from(settings), registry));
    }
}
