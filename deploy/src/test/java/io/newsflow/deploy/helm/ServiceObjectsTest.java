package io.newsflow.deploy.helm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Each service gets its ConfigMap, metrics Service and PodDisruptionBudget. */
class ServiceObjectsTest {

    private static final Pattern SERVICE_LIST = Pattern.compile("range \\$name := list ((?:\"[a-z]+\" ?)+)");

    @ParameterizedTest
    @ValueSource(strings = {"pdb.yaml", "service.yaml", "configmap.yaml"})
    void rendersOneObjectPerService(String file) {
        String template = Chart.template(file);
        Matcher list = SERVICE_LIST.matcher(template);

        assertThat(list.find()).as(file + " ranges over the services").isTrue();
        assertThat(List.of(list.group(1).replace("\"", "").strip().split(" "))).isEqualTo(Chart.SERVICES);
        assertThat(template).contains("$ctx := dict \"root\" $ \"name\" $name");
    }

    @Test
    void disruptionBudgetKeepsOnePodOfAReplicatedServiceAndLetsASingleOneGo() {
        String pdb = Chart.template("pdb.yaml");

        assertThat(pdb).contains("kind: PodDisruptionBudget")
                .contains("{{- $replicas := int $svc.replicas }}")
                .contains("""
                          {{- if gt $replicas 1 }}
                          minAvailable: 1
                          {{- else }}
                          maxUnavailable: 1
                          {{- end }}
                        """);
    }

    @Test
    void metricsServicesExposePortHttp() {
        assertThat(Chart.template("service.yaml")).contains("kind: Service")
                .contains("- name: http\n      port: 8080\n      targetPort: http");
    }

    @Test
    void theFeedListIsMountedWhereNewsflowFeedsPoints() {
        assertThat(Chart.template("configmap.yaml")).contains("feeds.yaml: |\n    {{- toYaml .Values.feeds | nindent 4 }}");
        assertThat(Chart.define("newsflow.podTemplate")).contains("- name: config\n          mountPath: /etc/newsflow\n");
        assertThat(Chart.define("newsflow.ingest.env")).contains("- name: NEWSFLOW_FEEDS\n  value: /etc/newsflow/feeds.yaml");
    }
}
