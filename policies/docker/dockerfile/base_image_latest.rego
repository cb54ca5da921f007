# A FROM without a tag (or with `latest`) builds on whatever the registry serves that day: the
# build is not reproducible and an upstream change (or compromise) lands unreviewed.
package tollgate.docker.dockerfile.base_image_latest

import data.lib.containers

metadata := {
	"id": "TG-DOCKER-005",
	"title": "Base image uses the latest tag or no tag",
	"severity": "medium",
	"description": "`FROM image` or `FROM image:latest` (without an `@sha256:` digest) resolves to whatever the tag points to at build time. Two builds of the same commit can produce different images, a breaking or malicious upstream push is picked up silently, and security scans of one build say nothing about the next.",
	"remediation": "Pin the base image to a specific version tag (`FROM python:3.12.4-slim-bookworm`) or to a digest (`FROM python:3.12-slim@sha256:...`), and update it deliberately with Renovate or Dependabot.",
	"kinds": ["dockerfile"],
	"references": [
		"https://docs.docker.com/reference/dockerfile/#from",
		"https://docs.docker.com/build/building/best-practices/#pin-base-image-versions",
	],
	"aliases": ["CKV_DOCKER_7", "AVD-DS-0001"],
}

# Aliases of the stages declared before instruction i (FROM can name an earlier stage).
earlier_stage_names(i) := {lower(ins.stage_name) |
	some j, ins in input.document
	j < i
	ins.cmd == "from"
	is_string(ins.stage_name)
}

deny contains v if {
	some i, ins in input.document
	ins.cmd == "from"
	image := object.get(ins, ["value", 0], "")
	lower(image) != "scratch"
	not lower(image) in earlier_stage_names(i)
	reason := containers.unpinned_reason(image)
	v := {
		"msg": sprintf("FROM %s %s", [image, describe[reason]]),
		"path": [i, "value", 0],
	}
}

describe := {
	"latest": "uses the mutable `latest` tag; pin a version or digest",
	"untagged": "has no tag (pulls `latest`); pin a version or digest",
}
