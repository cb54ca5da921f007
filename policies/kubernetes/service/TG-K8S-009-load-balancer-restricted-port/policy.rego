# METADATA
# title: LoadBalancer Service exposes a restricted port to the internet
# description: >-
#   A `type: LoadBalancer` Service without `spec.loadBalancerSourceRanges` (or with 0.0.0.0/0 in
#   it) is reachable from any address on the internet. When one of its ports is a
#   remote-administration, database, cache, search or control-plane port (SSH, RDP, PostgreSQL,
#   MySQL, Redis, Elasticsearch, etcd, the kubelet...), the service faces constant credential
#   stuffing and exploitation of unauthenticated defaults.
# related_resources:
#   - https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer
#   - https://kubernetes.io/docs/tasks/access-application-cluster/configure-cloud-provider-firewall/
# custom:
#   id: TG-K8S-009
#   severity: high
#   remediation: >-
#     Keep such services on a ClusterIP Service reached through a VPN, bastion or private network;
#     if a load balancer is required, make it internal (for example
#     `service.beta.kubernetes.io/aws-load-balancer-scheme: internal` or
#     `networking.gke.io/load-balancer-type: Internal`) or set `spec.loadBalancerSourceRanges` to
#     the specific CIDRs that need access.
#   kinds: [kubernetes]
package tollgate.kubernetes.service.load_balancer_restricted_port

# A Service of type LoadBalancer gets a cloud load balancer with a public address unless it is
# marked internal or restricted with loadBalancerSourceRanges: exposing SSH, a database or a
# control plane through it puts that service on the internet.

import data.lib.containers
import data.lib.net

annotations := containers.object_or_empty(object.get(input.document, ["metadata", "annotations"], {}))

# Provider annotations that make the load balancer internal (private addresses only).
internal_annotations := {
	"service.beta.kubernetes.io/aws-load-balancer-internal": {"true", "0.0.0.0/0"},
	"service.beta.kubernetes.io/aws-load-balancer-scheme": {"internal"},
	"networking.gke.io/load-balancer-type": {"internal"},
	"cloud.google.com/load-balancer-type": {"internal"},
	"service.beta.kubernetes.io/azure-load-balancer-internal": {"true"},
	"service.beta.kubernetes.io/oci-load-balancer-internal": {"true"},
	"service.beta.kubernetes.io/openstack-internal-load-balancer": {"true"},
	"service.beta.kubernetes.io/do-loadbalancer-type": {"private"},
}

internal if {
	some key, values in internal_annotations
	value := annotations[key]
	lower(sprintf("%v", [value])) in values
}

# The allowed client ranges: spec.loadBalancerSourceRanges, or the legacy annotation
# (comma-separated) when the field is absent.
source_ranges := ranges if {
	ranges := input.document.spec.loadBalancerSourceRanges
	is_array(ranges)
}

source_ranges := [trim_space(r) | some r in split(text, ",")] if {
	not is_array(input.document.spec.loadBalancerSourceRanges)
	text := annotations["service.beta.kubernetes.io/load-balancer-source-ranges"]
	is_string(text)
}

open_to_world := "has no loadBalancerSourceRanges" if {
	not source_ranges
}

open_to_world := "has no loadBalancerSourceRanges" if {
	is_array(source_ranges)
	count([r | some r in source_ranges; is_string(r); trim_space(r) != ""]) == 0
}

open_to_world := sprintf("allows %s in loadBalancerSourceRanges", [r]) if {
	public := [r | some r in source_ranges; is_string(r); net.is_public(r)]
	count(public) > 0
	r := public[0]
}

port_number(p) := p if is_number(p)

port_number(p) := to_number(p) if {
	is_string(p)
	regex.match(`^[0-9]+$`, p)
}

deny contains v if {
	input.document.kind == "Service"
	input.document.spec.type == "LoadBalancer"
	not internal
	why := open_to_world
	some j, p in containers.array_or_empty(object.get(input.document.spec, "ports", []))
	port := port_number(p.port)
	net.restricted_ports[port]
	served_over(port, upper(sprintf("%v", [object.get(p, "protocol", "TCP")])))
	v := {
		"msg": sprintf("Service `%s` (type LoadBalancer) exposes %s and %s", [
			object.get(input.document, ["metadata", "name"], "?"),
			net.describe(port),
			why,
		]),
		"path": ["spec", "ports", j],
	}
}

# The restricted services are TCP services, except NetBIOS name and datagram (UDP).
served_over(_, "TCP") := true

served_over(port, "UDP") if port in {137, 138}
