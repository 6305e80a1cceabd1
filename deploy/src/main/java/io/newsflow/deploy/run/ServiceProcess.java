package io.newsflow.deploy.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One Newsflow service running as a child JVM from its runnable jar, as an operator would run it,
 * with its configuration in environment variables and its output in a log file.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Path logFile;
    private final Process process;

    private ServiceProcess(String name, Path logFile, Process process) {
        this.name = name;
        this.logFile = logFile;
        this.process = process;
    }

    /**
     * Starts {@code <home>/<name>/target/<name>.jar}.
     *
     * @throws IOException if the jar is missing (the message says to build) or the JVM cannot start
     */
    public static ServiceProcess start(Path home, String name, Map<String, String> environment, Path logDir) throws IOException {
        Path jar = home.resolve(name).resolve("target").resolve(name + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " does not exist: build it first with ./mvnw -DskipTests package");
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new ServiceProcess(name, log, builder.start());
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** The running process, e.g. to read its CPU time. */
    public ProcessHandle toHandle() {
        return process.toHandle();
    }

    /**
     * The exit status once the process has ended: 143 (128 + SIGTERM) for a JVM that stopped on SIGTERM after its
     * shutdown hooks, 137 for one {@link #stop} had to kill.
     */
    public OptionalInt exitValue() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Asks the service to stop (SIGTERM, so it closes cleanly) and waits; forces it after {@code grace}. */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
