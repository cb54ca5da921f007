package tollgate.aws.ecs.privileged_container_test

import data.tollgate.aws.ecs.privileged_container as p

test_privileged_containers_are_found_in_every_spelling if {
	from_json := p.deny with input as {"kind": "ecs-task-definition", "document": {"family": "f", "containerDefinitions": [
		{"name": "a", "privileged": true},
		{"name": "b", "privileged": false},
		{"name": "c"},
	]}}
	{v.path | some v in from_json} == {["containerDefinitions", 0, "privileged"]}
	cfn := p.deny with input as {"kind": "cloudformation", "document": {"Resources": {"T": {
		"Type": "AWS::ECS::TaskDefinition",
		"Properties": {"ContainerDefinitions": [{"Name": "x", "Privileged": "true"}]},
	}}}}
	{v.path | some v in cfn} == {["Resources", "T", "Properties", "ContainerDefinitions", 0, "Privileged"]}
}
