package tollgate.aws.ecs.writable_root_filesystem_test

import data.tollgate.aws.ecs.writable_root_filesystem as p

test_false_or_missing_is_writable if {
	found := p.deny with input as {"kind": "ecs-task-definition", "document": {"containerDefinitions": [
		{"name": "a", "readonlyRootFilesystem": false},
		{"name": "b"},
		{"name": "c", "readonlyRootFilesystem": true},
		{"name": "d", "readonlyRootFilesystem": "${var.ro}"},
	]}}
	{v.path | some v in found} == {["containerDefinitions", 0, "readonlyRootFilesystem"], ["containerDefinitions", 1]}
}
