{{/* Chart name, truncated to the 63 characters a label value allows. */}}
{{- define "capenv.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified name of the release's platform objects. */}}
{{- define "capenv.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "capenv.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "capenv.selectorLabels" -}}
app.kubernetes.io/name: {{ include "capenv.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "capenv.labels" -}}
helm.sh/chart: {{ include "capenv.chart" . }}
{{ include "capenv.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: capenv
{{- end }}

{{/* The platform's ServiceAccount (release namespace). */}}
{{- define "capenv.serviceAccountName" -}}
{{- include "capenv.fullname" . }}
{{- end }}

{{/* The namespace where tool Jobs run, refused if it is the release's own namespace: the platform
would then sit under the tools' default-deny policy and its Role would cover its own pods. */}}
{{- define "capenv.toolsNamespace" -}}
{{- $ns := .Values.runner.kubernetes.namespace }}
{{- if eq $ns .Release.Namespace }}
{{- fail (printf "runner.kubernetes.namespace (%s) must differ from the release namespace" $ns) }}
{{- end }}
{{- $ns }}
{{- end }}

{{/* Name of the tools namespace's default-deny NetworkPolicy (protected by an admission policy). */}}
{{- define "capenv.defaultDenyName" -}}
capenv-default-deny
{{- end }}

{{- define "capenv.policiesConfigMap" -}}
{{- default (printf "%s-policies" (include "capenv.fullname" .)) .Values.policies.existingConfigMap }}
{{- end }}

{{- define "capenv.catalogConfigMap" -}}
{{- default (printf "%s-catalog" (include "capenv.fullname" .)) .Values.catalog.existingConfigMap }}
{{- end }}

{{/* Container security context of the restricted Pod Security Standard. */}}
{{- define "capenv.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Name of the staging Service, and the host name of the staging URL (its certificate names it). */}}
{{- define "capenv.stagingServiceName" -}}
{{- printf "%s-staging" (include "capenv.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The staging URL as tool pods use it: the host resolves to the staging Service's fixed IP
through the pod's hostAlias, never through DNS. */}}
{{- define "capenv.stagingUrl" -}}
{{- printf "https://%s.%s.svc:%v" (include "capenv.stagingServiceName" .) .Release.Namespace .Values.runner.kubernetes.staging.port }}
{{- end }}

{{/* The ConfigMap in the tools namespace holding the staging CA bundle (key ca.crt), if any. */}}
{{- define "capenv.stagingCaConfigMap" -}}
{{- $s := .Values.runner.kubernetes.staging }}
{{- if and $s.caBundle $s.existingCaConfigMap }}
{{- fail "runner.kubernetes.staging: set caBundle or existingCaConfigMap, not both" }}
{{- end }}
{{- if $s.existingCaConfigMap }}
{{- $s.existingCaConfigMap }}
{{- else if $s.caBundle }}
{{- printf "%s-staging-ca" (include "capenv.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* The platform pods' selector labels as one equality selector (key=value,...): the per-run
NetworkPolicy of every tool pod allows egress to exactly these pods. */}}
{{- define "capenv.platformPodSelector" -}}
{{- $labels := include "capenv.selectorLabels" . | fromYaml }}
{{- $pairs := list }}
{{- range $k := keys $labels | sortAlpha }}
{{- $pairs = append $pairs (printf "%s=%s" $k (get $labels $k)) }}
{{- end }}
{{- join "," $pairs }}
{{- end }}
