package tollgate.aws.ecs.host_network_mode_test

import data.tollgate.aws.ecs.host_network_mode as p

test_host_mode_is_reported_once_per_task if {
	found := p.deny with input as {"kind": "terraform", "document": {"resource": {"aws_ecs_task_definition": {
		"host": {"network_mode": "host", "container_definitions": [{"name": "a"}, {"name": "b"}]},
		"vpc": {"network_mode": "awsvpc", "container_definitions": [{"name": "c"}]},
	}}}}
	[v] := [x | some x in found]
	v.path == ["resource", "aws_ecs_task_definition", "host", "network_mode"]
	v.msg == "aws_ecs_task_definition.host shares the host's network stack (network mode host)"
}

test_other_modes_pass if {
	found := p.deny with input as {"kind": "ecs-task-definition", "document": {"networkMode": "bridge", "containerDefinitions": [{"name": "a"}]}}
	count(found) == 0
}
