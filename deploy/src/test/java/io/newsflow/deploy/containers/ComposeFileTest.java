package io.newsflow.deploy.containers;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.core.kafka.Topics;
import io.newsflow.deploy.stack.ServerVersions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/compose.yaml follows the conventions of the project's container deployment (no Docker engine needed). */
class ComposeFileTest {

    private static final List<String> PIPELINE_SERVICES = List.of("ingest-service", "enrich-service", "index-service");
    private static final Pattern README_VARIABLE = Pattern.compile("`(NEWSFLOW_[A-Z0-9_]+)`");

    private final JsonNode services = DeployFiles.compose().required("services");

    @Test
    void everyServiceHasAMemoryLimitAndEveryLongRunningOneAHealthcheck() {
        services.properties().forEach(service -> {
            String name = service.getKey();
            JsonNode spec = service.getValue();
            assertThat(spec.path("mem_limit").asText(""))
                    .as("mem_limit of service %s", name)
                    .matches("\\d+[kmg]");
            if (!spec.path("restart").asText("").equals("no")) {
                JsonNode test = spec.path("healthcheck").path("test");
                assertThat(test.isArray() && !test.isEmpty() && !test.get(0).asText().equals("NONE"))
                        .as("service %s runs until stopped, so it needs a healthcheck test (has %s)", name, test)
                        .isTrue();
            }
        });
        assertThat(services.path("setup").path("restart").asText()).as("setup is one-shot").isEqualTo("no");
    }

    @Test
    void pipelineServicesStartOnceKafkaIsHealthyAndTheTopicsExist() {
        for (String name : PIPELINE_SERVICES) {
            JsonNode dependsOn = services.required(name).path("depends_on");
            assertThat(dependsOn.path("kafka").path("condition").asText()).as("%s on kafka", name).isEqualTo("service_healthy");
            assertThat(dependsOn.path("setup").path("condition").asText()).as("%s on setup", name)
                    .isEqualTo("service_completed_successfully");
            assertThat(healthcheckCommand(name)).as("healthcheck of %s", name).endsWith("/health/ready");
        }
        assertThat(services.path("index-service").path("depends_on").path("elasticsearch").path("condition").asText())
                .as("index-service on elasticsearch").isEqualTo("service_healthy");
        assertThat(services.path("kibana").path("depends_on").path("elasticsearch").path("condition").asText())
                .as("kibana on elasticsearch").isEqualTo("service_healthy");
        assertThat(services.path("setup").path("depends_on").path("kafka").path("condition").asText())
                .as("setup on kafka").isEqualTo("service_healthy");
    }

