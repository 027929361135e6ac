{{/*
The platform's configuration as environment variables (Quarkus/SmallRye env form of the keys in
docs/deploy-helm.md). Secrets come only through secretKeyRef, never as a value: the rendered
manifests and the release record then hold no secret.
*/}}
{{- define "capenv.env" -}}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ .Values.database.jdbcUrl | quote }}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.credentialsSecret.name }}
      key: {{ .Values.database.credentialsSecret.usernameKey }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.credentialsSecret.name }}
      key: {{ .Values.database.credentialsSecret.passwordKey }}
- name: QUARKUS_FLYWAY_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.migrationCredentialsSecret.name }}
      key: {{ .Values.database.migrationCredentialsSecret.usernameKey }}
- name: QUARKUS_FLYWAY_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.migrationCredentialsSecret.name }}
      key: {{ .Values.database.migrationCredentialsSecret.passwordKey }}
- name: QUARKUS_OIDC_AUTH_SERVER_URL
  value: {{ .Values.oidc.authServerUrl | quote }}
- name: QUARKUS_OIDC_CLIENT_ID
  value: {{ .Values.oidc.clientId | quote }}
- name: QUARKUS_OIDC_CREDENTIALS_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ .Values.oidc.clientSecret.name }}
      key: {{ .Values.oidc.clientSecret.key }}
- name: CAPENV_AUDIT_ORIGIN
  value: {{ .Values.audit.origin | quote }}
- name: CAPENV_AUDIT_SIGNING_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.audit.signingKeySecret.name }}
      key: {{ .Values.audit.signingKeySecret.key }}
{{- with .Values.telemetry.otlpEndpoint }}
- name: QUARKUS_OTEL_SDK_DISABLED
  value: "false"
- name: QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
{{- else }}
{{- /* No collector: no exporter trying to reach one, and no spans kept. */}}
- name: QUARKUS_OTEL_SDK_DISABLED
  value: "true"
{{- end }}
- name: CAPENV_RUNNER_TYPE
  value: {{ .Values.runner.type | quote }}
- name: CAPENV_RUNNER_KUBERNETES_NAMESPACE
  value: {{ include "capenv.toolsNamespace" . | quote }}
- name: CAPENV_RUNNER_KUBERNETES_SERVICE_ACCOUNT
  value: {{ .Values.runner.kubernetes.serviceAccount | quote }}
{{- with .Values.runner.kubernetes.runtimeClassName }}
- name: CAPENV_RUNNER_KUBERNETES_RUNTIME_CLASS_NAME
  value: {{ . | quote }}
{{- end }}
- name: CAPENV_RUNNER_KUBERNETES_INSTANCE
  value: {{ include "capenv.fullname" . | quote }}
- name: CAPENV_RUNNER_KUBERNETES_STAGER_IMAGE
  value: {{ .Values.runner.kubernetes.stagerImage | quote }}
- name: CAPENV_RUNNER_KUBERNETES_STAGING_URL
  value: {{ include "capenv.stagingUrl" . | quote }}
- name: CAPENV_RUNNER_KUBERNETES_STAGING_HOST_ALIAS_IP
  value: {{ .Values.runner.kubernetes.staging.serviceIP | quote }}
- name: CAPENV_RUNNER_KUBERNETES_STAGING_PORT
  value: {{ .Values.runner.kubernetes.staging.port | quote }}
- name: CAPENV_RUNNER_KUBERNETES_STAGING_PLATFORM_NAMESPACE
  value: {{ .Release.Namespace | quote }}
- name: CAPENV_RUNNER_KUBERNETES_STAGING_PLATFORM_POD_SELECTOR
  value: {{ include "capenv.platformPodSelector" . | quote }}
{{- with include "capenv.stagingCaConfigMap" . }}
- name: CAPENV_RUNNER_KUBERNETES_STAGING_CA_CONFIG_MAP
  value: {{ . | quote }}
{{- end }}
{{- /* The staging API is served only by the HTTPS listener, with the staging certificate; the rest
of the platform stays on plain port 8080 behind the Ingress (docs/adr/0044). */}}
- name: QUARKUS_HTTP_SSL_PORT
  value: {{ .Values.runner.kubernetes.staging.port | quote }}
- name: QUARKUS_HTTP_SSL_CERTIFICATE_FILES
  value: /etc/capenv/staging-tls/tls.crt
- name: QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES
  value: /etc/capenv/staging-tls/tls.key
- name: CAPENV_POLICIES_DIR
  value: /etc/capenv/policies
- name: CAPENV_CATALOG_DIR
  value: /etc/capenv/catalog
- name: CAPENV_STATE_DIR
  value: /tmp/capenv-state
{{- end }}
