package io.newsflow.deploy.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Elasticsearch distribution, unpacked once into the install directory and shared, read-only, by every node
 * (each node has its own configuration, data and logs). A marker file tells a complete unpack from an interrupted one;
 * a file lock keeps two JVMs (and the method's lock two threads) from unpacking at the same time.
 */
final class ElasticsearchInstall {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchInstall.class);
    private static final String MARKER = ".newsflow-unpacked";
    private static final Set<PosixFilePermission> OPEN_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");

    private ElasticsearchInstall() {
    }

    /** {@code installDir/elasticsearch-VERSION}, unpacked from {@code zip} unless a previous run did it. */
    static synchronized Path ensureUnpacked(Path zip, Path installDir, String version) {
        Path home = installDir.resolve("elasticsearch-" + version);
        if (Files.exists(home.resolve(MARKER))) {
            return home;
        }
        try {
            createOpenDirectories(installDir);
            try (FileChannel lockFile = FileChannel.open(installDir.resolve(".elasticsearch-" + version + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                lockFile.lock(); // released when the channel closes
                if (Files.exists(home.resolve(MARKER))) {
                    return home;
                }
                long started = System.nanoTime();
                log.info("Elasticsearch: unpacking {} into {} (once; later runs reuse it)", zip.getFileName(), home);
                FileTrees.delete(home);
                Path unpacking = installDir.resolve(home.getFileName() + ".unpacking");
                FileTrees.delete(unpacking);
                unzip(zip, unpacking);
                Path top = unpacking.resolve(home.getFileName().toString());
                if (!Files.isDirectory(top.resolve("bin"))) {
                    throw new StackStartException(zip + " is not the Elasticsearch " + version + " distribution: it has no "
                            + home.getFileName() + "/bin. Rebuild the deploy module (./mvnw -B -pl deploy package).");
                }
                Files.move(top, home, StandardCopyOption.ATOMIC_MOVE);
                FileTrees.delete(unpacking);
                Files.createFile(home.resolve(MARKER));
                log.info("Elasticsearch: unpacked in {} s", ServerProcess.secondsSince(started));
                return home;
            }
        } catch (IOException e) {
            throw new StackStartException("Cannot unpack " + zip + " into " + installDir + ": " + e
                    + ". Check that the directory is writable, or choose another one (installDir in StackOptions;"
                    + " the local run: --install-dir or NEWSFLOW_INSTALL_DIR).", e);
        }
    }

    /** Creates {@code dir} with its missing parents open to other users, who run the servers when this process is root. */
    static void createOpenDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.getParent() != null) {
            createOpenDirectories(dir.getParent());
        }
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException createdMeanwhile) {
            // Kafka and Elasticsearch prepare the same new stack directory side by side.
            if (!Files.isDirectory(dir)) {
                throw createdMeanwhile;
            }
        }
        Files.setPosixFilePermissions(dir, OPEN_DIRECTORY);
    }

    /** Unpacks keeping each entry's Unix permissions (the scripts in bin/ must stay executable), writable by the owner only. */
    private static void unzip(Path zip, Path target) throws IOException {
        try (FileSystem archive = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"));
             Stream<Path> entries = Files.walk(archive.getPath("/"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Path destination = target.resolve(archive.getPath("/").relativize(entry).toString()).normalize();
                if (!destination.startsWith(target)) {
                    throw new IOException("entry " + entry + " points outside the target directory");
                }
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(destination);
                    Files.setPosixFilePermissions(destination, OPEN_DIRECTORY);
                } else {
                    Files.createDirectories(destination.getParent());
                    Files.copy(entry, destination);
                    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
                    permissions.addAll(Files.getPosixFilePermissions(entry));
                    permissions.removeAll(EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
                    Files.setPosixFilePermissions(destination, permissions);
                }
            }
        }
    }
}
