# METADATA
# title: Base image uses the latest tag or no tag
# description: >-
#   `FROM image` or `FROM image:latest` (without an `@sha256:` digest) resolves to whatever the
#   tag points to at build time. Two builds of the same commit can produce different images, a
#   breaking or malicious upstream push is picked up silently, and security scans of one build say
#   nothing about the next.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#from
#   - https://docs.docker.com/build/building/best-practices/#pin-base-image-versions
# custom:
#   id: TG-DOCKER-005
#   severity: medium
#   remediation: >-
#     Pin the base image to a specific version tag (`FROM python:3.12.4-slim-bookworm`) or to a
#     digest (`FROM python:3.12-slim@sha256:...`), and update it deliberately with Renovate or
#     Dependabot.
#   kinds: [dockerfile]
#   aliases: [CKV_DOCKER_7, AVD-DS-0001]
package tollgate.docker.dockerfile.base_image_latest

# A FROM without a tag (or with `latest`) builds on whatever the registry serves that day: the
# build is not reproducible and an upstream change (or compromise) lands unreviewed.

import data.lib.containers

# The index of the FROM that first declares each stage alias (lower-cased; stage names are
# case-insensitive). Built in one pass over the file: a FROM names an earlier stage when its
# alias was first declared before it, so a file of thousands of stages stays linear.
first_declaration := {name: min(indexes) | some name, indexes in declaration_indexes}

declaration_indexes[name] contains i if {
	some i, ins in input.document
	ins.cmd == "from"
	is_string(ins.stage_name)
	name := lower(ins.stage_name)
}

# Does `image` (lower-cased) name a stage declared before instruction i?
names_earlier_stage(image, i) if first_declaration[image] < i

deny contains v if {
	some i, ins in input.document
	ins.cmd == "from"
	image := object.get(ins, ["value", 0], "")
	lower(image) != "scratch"
	not names_earlier_stage(lower(image), i)
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
