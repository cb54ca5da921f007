# METADATA
# title: Container runs as root or is not required to run as non-root
# description: >-
#   A container runs as root when `runAsUser: 0` is set on it or on the pod, and may run as root
#   when `runAsNonRoot` is false or missing and no non-zero `runAsUser` is set: it then runs as
#   whatever user the image declares, which for most images is root. A root process shares UID 0
#   with the node, so a container escape or a writable host mount gives full control of the node.
#   `runAsGroup: 0` (on the container, or on the pod for containers that do not override it) is
#   reported too: a non-root user whose primary group is root still owns every group-root file.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: TG-K8S-003
#   severity: high
#   remediation: >-
#     Set `securityContext.runAsNonRoot: true` on the pod (or every container) and a non-zero
#     `runAsUser`/`runAsGroup` (for example 10001), build the image with a `USER` instruction for
#     an unprivileged user, and remove any `runAsUser: 0`.
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
#     - CKV_K8S_23
#     - AVD-KSV-0012
#     - kubernetes-no-root
#     - AVD-KSV-0105
#     - kubernetes-containers-not-run-as-root
#     - AVD-KSV-0021
#     - kubernetes-use-high-gid
package tollgate.kubernetes.pod.run_as_root

# Containers should be forced to run as a non-root user. Root inside a container is root on
# the node's kernel: one kernel or runtime bug, or one hostPath mount, away from the node.

import data.lib.containers
import data.lib.kubernetes as k8s

workload := sprintf("%s `%s`", [input.document.kind, object.get(input.document, ["metadata", "name"], "?")])

pod_sc := containers.object_or_empty(object.get(k8s.pod_spec, "securityContext", {}))

sc(c) := containers.object_or_empty(object.get(c, "securityContext", {}))

# The user a container runs as when one is declared (the container's setting wins).
effective_user(c) := sc(c).runAsUser if has_number(sc(c), "runAsUser")

effective_user(c) := pod_sc.runAsUser if not has_number(sc(c), "runAsUser")

effective_nonroot(c) := sc(c).runAsNonRoot if is_boolean(object.get(sc(c), "runAsNonRoot", null))

effective_nonroot(c) := pod_sc.runAsNonRoot if not is_boolean(object.get(sc(c), "runAsNonRoot", null))

has_number(obj, key) if is_number(object.get(obj, key, null))

runs_as_non_zero(c) if {
	u := effective_user(c)
	is_number(u)
	u != 0
}

# The settings that put a container at root, each with the value that does, the type of a
# container's own value that overrides the pod's, and what to say at container ("%s: container
# `%s` ...", workload and container) and at pod level ("%s ... %s", workload and the
# containers that inherit it). runAsGroup: 0 makes the process's primary group root, so it
# reads and writes every group-root file of the image (and of mounted volumes), even as a
# non-root user.
root_settings := {
	"runAsUser": {
		"value": 0,
		"own": "number",
		"container": "%s: container `%s` runs as root (securityContext.runAsUser: 0)",
		"pod": "%s: the pod runs as root (securityContext.runAsUser: 0), which applies to container(s) %s",
	},
	"runAsNonRoot": {
		"value": false,
		"own": "boolean",
		"container": "%s: container `%s` sets runAsNonRoot: false and no non-zero runAsUser, so it runs as the image's user (often root)",
		"pod": "%s: the pod sets runAsNonRoot: false, so container(s) %s run as the image's user (often root)",
	},
	"runAsGroup": {
		"value": 0,
		"own": "number",
		"container": "%s: container `%s` runs with the root group (securityContext.runAsGroup: 0)",
		"pod": "%s: the pod runs with the root group (securityContext.runAsGroup: 0), which applies to container(s) %s",
	},
}

# runAsNonRoot: false is moot for a container that runs as a non-zero user anyway.
moot(key, c) if {
	key == "runAsNonRoot"
	runs_as_non_zero(c)
}

# Set on the container.
deny contains v if {
	some [path, c] in k8s.containers
	some key, s in root_settings
	sc(c)[key] == s.value
	not moot(key, c)
	v := {
		"msg": sprintf(s.container, [workload, object.get(c, "name", "?")]),
		"path": array.concat(path, ["securityContext", key]),
	}
}

# Set on the pod, for the containers that do not override it.
deny contains v if {
	some key, s in root_settings
	pod_sc[key] == s.value
	names := [object.get(c, "name", "?") |
		some [_, c] in k8s.containers
		type_name(object.get(sc(c), key, null)) != s.own
		not moot(key, c)
	]
	count(names) > 0
	v := {
		"msg": sprintf(s.pod, [workload, concat(", ", names)]),
		"path": array.concat(k8s.pod_spec_path, ["securityContext", key]),
	}
}

# Nothing said at all: no runAsNonRoot and no runAsUser at either level.
deny contains v if {
	not windows_pod
	some [path, c] in k8s.containers
	not is_boolean(effective_nonroot(c))
	not is_number(effective_user(c))
	v := {
		"msg": sprintf("%s: container `%s` is not required to run as non-root (no runAsNonRoot: true or runAsUser at pod or container level); it runs as the image's user, often root", [workload, object.get(c, "name", "?")]),
		"path": path,
	}
}

windows_pod if object.get(input.document, array.concat(k8s.pod_spec_path, ["os", "name"]), "") == "windows"
