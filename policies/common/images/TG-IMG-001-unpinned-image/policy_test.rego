package tollgate.common.images.unpinned_image_test

import data.tollgate.common.images.unpinned_image as p

facets(images) := {"scripts": [], "images": images, "env": [], "ingress": [], "iam_statements": []}

img(image, tag, digest, dynamic) := {"path": ["i"], "image": image, "registry": null, "repository": image, "tag": tag, "digest": digest, "dynamic": dynamic, "origin": "kubernetes container"}


test_latest_and_untagged_are_flagged if {
	found := p.deny with input as {"kind": "kubernetes", "document": {}, "facets": facets([img("nginx:latest", "latest", null, false), img("redis", null, null, false), img("x:LATEST", "LATEST", null, false)])}
	{v.msg | some v in found} == {
		"Container image `nginx:latest` uses the mutable `latest` tag; pin a version tag or a digest",
		"Container image `redis` has no tag (pulls `latest`); pin a version tag or a digest",
		"Container image `x:LATEST` uses the mutable `latest` tag; pin a version tag or a digest",
	}
}

test_versions_digests_and_variables_pass if {
	count(p.deny) == 0 with input as {"kind": "kubernetes", "document": {}, "facets": facets([
		img("nginx:1.25", "1.25", null, false),
		img("nginx@sha256:abc", null, "sha256:abc", false),
		img("nginx:latest@sha256:abc", "latest", "sha256:abc", false),
		img("${IMAGE}", null, null, true),
		img("", null, null, false),
	])}
}

test_unknown_origins_get_a_generic_label if {
	p.label("something new") == "Image"
	p.label("dockerfile FROM") == "Base image"
}
