package tollgate.aws.ec2.security_group_restricted_ports_test

import data.tollgate.aws.ec2.security_group_restricted_ports as p

tf(sg) := {"kind": "terraform", "document": {"resource": {"aws_security_group": {"web": sg}}}}

test_ssh_from_world if {
	sg := {"ingress": [
		{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]},
		{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/8", "0.0.0.0/0"]},
	]}
	p.deny == {{
		"msg": "Security group `web` allows SSH (22) from 0.0.0.0/0",
		"path": ["resource", "aws_security_group", "web", "ingress", 1, "cidr_blocks"],
	}} with input as tf(sg)
}

test_ipv6_and_all_protocols if {
	sg := {"ingress": [{"from_port": 0, "to_port": 0, "protocol": "-1", "ipv6_cidr_blocks": ["::/0"]}]}
	some v in p.deny with input as tf(sg)
	v.path == ["resource", "aws_security_group", "web", "ingress", 0, "ipv6_cidr_blocks"]
	contains(v.msg, "all traffic")
}

test_port_range_covers_rdp if {
	sg := {"ingress": [{"from_port": 3000, "to_port": 3400, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]}
	{v.msg | some v in p.deny} == {"Security group `web` allows MySQL/MariaDB (3306), RDP (3389) from 0.0.0.0/0"} with input as tf(sg)
}

test_private_icmp_and_expressions_pass if {
	sg := {"ingress": [
		{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["10.20.0.0/16"]},
		{"from_port": -1, "to_port": -1, "protocol": "icmp", "cidr_blocks": ["0.0.0.0/0"]},
		{"from_port": "${var.port}", "to_port": "${var.port}", "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]},
		{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": "${var.admin_cidrs}"},
		{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": ["::/0"]},
	]}
	count(p.deny) == 0 with input as tf(sg)
}

test_cloudformation if {
	doc := {"Resources": {"DbSg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"SecurityGroupIngress": [
		{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "SourceSecurityGroupId": {"Ref": "AppSg"}},
		{"IpProtocol": "tcp", "FromPort": "5432", "ToPort": "5432", "CidrIp": "0.0.0.0/0"},
		{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "CidrIp": {"Ref": "AdminCidr"}},
	]}}}}
	p.deny == {{
		"msg": "Security group `DbSg` allows PostgreSQL (5432) from 0.0.0.0/0",
		"path": ["Resources", "DbSg", "Properties", "SecurityGroupIngress", 1, "CidrIp"],
	}} with input as {"kind": "cloudformation", "document": doc}
}
