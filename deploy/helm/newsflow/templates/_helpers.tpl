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
      {{- $env := include (printf "newsflow.%s.env" .name) . | trim }}
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
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: {{ .root.Values.tmpSizeLimit }}
    - name: config
      configMap:
        name: {{ printf "%s-files" .root.Release.Name }}
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
