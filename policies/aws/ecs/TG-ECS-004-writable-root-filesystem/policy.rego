# METADATA
# title: ECS container root filesystem is writable
# description: >-
#   A container definition without `readonlyRootFilesystem: true` lets its process write anywhere
#   in the image's filesystem: an attacker who gets code execution can drop tools, change
#   binaries and configuration, and persist for the life of the task. A read-only root with
#   explicit volumes for the paths that must be written closes that off.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security
#   - https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-5
# custom:
#   id: TG-ECS-004
#   severity: low
#   remediation: >-
#     Set `readonlyRootFilesystem` to true and mount a volume (or a bind mount of the task's
#     ephemeral storage) at each path the application writes, such as /tmp.
#   kinds: [ecs-task-definition, terraform, cloudformation]
#   inputs:
#     - kind:ecs-task-definition
#     - resource:aws_ecs_task_definition
#     - resource:AWS::ECS::TaskDefinition
package tollgate.aws.ecs.writable_root_filesystem

# `readonlyRootFilesystem` is false, or absent (ECS defaults it to false). An explicit false is
# blamed at the key, an absent one at the container.

import data.lib.ecs

deny contains v if {
	some entry in ecs.containers
	gap := writable(entry)
	v := {
		"msg": sprintf("%s has a writable root filesystem (%s)", [entry.label, gap.why]),
		"path": gap.path,
	}
}

writable(entry) := {
	"why": sprintf("readonlyRootFilesystem is %v", [value]),
	"path": ecs.path_of(entry, "readonlyRootFilesystem"),
} if {
	value := ecs.get(entry.container, "readonlyRootFilesystem")
	not ecs.is_true(value)
	not dynamic(value)
}

writable(entry) := {"why": "readonlyRootFilesystem is not set", "path": entry.path} if {
	not ecs.key(entry.container, "readonlyRootFilesystem")
}
# A value only known at deploy time (`${var.read_only}`, `{"Ref": ...}`).
dynamic(x) if is_object(x)

dynamic(x) if {
	is_string(x)
	contains(x, "${")
}
