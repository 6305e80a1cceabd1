package io.newsflow.deploy.stack;

import org.slf4j.Logger;

import java.nio.file.Path;

/**
 * The part of a {@link LocalServer} that is the same for every server: the process it last launched, and stopping,
 * crashing, checking and naming that process. Not synchronized by itself: each server calls it under its own lock,
 * the one its {@code start()} holds as well, so that a stop or kill waits for a start in progress.
 */
final class ServerLifecycle {

    private final String name;
    private final Logger log;
    private ServerProcess process;

    /**
     * @param name the server's name, the prefix of its messages
     * @param log  the server's own logger, so that its messages keep the server's logger name
     */
    ServerLifecycle(String name, Logger log) {
        this.name = name;
        this.log = log;
    }

    /** Records {@code launcher}, just started, as the server's process: the one that stop, kill and pid act on. */
    ServerProcess launched(Process launcher, Path logFile) {
        process = new ServerProcess(name, launcher, logFile);
        return process;
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The server JVM's process id; fails when it is not running. */
    long pid() {
        if (!isRunning()) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    /** SIGTERM, waits for a clean shutdown, SIGKILL if that takes too long; does nothing when it is not running. */
    void stop() {
        if (isRunning()) {
            long started = System.nanoTime();
            log.info("{}: stopping (pid {})", name, process.pid());
            process.stop();
            log.info("{}: stopped in {} s", name, ServerProcess.secondsSince(started));
        }
    }

    /** SIGKILL, a crash; does nothing when it is not running. */
    void kill() {
        if (isRunning()) {
            log.info("{}: killing (SIGKILL, pid {})", name, process.pid());
            process.kill();
        }
    }
}
