package tollgate.kubernetes.pod.host_network_ports_test

import data.tollgate.kubernetes.pod.host_network_ports as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "kubernetes", "document": doc}
}

test_host_network_blames_the_field if {
	doc := {"kind": "DaemonSet", "metadata": {"name": "exporter"}, "spec": {"template": {"spec": {
		"hostNetwork": true,
		"containers": [{"name": "exporter", "ports": [{"containerPort": 9100, "hostPort": 9100}]}],
	}}}}
	{v.path | some v in findings(doc)} == {["spec", "template", "spec", "hostNetwork"]}
}

test_host_ports if {
	doc := {"kind": "Pod", "metadata": {"name": "db"}, "spec": {"containers": [{"name": "db", "ports": [
		{"containerPort": 5432, "hostPort": 5432},
		{"containerPort": 9187},
		{"containerPort": 9000, "hostPort": 9000},
	]}]}}
	found := findings(doc)
	{v.path | some v in found} == {["spec", "containers", 0, "ports", 0, "hostPort"], ["spec", "containers", 0, "ports", 2, "hostPort"]}
	some high in found
	high.path[4] == 0
	contains(high.msg, "PostgreSQL (5432), a restricted port (high)")
	some medium in found
	medium.path[4] == 2
	contains(medium.msg, "9000 (medium)")
}

test_container_ports_only_are_allowed if {
	doc := {"kind": "Deployment", "metadata": {"name": "web"}, "spec": {"template": {"spec": {
		"hostNetwork": false,
		"containers": [{"name": "web", "ports": [{"containerPort": 8080, "name": "http"}]}],
	}}}}
	count(findings(doc)) == 0
}
