package io.newsflow.core.runtime;

import io.newsflow.core.config.InvalidSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Runs a service from {@code main} until the process is told to stop (SIGTERM, Ctrl-C), then closes it; or, should
 * the service stop working on its own, ends the process with exit code 1 so that its supervisor restarts it.
 */
public final class ServiceRunner {

    private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);

    private ServiceRunner() {
    }

    /**
     * Builds the service, starts it and blocks until shutdown. A configuration error ends the process with
     * exit code 2 and a message naming the setting; any other start failure, or a {@link Service#failure()} after
     * the start, with exit code 1.
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
        exitOnFailure(name, service.failure(), System::exit);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Once {@code failure} completes, logs its cause and calls {@code exit} with 1 on a thread of its own: exiting
     * runs the shutdown hook, which closes the service and may wait for the very thread that reported the failure.
     */
    static void exitOnFailure(String name, CompletionStage<Throwable> failure, IntConsumer exit) {
        failure.whenComplete((cause, completionError) -> {
            Throwable why = cause != null ? cause : completionError;
            log.error("{} failed: {}", name, describe(why), why);
            new Thread(() -> exit.accept(1), name + "-exit").start();
        });
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "no cause given";
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
