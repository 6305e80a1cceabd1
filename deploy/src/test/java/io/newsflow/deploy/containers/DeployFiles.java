package io.newsflow.deploy.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The container files under test, found from the deploy module's directory (the tests' working directory). */
final class DeployFiles {

    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path COMPOSE = MODULE.resolve("compose.yaml");
    static final Path DOCKERFILE = MODULE.resolve("docker/Dockerfile");
    static final Path HEALTH_CHECK = MODULE.resolve("docker/health-check.sh");
    static final Path README = MODULE.resolveSibling("README.md");

    private DeployFiles() {
    }

    static JsonNode compose() {
        try {
            return new YAMLMapper().readTree(read(COMPOSE));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot parse " + COMPOSE + " as YAML", e);
        }
    }

    static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: run the tests from the deploy module (mvn -pl deploy test)");
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
