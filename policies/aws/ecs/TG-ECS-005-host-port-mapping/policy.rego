# METADATA
# title: ECS container publishes a port on the host
# description: >-
#   A port mapping with a fixed `hostPort` in the `bridge` (or default) network mode binds that
#   port on every interface of the container instance: the service is reachable by anything that
#   can reach the instance, past the load balancer, and only the instance's security group (shared
#   by every task on it) stands in the way. Fixed host ports also stop two copies of the task from
#   sharing an instance. In `awsvpc` mode (and on Fargate) the host port is the task's own ENI and
#   is not reported.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html
#   - https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/networking-networkmode-bridge.html
# custom:
#   id: TG-ECS-005
#   severity: low
#   remediation: >-
#     Use the `awsvpc` network mode with a task security group, or leave `hostPort` unset (or 0)
#     in bridge mode so ECS picks an ephemeral port that the load balancer's target group tracks.
#   kinds: [ecs-task-definition, terraform, cloudformation]
#   inputs:
#     - kind:ecs-task-definition
#     - resource:aws_ecs_task_definition
#     - resource:AWS::ECS::TaskDefinition
package tollgate.aws.ecs.host_port_mapping

# Port mappings with a non-zero `hostPort` when the task is neither `awsvpc` nor Fargate.
# (`host` mode is TG-ECS-002's finding.)

import data.lib.ecs

deny contains v if {
	some entry in ecs.containers
	not entry.mode in {"awsvpc", "host"}
	not entry.fargate
	mappings := ecs.get(entry.container, "portMappings")
	is_array(mappings)
	some i, mapping in mappings
	host_port := port(ecs.get(mapping, "hostPort"))
	host_port != 0
	v := {
		"msg": sprintf("%s publishes host port %v on every interface of the instance (network mode %s)", [entry.label, host_port, mode_name(entry.mode)]),
		"path": array.concat(ecs.path_of(entry, "portMappings"), [i, ecs.key(mapping, "hostPort")]),
	}
}

port(p) := p if is_number(p)

port(p) := to_number(p) if {
	is_string(p)
	regex.match(`^[0-9]+$`, p)
}

mode_name("") := "bridge, the default"

mode_name(m) := m if m != ""
