# METADATA
# title: Container allows privilege escalation
# description: >-
#   Kubernetes defaults `allowPrivilegeEscalation` to true, so a process inside the container may
#   gain privileges through setuid/setgid binaries or file capabilities. An attacker who gets code
#   execution as an unprivileged user can then become root inside the container, one step closer
#   to the node. The restricted Pod Security Standard requires it to be false.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: TG-K8S-002
#   severity: medium
#   remediation: >-
#     Set `securityContext.allowPrivilegeEscalation: false` on every container (and init
#     container), together with `runAsNonRoot: true` and `capabilities.drop: ["ALL"]`.
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
#   aliases: [CKV_K8S_20, AVD-KSV-0001, kubernetes-no-self-privesc]
package tollgate.kubernetes.pod.privilege_escalation

# allowPrivilegeEscalation controls the no_new_privs flag: unless it is explicitly false, a
# process in the container can gain more privileges than its parent through setuid binaries
# or file capabilities (sudo, su, ping...).

import data.lib.kubernetes as k8s

workload := object.get(input.document, ["metadata", "name"], "?")

deny contains v if {
	some [path, c] in k8s.containers
	gap := escalation(path, c)
	v := {
		"msg": sprintf("%s `%s`: container `%s` %s", [input.document.kind, workload, object.get(c, "name", "?"), gap.why]),
		"path": gap.path,
	}
}

# Set to true (blamed at the key), or absent: it defaults to true (blamed at the container).
escalation(path, c) := {
	"why": "sets allowPrivilegeEscalation: true",
	"path": array.concat(path, ["securityContext", "allowPrivilegeEscalation"]),
} if {
	c.securityContext.allowPrivilegeEscalation == true
}

escalation(path, c) := {
	"why": "does not set securityContext.allowPrivilegeEscalation: false (it defaults to true)",
	"path": path,
} if {
	not has_key(object.get(c, "securityContext", {}), "allowPrivilegeEscalation")
}
has_key(obj, key) if {
	is_object(obj)
	_ = obj[key]
}
