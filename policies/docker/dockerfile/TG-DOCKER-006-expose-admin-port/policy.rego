# METADATA
# title: Image exposes a remote administration port
# description: >-
#   `EXPOSE 22` (SSH), `23` (Telnet), `3389` (RDP) or `5900` (VNC) declares that the container
#   runs a remote-login service. Containers should be managed through the runtime (`docker exec`,
#   `kubectl exec`), not an in-container daemon: it adds credentials or keys baked into the image,
#   an extra network attack surface, and `docker run -P` publishes the port on every host
#   interface.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#expose
#   - https://docs.docker.com/reference/cli/docker/container/exec/
# custom:
#   id: TG-DOCKER-006
#   severity: medium
#   remediation: >-
#     Remove the SSH/Telnet/RDP/VNC server and its `EXPOSE` from the image; use `docker exec` /
#     `kubectl exec` or an ephemeral debug container for interactive access. If remote desktop is
#     the product (a VNC-based browser sandbox), publish it only on a private interface behind
#     authentication.
#   kinds: [dockerfile]
#   aliases: [CKV_DOCKER_1, AVD-DS-0004, docker-no-ssh-port]
package tollgate.docker.dockerfile.expose_admin_port

# EXPOSE of SSH, Telnet, RDP or VNC means the image runs a remote-administration daemon: a
# second way into the container with its own credentials to steal and software to patch.

import data.lib.net

admin_ports := {22, 23, 3389, 5900}

# "22", "22/tcp", "5900-5910/tcp" -> [from, to]; undefined for variables ($SSH_PORT).
port_range(arg) := [to_number(bounds[0]), to_number(bounds[count(bounds) - 1])] if {
	spec := split(trim_space(sprintf("%v", [arg])), "/")[0]
	regex.match(`^[0-9]+(-[0-9]+)?$`, spec)
	bounds := split(spec, "-")
}

deny contains v if {
	some i, ins in input.document
	ins.cmd == "expose"
	some j, arg in object.get(ins, "value", [])
	[from, to] := port_range(arg)
	ports := {p | some p in net.restricted_in_range(from, to, "tcp"); p in admin_ports}
	count(ports) > 0
	v := {
		"msg": sprintf("EXPOSE %s declares a remote administration port: %s", [arg, net.describe_all(ports)]),
		"path": [i, "value", j],
	}
}