    @Test
    void setupCreatesExactlyThePipelineTopicsWithTheirSettings() {
        List<TopicCommand> commands = topicCommands();
        assertThat(commands).as("kafka-topics.sh --create commands of setup").isNotEmpty();
        int partitions = commands.getFirst().partitions();
        short replication = commands.getFirst().replication();
        Map<String, NewTopic> expected = Topics.all(partitions, replication).stream()
                .collect(Collectors.toMap(NewTopic::name, topic -> topic));

        assertThat(commands).extracting(TopicCommand::topic).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (TopicCommand command : commands) {
            NewTopic topic = expected.get(command.topic());
            assertThat(command.partitions()).as("partitions of %s", command.topic()).isEqualTo(topic.numPartitions());
            assertThat(command.replication()).as("replication of %s", command.topic()).isEqualTo(topic.replicationFactor());
            assertThat(command.configs()).as("configs of %s", command.topic()).isEqualTo(topic.configs());
        }
        assertThat(commands)
                .filteredOn(command -> command.topic().equals(Topics.FEEDS) || command.topic().equals(Topics.INGEST_STATE))
                .hasSize(2)
                .allSatisfy(command -> assertThat(command.configs())
                        .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    @Test
    void serverImagesAreTheVersionsTheBuildTestsAgainst() {
        ServerVersions versions = ServerVersions.bundled();
        assertThat(image("kafka")).isEqualTo("apache/kafka:" + versions.kafka());
        assertThat(image("setup")).isEqualTo("apache/kafka:" + versions.kafka());
        assertThat(image("elasticsearch")).isEqualTo("elasticsearch:" + versions.elasticsearch());
        assertThat(image("kibana")).isEqualTo("kibana:" + versions.elasticsearch());
        assertThat(image("kibana-setup")).as("kibana-setup uses the Kibana image for its curl").isEqualTo(image("kibana"));
    }

    @Test
    void indexSetupInstallsTheTemplateWithIndexServicesCodeBeforeIndexServiceStarts() {
        JsonNode indexSetup = services.required("index-setup");
        assertThat(indexSetup.path("restart").asText()).as("index-setup is one-shot").isEqualTo("no");
        assertThat(indexSetup.path("depends_on").path("elasticsearch").path("condition").asText())
                .as("index-setup on elasticsearch").isEqualTo("service_healthy");
        assertThat(image("index-setup")).as("index-setup runs index-service's image").isEqualTo(image("index-service"));
        assertThat(texts(indexSetup.path("entrypoint"))).contains("io.newsflow.index.IndexSetupMain");
        assertThat(services.path("index-service").path("depends_on").path("index-setup").path("condition").asText())
                .as("index-service on index-setup").isEqualTo("service_completed_successfully");
    }

    @Test
    void kibanaSetupImportsTheSavedObjectsOnceKibanaIsHealthy() {
        JsonNode kibanaSetup = services.required("kibana-setup");
        assertThat(kibanaSetup.path("restart").asText()).as("kibana-setup is one-shot").isEqualTo("no");
        assertThat(kibanaSetup.path("depends_on").path("kibana").path("condition").asText())
                .as("kibana-setup on kibana").isEqualTo("service_healthy");

        List<String> mounts = texts(kibanaSetup.path("volumes"));
        assertThat(mounts).as("volumes of kibana-setup").hasSize(1);
        String[] mount = mounts.getFirst().split(":");
        assertThat(mount).as("mount %s is host:container:ro", mounts.getFirst()).hasSize(3);
        assertThat(mount[2]).as("mode of %s", mounts.getFirst()).isEqualTo("ro");
        String file = KibanaSavedObjectsTest.OBJECTS.getFileName().toString();
        assertThat(DeployFiles.MODULE.resolve(mount[0]).resolve(file).normalize())
                .as("the mounted directory holds the saved objects file")
                .isEqualTo(KibanaSavedObjectsTest.OBJECTS);

        String script = String.join("\n", texts(kibanaSetup.path("command")));
        assertThat(script)
                .contains("http://kibana:5601/api/saved_objects/_import?overwrite=true")
                .contains("kbn-xsrf: true")
                .contains("--form file=@" + mount[1] + "/" + file)
                .as("the import answers 200 with per-object errors, so the script must check the body")
                .contains("\"success\":true");
    }

    @Test
    void kafkaAndElasticsearchKeepTheirDataInNamedVolumes() {
        JsonNode volumes = DeployFiles.compose().path("volumes");
        for (String server : List.of("kafka", "elasticsearch")) {
            List<String> mounts = texts(services.required(server).path("volumes"));
            assertThat(mounts).as("volumes of %s", server).hasSize(1);
            String volume = mounts.getFirst().substring(0, mounts.getFirst().indexOf(':'));
            assertThat(volumes.has(volume)).as("%s's volume %s is declared under volumes:", server, volume).isTrue();
        }
    }

    @Test
    void eachPipelineServiceIsBuiltFromTheSharedDockerfileForItsOwnModule() {
        for (String name : PIPELINE_SERVICES) {
            JsonNode build = services.required(name).required("build");
            assertThat(build.path("dockerfile").asText()).isEqualTo("deploy/docker/Dockerfile");
            assertThat(DeployFiles.MODULE.resolve(build.path("context").asText()).normalize())
                    .as("build context of %s is the repository root", name)
                    .isEqualTo(DeployFiles.MODULE.getParent());
            assertThat(build.path("args").path("SERVICE").asText()).as("SERVICE build argument of %s", name).isEqualTo(name);
        }
    }

    @Test
    void instancesHaveFixedIdsAndIngestReadsTheMountedFeedList() {
        assertThat(environment("ingest-service")).containsKey("NEWSFLOW_INGEST_INSTANCE_ID");
        assertThat(environment("enrich-service")).containsKey("NEWSFLOW_ENRICH_INSTANCE_ID");
        String feeds = environment("ingest-service").get("NEWSFLOW_FEEDS");
        assertThat(texts(services.path("ingest-service").path("volumes")))
                .as("the file NEWSFLOW_FEEDS names is mounted read-only from deploy/feeds.opml")
                .contains("./feeds.opml:" + feeds + ":ro");
        assertThat(DeployFiles.MODULE.resolve("feeds.opml")).isRegularFile();
    }

    @Test
    void everyNewsflowVariableIsInTheReadmeSettingsTable() {
        Set<String> documented = new TreeSet<>();
        for (String line : DeployFiles.read(DeployFiles.README).lines().toList()) {
            if (line.startsWith("| `NEWSFLOW_")) {
                Matcher matcher = README_VARIABLE.matcher(line.substring(0, line.indexOf('|', 1)));
                while (matcher.find()) {
                    documented.add(matcher.group(1));
                }
            }
        }
        Set<String> used = new TreeSet<>();
        services.forEach(spec -> spec.path("environment").fieldNames().forEachRemaining(variable -> {
            if (variable.startsWith("NEWSFLOW_")) {
                used.add(variable);
            }
        }));
        assertThat(used).as("NEWSFLOW_ variables set in compose.yaml").isNotEmpty();
        assertThat(documented).as("variables of README.md's settings table").containsAll(used);
    }

    /** One {@code kafka-topics.sh --create} line of the setup service's script. */
    private record TopicCommand(String topic, int partitions, short replication, Map<String, String> configs) {

        static TopicCommand parse(String line) {
            String[] words = line.trim().split("\\s+");
            Map<String, String> options = new HashMap<>();
            Map<String, String> configs = new LinkedHashMap<>();
            for (int i = 0; i < words.length - 1; i++) {
                if (words[i].equals("--config")) {
                    String[] config = words[i + 1].split("=", 2);
                    configs.put(config[0], config[1]);
                } else if (words[i].startsWith("--")) {
                    options.put(words[i], words[i + 1]);
                }
            }
            return new TopicCommand(options.get("--topic"), Integer.parseInt(options.get("--partitions")),
                    Short.parseShort(options.get("--replication-factor")), configs);
        }
    }

    private List<TopicCommand> topicCommands() {
        List<TopicCommand> commands = new ArrayList<>();
        for (String part : texts(services.required("setup").path("command"))) {
            part.lines()
                    .filter(line -> line.contains("kafka-topics.sh") && line.contains("--create"))
                    .map(TopicCommand::parse)
                    .forEach(commands::add);
        }
        return commands;
    }

    private String healthcheckCommand(String service) {
        return String.join(" ", texts(services.required(service).path("healthcheck").path("test")));
    }

    private String image(String service) {
        return services.required(service).path("image").asText();
    }

    private Map<String, String> environment(String service) {
        Map<String, String> environment = new HashMap<>();
        services.required(service).path("environment").properties()
                .forEach(variable -> environment.put(variable.getKey(), variable.getValue().asText()));
        return environment;
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(element -> texts.add(element.asText()));
        } else if (node.isTextual()) {
            texts.add(node.asText());
        }
        return texts;
    }
}
