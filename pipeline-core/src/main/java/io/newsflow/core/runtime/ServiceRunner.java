package io.newsflow.core.runtime;

import io.newsflow.core.config.InvalidSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/** Runs a service from {@code main} until the process is told to stop (SIGTERM, Ctrl-C), then closes it. */
public final class ServiceRunner {

    private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);

    private ServiceRunner() {
    }

    /**
     * Builds the service, starts it and blocks until shutdown. A configuration error ends the process with
     * exit code 2 and a message naming the setting; any other start failure with exit code 1.
     */
    public static void run(String name, Supplier<? extends Service> factory) {
        Service service;
        try {
            service = factory.get();
        } catch (InvalidSettingException e) {
            log.error("{} cannot start: {}", name, e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("{} stopping", name);
            service.close();
            stopped.countDown();
        }, name + "-shutdown"));
        try {
            service.start();
        } catch (RuntimeException e) {
            log.error("{} failed to start: {}", name, e.getMessage(), e);
            System.exit(1);
        }
        log.info("{} started", name);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
