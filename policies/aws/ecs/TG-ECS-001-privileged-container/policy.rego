# METADATA
# title: ECS container runs privileged
# description: >-
#   A container definition with `privileged: true` runs with every Linux capability and access to
#   the host's devices: root in the container is root on the container instance, which also runs
#   the ECS agent and the other tasks placed there (and can read their credentials).
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security
#   - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-tasks-containers.html
# custom:
#   id: TG-ECS-001
#   severity: high
#   remediation: >-
#     Remove `privileged` (or set it to false) and add only the capability the container needs
#     under `linuxParameters.capabilities.add`.
#   kinds: [ecs-task-definition, terraform, cloudformation]
#   inputs:
#     - kind:ecs-task-definition
#     - resource:aws_ecs_task_definition
#     - resource:AWS::ECS::TaskDefinition
package tollgate.aws.ecs.privileged_container

# `privileged: true` on any container of a task definition, wherever it is declared.

import data.lib.ecs

deny contains v if {
	some entry in ecs.containers
	ecs.is_true(ecs.get(entry.container, "privileged"))
	v := {
		"msg": sprintf("%s runs privileged: root in the container is root on the host", [entry.label]),
		"path": ecs.path_of(entry, "privileged"),
	}
}
