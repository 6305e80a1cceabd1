package io.newsflow.deploy.stack;

import java.nio.file.Path;

/** A server of the process stack, run as a child process that can be stopped, crashed and started again on its data. */
public interface LocalServer {

    /** Starts the server (on the data it already has) and returns once it answers; does nothing if it runs. */
    void start();

    /** SIGTERM, waits for a clean shutdown, SIGKILL if that takes too long. */
    void stop();

    /** SIGKILL: a crash, for fault tests. {@link #start()} brings it back on the same data. */
    void kill();

    boolean isRunning();

    /** The server JVM's process id; fails when it is not running. */
    long pid();

    /** The server's log: its console output, appended across restarts. */
    Path logFile();
}
