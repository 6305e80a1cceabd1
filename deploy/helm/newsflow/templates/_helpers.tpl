{{/*
Names and labels. Every object is named <release>-<service>, e.g. "news-ingest", so two releases can share a
namespace.
*/}}
{{- define "newsflow.name" -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "newsflow.selectorLabels" -}}
app.kubernetes.io/name: newsflow
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "newsflow.labels" -}}
{{ include "newsflow.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: newsflow
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{/* Prometheus scrape annotations: the endpoint every service serves. */}}
{{- define "newsflow.scrapeAnnotations" -}}
prometheus.io/scrape: "true"
prometheus.io/port: "8080"
prometheus.io/path: /metrics
{{- end -}}

{{/* Probes: liveness and readiness over HTTP on the port named http; timings from .Values.probes. */}}
{{- define "newsflow.probes" -}}
{{- $probes := .root.Values.probes -}}
startupProbe:
  httpGet:
    path: /health/live
    port: http
  periodSeconds: {{ $probes.startup.periodSeconds }}
  timeoutSeconds: {{ $probes.startup.timeoutSeconds }}
  failureThreshold: {{ $probes.startup.failureThreshold }}
livenessProbe:
  httpGet:
    path: /health/live
    port: http
  periodSeconds: {{ $probes.liveness.periodSeconds }}
  timeoutSeconds: {{ $probes.liveness.timeoutSeconds }}
  failureThreshold: {{ $probes.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: /health/ready
    port: http
  periodSeconds: {{ $probes.readiness.periodSeconds }}
  timeoutSeconds: {{ $probes.readiness.timeoutSeconds }}
  failureThreshold: {{ $probes.readiness.failureThreshold }}
{{- end -}}

{{/*
Environment of one service beyond its ConfigMap. The instance ids come from the pod name: ingest and enrich run as
StatefulSets, so a restarted pod keeps its name and with it its Kafka transactional id / static group membership.
*/}}
{{- define "newsflow.ingest.env" -}}
- name: NEWSFLOW_INGEST_INSTANCE_ID
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: NEWSFLOW_FEEDS
  value: /etc/newsflow/feeds.yaml
{{- end -}}

{{- define "newsflow.enrich.env" -}}
- name: NEWSFLOW_ENRICH_INSTANCE_ID
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: NEWSFLOW_ENRICH_STATE_DIR
  value: /tmp/kafka-streams
{{- end -}}

{{/*
Kafka security, for every service. Non-secret settings as values; passwords only from Secrets; store files from
Secrets mounted read-only (newsflow.kafka.volumes) under /etc/newsflow-kafka.
*/}}
{{- define "newsflow.kafka.env" -}}
{{- $security := .root.Values.kafka.security -}}
{{- $protocol := $security.protocol -}}
{{- $sasl := .root.Values.kafka.sasl -}}
{{- $truststore := .root.Values.kafka.ssl.truststore -}}
{{- $keystore := .root.Values.kafka.ssl.keystore -}}
{{- if not (has $protocol (list "PLAINTEXT" "SSL" "SASL_PLAINTEXT" "SASL_SSL")) -}}
{{- fail (printf "kafka.security.protocol must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL, not %s" $protocol) -}}
{{- end -}}
{{- $usesSasl := hasPrefix "SASL_" $protocol -}}
{{- $usesTls := has $protocol (list "SSL" "SASL_SSL") -}}
{{- if and $usesSasl (not (and $sasl.mechanism $sasl.secretName)) -}}
{{- fail (printf "kafka.security.protocol is %s: set kafka.sasl.mechanism and kafka.sasl.secretName (the Secret holding the credentials)" $protocol) -}}
{{- end -}}
{{- if and (not $usesTls) (or $truststore.secretName $keystore.secretName) -}}
{{- fail (printf "kafka.ssl stores are set but kafka.security.protocol is %s: use SSL or SASL_SSL" $protocol) -}}
{{- end -}}
- name: NEWSFLOW_KAFKA_SECURITY_PROTOCOL
  value: {{ $protocol | quote }}
{{- if $usesSasl }}
- name: NEWSFLOW_KAFKA_SASL_MECHANISM
  value: {{ $sasl.mechanism | quote }}
- name: NEWSFLOW_KAFKA_SASL_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $sasl.secretName }}
      key: {{ $sasl.usernameKey }}
- name: NEWSFLOW_KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $sasl.secretName }}
      key: {{ $sasl.passwordKey }}
{{- end }}
{{- if $truststore.secretName }}
- name: NEWSFLOW_KAFKA_SSL_TRUSTSTORE_LOCATION
  value: /etc/newsflow-kafka/truststore/{{ $truststore.fileKey }}
- name: NEWSFLOW_KAFKA_SSL_TRUSTSTORE_TYPE
  value: {{ $truststore.type | quote }}
{{- if $truststore.passwordKey }}
- name: NEWSFLOW_KAFKA_SSL_TRUSTSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $truststore.secretName }}
      key: {{ $truststore.passwordKey }}
{{- end }}
{{- end }}
{{- if $keystore.secretName }}
- name: NEWSFLOW_KAFKA_SSL_KEYSTORE_LOCATION
  value: /etc/newsflow-kafka/keystore/{{ $keystore.fileKey }}
