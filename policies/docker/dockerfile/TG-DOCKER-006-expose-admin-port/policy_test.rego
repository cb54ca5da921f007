package tollgate.docker.dockerfile.expose_admin_port_test

import data.tollgate.docker.dockerfile.expose_admin_port as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "dockerfile", "document": doc}
}

test_ssh_and_vnc_range if {
	doc := [
		{"cmd": "from", "value": ["ubuntu:24.04"], "stage": 0},
		{"cmd": "expose", "value": ["8080", "22/tcp"], "stage": 0},
		{"cmd": "expose", "value": ["5900-5910"], "stage": 0},
	]
	found := findings(doc)
	{v.path | some v in found} == {[1, "value", 1], [2, "value", 0]}
	some v in found
	contains(v.msg, "SSH (22)")
}

test_application_ports_are_allowed if {
	doc := [
		{"cmd": "from", "value": ["nginx:1.27"], "stage": 0},
		{"cmd": "expose", "value": ["80", "443/tcp", "5432", "${SSH_PORT}"], "stage": 0},
	]
	count(findings(doc)) == 0
}
