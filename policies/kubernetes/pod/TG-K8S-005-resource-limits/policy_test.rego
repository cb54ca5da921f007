package tollgate.kubernetes.pod.resource_limits_test

import data.tollgate.kubernetes.pod.resource_limits as p

deployment(containers) := {"kind": "Deployment", "metadata": {"name": "web"}, "spec": {"template": {"spec": {"containers": containers}}}}

findings(doc) := found if {
	found := p.deny with input as {"kind": "kubernetes", "document": doc}
}

test_missing_memory_blames_limits if {
	doc := deployment([{"name": "web", "resources": {"limits": {"cpu": "500m"}, "requests": {"cpu": "100m"}}}])
	found := findings(doc)
	{v.path | some v in found} == {["spec", "template", "spec", "containers", 0, "resources", "limits"]}
	some v in found
	contains(v.msg, "no memory limit")
}

test_requests_only_blames_resources if {
	doc := deployment([{"name": "web", "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}}}])
	{v.path | some v in findings(doc)} == {["spec", "template", "spec", "containers", 0, "resources"]}
}

test_no_resources_blames_the_container if {
	doc := deployment([{"name": "web"}])
	found := findings(doc)
	{v.path | some v in found} == {["spec", "template", "spec", "containers", 0]}
	some v in found
	contains(v.msg, "cpu or memory")
}

test_limits_set_and_ephemeral_ignored if {
	doc := {"kind": "Pod", "metadata": {"name": "web"}, "spec": {
		"containers": [{"name": "web", "resources": {"limits": {"cpu": "1", "memory": "512Mi"}}}],
		"ephemeralContainers": [{"name": "debugger", "image": "busybox:1.36"}],
	}}
	count(findings(doc)) == 0
}
