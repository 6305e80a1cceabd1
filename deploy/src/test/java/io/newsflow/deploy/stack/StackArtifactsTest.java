package io.newsflow.deploy.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackArtifactsTest {

    @TempDir
    Path tmp;

    @Test
    void findsTheArtifactsNextToTheModulesClasses() throws IOException {
        Path target = built(tmp.resolve("deploy/target"));

        StackArtifacts artifacts = StackArtifacts.locate(null, target.resolve("classes"), tmp.resolve("elsewhere"));

        assertThat(artifacts.directory()).isEqualTo(target);
        assertThat(artifacts.kafkaBrokerLibs()).isEqualTo(target.resolve("kafka-broker/lib"));
    }

    @Test
    void findsTheDeployModuleFromASiblingModulesWorkingDirectory() throws IOException {
        Path target = built(tmp.resolve("repo/deploy/target"));
        Path jarInLocalRepository = tmp.resolve("m2/io/newsflow/deploy/0.1.0-SNAPSHOT/deploy-0.1.0-SNAPSHOT.jar");

        StackArtifacts artifacts = StackArtifacts.locate(null, jarInLocalRepository, tmp.resolve("repo/index-service"));

        assertThat(artifacts.directory()).isEqualTo(target);
    }

    @Test
    void anExplicitDirectoryWins() throws IOException {
        Path explicit = built(tmp.resolve("chosen"));
        built(tmp.resolve("deploy/target"));

        StackArtifacts artifacts = StackArtifacts.locate(explicit.toString(), tmp.resolve("deploy/target/classes"), tmp);

        assertThat(artifacts.directory()).isEqualTo(explicit);
    }

    @Test
    void anExplicitDirectoryWithoutTheBrokerIsRefused() {
        assertThatThrownBy(() -> StackArtifacts.locate(tmp.toString(), null, tmp))
                .isInstanceOf(StackStartException.class)
                .hasMessageContaining(StackArtifacts.DIRECTORY_VARIABLE)
                .hasMessageContaining("kafka_2.13");
    }

    @Test
    void sayToRunTheBuildWhenNothingIsBuilt() {
        assertThatThrownBy(() -> StackArtifacts.locate(null, tmp.resolve("deploy/target/classes"), tmp.resolve("repo")))
                .isInstanceOf(StackStartException.class)
                .hasMessageContaining("not built yet")
                .hasMessageContaining("./mvnw");
    }

    @Test
    void aMissingElasticsearchZipNamesTheFileAndTheBuild() throws IOException {
        StackArtifacts artifacts = new StackArtifacts(built(tmp.resolve("target")));

        assertThatThrownBy(() -> artifacts.elasticsearchZip("8.19.21"))
                .isInstanceOf(StackStartException.class)
                .hasMessageContaining("elasticsearch-8.19.21.zip")
                .hasMessageContaining("./mvnw");
    }

    /** A target directory with the broker's jars copied in (an empty Kafka server jar is enough to be found). */
    private static Path built(Path target) throws IOException {
        Path libs = Files.createDirectories(target.resolve("kafka-broker/lib"));
        Files.createFile(libs.resolve("kafka_2.13-4.1.1.jar"));
        return target;
    }
}
