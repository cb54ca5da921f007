# METADATA
# title: Service publishes a restricted port on all interfaces
# description: >-
#   Publishing a container port as `"5432:5432"`, `"0.0.0.0:5432:5432"`, `"3306"` or a long-syntax
#   entry without `host_ip` binds it on every address of the host. Docker inserts its own iptables
#   rules ahead of host firewalls like ufw or firewalld, so SSH, databases, caches, search engines
#   or the Docker API in the container are reachable from any network the host is on, often with
#   default or no credentials.
# related_resources:
#   - https://docs.docker.com/reference/compose-file/services/#ports
#   - https://docs.docker.com/engine/network/packet-filtering-firewalls/
# custom:
#   id: TG-COMPOSE-001
#   severity: high
#   remediation: >-
#     Do not publish internal services: let other services reach them over the compose network by
#     service name. If the host itself needs access (local development, a backup job), bind to
#     loopback: `"127.0.0.1:5432:5432"` or long syntax with `host_ip: 127.0.0.1`.
#   kinds: [docker-compose]
package tollgate.compose.services.restricted_port_published

# A compose `ports` entry without a host IP publishes the port on every interface of the host
# (and Docker's iptables rules bypass host firewalls such as ufw): a database or SSH server
# in a container becomes reachable from the network.

import data.lib.containers
import data.lib.net

# Host IPs that bind every interface (an absent host IP does too).
all_interfaces := {"", "0.0.0.0", "::", "[::]"}

port_bounds(spec) := [to_number(b[0]), to_number(b[count(b) - 1])] if {
	s := trim_space(sprintf("%v", [spec]))
	regex.match(`^[0-9]+(-[0-9]+)?$`, s)
	b := split(s, "-")
}

# Short syntax: [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL] -> {host_ip, container, protocol}.
parse_short(entry) := {"host_ip": host_ip, "container": parts[n - 1], "protocol": protocol} if {
	# "${DB_PORT:-5432}:5432": a variable is one opaque part (an unknown host IP is not evidence).
	text := regex.replace(trim_space(sprintf("%v", [entry])), `\$\{[^}]*\}`, "VAR")
	s := split(text, "/")[0]
	protocol := protocol_of(text)
	parts := split(s, ":")
	n := count(parts)
	host_ip := trim(concat(":", array.slice(parts, 0, max([n - 2, 0]))), "[]")
}

protocol_of(text) := split(text, "/")[1] if contains(text, "/") else := "tcp"

# {host_ip, container, protocol} for a ports entry of either syntax.
binding(entry) := parse_short(entry) if not is_object(entry)

binding(entry) := {
	"host_ip": object.get(entry, "host_ip", ""),
	"container": object.get(entry, "target", ""),
	"protocol": object.get(entry, "protocol", "tcp"),
} if is_object(entry)

# The restricted services are TCP services, except NetBIOS name and datagram (UDP).
udp_services := {137, 138}

served_over(_, protocol) if lower(sprintf("%v", [protocol])) == "tcp"

served_over(port, protocol) if {
	lower(sprintf("%v", [protocol])) == "udp"
	port in udp_services
}

deny contains v if {
	some name, svc in containers.compose_services
	some j, entry in containers.array_or_empty(object.get(svc, "ports", []))
	b := binding(entry)
	trim(sprintf("%v", [b.host_ip]), "[]") in all_interfaces
	[from, to] := port_bounds(b.container)
	ports := {p | some p in net.restricted_in_range(from, to, "tcp"); served_over(p, b.protocol)}
	count(ports) > 0
	v := {
		"msg": sprintf("Service `%s` publishes %s on all host interfaces (ports: %v); bind it to 127.0.0.1 or do not publish it", [name, net.describe_all(ports), entry]),
		"path": ["services", name, "ports", j],
	}
}
