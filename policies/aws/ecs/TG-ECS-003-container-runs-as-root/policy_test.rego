package tollgate.aws.ecs.container_runs_as_root_test

import data.tollgate.aws.ecs.container_runs_as_root as p

test_root_by_name_or_uid if {
	found := p.deny with input as {"kind": "ecs-task-definition", "document": {"containerDefinitions": [
		{"name": "a", "user": "root"},
		{"name": "b", "user": "0:0"},
		{"name": "c", "user": "1000:1000"},
		{"name": "d", "user": "app"},
		{"name": "e"},
	]}}
	{v.path | some v in found} == {["containerDefinitions", 0, "user"], ["containerDefinitions", 1, "user"]}
}
