# METADATA
# title: Restricted port open to the internet
# description: >-
#   A network rule lets the whole internet (0.0.0.0/0 or ::/0; also any IPv4 prefix shorter than
#   /8, e.g. 1.2.3.4/5, and any IPv6 prefix shorter than /16: ranges of over 16 million addresses
#   that no one means as "our network"; a /8 such as 10.0.0.0/8 and anything narrower is not
#   reported) reach a port whose service must not face it: remote administration (SSH, RDP, Telnet, VNC),
#   file sharing (SMB, NetBIOS, FTP), databases, caches, search engines, message brokers and
#   container or cluster control planes (lib.net lists them). These are scanned continuously;
#   an exposed one is brute-forced or exploited within hours. One check over every ingress rule
#   the file declares: security groups, security group rules and VPC security group ingress
#   rules in Terraform and CloudFormation, ports a compose service publishes on every host
#   interface, and Kubernetes LoadBalancer services without source ranges. Network ACL entries
#   stay TG-AWS-004, whose deny-rule ordering needs rule numbers.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
#   - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19
#   - https://docs.docker.com/network/#published-ports
#   - https://kubernetes.io/docs/concepts/services-networking/service/#aws-nlb-support
# custom:
#   id: TG-NET-001
#   severity: high
#   remediation: >-
#     Allow the port only from the addresses that need it (a VPN or office range, a bastion's
#     security group, a load balancer's security group), or reach the service through AWS
#     Systems Manager Session Manager, a VPN or a private endpoint. In compose bind the port to
#     127.0.0.1 (`127.0.0.1:5432:5432`) or do not publish it; in Kubernetes set
#     loadBalancerSourceRanges or use an internal load balancer.
#   kinds: [terraform, cloudformation, kubernetes, docker-compose, ansible]
#   inputs: [facet:ingress]
#   aliases:
#     - TG-AWS-001
#     - TG-AWS-002
#     - TG-AWS-003
#     - TG-COMPOSE-001
#     - TG-K8S-009
#     - CKV_AWS_24
#     - CKV_AWS_25
#     - CKV_AWS_277
#     - AVD-AWS-0107
#     - aws-ec2-no-public-ingress-sgr
#   # checkov's checks cover one port each (22, 3389) or every port (-1): a finding names them
#   # in its `parts`, and their skip markers suppress those parts only.
#   partial_aliases: [CKV_AWS_24, CKV_AWS_25, CKV_AWS_277]
package tollgate.common.network.restricted_port_open_to_world

import data.lib.aws
import data.lib.net

# AWS rules: one finding per attribute holding public CIDRs (`cidr_blocks`, `CidrIp`), naming
# them all.
deny contains v if {
	some at, items in aws_groups
	first := items[0]
	cidrs := {item.cidr | some item in items}
	# One attribute can serve several port ranges (Ansible's `ports: [22, 3389]`).
	merged := object.union(first, {"ports": union({item.ports | some item in items})})
	v := {
		"msg": sprintf("%s allows %s from %s", [aws_label(first), exposure(merged), concat(", ", sort(cidrs))]),
		"path": at,
		"parts": aws_parts(items, merged.ports),
	}
}

# The checkov checks that would each report part of an AWS finding: SSH (CKV_AWS_24) and RDP
# (CKV_AWS_25) when those ports are open, and CKV_AWS_277 (checkov's "port -1" check) when a
# rule opens every port: protocol all/-1, or the full range 0-65535.
aws_parts(items, ports) := [[id] | some id in sort(port_parts | all_port_parts)] if {
	port_parts := {check | some port, check in {22: "CKV_AWS_24", 3389: "CKV_AWS_25"}; port in ports}
	all_port_parts := {"CKV_AWS_277" | some item in items; opens_every_port(item)}
}

opens_every_port(item) if item.protocol == "all"

opens_every_port(item) if {
	item.from_port == 0
	item.to_port == 65535
}

# Compose and Kubernetes: one finding per published port.
deny contains v if {
	some at, items in service_groups
	first := items[0]
	v := {
		"msg": service_message(first, items),
		"path": at,
	}
}

