package tollgate.aws.ec2.network_acl_restricted_ports_test

import data.tollgate.aws.ec2.network_acl_restricted_ports as p

rule(n, action, cidr, from, to) := {
	"network_acl_id": "${aws_network_acl.public.id}", "rule_number": n, "egress": false,
	"protocol": "tcp", "rule_action": action, "cidr_block": cidr, "from_port": from, "to_port": to,
}

test_ssh_allowed_from_world if {
	rules := {"ssh": rule(100, "allow", "0.0.0.0/0", 22, 22), "https": rule(110, "allow", "0.0.0.0/0", 443, 443)}
	p.deny == {{
		"msg": "Network ACL rule `ssh` (rule 100) allows SSH (22) from 0.0.0.0/0",
		"path": ["resource", "aws_network_acl_rule", "ssh", "cidr_block"],
		"parts": [["CKV_AWS_232"]],
	}} with input as {"kind": "terraform", "document": {"resource": {"aws_network_acl_rule": rules}}}
}

test_lower_deny_shadows_allow if {
	rules := {
		"deny_admin": rule(90, "deny", "0.0.0.0/0", 0, 10000),
		"allow_all": object.union(rule(100, "allow", "0.0.0.0/0", 0, 0), {"protocol": "-1"}),
	}
	{v.msg | some v in p.deny} == {"Network ACL rule `allow_all` (rule 100) allows Kubelet API (10250), Memcached (11211), MongoDB (27017) from 0.0.0.0/0"} with input as {"kind": "terraform", "document": {"resource": {"aws_network_acl_rule": rules}}}
}

# The parts name checkov's per-port checks for the ports still open after shadowing deny rules.
test_parts_name_checkov_port_checks if {
	rules := {
		"deny_ssh": rule(90, "deny", "0.0.0.0/0", 22, 22),
		"ftp_to_rdp": rule(100, "allow", "0.0.0.0/0", 20, 3389),
	}
	[v.parts | some v in p.deny] == [[["CKV_AWS_229"], ["CKV_AWS_230"], ["CKV_AWS_231"]]] with input as {"kind": "terraform", "document": {"resource": {"aws_network_acl_rule": rules}}}
}

test_higher_deny_does_not_shadow if {
	rules := {"ssh": rule(100, "allow", "0.0.0.0/0", 22, 22), "deny_ssh": rule(200, "deny", "0.0.0.0/0", 22, 22)}
	count(p.deny) == 1 with input as {"kind": "terraform", "document": {"resource": {"aws_network_acl_rule": rules}}}
}

test_inline_ingress_blocks if {
	acl := {"vpc_id": "${aws_vpc.main.id}", "ingress": [
		{"protocol": "tcp", "rule_no": 100, "action": "allow", "cidr_block": "0.0.0.0/0", "from_port": 443, "to_port": 443},
		{"protocol": "tcp", "rule_no": 110, "action": "allow", "cidr_block": "0.0.0.0/0", "from_port": 3389, "to_port": 3389},
		{"protocol": "tcp", "rule_no": 120, "action": "allow", "cidr_block": "10.0.0.0/16", "from_port": 22, "to_port": 22},
	]}
	p.deny == {{
		"msg": "Network ACL `public` (rule 110) allows RDP (3389) from 0.0.0.0/0",
		"path": ["resource", "aws_network_acl", "public", "ingress", 1, "cidr_block"],
		"parts": [["CKV_AWS_231"]],
	}} with input as {"kind": "terraform", "document": {"resource": {"aws_network_acl": {"public": acl}}}}
}

test_egress_and_ephemeral_pass if {
	rules := {
		"out": object.union(rule(100, "allow", "0.0.0.0/0", 0, 0), {"egress": true, "protocol": "-1"}),
		"ephemeral": rule(120, "allow", "0.0.0.0/0", 32768, 65535),
		"ephemeral_wide": rule(130, "allow", "0.0.0.0/0", 1024, 65535),
	}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": {"resource": {"aws_network_acl_rule": rules}}}
}

test_cloudformation_all_protocols if {
	doc := {"Resources": {
		"InboundAll": {"Type": "AWS::EC2::NetworkAclEntry", "Properties": {
			"NetworkAclId": {"Ref": "PublicAcl"}, "RuleNumber": 100, "Protocol": -1, "RuleAction": "allow",
			"Egress": false, "CidrBlock": "0.0.0.0/0",
		}},
		"OutboundAll": {"Type": "AWS::EC2::NetworkAclEntry", "Properties": {
			"NetworkAclId": {"Ref": "PublicAcl"}, "RuleNumber": 100, "Protocol": -1, "RuleAction": "allow",
			"Egress": true, "CidrBlock": "0.0.0.0/0",
		}},
	}}
	p.deny == {{
		"msg": "Network ACL entry `InboundAll` (rule 100) allows all traffic (every protocol and port) from 0.0.0.0/0",
		"path": ["Resources", "InboundAll", "Properties", "CidrBlock"],
		"parts": [["CKV_AWS_229"], ["CKV_AWS_230"], ["CKV_AWS_231"], ["CKV_AWS_232"]],
	}} with input as {"kind": "cloudformation", "document": doc}
}

test_wide_tcp_range_is_not_ephemeral if {
	rules := {"wide": rule(100, "allow", "0.0.0.0/0", 0, 65535)}
	count(p.deny) == 1 with input as {"kind": "terraform", "document": {"resource": {"aws_network_acl_rule": rules}}}
}
