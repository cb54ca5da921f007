package tollgate.aws.ec2.default_security_group_allows_traffic_test

import data.tollgate.aws.ec2.default_security_group_allows_traffic as p

test_rules_reported if {
	sg := {"vpc_id": "${aws_vpc.main.id}", "ingress": [{"protocol": -1, "self": true, "from_port": 0, "to_port": 0}], "egress": [{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]}]}
	{v.path | some v in p.deny} == {
		["resource", "aws_default_security_group", "default", "ingress", 0],
		["resource", "aws_default_security_group", "default", "egress", 0],
	} with input as {"kind": "terraform", "document": {"resource": {"aws_default_security_group": {"default": sg}}}}
}

test_empty_default_group_passes if {
	count(p.deny) == 0 with input as {"kind": "terraform", "document": {"resource": {"aws_default_security_group": {"default": {"vpc_id": "${aws_vpc.main.id}"}}}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": {"resource": {"aws_default_security_group": {"default": {"vpc_id": "${aws_vpc.main.id}", "ingress": [], "egress": []}}}}}
}
