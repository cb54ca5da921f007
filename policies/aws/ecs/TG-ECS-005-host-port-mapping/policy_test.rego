package tollgate.aws.ecs.host_port_mapping_test

import data.tollgate.aws.ecs.host_port_mapping as p

test_fixed_host_ports_in_bridge_mode if {
	found := p.deny with input as {"kind": "ecs-task-definition", "document": {"containerDefinitions": [{"name": "a", "portMappings": [
		{"containerPort": 80, "hostPort": 80},
		{"containerPort": 81, "hostPort": 0},
		{"containerPort": 82},
	]}]}}
	{v.path | some v in found} == {["containerDefinitions", 0, "portMappings", 0, "hostPort"]}
}

test_awsvpc_and_fargate_are_not_reported if {
	vpc := p.deny with input as {"kind": "ecs-task-definition", "document": {"networkMode": "awsvpc", "containerDefinitions": [{"name": "a", "portMappings": [{"containerPort": 80, "hostPort": 80}]}]}}
	count(vpc) == 0
	fargate := p.deny with input as {"kind": "cloudformation", "document": {"Resources": {"T": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
		"RequiresCompatibilities": ["FARGATE"],
		"ContainerDefinitions": [{"Name": "a", "PortMappings": [{"ContainerPort": 80, "HostPort": 80}]}],
	}}}}}
	count(fargate) == 0
}
