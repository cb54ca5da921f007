# METADATA
# title: Container runs privileged
# description: >-
#   A container with `securityContext.privileged: true` gets all Linux capabilities, can see and
#   mount every device of the node and is not confined by seccomp or AppArmor. Anyone who
#   compromises the process controls the node and every other pod scheduled on it.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: TG-K8S-001
#   severity: high
#   remediation: >-
#     Remove `privileged: true` (or set it to `false`). If the workload needs one specific kernel
#     feature, grant only that capability with `securityContext.capabilities.add` (for example
#     `NET_ADMIN`), and enforce the `baseline` or `restricted` Pod Security Standard on the
#     namespace.
#   kinds: [kubernetes]
#   inputs:
#     - object:Pod
#     - object:Deployment
#     - object:StatefulSet
#     - object:DaemonSet
#     - object:ReplicaSet
#     - object:Job
#     - object:ReplicationController
#     - object:CronJob
#   aliases: [CKV_K8S_16, AVD-KSV-0017, kubernetes-no-privileged-containers]
package tollgate.kubernetes.pod.privileged_container

# A privileged container runs with every Linux capability and full access to the node's
# devices: it is root on the node, and escaping it takes one mount command.

import data.lib.kubernetes as k8s

deny contains v if {
	some [path, c] in k8s.containers
	c.securityContext.privileged == true
	v := {
		"msg": sprintf("%s `%s`: container `%s` runs privileged (securityContext.privileged: true)", [input.document.kind, object.get(input.document, ["metadata", "name"], "?"), object.get(c, "name", "?")]),
		"path": array.concat(path, ["securityContext", "privileged"]),
	}
}
