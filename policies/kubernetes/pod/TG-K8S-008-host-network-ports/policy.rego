# METADATA
# title: Pod uses the host network or binds host ports
# description: >-
#   With `hostNetwork: true` the pod shares the node's network stack: it can bind any node port,
#   reach services listening on the node's loopback (kubelet, etcd on control-plane nodes) and
#   sniff node traffic, and NetworkPolicies no longer isolate it. A container port with `hostPort`
#   is reachable on every address of the node, bypassing Services and NetworkPolicies; on a
#   restricted port (SSH, databases, Docker, kubelet...) it is high risk, any other hostPort is
#   medium. Both are disallowed by the baseline Pod Security Standard.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/
#   - https://kubernetes.io/docs/concepts/configuration/overview/#services
# custom:
#   id: TG-K8S-008
#   severity: high
#   remediation: >-
#     Remove `hostNetwork: true` and `hostPort`, and expose the workload through a Service
#     (ClusterIP, or NodePort/LoadBalancer/Ingress when it must be reachable from outside)
#     restricted by NetworkPolicies. Only node-level agents (CNI, kube-proxy) should use the host
#     network.
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
#     - CKV_K8S_19
#     - CKV_K8S_26
#     - AVD-KSV-0009
#     - kubernetes-no-host-network
#     - AVD-KSV-0024
#     - kubernetes-no-host-port-access
package tollgate.kubernetes.pod.host_network_ports

# hostNetwork puts the pod in the node's network namespace and hostPort binds a port on the
# node itself: both bypass Services and NetworkPolicies and expose the pod on the node's
# addresses.

import data.lib.containers
import data.lib.kubernetes as k8s
import data.lib.net

workload := sprintf("%s `%s`", [input.document.kind, object.get(input.document, ["metadata", "name"], "?")])

host_network if object.get(k8s.pod_spec, "hostNetwork", false) == true

deny contains v if {
	host_network
	v := {
		"msg": sprintf("%s: the pod runs in the node's network namespace (hostNetwork: true)", [workload]),
		"path": array.concat(k8s.pod_spec_path, ["hostNetwork"]),
	}
}

# With hostNetwork every container port is already a host port: the finding above covers it.
deny contains v if {
	not host_network
	some [path, c] in k8s.containers
	some j, p in containers.array_or_empty(object.get(c, "ports", []))
	port := p.hostPort
	is_number(port)
	port > 0
	v := {
		"msg": sprintf("%s: container `%s` binds host port %s", [workload, object.get(c, "name", "?"), describe(port)]),
		"path": array.concat(path, ["ports", j, "hostPort"]),
	}
}

describe(port) := sprintf("%s, a restricted port (high)", [net.describe(port)]) if net.restricted_ports[port]

describe(port) := sprintf("%d (medium)", [port]) if not net.restricted_ports[port]
