package tollgate.kubernetes.pod.privileged_container_test

import data.tollgate.kubernetes.pod.privileged_container as p

deployment(containers) := {"kind": "Deployment", "metadata": {"name": "node-agent"}, "spec": {"template": {"spec": {"containers": containers}}}}

test_privileged_container_is_denied if {
	doc := deployment([
		{"name": "app", "image": "app:1.0"},
		{"name": "agent", "image": "agent:2.1", "securityContext": {"privileged": true}},
	])
	found := p.deny with input as {"kind": "kubernetes", "document": doc}
	count(found) == 1
	some v in found
	v.path == ["spec", "template", "spec", "containers", 1, "securityContext", "privileged"]
	contains(v.msg, "`agent`")
}

test_privileged_init_container_in_cronjob if {
	doc := {"kind": "CronJob", "metadata": {"name": "backup"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {
		"initContainers": [{"name": "setup", "securityContext": {"privileged": true}}],
		"containers": [{"name": "backup"}],
	}}}}}}
	found := p.deny with input as {"kind": "kubernetes", "document": doc}
	{v.path | some v in found} == {["spec", "jobTemplate", "spec", "template", "spec", "initContainers", 0, "securityContext", "privileged"]}
}

test_unprivileged_is_allowed if {
	doc := deployment([
		{"name": "app", "securityContext": {"privileged": false}},
		{"name": "sidecar", "securityContext": {"capabilities": {"add": ["NET_ADMIN"]}}},
	])
	count(p.deny) == 0 with input as {"kind": "kubernetes", "document": doc}
}
