package io.newsflow.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the built service jars. */
public final class Repository {

    private Repository() {
    }

    /**
     * The directory holding the service modules: {@code newsflow.home} when set (as the launcher sets it), else the
     * working directory (deploy/ under failsafe) or one above it.
     */
    public static Path root() {
        String home = System.getProperty("newsflow.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("ingest-service")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no directory with ingest-service/ above " + Path.of("").toAbsolutePath());
    }
}
