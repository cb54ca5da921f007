# METADATA
# title: Network ACL allows a restricted port from the internet
# description: >-
#   An ingress network ACL entry allows a restricted port (remote administration, file sharing, a
#   database, cache, search engine or cluster control plane) from 0.0.0.0/0 or ::/0, and no
#   lower-numbered deny entry of the same ACL blocks it first. (An allow for the ephemeral
#   return-traffic range, such as 1024-65535, is not reported: stateless ACLs need it for
#   replies.) The ACL then offers no defence in depth: one permissive security group in the subnet
#   is enough to expose the service to the internet. Protocol -1 allows every port.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
#   - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-21
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/network_acl_rule
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-networkaclentry.html
# custom:
#   id: TG-AWS-004
#   severity: high
#   remediation: >-
#     Restrict the entry's cidr_block / ipv6_cidr_block (CloudFormation: CidrBlock /
#     Ipv6CidrBlock) to trusted ranges, narrow its port range to the public service ports (e.g.
#     443 and the ephemeral return range), or add lower-numbered deny entries for the
#     administrative and database ports.
#   kinds: [terraform, cloudformation]
#   inputs:
#     - resource:AWS::EC2::NetworkAclEntry
#     - resource:aws_default_network_acl
#     - resource:aws_network_acl
#     - resource:aws_network_acl_rule
#   aliases:
#     - CKV_AWS_229
#     - CKV_AWS_230
#     - CKV_AWS_231
#     - CKV_AWS_232
#     - AVD-AWS-0105
#     - aws-ec2-no-public-ingress-acl
#   # checkov checks one port each (FTP 21, FTP data 20, RDP 3389, SSH 22): a finding names them
#   # in its `parts`, and their skip markers suppress those parts only.
#   partial_aliases: [CKV_AWS_229, CKV_AWS_230, CKV_AWS_231, CKV_AWS_232]
package tollgate.aws.ec2.network_acl_restricted_ports

# Network ACL ingress entries that allow a restricted port from the whole internet. A network
# ACL is the subnet's stateless firewall: an allow entry for 0.0.0.0/0 on SSH, RDP or a
# database port lets the internet reach every instance in the subnet whose security group
# also permits it. Entries are evaluated in rule-number order, so a port already denied
# from the same (or every) source by a lower-numbered deny entry of the same ACL is not
# reported, nor is the ephemeral port range that stateless ACLs must open for return traffic.

import data.lib.aws
import data.lib.guard
import data.lib.terraform as tf

cidr_attrs := {"cidr_block": "ipv4", "ipv6_cidr_block": "ipv6"}

cfn_cidr_attrs := {"CidrBlock": "ipv4", "Ipv6CidrBlock": "ipv6"}

ingress(egress) if egress in {false, "false"}

# Restricted ports an entry covers. Network ACLs are stateless, so a subnet whose instances
# open outbound connections must allow the replies back in on the ephemeral port range
# (1024-65535, 32768-65535, 49152-65535 from 0.0.0.0/0): AWS's own recommended rule set. Such
# a return-traffic range is not reported, although it technically spans restricted ports.
ports(from, to, protocol) := set() if {
	aws.port_protocol(protocol)
	aws.literal_port(from)
	aws.literal_port(to)
	to_number(from) >= 1024
	to_number(to) == 65535
	to_number(to) - to_number(from) >= 16383
} else := aws.exposed_ports(from, to, protocol)

action(a) := lower(a) if is_string(a)

