# METADATA
# title: Pod mounts a hostPath volume
# description: >-
#   A hostPath volume exposes part of the node's filesystem to the pod. Mounting `/`, `/etc`,
#   `/root`, `/proc`, `/var/lib/kubelet` or the container runtime socket (`/var/run/docker.sock`,
#   containerd, CRI-O) lets the pod read node credentials, rewrite node configuration or start
#   privileged containers: a full node takeover (high). Other hostPaths still break isolation
#   between pods and the node and are disallowed by the baseline Pod Security Standard (medium).
# related_resources:
#   - https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
# custom:
#   id: TG-K8S-004
#   severity: high
#   remediation: >-
#     Use a `persistentVolumeClaim`, `emptyDir`, `configMap`, `secret` or `projected` volume
#     instead. If a node agent (log shipper, CSI driver) really needs a host directory, mount the
#     narrowest directory with `readOnly: true`, never the runtime socket or `/`, and run it in a
#     dedicated namespace with an explicit Pod Security exemption.
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
#     - CKV_K8S_27
#     - AVD-KSV-0023
#     - kubernetes-no-mounted-hostpath
#     - AVD-KSV-0006
#     - kubernetes-no-docker-sock-mount
package tollgate.kubernetes.pod.host_path_volume

# hostPath volumes mount a directory of the node into the pod. Sensitive paths (the root
# filesystem, /etc, the container runtime socket, /proc, the kubelet's state) hand the pod
# control of the node; any hostPath breaks pod isolation and pins the pod to node state.

import data.lib.containers
import data.lib.kubernetes as k8s

# Directories that contain all of the below: sensitive when mounted themselves.
sensitive_parents := {"/", "/var", "/var/lib", "/var/run", "/run"}

# Host paths that give control of the node; a path is sensitive when it is one of these or
# lies under one ("/etc/kubernetes/pki", "/var/lib/kubelet/pods").
sensitive_paths := {
	"/etc",
	"/root",
	"/proc",
	"/sys",
	"/boot",
	"/dev",
	"/var/lib/kubelet",
	"/var/run/docker.sock",
	"/run/docker.sock",
	"/var/run/containerd",
	"/run/containerd",
	"/var/run/crio",
	"/run/crio",
	"/var/lib/docker",
	"/var/lib/containerd",
}

normalize(p) := "/" if trim_right(p, "/") == ""

normalize(p) := trim_right(p, "/") if trim_right(p, "/") != ""

sensitive(p) if normalize(p) in sensitive_parents

sensitive(p) if {
	some s in sensitive_paths
	n := normalize(p)
	any_match(n, s)
}

any_match(n, s) if n == s

any_match(n, s) if startswith(n, concat("", [s, "/"]))

workload := sprintf("%s `%s`", [input.document.kind, object.get(input.document, ["metadata", "name"], "?")])

deny contains v if {
	some i, vol in containers.array_or_empty(object.get(k8s.pod_spec, "volumes", []))
	host_path := vol.hostPath.path
	is_string(host_path)
	v := {
		"msg": sprintf(mounts(host_path), [workload, object.get(vol, "name", "?"), host_path]),
		"path": array.concat(k8s.pod_spec_path, ["volumes", i, "hostPath", "path"]),
	}
}

# What a hostPath mount means: control of the node (high) for a sensitive path, broken
# isolation (medium) for any other.
mounts(p) := "%s: volume `%s` mounts the sensitive host path %s, which gives the pod control of the node (high)" if sensitive(p)

mounts(p) := "%s: volume `%s` mounts the host path %s (medium: breaks pod/node isolation)" if not sensitive(p)
