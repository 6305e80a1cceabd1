package io.newsflow.deploy.helm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WorkloadTemplatesTest {

    static final List<String> SERVICES = Chart.SERVICES;

    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyWorkloadUsesTheSharedPodTemplateForItsOwnService(String service) {
        String workload = Chart.template(service + ".yaml");

        assertThat(workload)
                .contains("$ctx := dict \"root\" $ \"name\" \"" + service + "\"")
                .contains("template:\n    {{- include \"newsflow.podTemplate\" $ctx | nindent 4 }}")
                .contains("replicas: {{ .Values." + service + ".replicas }}");
        // Probes, annotations and containers live in the shared template only, never in a copy.
        assertThat(workload).doesNotContain("Probe:", "prometheus.io", "containers:");
    }

    @Test
    void theSharedPodTemplateCarriesProbesAndScrapeAnnotations() {
        String pod = Chart.define("newsflow.podTemplate");

        assertThat(pod)
                .contains("{{- include \"newsflow.probes\" . | nindent 6 }}")
                .contains("annotations:\n    {{- include \"newsflow.scrapeAnnotations\" . | nindent 4 }}")
                .contains("containerPort: 8080");
    }

    @Test
    void probesAskTheHealthEndpointsOnPortHttp() {
        Map<String, Object> probes = Chart.defineAsYaml("newsflow.probes");

        assertThat(probes).containsOnlyKeys("startupProbe", "livenessProbe", "readinessProbe");
        assertThat(probes.get("startupProbe")).extracting("httpGet").isEqualTo(Map.of("path", "/health/live", "port", "http"));
        assertThat(probes.get("livenessProbe")).extracting("httpGet").isEqualTo(Map.of("path", "/health/live", "port", "http"));
        assertThat(probes.get("readinessProbe")).extracting("httpGet").isEqualTo(Map.of("path", "/health/ready", "port", "http"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void readinessWaitsLongerThanIndexServicesElasticsearchCheck() {
        Map<String, Object> probes = (Map<String, Object>) Chart.values().get("probes");
        Map<String, Object> readiness = (Map<String, Object>) probes.get("readiness");

        assertThat((Integer) readiness.get("timeoutSeconds")).isGreaterThanOrEqualTo(3);
        assertThat(probes).containsOnlyKeys("startup", "liveness", "readiness");
    }

    @Test
    void scrapeAnnotationsPointPrometheusAtTheMetricsEndpoint() {
        assertThat(Chart.defineAsYaml("newsflow.scrapeAnnotations")).isEqualTo(Map.of(
                "prometheus.io/scrape", "true",
                "prometheus.io/port", "8080",
                "prometheus.io/path", "/metrics"));
    }

    @Test
    void ingestAndEnrichAreStatefulSetsNamingTheirInstancesAfterTheirPods() {
        assertThat(Chart.template("ingest.yaml")).contains("kind: StatefulSet");
        assertThat(Chart.template("enrich.yaml")).contains("kind: StatefulSet");
        assertThat(Chart.template("index.yaml")).contains("kind: Deployment");

        assertThat(Chart.define("newsflow.ingest.env"))
                .contains("- name: NEWSFLOW_INGEST_INSTANCE_ID\n  valueFrom:\n    fieldRef:\n      fieldPath: metadata.name");
        assertThat(Chart.define("newsflow.enrich.env"))
                .contains("- name: NEWSFLOW_ENRICH_INSTANCE_ID\n  valueFrom:\n    fieldRef:\n      fieldPath: metadata.name");
    }

    @Test
    @SuppressWarnings("unchecked")
    void containersRunAsNonRootOnAReadOnlyFileSystemWithATmpVolume() {
        Map<String, Object> values = Chart.values();
        Map<String, Object> container = (Map<String, Object>) values.get("securityContext");

        assertThat(((Map<String, Object>) values.get("podSecurityContext")).get("runAsNonRoot")).isEqualTo(true);
        assertThat(container.get("readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(container.get("allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(container.get("capabilities")).isEqualTo(Map.of("drop", List.of("ALL")));
        assertThat(Chart.define("newsflow.podTemplate"))
                .contains("- name: tmp\n          mountPath: /tmp")
                .contains("- name: tmp\n      emptyDir:");
        // Kafka Streams writes its state directory, so it must be on the writable /tmp volume.
        assertThat(Chart.define("newsflow.enrich.env"))
                .contains("- name: NEWSFLOW_ENRICH_STATE_DIR\n  value: /tmp/");
    }

    @Test
    @SuppressWarnings("unchecked")
    void defaultReplicasAreOneIngestTwoEnrichTwoIndex() {
        Map<String, Object> values = Chart.values();

        assertThat(((Map<String, Object>) values.get("ingest")).get("replicas")).isEqualTo(1);
        assertThat(((Map<String, Object>) values.get("enrich")).get("replicas")).isEqualTo(2);
        assertThat(((Map<String, Object>) values.get("index")).get("replicas")).isEqualTo(2);
    }

    @Test
    void theChartIsAnApplicationChartOfThisRelease() {
        Map<String, Object> chart = Chart.yaml(Chart.DIRECTORY.resolve("Chart.yaml"));

        assertThat(chart).containsEntry("apiVersion", "v2").containsEntry("name", "newsflow")
                .containsEntry("appVersion", "0.1.0").containsEntry("type", "application");
    }
}