# Every ingress entry with a CIDR, normalised:
#   {"acl": which ACL, "label", "number": rule number, "action": "allow"|"deny", "protocol",
#    "cidr", "family": "ipv4"|"ipv6", "ports": restricted ports it covers, "range": [from, to]
#    as written, "path"}
entries contains e if {
	input.kind == "terraform"
	some name, r in tf.resources("aws_network_acl_rule")
	ingress(object.get(r, "egress", false))
	some attr, family in cidr_attrs
	cidr := r[attr]
	e := {
		"acl": object.get(r, "network_acl_id", name),
		"label": sprintf("Network ACL rule `%s`", [name]),
		"number": object.get(r, "rule_number", null),
		"action": action(object.get(r, "rule_action", null)),
		"cidr": cidr,
		"family": family,
		"protocol": object.get(r, "protocol", null),
		"ports": ports(object.get(r, "from_port", null), object.get(r, "to_port", null), object.get(r, "protocol", null)),
		"range": [object.get(r, "from_port", null), object.get(r, "to_port", null)],
		"path": ["resource", "aws_network_acl_rule", name, attr],
	}
}

entries contains e if {
	input.kind == "terraform"
	some type, what in {"aws_network_acl": "Network ACL", "aws_default_network_acl": "Default network ACL"}
	some name, acl in tf.resources(type)
	some i, r in guard.blocks(acl, "ingress")
	some attr, family in cidr_attrs
	cidr := r[attr]
	e := {
		"acl": [type, name],
		"label": sprintf("%s `%s`", [what, name]),
		"number": object.get(r, "rule_no", null),
		"action": action(object.get(r, "action", null)),
		"cidr": cidr,
		"family": family,
		"protocol": object.get(r, "protocol", null),
		"ports": ports(object.get(r, "from_port", null), object.get(r, "to_port", null), object.get(r, "protocol", null)),
		"range": [object.get(r, "from_port", null), object.get(r, "to_port", null)],
		"path": ["resource", type, name, "ingress", i, attr],
	}
}

entries contains e if {
	input.kind == "cloudformation"
	some id, r in guard.cfn_resources("AWS::EC2::NetworkAclEntry")
	p := guard.cfn_properties(r)
	ingress(object.get(p, "Egress", false))
	some attr, family in cfn_cidr_attrs
	cidr := p[attr]
	e := {
		"acl": object.get(p, "NetworkAclId", id),
		"label": sprintf("Network ACL entry `%s`", [id]),
		"number": object.get(p, "RuleNumber", null),
		"action": action(object.get(p, "RuleAction", null)),
		"cidr": cidr,
		"family": family,
		"protocol": object.get(p, "Protocol", null),
		"ports": ports(object.get(p, ["PortRange", "From"], null), object.get(p, ["PortRange", "To"], null), object.get(p, "Protocol", null)),
		"range": [object.get(p, ["PortRange", "From"], null), object.get(p, ["PortRange", "To"], null)],
		"path": ["Resources", id, "Properties", attr],
	}
}

# A deny entry evaluated before `a` (lower rule number) for the same source: the same CIDR,
# or everything of the address family.
shadows(d, a) if {
	d.acl == a.acl
	d.action == "deny"
	d.family == a.family
	aws.literal_port(d.number)
	aws.literal_port(a.number)
	to_number(d.number) < to_number(a.number)
	d.cidr in {a.cidr, "0.0.0.0/0", "::/0"}
}

deny contains v if {
	some a in entries
	a.action == "allow"
	aws.public_cidr(a.cidr)
	count(a.ports) > 0
	denied := {p | some d in entries; shadows(d, a); some p in d.ports}
	open := a.ports - denied
	count(open) > 0
	v := {
		"msg": sprintf("%s (rule %v) allows %s from %s", [a.label, a.number, describe(a, open), a.cidr]),
		"path": a.path,
		"parts": checkov_parts(open),
	}
}

# checkov's network ACL checks, one port each: the parts of a finding that opens those ports.
checkov_ports := {21: "CKV_AWS_229", 20: "CKV_AWS_230", 3389: "CKV_AWS_231", 22: "CKV_AWS_232"}

checkov_parts(open) := [[id] | some id in sort(ids)] if {
	ids := {check | some port, check in checkov_ports; port in open}
}

describe(a, open) := aws.describe_range(a.range[0], a.range[1], open, a.protocol) if {
	open == a.ports
} else := aws.describe_exposure(open, "tcp")
