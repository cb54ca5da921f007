# METADATA
# title: Service runs privileged or in the host network
# description: >-
#   A service with `privileged: true` runs with all Linux capabilities, access to every host
#   device and no seccomp/AppArmor confinement: root in the container is root on the host.
#   `network_mode: host` shares the host's network stack: the service can bind any host port,
#   reach services listening only on the host's loopback (the Docker API, databases, metadata
#   endpoints) and every port it opens is exposed on all host interfaces.
# related_resources:
#   - https://docs.docker.com/reference/compose-file/services/#privileged
#   - https://docs.docker.com/reference/compose-file/services/#network_mode
#   - https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities
# custom:
#   id: TG-COMPOSE-002
#   severity: high
#   remediation: >-
#     Remove `privileged: true`; grant only the capability or device the service needs (`cap_add:
#     [NET_ADMIN]`, `devices: [/dev/fuse]`). Replace `network_mode: host` with the default bridge
#     network and publish only the needed ports, bound to 127.0.0.1 when they are for the host
#     only.
#   kinds: [docker-compose]
package tollgate.compose.services.privileged_or_host_network

# `privileged: true` gives the container every capability and all host devices; `network_mode:
# host` removes network isolation. Either turns a compromised service into a compromised host.

import data.lib.containers
deny contains v if {
	some name, svc in containers.compose_services
	some key, says in breakouts
	breaks_out(key, object.get(svc, key, null))
	v := {
		"msg": sprintf(says, [name]),
		"path": ["services", name, key],
	}
}

# The service settings that hand the host to the container, and what to say about each.
breakouts := {
	"privileged": "Service `%s` runs privileged (privileged: true): root in the container is root on the host",
	"network_mode": "Service `%s` shares the host's network stack (network_mode: host)",
}

breaks_out(key, value) if {
	key == "privileged"
	is_true(value)
}

breaks_out(key, value) if {
	key == "network_mode"
	is_string(value)
	lower(value) == "host"
}

is_true(x) if x == true

is_true(x) if lower(sprintf("%v", [x])) == "true"
