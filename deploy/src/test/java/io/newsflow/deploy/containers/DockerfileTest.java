package io.newsflow.deploy.containers;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/docker/Dockerfile builds small, non-root, self-checking service images (read as text: no Docker engine). */
class DockerfileTest {

    private static final Pattern JRE_BASE = Pattern.compile("eclipse-temurin:(\\d+)[\\w.-]*-jre[\\w.-]*");
    private static final Pattern NUMERIC_USER = Pattern.compile("(\\d+)(:\\d+)?");

    private final List<Stage> stages = Stage.parse(DeployFiles.read(DeployFiles.DOCKERFILE));
    private final Stage build = stages.getFirst();
    private final Stage last = stages.getLast();

    @Test
    void buildStageRunsTheMavenWrapperForOneServiceOnAJdk21() {
        assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
        assertThat(build.base()).startsWith("maven:").contains("eclipse-temurin-21");
        assertThat(build.arguments("RUN"))
                .as("a RUN of the build stage packages $SERVICE and the modules it needs with the wrapper")
                .anySatisfy(run -> assertThat(run).contains("./mvnw", "package", "-DskipTests", "-pl \"$SERVICE\"", "-am"));
    }

    @Test
    void finalStageIsAJre21WithOnlyTheJarAndItsLibraries() {
        Matcher jre = JRE_BASE.matcher(last.base());
        assertThat(jre.matches()).as("final base image %s is a Temurin JRE", last.base()).isTrue();
        assertThat(Integer.parseInt(jre.group(1))).isGreaterThanOrEqualTo(21);
        assertThat(last.instructions())
                .as("no build tool in the final stage")
                .noneSatisfy(line -> assertThat(line.toLowerCase(Locale.ROOT)).containsAnyOf("mvn", "maven", "javac"));
        assertThat(last.arguments("COPY"))
                .filteredOn(copy -> copy.startsWith("--from="))
                .extracting(copy -> copy.split("\\s+")[1])
                .containsExactlyInAnyOrder("/src/${SERVICE}/target/${SERVICE}.jar", "/src/${SERVICE}/target/lib/");
    }

    @Test
    void finalStageRunsAsAFixedNonRootUser() {
        List<String> users = last.arguments("USER");
        assertThat(users).as("USER instructions of the final stage").isNotEmpty();
        Matcher user = NUMERIC_USER.matcher(users.getLast());
        assertThat(user.matches()).as("USER %s is a numeric uid, so Kubernetes can check runAsNonRoot", users.getLast()).isTrue();
        assertThat(Integer.parseInt(user.group(1))).isPositive();
    }

    @Test
    void finalStageChecksReadinessAndSizesTheHeapFromTheContainer() {
        assertThat(last.arguments("HEALTHCHECK")).as("HEALTHCHECK of the final stage").singleElement().asString()
                .contains("/app/health-check", "/health/ready")
                .doesNotContain("curl", "wget");
        assertThat(last.arguments("COPY")).anySatisfy(copy -> assertThat(copy).contains("health-check.sh", "/app/health-check"));
        assertThat(last.arguments("EXPOSE")).as("EXPOSE: the default NEWSFLOW_HTTP_PORT").containsExactly("8080");
        assertThat(last.arguments("ENTRYPOINT")).as("ENTRYPOINT of the final stage").singleElement().asString()
                .contains("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED",
                        "-jar")
                .doesNotContain("-Xmx");
    }

    @Test
    void baseImagesNameNoRegistryHost() {
        for (Stage stage : stages) {
            String firstPart = stage.base().split("/")[0];
            assertThat(stage.base().contains("/") && (firstPart.contains(".") || firstPart.contains(":")))
                    .as("base image %s names a registry host", stage.base())
                    .isFalse();
        }
    }

    /** One FROM ... section of a Dockerfile: its base image and its instructions, continuation lines joined. */
    private record Stage(String base, List<String> instructions) {

        static List<Stage> parse(String dockerfile) {
            List<String> instructions = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : dockerfile.lines().toList()) {
                String trimmed = line.strip();
                if (trimmed.startsWith("#") || trimmed.isEmpty()) {
                    continue;
                }
                if (trimmed.endsWith("\\")) {
                    current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                } else {
                    instructions.add(current.append(trimmed).toString());
                    current.setLength(0);
                }
            }
            List<Stage> stages = new ArrayList<>();
            for (String instruction : instructions) {
                if (keyword(instruction).equals("FROM")) {
                    stages.add(new Stage(instruction.split("\\s+")[1], new ArrayList<>()));
                } else if (!stages.isEmpty()) {
                    stages.getLast().instructions().add(instruction);
                }
            }
            return stages;
        }

        /** The arguments of every {@code keyword} instruction of this stage, in order. */
        List<String> arguments(String keyword) {
            return instructions.stream()
                    .filter(instruction -> keyword(instruction).equals(keyword))
                    .map(instruction -> instruction.substring(keyword.length()).strip())
                    .toList();
        }

        private static String keyword(String instruction) {
            return instruction.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        }
    }
}
