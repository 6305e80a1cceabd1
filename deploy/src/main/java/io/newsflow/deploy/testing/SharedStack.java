package io.newsflow.deploy.testing;

import io.newsflow.deploy.stack.FileTrees;
import io.newsflow.deploy.stack.Stack;
import io.newsflow.deploy.stack.StackOptions;
import io.newsflow.deploy.stack.Stacks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HexFormat;

/**
 * The one stack of a test JVM: started on first use on free ports, shared by every test class, stopped when the JUnit
 * launcher session ends ({@link SharedStackSessionListener}) or, failing that, when the JVM exits. Each test JVM starts
 * on empty data in {@code target/test-stack} of the module under test (or the directory named by the system property
 * {@value #DIRECTORY_PROPERTY}).
 *
 * <pre>{@code
 * Stack stack = SharedStack.get();
 * Map<String, Object> config = KafkaConfigs.producer(new KafkaConnection(stack.kafkaBootstrapServers()), "test");
 * }</pre>
 */
public final class SharedStack {

    public static final String DIRECTORY_PROPERTY = "newsflow.test.stack.dir";

    private static final Logger log = LoggerFactory.getLogger(SharedStack.class);

    private static Stack stack;
    private static RuntimeException startFailure;
    private static Thread shutdownHook;

    private SharedStack() {
    }

    /**
     * The running stack, started by the first call. Tests must not close it: the next test class uses it too. If the
     * start failed, every later call fails at once with the same cause.
     */
    public static synchronized Stack get() {
        if (startFailure != null) {
            throw new IllegalStateException("The shared test stack failed to start earlier in this JVM: " + startFailure.getMessage(),
                    startFailure);
        }
        if (stack == null) {
            Path dir = dataDirectory();
            log.info("Shared test stack: starting on empty data in {}", dir);
            try {
                emptyDirectory(dir);
                stack = Stacks.start(StackOptions.freePorts(dir));
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            shutdownHook = new Thread(SharedStack::close, "newsflow-shared-stack-stop");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        return stack;
    }

    /** Stops the stack if one was started; the next {@link #get()} starts a new one. */
    static synchronized void close() {
        if (stack == null) {
            return;
        }
        try {
            log.info("Shared test stack: stopping");
            stack.close();
        } finally {
            stack = null;
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // closing from the hook itself: nothing to remove
            }
        }
    }

    /**
     * {@code target/test-stack} of the working directory (the module under test); for root, a directory under
     * {@code /var/tmp/newsflow} instead when the working directory is closed to other users (a clone under
     * {@code /root}), because Elasticsearch then runs as another user and must reach its data.
     */
    static Path dataDirectory() {
        String explicit = System.getProperty(DIRECTORY_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        Path local = Path.of("target", "test-stack").toAbsolutePath();
        if (!"root".equals(System.getProperty("user.name")) || openToOthers(local)) {
            return local;
        }
        String key = HexFormat.of().toHexDigits(local.toString().hashCode());
        return StackOptions.defaultBaseDir().resolve("test-stack-" + key);
    }

    private static boolean openToOthers(Path dir) {
        for (Path path = dir; path != null; path = path.getParent()) {
            try {
                if (Files.exists(path) && !Files.getPosixFilePermissions(path).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the permissions of " + path, e);
            }
        }
        return true;
    }

    private static void emptyDirectory(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the test stack's directory " + dir
                    + " (a server of an earlier run still using it?)", e);
        }
    }
}
