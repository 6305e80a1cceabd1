package io.newsflow.deploy.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The dedicated system user a server runs as when this process is root (Elasticsearch refuses to run as root).
 * Created once with {@code useradd --system}; it has no home and no login shell.
 */
record SystemUser(String name, UserPrincipal user, GroupPrincipal group) {

    private static final Logger log = LoggerFactory.getLogger(SystemUser.class);

    static boolean currentIsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The user {@code name}, created (with a group of the same name) if it does not exist yet. */
    static synchronized SystemUser ensure(String name) {
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        try {
            return new SystemUser(name, lookup.lookupPrincipalByName(name), lookup.lookupPrincipalByGroupName(name));
        } catch (UserPrincipalNotFoundException absent) {
            create(name);
            try {
                return new SystemUser(name, lookup.lookupPrincipalByName(name), lookup.lookupPrincipalByGroupName(name));
            } catch (IOException e) {
                throw new StackStartException("Created the system user " + name + " but cannot look it up: " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look up the system user " + name, e);
        }
    }

    private static void create(String name) {
        List<String> command = List.of("useradd", "--system", "--user-group", "--no-create-home",
                "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", name);
        log.info("Creating system user {} to run Elasticsearch (it refuses to run as root): {}", name, String.join(" ", command));
        String output;
        int exit;
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new StackStartException("useradd did not finish within 60 s while creating the system user " + name);
            }
            exit = process.exitValue();
        } catch (IOException e) {
            throw new StackStartException("Cannot create the system user " + name + " for Elasticsearch: useradd could not be run ("
                    + e.getMessage() + "). Create the user yourself (e.g. `" + String.join(" ", command)
                    + "`), or run as a non-root user.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("Interrupted while creating the system user " + name, e);
        }
        // 9: it exists meanwhile (another process created it); the caller looks it up again.
        if (exit != 0 && exit != 9) {
            throw new StackStartException("Cannot create the system user " + name + " for Elasticsearch: useradd exited with "
                    + exit + (output.isEmpty() ? "" : " (" + output + ")") + ". Create the user yourself (e.g. `"
                    + String.join(" ", command) + "`), or run as a non-root user.");
        }
    }

    /** Makes this user the owner of {@code tree} and everything in it. */
    void own(Path tree) {
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                PosixFileAttributes attributes = view.readAttributes();
                if (!attributes.owner().equals(user)) {
                    view.setOwner(user);
                }
                if (!attributes.group().equals(group)) {
                    view.setGroup(group);
                }
            }
        } catch (IOException e) {
            throw new StackStartException("Cannot hand " + tree + " over to the system user " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The first directory on the way to {@code dir} that this user cannot enter (neither owned by it nor searchable
     * by others, such as {@code /root}), or {@code null} when it can reach {@code dir}.
     */
    String blockingDirectory(Path dir) {
        for (Path path = dir.toAbsolutePath(); path != null; path = path.getParent()) {
            if (!Files.exists(path)) {
                continue;
            }
            try {
                PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
                boolean open = attributes.owner().equals(user)
                        ? attributes.permissions().contains(PosixFilePermission.OWNER_EXECUTE)
                        : attributes.permissions().contains(PosixFilePermission.OTHERS_EXECUTE);
                if (!open) {
                    return path.toString();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the permissions of " + path, e);
            }
        }
        return null;
    }
}
