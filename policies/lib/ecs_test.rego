package lib.ecs_test

import data.lib.ecs

test_every_source_gives_its_containers if {
	from_json := ecs.containers with input as {"kind": "ecs-task-definition", "document": {
		"family": "api", "networkMode": "bridge",
		"containerDefinitions": [{"name": "web", "image": "nginx"}],
	}}
	[e] := [x | some x in from_json]
	e.path == ["containerDefinitions", 0]
	e.mode == "bridge"
	e.label == "api container `web`"

	described := ecs.containers with input as {"kind": "ecs-task-definition", "document": {"taskDefinition": {"containerDefinitions": [{"name": "a"}]}}}
	[d] := [x | some x in described]
	d.path == ["taskDefinition", "containerDefinitions", 0]

	cfn := ecs.containers with input as {"kind": "cloudformation", "document": {"Resources": {"T": {
		"Type": "AWS::ECS::TaskDefinition",
		"Properties": {"RequiresCompatibilities": ["FARGATE"], "ContainerDefinitions": [{"Name": "app", "User": "0"}]},
	}}}}
	[c] := [x | some x in cfn]
	c.fargate
	ecs.get(c.container, "user") == "0"
	ecs.path_of(c, "user") == ["Resources", "T", "Properties", "ContainerDefinitions", 0, "User"]

	tf := ecs.containers with input as {"kind": "terraform", "document": {"resource": {"aws_ecs_task_definition": {"t": {
		"network_mode": "host", "container_definitions": [{"name": "x"}, "not an object"],
	}}}}}
	[t] := [x | some x in tf]
	t.mode_path == ["resource", "aws_ecs_task_definition", "t", "network_mode"]
}
