package tollgate.pipelines.gitlab.unpinned_image_test

import data.tollgate.pipelines.gitlab.unpinned_image as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "gitlab-ci", "document": doc}
}

test_unpinned_images_are_denied if {
	doc := {
		"image": "node:latest",
		"default": {"image": {"name": "python"}, "services": ["redis"]},
		"services": [{"name": "postgres:LATEST", "alias": "db"}],
		"build": {"image": "registry.example.com:5000/team/builder", "script": "make"},
		".tpl": {"services": ["docker:24.0.7-dind", "mysql"]},
	}
	{v.path | some v in findings(doc)} == {
		["image"],
		["default", "image", "name"],
		["default", "services", 0],
		["services", 0, "name"],
		["build", "image"],
		[".tpl", "services", 1],
	}
}

test_pinned_and_dynamic_images_are_allowed if {
	doc := {
		"image": "node:20.11-alpine",
		"services": ["postgres:16.2", {"name": "redis@sha256:0123456789abcdef"}],
		"build": {"image": {"name": "$CI_REGISTRY_IMAGE/builder:$TAG", "entrypoint": [""]}},
		"test": {"image": "registry.example.com:5000/team/app:1.4"},
	}
	count(findings(doc)) == 0
}

test_unexpected_shapes_do_not_error if {
	count(findings({"image": null, "services": "x", "default": "y", "job": {"image": ["a"], "services": [null, 1, {"name": ["x"]}]}})) == 0
	count(findings({"image": {"name": null}, "services": null})) == 0
}
