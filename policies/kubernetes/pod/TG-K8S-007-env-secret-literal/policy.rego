# METADATA
# title: Secret passed as a literal environment variable
# description: >-
#   An `env` entry whose name looks like a credential (PASSWORD, SECRET, TOKEN, API_KEY,
#   PRIVATE_KEY, ACCESS_KEY, CREDENTIAL) has its value written inline. The secret is then stored
#   in plain text in the repository and its history, readable by anyone with `get` on the workload
#   (a much wider group than those allowed to read Secrets), and cannot be rotated without a new
#   deployment.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables
#   - https://kubernetes.io/docs/concepts/security/secrets-good-practices/
# custom:
#   id: TG-K8S-007
#   severity: high
#   remediation: >-
#     Store the value in a Kubernetes Secret (ideally managed by External Secrets, Sealed Secrets
#     or a CSI secrets store) and reference it with `valueFrom.secretKeyRef`, or mount it as a
#     file; then rotate the credential that was committed.
#   kinds: [kubernetes]
#   redact: true
package tollgate.kubernetes.pod.env_secret_literal

# Credentials written as literal env values live in plain text in the manifest, in Git
# history, in `kubectl get -o yaml` output and in every tool that reads workload specs.

import data.lib.containers
import data.lib.kubernetes as k8s

deny contains v if {
	some [path, c] in k8s.containers
	some i, e in containers.array_or_empty(object.get(c, "env", []))
	containers.secret_pair(e.name, e.value)
	v := {
		"msg": sprintf("%s `%s`: container `%s` sets %s from a literal value; use valueFrom.secretKeyRef", [
			input.document.kind,
			object.get(input.document, ["metadata", "name"], "?"),
			object.get(c, "name", "?"),
			e.name,
		]),
		"path": array.concat(path, ["env", i, "value"]),
	}
}
