package tollgate.kubernetes.pod.image_latest_tag_test

import data.tollgate.kubernetes.pod.image_latest_tag as p

pod(containers) := {"kind": "Pod", "metadata": {"name": "web"}, "spec": {"containers": containers}}

findings(doc) := found if {
	found := p.deny with input as {"kind": "kubernetes", "document": doc}
}

test_latest_and_untagged if {
	doc := pod([
		{"name": "web", "image": "nginx:latest"},
		{"name": "sidecar", "image": "registry.example.com:5000/platform/log-forwarder"},
		{"name": "pinned", "image": "nginx:1.27.2"},
	])
	{v.path | some v in findings(doc)} == {["spec", "containers", 0, "image"], ["spec", "containers", 1, "image"]}
}

test_pinned_images_are_allowed if {
	doc := pod([
		{"name": "web", "image": "nginx:1.27.2-alpine"},
		{"name": "proxy", "image": "envoyproxy/envoy@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac"},
		{"name": "local", "image": "localhost:5000/app:2.3.0"},
	])
	count(findings(doc)) == 0
}
