package io.newsflow.deploy.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * One started server: the process this JVM launched and the server JVM itself, which is the same process for Kafka
 * and a child of the launcher for Elasticsearch. Signals go to the server JVM, by its process id.
 */
final class ServerProcess {

    private static final Logger log = LoggerFactory.getLogger(ServerProcess.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String name;
    private final Process launcher;
    private final Path logFile;
    private volatile ProcessHandle server;

    ServerProcess(String name, Process launcher, Path logFile) {
        this.name = name;
        this.launcher = launcher;
        this.logFile = logFile;
        this.server = launcher.toHandle();
    }

    ProcessHandle launcher() {
        return launcher.toHandle();
    }

    /** Signals go to {@code handle} from now on: the server JVM that the launcher started. */
    void signalTarget(ProcessHandle handle) {
        server = handle;
    }

    long pid() {
        return server.pid();
    }

    boolean isAlive() {
        return running(server) || launcher.isAlive();
    }

    /**
     * Polls {@code ready} until it answers true; fails with the tail of the log when the process ends first, or when
     * {@code timeout} (counted from {@code startNanos}) passes, after stopping the process.
     */
    void awaitReady(BooleanSupplier ready, Duration timeout, long startNanos) {
        long deadline = startNanos + timeout.toNanos();
        while (true) {
            if (!launcher.isAlive()) {
                throw new StackStartException(name + " exited with code " + launcher.exitValue() + " while starting. "
                        + LogTail.describe(logFile));
            }
            if (ready.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new StackStartException(name + " did not answer within " + timeout.toSeconds() + " s; it was stopped."
                        + " If the machine is just busy, allow more time (startTimeout in StackOptions; the local run:"
                        + " --start-timeout or NEWSFLOW_STACK_START_TIMEOUT). " + LogTail.describe(logFile));
            }
            pause(250);
        }
    }

    /** SIGTERM to the server JVM, then waits for it and its launcher to end; SIGKILL when they take too long. */
    void stop() {
        if (!isAlive()) {
            return;
        }
        ProcessHandle target = running(server) ? server : launcher.toHandle();
        target.destroy();
        if (!awaitExit(STOP_GRACE)) {
            log.warn("{} (pid {}) did not stop within {} s of SIGTERM; sending SIGKILL", name, target.pid(), STOP_GRACE.toSeconds());
            kill();
        }
    }

    /**
     * SIGKILL to the server JVM, then to its launcher: the crash that fault tests need. The server goes first, so that
     * its launcher (its parent) reaps it.
     */
    void kill() {
        server.destroyForcibly();
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        while (running(server) && System.nanoTime() < deadline) {
            pause(20);
        }
        launcher.destroyForcibly();
        if (!awaitExit(STOP_GRACE)) {
            throw new IllegalStateException(name + " (pid " + server.pid() + ") is still alive " + STOP_GRACE.toSeconds()
                    + " s after SIGKILL");
        }
    }

    private boolean awaitExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause(50);
        }
        return true;
    }

    /** Alive and not a zombie: a killed server whose parent has not reaped it yet holds no port and no lock. */
    static boolean running(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException e) {
            return handle.isAlive();
        }
    }

    /** Seconds since {@code startNanos} ({@link System#nanoTime()}), one decimal, for progress messages. */
    static String secondsSince(long startNanos) {
        return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9);
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("Interrupted while waiting for " + name, e);
        }
    }
}