# "all traffic (every protocol and port)", "all TCP ports (0-65535, including SSH (22), ...)",
# or the ports, SSH and RDP first (summarised when there are many).
exposure(item) := "all traffic (every protocol and port)" if {
	item.protocol == "all"
} else := aws.describe_range(item.from_port, item.to_port, item.ports, item.protocol)

# The items of each blamed node (each blame computed once, so a template with hundreds of
# rules stays cheap).
aws_blamed := [[aws_blame(item), item] | some item in aws_items]

aws_groups[at] := [item | some [p, item] in aws_blamed; p == at] if some [at, _] in aws_blamed

service_groups[at] := [item | some item in service_items; item.path == at] if some at in {item.path | some item in service_items}

aws_origins := {
	"terraform security group": "Security group",
	"terraform security group rule": "Security group rule",
	"terraform vpc security group ingress rule": "Security group ingress rule",
	"cloudformation security group": "Security group",
	"cloudformation security group ingress": "Security group ingress",
	"ansible security group": "Security group",
}

# Allowed from a public CIDR, with the restricted ports it opens.
aws_items contains object.union(item, {"ports": ports}) if {
	some item in input.facets.ingress
	aws_origins[item.origin]
	item.action == "allow"
	aws.public_cidr(item.cidr)
	ports := aws_ports(item)
	count(ports) > 0
}

# Every protocol opens every port; TCP and UDP rules open the restricted ports in their range.
aws_ports(item) := net.restricted_in_range(0, 0, "-1") if {
	item.protocol == "all"
} else := net.restricted_in_range(item.from_port, item.to_port, "tcp") if {
	item.protocol in {"tcp", "udp"}
	is_number(item.from_port)
	is_number(item.to_port)
} else := set()

# The attribute holding the CIDR: a list element's list (`cidr_blocks`), else the CIDR itself.
aws_blame(item) := array.slice(item.cidr_path, 0, count(item.cidr_path) - 1) if {
	is_number(item.cidr_path[count(item.cidr_path) - 1])
} else := item.cidr_path

# "Security group `web`", from the item's resource ("aws_security_group.web",
# "AWS::EC2::SecurityGroup WebSG").
aws_label(item) := sprintf("%s `%s`", [aws_origins[item.origin], name]) if {
	parts := regex.split(`[. ]`, item.resource)
	name := parts[count(parts) - 1]
}

# Only UDP services in lib.net that run over UDP count for a UDP binding.
udp_services := {137, 138}

service_items contains object.union(item, {"ports": ports}) if {
	some item in input.facets.ingress
	item.origin in {"compose ports", "kubernetes service LoadBalancer"}
	item.action == "allow"
	net.is_public(item.cidr)
	is_number(item.from_port)
	is_number(item.to_port)
	ports := {p |
		some p in net.restricted_in_range(item.from_port, item.to_port, "tcp")
		served_over(p, item.protocol)
	}
	count(ports) > 0
}

served_over(_, "tcp") := true

served_over(p, "udp") if p in udp_services

service_message(first, _) := sprintf("Service `%s` publishes %s on all host interfaces; bind it to 127.0.0.1 or do not publish it", [service_name(first), net.describe_all(first.ports)]) if {
	first.origin == "compose ports"
}

service_message(first, items) := sprintf("Service `%s` (type LoadBalancer) exposes %s and %s", [service_name(first), net.describe_all(first.ports), why]) if {
	first.origin == "kubernetes service LoadBalancer"
	why := source_ranges(items)
}

source_ranges(items) := "has no loadBalancerSourceRanges" if {
	no_source_ranges(items)
} else := sprintf("allows %s in loadBalancerSourceRanges", [sort({item.cidr | some item in items})[0]])

# With no source range the facet gives 0.0.0.0/0 and no cidr_path. (A helper, so that no body
# before the `else` above iterates: regorus's bytecode VM skips an `else` after a loop that
# found nothing, see src/policy/vm_compat.rs.)
no_source_ranges(items) if {
	some item in items
	item.cidr_path == null
	item.cidr == "0.0.0.0/0"
}

service_name(item) := substring(item.resource, indexof(item.resource, " ") + 1, -1)
