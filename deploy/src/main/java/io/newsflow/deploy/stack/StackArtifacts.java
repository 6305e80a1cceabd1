package io.newsflow.deploy.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The servers' files that the build copies into the deploy module's {@code target/} directory
 * ({@code kafka-broker/lib/*.jar} and {@code elasticsearch/elasticsearch-VERSION.zip}), so that nothing reads
 * the local Maven repository at run time.
 */
public record StackArtifacts(Path directory) {

    /** Names the directory explicitly (the deploy module's {@code target/}); also a system property in lower case. */
    public static final String DIRECTORY_VARIABLE = "NEWSFLOW_DEPLOY_ARTIFACTS";
    static final String DIRECTORY_PROPERTY = "newsflow.deploy.artifacts";

    private static final String KAFKA_LIBS = "kafka-broker/lib";
    private static final String BUILD_HINT = "Run the build first (./mvnw -B -pl deploy -am package, or ./mvnw verify),"
            + " or set " + DIRECTORY_VARIABLE + " to the deploy module's target directory.";

    /** The broker's class path directory, checked to hold the Kafka server jar. */
    public Path kafkaBrokerLibs() {
        Path libs = directory.resolve(KAFKA_LIBS);
        if (!hasKafkaServerJar(libs)) {
            throw new StackStartException("The Kafka broker's jars are missing: no kafka_2.13-*.jar in " + libs + ". " + BUILD_HINT);
        }
        return libs;
    }

    public Path elasticsearchZip(String version) {
        Path zip = directory.resolve("elasticsearch").resolve("elasticsearch-" + version + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new StackStartException("The Elasticsearch " + version + " distribution is missing: no " + zip + ". " + BUILD_HINT);
        }
        return zip;
    }

    /**
     * Finds the artifacts: the directory named by {@value #DIRECTORY_VARIABLE} (or the system property
     * {@code newsflow.deploy.artifacts}); else the directory that holds this module's jar or classes
     * ({@code deploy/target}); else {@code deploy/target} in the working directory or one of its parents
     * (tests of a sibling module that got this module's jar from the local repository).
     */
    public static StackArtifacts locate() {
        String explicit = System.getProperty(DIRECTORY_PROPERTY, System.getenv(DIRECTORY_VARIABLE));
        return locate(explicit, codeLocation(), Path.of("").toAbsolutePath());
    }

    static StackArtifacts locate(String explicit, Path codeLocation, Path workingDirectory) {
        if (explicit != null && !explicit.isBlank()) {
            Path dir = Path.of(explicit).toAbsolutePath();
            if (!hasKafkaServerJar(dir.resolve(KAFKA_LIBS))) {
                throw new StackStartException(DIRECTORY_VARIABLE + "=" + explicit + " does not hold the stack's artifacts (no "
                        + KAFKA_LIBS + "/kafka_2.13-*.jar). " + BUILD_HINT);
            }
            return new StackArtifacts(dir);
        }
        Set<Path> candidates = new LinkedHashSet<>();
        if (codeLocation != null && codeLocation.getParent() != null) {
            candidates.add(codeLocation.getParent());
        }
        for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve("deploy").resolve("target"));
        }
        for (Path candidate : candidates) {
            if (hasKafkaServerJar(candidate.resolve(KAFKA_LIBS))) {
                return new StackArtifacts(candidate);
            }
        }
        List<String> looked = new ArrayList<>();
        candidates.forEach(c -> looked.add(c.toString()));
        throw new StackStartException("The Kafka broker's jars and the Elasticsearch zip are not built yet (looked in "
                + String.join(", ", looked.subList(0, Math.min(4, looked.size()))) + (looked.size() > 4 ? ", ..." : "")
                + "). " + BUILD_HINT);
    }

    private static boolean hasKafkaServerJar(Path libs) {
        if (!Files.isDirectory(libs)) {
            return false;
        }
        try (Stream<Path> files = Files.list(libs)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("kafka_2.13-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + libs, e);
        }
    }

    /** {@code target/classes} or {@code target/deploy.jar}, whichever this class was loaded from. */
    private static Path codeLocation() {
        CodeSource source = StackArtifacts.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
