{{/*
Every YAML document of files/admission/ (a byte-identical copy of policies/admission/), one per
list item, so that templates can both render them verbatim and read the bindings.
*/}}
{{- define "capenv.admissionDocuments" -}}
{{- $docs := list }}
{{- range $path, $_ := .Files.Glob "files/admission/*.{yaml,yml}" }}
{{- range $doc := regexSplit "(?m)^---[ \t]*$" ($.Files.Get $path) -1 }}
{{- if $doc | regexFind "(?m)^kind:" }}
{{- $docs = append $docs $doc }}
{{- end }}
{{- end }}
{{- end }}
{{- toJson $docs }}
{{- end }}

{{/*
Labels the tools namespace must carry so that each admission binding's namespaceSelector selects
it: without them the policy would silently apply to nothing. A binding that selects a namespace by
a fixed name other than the tools namespace fails the render for the same reason.
*/}}
{{- define "capenv.admissionNamespaceLabels" -}}
{{- $ns := include "capenv.toolsNamespace" . }}
{{- $labels := dict }}
{{- range $doc := include "capenv.admissionDocuments" . | fromJsonArray }}
{{- $obj := fromYaml $doc }}
{{- if eq (get $obj "kind") "ValidatingAdmissionPolicyBinding" }}
{{- $selector := dig "spec" "matchResources" "namespaceSelector" dict $obj }}
{{- if hasKey $selector "matchExpressions" }}
{{- fail (printf "admission binding %s: namespaceSelector.matchExpressions is not supported; select the tools namespace by matchLabels" $obj.metadata.name) }}
{{- end }}
{{- range $key, $value := dig "matchLabels" dict $selector }}
{{- if and (eq $key "kubernetes.io/metadata.name") (ne $value $ns) }}
{{- fail (printf "admission binding %s selects namespace %s, but runner.kubernetes.namespace is %s" $obj.metadata.name $value $ns) }}
{{- end }}
{{- $_ := set $labels $key $value }}
{{- end }}
{{- end }}
{{- end }}
{{- toYaml $labels }}
{{- end }}
