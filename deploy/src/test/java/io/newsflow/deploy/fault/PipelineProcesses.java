package io.newsflow.deploy.fault;

import io.newsflow.deploy.Await;
import io.newsflow.deploy.Repository;
import io.newsflow.deploy.bench.BenchReport;
import io.newsflow.deploy.run.ServiceProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.fail;

/**
 * The three services as child JVMs from their runnable jars, as an operator runs them, so that a kill -9 is a real
 * crash. Each service keeps one log file across restarts, and the highest resident memory any of its processes
 * reached is remembered.
 */
final class PipelineProcesses implements AutoCloseable {

    enum Name {
        INGEST("ingest-service"), ENRICH("enrich-service"), INDEX("index-service");

        final String jar;

        Name(String jar) {
            this.jar = jar;
        }
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path home = Repository.root();
    private final Map<Name, Map<String, String>> environments;
    private final Path logDir;
    private final Map<Name, ServiceProcess> running = new EnumMap<>(Name.class);
    private final Map<Name, Long> peakRssMb = new EnumMap<>(Name.class);

    PipelineProcesses(Map<Name, Map<String, String>> environments, Path logDir) {
        this.environments = environments;
        this.logDir = logDir;
    }

    /** Starts {@code name} and returns once its log says it started; fails with the log's path if it exits first. */
    void start(Name name) {
        startAll(List.of(name));
    }

    /** Starts the index, enrich and ingest services side by side, and returns once each says it started. */
    void startAll() {
        startAll(List.of(Name.INDEX, Name.ENRICH, Name.INGEST));
    }

    private void startAll(List<Name> names) {
        Map<Name, Long> startedBefore = new EnumMap<>(Name.class);
        for (Name name : names) {
            startedBefore.put(name, countStarted(logFile(name), name));
            try {
                running.put(name, ServiceProcess.start(home, name.jar, environments.get(name), logDir));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Name name : names) {
            ServiceProcess process = running.get(name);
            Await.until(name.jar + " started (log " + process.logFile() + ")", START_TIMEOUT, () -> {
                if (!process.isAlive()) {
                    fail(name.jar + " exited on start with " + process.exitValue() + "; see " + process.logFile());
                }
                return countStarted(process.logFile(), name) > startedBefore.get(name);
            });
        }
    }

    /** SIGKILL: the process gets no chance to flush, commit or close anything. */
    void kill(Name name) {
        ServiceProcess process = running.get(name);
        recordPeak(name);
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
        Await.until(name.jar + " dead after SIGKILL", Duration.ofSeconds(20), () -> !process.isAlive());
    }

    boolean isAlive(Name name) {
        return running.get(name).isAlive();
    }

    ServiceProcess process(Name name) {
        return running.get(name);
    }

    Path logFile(Name name) {
        return logDir.resolve(name.jar + ".log");
    }

    /** The highest resident set size, in MiB, of any process of {@code name} so far (the running one included). */
    long peakRssMb(Name name) {
        recordPeak(name);
        return peakRssMb.getOrDefault(name, 0L);
    }

    private void recordPeak(Name name) {
        ServiceProcess process = running.get(name);
        if (process != null && process.isAlive()) {
            peakRssMb.merge(name, BenchReport.peakRssMb(process.pid()), Math::max);
        }
    }

    @Override
    public void close() {
        for (Name name : List.of(Name.INGEST, Name.ENRICH, Name.INDEX)) {
            ServiceProcess process = running.get(name);
            if (process != null) {
                recordPeak(name);
                process.stop(Duration.ofSeconds(15));
            }
        }
    }

    /** How many times the log says the service started: the log is kept across restarts. */
    private static long countStarted(Path log, Name name) {
        return logText(log).lines().filter(line -> line.contains(name.jar + " started")).count();
    }

    static String logText(Path log) {
        try {
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
