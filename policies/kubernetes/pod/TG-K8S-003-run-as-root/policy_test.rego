package tollgate.kubernetes.pod.run_as_root_test

import data.tollgate.kubernetes.pod.run_as_root as p

deployment(pod_sc, containers) := {"kind": "Deployment", "metadata": {"name": "api"}, "spec": {"template": {"spec": {
	"securityContext": pod_sc,
	"containers": containers,
}}}}

paths(doc) := found if {
	found := {v.path | some v in p.deny} with input as {"kind": "kubernetes", "document": doc}
}

test_container_run_as_user_zero if {
	doc := deployment({"runAsNonRoot": true, "runAsUser": 1000}, [{"name": "api", "securityContext": {"runAsUser": 0}}])
	paths(doc) == {["spec", "template", "spec", "containers", 0, "securityContext", "runAsUser"]}
}

test_pod_run_as_user_zero_blames_the_pod_once if {
	doc := deployment({"runAsUser": 0}, [{"name": "api"}, {"name": "worker"}, {"name": "ok", "securityContext": {"runAsUser": 1000}}])
	found := p.deny with input as {"kind": "kubernetes", "document": doc}
	{v.path | some v in found} == {["spec", "template", "spec", "securityContext", "runAsUser"]}
	some v in found
	contains(v.msg, "api, worker")
}

test_run_as_non_root_false if {
	doc := deployment({}, [{"name": "api", "securityContext": {"runAsNonRoot": false}}])
	paths(doc) == {["spec", "template", "spec", "containers", 0, "securityContext", "runAsNonRoot"]}
	pod_level := deployment({"runAsNonRoot": false}, [{"name": "api"}])
	paths(pod_level) == {["spec", "template", "spec", "securityContext", "runAsNonRoot"]}
}

test_missing_settings_blame_the_container if {
	doc := {"kind": "Pod", "metadata": {"name": "debug"}, "spec": {"containers": [{"name": "shell", "image": "busybox:1.36"}]}}
	paths(doc) == {["spec", "containers", 0]}
}

test_non_root_configurations_are_allowed if {
	pod_level := deployment({"runAsNonRoot": true}, [{"name": "api"}, {"name": "sidecar"}])
	count(paths(pod_level)) == 0
	container_level := deployment({}, [{"name": "api", "securityContext": {"runAsNonRoot": true, "runAsUser": 10001}}])
	count(paths(container_level)) == 0
	user_only := deployment({"runAsUser": 10001}, [{"name": "api"}])
	count(paths(user_only)) == 0
	# runAsNonRoot: false is harmless when a non-zero user is set.
	moot := deployment({"runAsUser": 10001}, [{"name": "api", "securityContext": {"runAsNonRoot": false}}])
	count(paths(moot)) == 0
}

test_container_overrides_pod_root if {
	doc := deployment({"runAsUser": 0, "runAsNonRoot": false}, [{"name": "api", "securityContext": {"runAsUser": 1001, "runAsNonRoot": true}}])
	count(paths(doc)) == 0
}

test_root_group if {
	doc := {"kind": "Pod", "metadata": {"name": "p"}, "spec": {
		"securityContext": {"runAsNonRoot": true, "runAsGroup": 0},
		"containers": [
			{"name": "a"},
			{"name": "b", "securityContext": {"runAsGroup": 2000}},
			{"name": "c", "securityContext": {"runAsGroup": 0}},
		],
	}}
	{v.path | some v in p.deny} == {
		["spec", "securityContext", "runAsGroup"],
		["spec", "containers", 2, "securityContext", "runAsGroup"],
	} with input as {"kind": "kubernetes", "document": doc}
}
