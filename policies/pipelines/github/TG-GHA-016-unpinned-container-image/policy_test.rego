package tollgate.pipelines.github.hygiene.unpinned_container_image_test

import data.tollgate.pipelines.github.hygiene.unpinned_container_image as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "github-actions", "document": doc}
}

paths(doc) := {v.path | some v in findings(doc)}

test_latest_and_untagged_images_are_denied if {
	doc := {"on": "push", "jobs": {
		"a": {"runs-on": "ubuntu-latest", "container": "node:latest", "services": {"db": {"image": "postgres"}, "cache": {"image": "redis:7.2"}}},
		"b": {"runs-on": "ubuntu-latest", "container": {"image": "ghcr.io/acme/builder"}},
	}}
	paths(doc) == {["jobs", "a", "container"], ["jobs", "a", "services", "db", "image"], ["jobs", "b", "container", "image"]}
}

test_pinned_and_dynamic_images_are_allowed if {
	doc := {"on": "push", "jobs": {
		"a": {"container": "node:20.11-bookworm", "services": {"db": {"image": "postgres@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}}},
		"b": {"container": {"image": "${{ matrix.image }}"}},
		"c": {"container": {"image": "localhost:5000/app:1.2"}},
	}}
	count(findings(doc)) == 0
}

test_malformed_documents_do_not_error if {
	count(findings("x")) == 0
	count(findings({"jobs": {"a": {"container": null, "services": "x"}, "b": {"container": {"image": 3}, "services": {"db": null, "x": {"image": ["a"]}}}}})) == 0
}
