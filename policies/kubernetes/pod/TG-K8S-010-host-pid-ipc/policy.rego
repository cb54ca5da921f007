# METADATA
# title: Pod shares the host PID or IPC namespace
# description: >-
#   `hostPID: true` lets the containers see every process on the node, read their command lines
#   and environment (which often hold secrets) and, with enough privileges, ptrace or kill them or
#   enter their namespaces through /proc. `hostIPC: true` shares the node's System V IPC and POSIX
#   shared memory, exposing data of other workloads. Both are disallowed by the baseline Pod
#   Security Standard.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
#   - https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/
# custom:
#   id: TG-K8S-010
#   severity: high
#   remediation: >-
#     Remove `hostPID` and `hostIPC` (they default to false). Debugging tools that need node
#     processes should run as short-lived, explicitly approved pods (`kubectl debug node/...`),
#     not as part of an application workload.
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
#   aliases:
#     - CKV_K8S_17
#     - CKV_K8S_18
#     - AVD-KSV-0010
#     - kubernetes-no-host-pid
#     - AVD-KSV-0008
#     - kubernetes-no-shared-ipc-namespace
package tollgate.kubernetes.pod.host_pid_ipc

# hostPID and hostIPC put the pod in the node's process and IPC namespaces: it can see (and,
# as root, signal or ptrace) every process on the node and read shared memory of other pods.

import data.lib.kubernetes as k8s

namespaces := {"hostPID": "process (PID)", "hostIPC": "IPC"}

deny contains v if {
	some field, what in namespaces
	object.get(k8s.pod_spec, field, false) == true
	v := {
		"msg": sprintf("%s `%s`: the pod shares the node's %s namespace (%s: true)", [
			input.document.kind,
			object.get(input.document, ["metadata", "name"], "?"),
			what,
			field,
		]),
		"path": array.concat(k8s.pod_spec_path, [field]),
	}
}
