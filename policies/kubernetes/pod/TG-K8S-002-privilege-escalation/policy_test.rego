package tollgate.kubernetes.pod.privilege_escalation_test

import data.tollgate.kubernetes.pod.privilege_escalation as p

pod(containers) := {"kind": "Pod", "metadata": {"name": "web"}, "spec": {"containers": containers}}

test_explicit_true_blames_the_field if {
	doc := pod([{"name": "web", "securityContext": {"allowPrivilegeEscalation": true}}])
	found := p.deny with input as {"kind": "kubernetes", "document": doc}
	{v.path | some v in found} == {["spec", "containers", 0, "securityContext", "allowPrivilegeEscalation"]}
}

test_missing_blames_the_container if {
	doc := pod([
		{"name": "web", "securityContext": {"allowPrivilegeEscalation": false}},
		{"name": "proxy", "securityContext": {"runAsNonRoot": true}},
		{"name": "logger"},
	])
	found := p.deny with input as {"kind": "kubernetes", "document": doc}
	{v.path | some v in found} == {["spec", "containers", 1], ["spec", "containers", 2]}
}

test_false_everywhere_is_allowed if {
	doc := {"kind": "StatefulSet", "metadata": {"name": "db"}, "spec": {"template": {"spec": {
		"initContainers": [{"name": "init", "securityContext": {"allowPrivilegeEscalation": false}}],
		"containers": [{"name": "db", "securityContext": {"allowPrivilegeEscalation": false}}],
	}}}}
	count(p.deny) == 0 with input as {"kind": "kubernetes", "document": doc}
}

test_non_workloads_are_ignored if {
	doc := {"kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"containers": "none"}}
	count(p.deny) == 0 with input as {"kind": "kubernetes", "document": doc}
}
