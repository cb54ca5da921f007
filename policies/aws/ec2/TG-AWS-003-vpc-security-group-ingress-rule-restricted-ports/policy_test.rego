package tollgate.aws.ec2.vpc_security_group_ingress_rule_restricted_ports_test

import data.tollgate.aws.ec2.vpc_security_group_ingress_rule_restricted_ports as p

tf(rules) := {"kind": "terraform", "document": {"resource": {"aws_vpc_security_group_ingress_rule": rules}}}

test_all_traffic_from_world if {
	rules := {"all": {"security_group_id": "${aws_security_group.app.id}", "cidr_ipv4": "0.0.0.0/0", "ip_protocol": "-1"}}
	p.deny == {{
		"msg": "Security group ingress rule `all` allows all traffic (every protocol and port) from 0.0.0.0/0",
		"path": ["resource", "aws_vpc_security_group_ingress_rule", "all", "cidr_ipv4"],
	}} with input as tf(rules)
}

test_mongodb_ipv6 if {
	rules := {"mongo": {"cidr_ipv6": "::/0", "from_port": 27017, "to_port": 27017, "ip_protocol": "tcp"}}
	some v in p.deny with input as tf(rules)
	v.path == ["resource", "aws_vpc_security_group_ingress_rule", "mongo", "cidr_ipv6"]
}

test_https_icmp_and_sg_references_pass if {
	rules := {
		"https": {"cidr_ipv4": "0.0.0.0/0", "from_port": 443, "to_port": 443, "ip_protocol": "tcp"},
		"ping": {"cidr_ipv4": "0.0.0.0/0", "from_port": -1, "to_port": -1, "ip_protocol": "icmp"},
		"db": {"referenced_security_group_id": "${aws_security_group.app.id}", "from_port": 5432, "to_port": 5432, "ip_protocol": "tcp"},
	}
	count(p.deny) == 0 with input as tf(rules)
}
