package io.newsflow.index;

import io.newsflow.core.config.Settings;
import io.newsflow.core.runtime.ServiceRunner;

/** Runs index-service until the process is told to stop. */
public final class IndexMain {

    private IndexMain() {
    }

    public static void main(String[] args) {
        // A consumer loop that died is no service: exit non-zero so that the supervisor restarts the process.
        // From a thread of its own, because exiting runs the shutdown hook, which waits for the loop's thread.
        Runnable exit = () -> new Thread(() -> System.exit(1), "index-service-exit").start();
        ServiceRunner.run("index-service", () -> new IndexService(IndexConfig.from(Settings.fromEnvironment()), exit));
    }
}