- name: NEWSFLOW_KAFKA_SSL_KEYSTORE_TYPE
  value: {{ $keystore.type | quote }}
{{- if $keystore.passwordKey }}
- name: NEWSFLOW_KAFKA_SSL_KEYSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $keystore.secretName }}
      key: {{ $keystore.passwordKey }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Read-only mounts of the Kafka stores and index-service's Elasticsearch CA: "volumeMounts" or "volumes". */}}
{{- define "newsflow.secretFiles" -}}
{{- $truststore := .root.Values.kafka.ssl.truststore -}}
{{- $keystore := .root.Values.kafka.ssl.keystore -}}
{{- $caCert := .root.Values.elasticsearch.caCert -}}
{{- if $truststore.secretName }}
{{- if eq .part "volumeMounts" }}
- name: kafka-truststore
  mountPath: /etc/newsflow-kafka/truststore
  readOnly: true
{{- else }}
- name: kafka-truststore
  secret:
    secretName: {{ $truststore.secretName }}
    items:
      - key: {{ $truststore.fileKey }}
        path: {{ $truststore.fileKey }}
{{- end }}
{{- end }}
{{- if $keystore.secretName }}
{{- if eq .part "volumeMounts" }}
- name: kafka-keystore
  mountPath: /etc/newsflow-kafka/keystore
  readOnly: true
{{- else }}
- name: kafka-keystore
  secret:
    secretName: {{ $keystore.secretName }}
    items:
      - key: {{ $keystore.fileKey }}
        path: {{ $keystore.fileKey }}
{{- end }}
{{- end }}
{{- if and (eq .name "index") (or $caCert.secretName $caCert.configMapName) }}
{{- if eq .part "volumeMounts" }}
- name: elasticsearch-ca
  mountPath: /etc/newsflow-elasticsearch
  readOnly: true
{{- else if $caCert.secretName }}
- name: elasticsearch-ca
  secret:
    secretName: {{ $caCert.secretName }}
    items:
      - key: {{ $caCert.key }}
        path: {{ $caCert.key }}
{{- else }}
- name: elasticsearch-ca
  configMap:
    name: {{ $caCert.configMapName }}
    items:
      - key: {{ $caCert.key }}
        path: {{ $caCert.key }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "newsflow.index.env" -}}
{{- $auth := .root.Values.elasticsearch.auth -}}
{{- if and (ne $auth.method "none") (not $auth.secretName) -}}
{{- fail (printf "elasticsearch.auth.method is %s but elasticsearch.auth.secretName is empty: name the Secret holding the credentials" $auth.method) -}}
{{- end -}}
{{- if eq $auth.method "basic" }}
- name: NEWSFLOW_ELASTICSEARCH_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $auth.secretName }}
      key: {{ $auth.usernameKey }}
- name: NEWSFLOW_ELASTICSEARCH_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $auth.secretName }}
      key: {{ $auth.passwordKey }}
{{- else if eq $auth.method "apiKey" }}
- name: NEWSFLOW_ELASTICSEARCH_API_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $auth.secretName }}
      key: {{ $auth.apiKeyKey }}
{{- else if ne $auth.method "none" }}
{{- fail (printf "elasticsearch.auth.method must be none, basic or apiKey, not %s" $auth.method) }}
{{- end -}}
{{- $caCert := .root.Values.elasticsearch.caCert -}}
{{- if and $caCert.secretName $caCert.configMapName -}}
{{- fail "elasticsearch.caCert: set secretName or configMapName, not both" -}}
{{- end -}}
{{- if or $caCert.secretName $caCert.configMapName }}
- name: NEWSFLOW_ELASTICSEARCH_CA_CERT
  value: /etc/newsflow-elasticsearch/{{ $caCert.key }}
{{- end -}}
{{- end -}}

{{/*
The pod template shared by the three workloads. Called with (dict "root" $ "name" "<service>"); the service's
own values are .Values.<service>.
*/}}
{{- define "newsflow.podTemplate" -}}
{{- $svc := index .root.Values .name -}}
metadata:
  labels:
    {{- include "newsflow.labels" . | nindent 4 }}
  annotations:
    {{- include "newsflow.scrapeAnnotations" . | nindent 4 }}
    # A changed setting or feed list rolls the pods.
    checksum/config: {{ include (print .root.Template.BasePath "/configmap.yaml") .root | sha256sum }}
spec:
  terminationGracePeriodSeconds: {{ .root.Values.terminationGracePeriodSeconds }}
  automountServiceAccountToken: false
  {{- with .root.Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- toYaml .root.Values.podSecurityContext | nindent 4 }}
  containers:
    - name: {{ .name }}
      image: "{{ $svc.image.repository }}:{{ $svc.image.tag | default .root.Chart.AppVersion }}"
      imagePullPolicy: {{ .root.Values.image.pullPolicy }}
      ports:
        - name: http
          containerPort: 8080
          protocol: TCP
      envFrom:
        - configMapRef:
            name: {{ include "newsflow.name" . }}
      {{- $env := printf "%s\n%s" (include "newsflow.kafka.env" . | trim) (include (printf "newsflow.%s.env" .name) . | trim) | trim }}
      {{- if or $env .root.Values.extraEnv $svc.extraEnv }}
      env:
        {{- with $env }}
        {{- . | nindent 8 }}
        {{- end }}
        {{- with .root.Values.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        {{- with $svc.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- end }}
      {{- include "newsflow.probes" . | nindent 6 }}
      resources:
        {{- toYaml $svc.resources | nindent 8 }}
      securityContext:
        {{- toYaml .root.Values.securityContext | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
        - name: config
          mountPath: /etc/newsflow
          readOnly: true
        {{- with include "newsflow.secretFiles" (dict "root" .root "name" .name "part" "volumeMounts") | trim }}
        {{- . | nindent 8 }}
        {{- end }}
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: {{ .root.Values.tmpSizeLimit }}
    - name: config
      configMap:
        name: {{ printf "%s-files" .root.Release.Name }}
    {{- with include "newsflow.secretFiles" (dict "root" .root "name" .name "part" "volumes") | trim }}
    {{- . | nindent 4 }}
    {{- end }}
  {{- with .root.Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .root.Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .root.Values.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}
