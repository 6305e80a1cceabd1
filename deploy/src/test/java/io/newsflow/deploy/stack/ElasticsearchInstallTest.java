package io.newsflow.deploy.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElasticsearchInstallTest {

    @TempDir
    Path tmp;

    @Test
    void unpacksOnceKeepingTheScriptsExecutable() throws IOException {
        Path zip = distribution("9.9.9");
        Path installDir = tmp.resolve("install");

        Path home = ElasticsearchInstall.ensureUnpacked(zip, installDir, "9.9.9");

        assertThat(home).isEqualTo(installDir.resolve("elasticsearch-9.9.9"));
        assertThat(Files.isExecutable(home.resolve("bin/elasticsearch"))).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("config/jvm.options"))))
                .isEqualTo("rw-r--r--");
        assertThat(Files.readString(home.resolve("config/jvm.options"))).isEqualTo("-Xss1m\n");

        Files.writeString(home.resolve("config/jvm.options"), "changed by the node's owner\n");
        ElasticsearchInstall.ensureUnpacked(zip, installDir, "9.9.9");
        assertThat(Files.readString(home.resolve("config/jvm.options"))).isEqualTo("changed by the node's owner\n");
    }

    @Test
    void anInterruptedUnpackIsRedone() throws IOException {
        Path zip = distribution("9.9.9");
        Path installDir = tmp.resolve("install");
        Path half = Files.createDirectories(installDir.resolve("elasticsearch-9.9.9/bin"));
        Files.writeString(half.resolve("partial"), "");

        Path home = ElasticsearchInstall.ensureUnpacked(zip, installDir, "9.9.9");

        assertThat(home.resolve("bin/partial")).doesNotExist();
        assertThat(home.resolve("bin/elasticsearch")).exists();
    }

    @Test
    void aZipOfSomethingElseIsRefused() throws IOException {
        Path zip = distribution("1.0.0");

        assertThatThrownBy(() -> ElasticsearchInstall.ensureUnpacked(zip, tmp.resolve("install"), "9.9.9"))
                .isInstanceOf(StackStartException.class)
                .hasMessageContaining("is not the Elasticsearch 9.9.9 distribution");
    }

    /** A zip laid out like the distribution, with Unix permissions on its entries. */
    private Path distribution(String version) throws IOException {
        Path zip = tmp.resolve("elasticsearch-" + version + ".zip");
        try (FileSystem archive = FileSystems.newFileSystem(zip, Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
            Path top = Files.createDirectories(archive.getPath("/elasticsearch-" + version));
            Path script = Files.writeString(Files.createDirectories(top.resolve("bin")).resolve("elasticsearch"), "#!/bin/sh\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path options = Files.writeString(Files.createDirectories(top.resolve("config")).resolve("jvm.options"), "-Xss1m\n");
            Files.setPosixFilePermissions(options, PosixFilePermissions.fromString("rw-rw-rw-"));
        }
        return zip;
    }
}
