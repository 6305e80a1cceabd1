package io.newsflow.deploy.stack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts the servers' processes, their output appended to a log file, with two tools of util-linux where they exist:
 * <ul>
 *   <li>{@code setsid}: each server gets a session of its own, so that Ctrl-C in a terminal reaches only this JVM,
 *   which then stops everything in order (the pipeline's services before the servers they use);</li>
 *   <li>{@code setpriv --pdeathsig}: a server never outlives the JVM that started it, even when that JVM is killed
 *   with -9 (a test fork killed on timeout, an IDE's stop button). Linux sends that signal when the <em>thread</em>
 *   that started the process ends, so every process is started from one long-lived thread.</li>
 * </ul>
 */
final class ProcessLauncher {

    private static final Path SETSID = findTool("setsid");
    private static final Path SETPRIV = findTool("setpriv");
    private static final ExecutorService STARTER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "newsflow-stack-process-starter");
        thread.setDaemon(true);
        return thread;
    });

    private ProcessLauncher() {
    }

    /**
     * Starts {@code command} in {@code workDir}, with {@code environment} added to (and {@code removedEnvironment}
     * taken from) this process's environment, as {@code runAs} when given.
     */
    static Process start(List<String> command, Path workDir, Map<String, String> environment,
                         List<String> removedEnvironment, Path logFile, SystemUser runAs) {
        List<String> full = new ArrayList<>();
        if (SETSID != null) {
            full.add(SETSID.toString());
        }
        if (SETPRIV != null) {
            full.add(SETPRIV.toString());
            if (runAs != null) {
                full.addAll(List.of("--reuid=" + runAs.name(), "--regid=" + runAs.name(), "--init-groups"));
            }
            full.addAll(List.of("--pdeathsig", "TERM", "--"));
        } else if (runAs != null) {
            throw new StackStartException("Cannot start " + command.getFirst() + " as the system user " + runAs.name()
                    + ": setpriv (from util-linux) is not installed. Install util-linux, or run as a non-root user.");
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        removedEnvironment.forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        Future<Process> started = STARTER.submit(builder::start);
        try {
            return started.get();
        } catch (ExecutionException e) {
            throw new StackStartException("Cannot run " + String.join(" ", command) + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("Interrupted while starting " + command.getFirst(), e);
        }
    }

    private static Path findTool(String name) {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        if (path != null) {
            dirs.addAll(0, List.of(path.split(File.pathSeparator)));
        }
        return dirs.stream()
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
    }
}
