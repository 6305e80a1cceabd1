package io.newsflow.deploy.stack;

import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Chooses the stack's backend: {@value #BACKEND_VARIABLE}={@code processes} or {@code containers}, or (unset or
 * {@code auto}) containers when a Docker engine answers and processes otherwise.
 */
public final class Stacks {

    public static final String BACKEND_VARIABLE = "NEWSFLOW_STACK";

    /** Which servers back a stack. */
    public enum Backend {
        /** {@link LocalStack}: child processes, no Docker. */
        PROCESSES,
        /** {@link ContainerStack}: Testcontainers. */
        CONTAINERS
    }

    private static final Logger log = LoggerFactory.getLogger(Stacks.class);
    private static final long DOCKER_CHECK_SECONDS = 10;

    private Stacks() {
    }

    public static Stack start(StackOptions options) {
        Backend backend = backend(Settings.fromEnvironment(), Stacks::dockerAnswers);
        return switch (backend) {
            case PROCESSES -> LocalStack.start(options);
            case CONTAINERS -> ContainerStack.start(options);
        };
    }

    static Backend backend(Settings settings, BooleanSupplier dockerAnswers) {
        String choice = settings.string(BACKEND_VARIABLE, "auto").toLowerCase(Locale.ROOT);
        return switch (choice) {
            case "processes" -> Backend.PROCESSES;
            case "containers" -> Backend.CONTAINERS;
            case "auto" -> {
                boolean docker = dockerAnswers.getAsBoolean();
                log.info("Stack backend: {} ({} unset or auto; {})", docker ? "containers" : "processes", BACKEND_VARIABLE,
                        docker ? "a Docker engine answers" : "no Docker engine answers");
                yield docker ? Backend.CONTAINERS : Backend.PROCESSES;
            }
            default -> throw new InvalidSettingException(BACKEND_VARIABLE + "=" + choice
                    + " is not valid: expected processes, containers or auto");
        };
    }

    /**
     * Whether a Docker engine answers. Cheap checks first (DOCKER_HOST, the usual sockets), so that a machine without
     * Docker is told apart at once; then Testcontainers' own check, bounded in time.
     */
    static boolean dockerAnswers() {
        if (!dockerHinted()) {
            return false;
        }
        CompletableFuture<Boolean> check = CompletableFuture.supplyAsync(
                () -> DockerClientFactory.instance().isDockerAvailable());
        try {
            return check.get(DOCKER_CHECK_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            log.warn("No answer from the Docker engine within {} s; using the process stack", DOCKER_CHECK_SECONDS);
            return false;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean dockerHinted() {
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return true;
        }
        // The engine's socket (system, Docker Desktop, rootless) or a Testcontainers configuration naming a host.
        List<Path> hints = new ArrayList<>(List.of(Path.of("/var/run/docker.sock")));
        String home = System.getProperty("user.home");
        if (home != null) {
            hints.add(Path.of(home, ".docker", "run", "docker.sock"));
            hints.add(Path.of(home, ".testcontainers.properties"));
        }
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            hints.add(Path.of(runtimeDir, "docker.sock"));
        }
        return hints.stream().anyMatch(Files::exists);
    }
}
