package io.newsflow.core.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;
import io.newsflow.core.logging.LogFormat;
import io.newsflow.core.logging.ServiceLogging;
import io.newsflow.core.metrics.ProcessMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Runs a service from {@code main} until the process is told to stop (SIGTERM, Ctrl-C), then closes it; or, should
 * the service stop working on its own, ends the process with exit code 1 so that its supervisor restarts it.
 * Meanwhile it serves the service's health and the process's metrics over HTTP ({@link StatusServer}).
 */
public final class ServiceRunner {

    private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);

    private ServiceRunner() {
    }

    /**
     * Builds the service with the process's meter registry, serves {@code /health/live}, {@code /health/ready} and
     * {@code /metrics} at {@code NEWSFLOW_HTTP_HOST:NEWSFLOW_HTTP_PORT} of {@code settings}, starts the service and
     * blocks until shutdown. A configuration error ends the process with exit code 2 and a message naming the
     * setting; a port that cannot be bound, any other start failure, or a {@link Service#failure()} after the start,
     * with exit code 1. Every log line names the service ({@code service.name}), in the format {@link LogFormat#SETTING}
     * asks for.
     *
     * @param factory builds the service from its configuration, counting into the registry it is given
     */
    public static void run(String name, Settings settings, Function<MeterRegistry, ? extends Service> factory) {
        ServiceLogging.start(name);
        ProcessMetrics metrics = new ProcessMetrics();
        StatusServer.Options http;
        Service service;
        try {
            // logback.xml already fell back to JSON on a bad value; here it stops the start, naming the setting.
            LogFormat.from(settings);
            http = StatusServer.Options.from(settings);
            service = factory.apply(metrics.registry());
        } catch (InvalidSettingException e) {
            log.error("{} cannot start: {}", name, e.getMessage());
            System.exit(2);
            return;
        }
        StatusServer status;
        try {
            status = StatusServer.start(http, service, metrics.registry());
        } catch (IOException | RuntimeException e) {
            log.error("{} cannot serve health and metrics at {}:{} ({}): set {} to a free port, or {} to an address of this host",
                    name, http.host(), http.port(), e.toString(), StatusServer.PORT, StatusServer.HOST);
            System.exit(1);
            return;
        }
        log.info("{} serves {}, {} and {} at http://{}:{}", name, StatusServer.LIVE, StatusServer.READY, StatusServer.METRICS,
                http.host(), status.address().getPort());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("{} stopping", name);
            service.close();
            status.close();
            metrics.close();
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
