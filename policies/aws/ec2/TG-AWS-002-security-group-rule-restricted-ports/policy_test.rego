package tollgate.aws.ec2.security_group_rule_restricted_ports_test

import data.tollgate.aws.ec2.security_group_rule_restricted_ports as p

tf(rules) := {"kind": "terraform", "document": {"resource": {"aws_security_group_rule": rules}}}

test_rdp_ingress_rule if {
	rules := {"rdp": {"type": "ingress", "from_port": 3389, "to_port": 3389, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"], "security_group_id": "${aws_security_group.win.id}"}}
	p.deny == {{
		"msg": "Security group rule `rdp` allows RDP (3389) from 0.0.0.0/0",
		"path": ["resource", "aws_security_group_rule", "rdp", "cidr_blocks"],
	}} with input as tf(rules)
}

test_egress_and_narrow_rules_pass if {
	rules := {
		"out": {"type": "egress", "from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]},
		"https": {"type": "ingress", "from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]},
		"ssh_vpn": {"type": "ingress", "from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["198.51.100.0/24"]},
	}
	count(p.deny) == 0 with input as tf(rules)
}

test_cloudformation_ipv6 if {
	doc := {"Resources": {"RedisIngress": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {
		"GroupId": {"Ref": "CacheSg"}, "IpProtocol": "tcp", "FromPort": 6379, "ToPort": 6379, "CidrIpv6": "::/0",
	}}}}
	p.deny == {{
		"msg": "Security group ingress `RedisIngress` allows Redis (6379) from ::/0",
		"path": ["Resources", "RedisIngress", "Properties", "CidrIpv6"],
	}} with input as {"kind": "cloudformation", "document": doc}
}
