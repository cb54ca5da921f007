# METADATA
# title: ECS container is set to run as root
# description: >-
#   A container definition whose `user` is `root` or UID 0 (`0`, `root:root`, `0:0`) runs its
#   process as root on purpose. A process that is compromised as root can change anything in the
#   container and has the most leverage for a container escape, and mounted volumes are written
#   as root.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security
#   - https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/security-tasks-containers.html
# custom:
#   id: TG-ECS-003
#   severity: medium
#   remediation: >-
#     Set `user` to an unprivileged UID (e.g. "1000:1000") the image prepares, or drop `user` and
#     set a non-root USER in the image.
#   kinds: [ecs-task-definition, terraform, cloudformation]
#   inputs:
#     - kind:ecs-task-definition
#     - resource:aws_ecs_task_definition
#     - resource:AWS::ECS::TaskDefinition
package tollgate.aws.ecs.container_runs_as_root

# `user` names root by name or UID, alone or with a group. An absent `user` takes the image's
# USER, which this check cannot see.

import data.lib.ecs

root(u) if {
	is_string(u)
	lower(trim_space(split(u, ":")[0])) in {"root", "0"}
}

deny contains v if {
	some entry in ecs.containers
	user := ecs.get(entry.container, "user")
	root(user)
	v := {
		"msg": sprintf("%s runs as root (user %q)", [entry.label, user]),
		"path": ecs.path_of(entry, "user"),
	}
}
