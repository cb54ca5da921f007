# ECS container definitions wherever a file holds them, in one shape, so one check covers a
# standalone task definition (`ecs-task-definition`: the register-task-definition JSON, or
# describe-task-definition output under `taskDefinition`), Terraform's
# `aws_ecs_task_definition.container_definitions` (JSON the reader has evaluated, camelCase
# keys) and CloudFormation's `AWS::ECS::TaskDefinition` `ContainerDefinitions` (PascalCase keys).
package lib.ecs

# Every container: {"path", "container", "label" (how a message names it), "mode" (the task's
# network mode, lowercased, "" when unset), "mode_path", "fargate" (the task asks for Fargate)}.
containers contains entry if {
	input.kind == "ecs-task-definition"
	[root, task] := ecs_json_task
	is_object(task)
	cds := object.get(task, "containerDefinitions", [])
	is_array(cds)
	some i, c in cds
	entry := container(array.concat(root, ["containerDefinitions", i]), c, task, root, "networkMode", object.get(task, "family", "task definition"))
}

containers contains entry if {
	input.kind == "terraform"
	tds := object.get(input.document, ["resource", "aws_ecs_task_definition"], {})
	is_object(tds)
	some name, td in tds
	is_object(td)
	cds := object.get(td, "container_definitions", [])
	is_array(cds)
	some i, c in cds
	root := ["resource", "aws_ecs_task_definition", name]
	entry := container(array.concat(root, ["container_definitions", i]), c, td, root, "network_mode", sprintf("aws_ecs_task_definition.%s", [name]))
}

containers contains entry if {
	input.kind == "cloudformation"
	resources := object.get(input.document, "Resources", {})
	is_object(resources)
	some id, r in resources
	r.Type == "AWS::ECS::TaskDefinition"
	props := r.Properties
	is_object(props)
	cds := object.get(props, "ContainerDefinitions", [])
	is_array(cds)
	some i, c in cds
	root := ["Resources", id, "Properties"]
	entry := container(array.concat(root, ["ContainerDefinitions", i]), c, props, root, "NetworkMode", sprintf("AWS::ECS::TaskDefinition %s", [id]))
}

ecs_json_task := [["taskDefinition"], input.document.taskDefinition] if {
	is_object(input.document.taskDefinition)
} else := [[], input.document]

container(path, c, task, root, mode_key, task_label) := {
	"path": path,
	"container": c,
	"label": sprintf("%s container `%s`", [task_label, name_of(c)]),
	"mode": mode,
	"mode_path": array.concat(root, [mode_key]),
	"fargate": is_fargate(task),
} if {
	is_object(c)
	mode := network_mode(task, mode_key)
}

name_of(c) := n if {
	n := get(c, "name")
	is_string(n)
} else := "?"

network_mode(task, k) := lower(task[k]) if is_string(task[k]) else := ""

is_fargate(task) := true if {
	fargate(task)
} else := false

fargate(task) if {
	some k in ["requiresCompatibilities", "requires_compatibilities", "RequiresCompatibilities"]
	is_array(task[k])
	some c in task[k]
	is_string(c)
	upper(c) == "FARGATE"
}

# A container key as the file spells it: camelCase (ECS JSON, Terraform) or PascalCase
# (CloudFormation).
key(c, k) := k if {
	_ = c[k]
} else := pascal(k) if {
	_ = c[pascal(k)]
}

pascal(k) := concat("", [upper(substring(k, 0, 1)), substring(k, 1, -1)])

# The value of container (or nested object) key `k`, either spelling.
get(c, k) := c[key(c, k)]

# The path of key `k` of the container at `entry`.
path_of(entry, k) := array.concat(entry.path, [key(entry.container, k)])

# true, or the string "true" (an unevaluated Terraform or CloudFormation value is neither).
is_true(x) if x == true

is_true(x) if {
	is_string(x)
	lower(x) == "true"
}
