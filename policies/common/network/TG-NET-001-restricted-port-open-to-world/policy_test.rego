package tollgate.common.network.restricted_port_open_to_world_test

import data.tollgate.common.network.restricted_port_open_to_world as p

facets(ingress) := {"scripts": [], "images": [], "env": [], "ingress": ingress, "iam_statements": []}

rule(origin, resource, protocol, from, to, cidr, cidr_path) := {
	"path": ["r"], "direction": "ingress", "from_port": from, "to_port": to, "protocol": protocol,
	"cidr": cidr, "cidr_path": cidr_path, "action": "allow", "resource": resource, "origin": origin,
}

deny(ingress) := found if {
	found := p.deny with input as {"kind": "terraform", "document": {}, "facets": facets(ingress)}
}

test_security_group_cidrs_of_one_attribute_are_one_finding if {
	deny([
		rule("terraform security group", "aws_security_group.web", "tcp", 22, 22, "10.0.0.0/8", ["r", "cidr_blocks", 0]),
		rule("terraform security group", "aws_security_group.web", "tcp", 22, 22, "0.0.0.0/0", ["r", "cidr_blocks", 1]),
		rule("terraform security group", "aws_security_group.web", "tcp", 22, 22, "0.0.0.0/1", ["r", "cidr_blocks", 2]),
	]) == {{"msg": "Security group `web` allows SSH (22) from 0.0.0.0/0, 0.0.0.0/1", "path": ["r", "cidr_blocks"], "parts": [["CKV_AWS_24"]]}}
}

# Which of checkov's partial checks (partial_aliases) each finding stands for.
test_parts_name_the_checkov_checks_a_finding_covers if {
	parts(rule("terraform security group rule", "aws_security_group_rule.ssh", "tcp", 22, 22, "0.0.0.0/0", ["r", "cidr_blocks", 0])) == [["CKV_AWS_24"]]
	parts(rule("terraform security group rule", "aws_security_group_rule.rdp", "tcp", 3389, 3389, "0.0.0.0/0", ["r", "cidr_blocks", 0])) == [["CKV_AWS_25"]]
	parts(rule("terraform security group rule", "aws_security_group_rule.admin", "tcp", 20, 4000, "0.0.0.0/0", ["r", "cidr_blocks", 0])) == [["CKV_AWS_24"], ["CKV_AWS_25"]]
	parts(rule("terraform security group rule", "aws_security_group_rule.db", "tcp", 5432, 5432, "0.0.0.0/0", ["r", "cidr_blocks", 0])) == []
	every_port := [["CKV_AWS_24"], ["CKV_AWS_25"], ["CKV_AWS_277"]]
	parts(rule("terraform security group rule", "aws_security_group_rule.wide", "tcp", 0, 65535, "0.0.0.0/0", ["r", "cidr_blocks", 0])) == every_port
	parts(rule("terraform security group", "aws_security_group.all", "all", null, null, "0.0.0.0/0", ["r", "cidr_blocks", 0])) == every_port
}

parts(item) := v.parts if some v in deny([item])

test_all_protocols_and_ranges if {
	{v.msg | some v in deny([rule("cloudformation security group ingress", "AWS::EC2::SecurityGroupIngress Open", "all", null, null, "::/0", ["r", "CidrIpv6"])])} == {"Security group ingress `Open` allows all traffic (every protocol and port) from ::/0"}
	{v.msg | some v in deny([rule("terraform security group rule", "aws_security_group_rule.ftp", "tcp", 20, 23, "0.0.0.0/0", ["r", "cidr_blocks", 0])])} == {"Security group rule `ftp` allows SSH (22), FTP data (20), FTP (21), Telnet (23) from 0.0.0.0/0"}
	{v.msg | some v in deny([rule("terraform security group rule", "aws_security_group_rule.wide", "tcp", 0, 65535, "1.2.3.4/5", ["r", "cidr_blocks", 0])])} == {"Security group rule `wide` allows all TCP ports (0-65535, including SSH (22), RDP (3389), FTP data (20)) from 1.2.3.4/5"}
	{v.msg | some v in deny([rule("terraform security group rule", "aws_security_group_rule.many", "tcp", 1, 6000, "0.0.0.0/0", ["r", "cidr_blocks", 0])])} == {"Security group rule `many` allows 21 restricted ports, including SSH (22), RDP (3389), FTP data (20) from 0.0.0.0/0"}
}

test_safe_rules_pass if {
	count(deny([
		rule("terraform security group", "aws_security_group.web", "tcp", 443, 443, "0.0.0.0/0", ["r", "cidr_blocks", 0]),
		rule("terraform security group", "aws_security_group.web", "tcp", 22, 22, "10.0.0.0/8", ["r", "cidr_blocks", 0]),
		rule("terraform security group", "aws_security_group.web", "icmp", -1, -1, "0.0.0.0/0", ["r", "cidr_blocks", 0]),
		rule("terraform security group", "aws_security_group.web", "tcp", "${var.port}", "${var.port}", "0.0.0.0/0", ["r", "cidr_blocks", 0]),
		rule("terraform security group", "aws_security_group.web", "tcp", 22, 22, "${var.cidr}", ["r", "cidr_blocks", 0]),
		rule("terraform network acl", "aws_network_acl.a", "all", null, null, "0.0.0.0/0", ["r", "cidr_block"]),
		rule("kubernetes service NodePort", "Service db", "tcp", 5432, 5432, "0.0.0.0/0", null),
		object.union(rule("terraform security group", "aws_security_group.web", "tcp", 22, 22, "0.0.0.0/0", ["r", "cidr_blocks", 0]), {"action": "deny"}),
	])) == 0
}

test_compose_and_kubernetes_services if {
	{v.msg | some v in deny([rule("compose ports", "service db", "tcp", 5432, 5432, "0.0.0.0/0", null)])} == {"Service `db` publishes PostgreSQL (5432) on all host interfaces; bind it to 127.0.0.1 or do not publish it"}
	count(deny([rule("compose ports", "service dns", "udp", 53, 53, "0.0.0.0/0", null), rule("compose ports", "service ssh", "udp", 22, 22, "0.0.0.0/0", null)])) == 0
	{v.msg | some v in deny([rule("kubernetes service LoadBalancer", "Service db", "tcp", 5432, 5432, "0.0.0.0/0", null)])} == {"Service `db` (type LoadBalancer) exposes PostgreSQL (5432) and has no loadBalancerSourceRanges"}
	{v.msg | some v in deny([
		rule("kubernetes service LoadBalancer", "Service db", "tcp", 5432, 5432, "10.0.0.0/8", ["spec", "loadBalancerSourceRanges", 0]),
		rule("kubernetes service LoadBalancer", "Service db", "tcp", 5432, 5432, "0.0.0.0/0", ["spec", "loadBalancerSourceRanges", 1]),
	])} == {"Service `db` (type LoadBalancer) exposes PostgreSQL (5432) and allows 0.0.0.0/0 in loadBalancerSourceRanges"}
}
