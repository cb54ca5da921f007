# METADATA
# title: ECS task uses the host network mode
# description: >-
#   A task definition with network mode `host` shares the container instance's network stack:
#   its containers can bind any host port, reach services that listen only on the host (the ECS
#   agent's introspection API, the instance metadata endpoint without a hop limit) and every port
#   they open is exposed on all of the instance's interfaces, with no per-task security group.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html
#   - https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/networking-networkmode.html
# custom:
#   id: TG-ECS-002
#   severity: medium
#   remediation: >-
#     Use the `awsvpc` network mode (each task gets its own ENI and security group), or `bridge`
#     with explicit port mappings.
#   kinds: [ecs-task-definition, terraform, cloudformation]
#   inputs:
#     - kind:ecs-task-definition
#     - resource:aws_ecs_task_definition
#     - resource:AWS::ECS::TaskDefinition
package tollgate.aws.ecs.host_network_mode

# The task-level network mode is `host`. Reported once per task definition, at the mode.

import data.lib.ecs

deny contains v if {
	some entry in ecs.containers
	entry.mode == "host"
	label := split(entry.label, " container `")[0]
	v := {
		"msg": sprintf("%s shares the host's network stack (network mode host)", [label]),
		"path": entry.mode_path,
	}
}
