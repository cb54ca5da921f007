# METADATA
# title: Job container or service image not pinned
# description: >-
#   A job `container:` or a `services.<name>.image` uses an image with the `:latest` tag or no tag
#   at all, and no `@sha256:` digest. Each run may pull a different image: builds are not
#   reproducible, and a compromised or re-pushed image runs inside the job with access to its
#   workspace, token and secrets.
# related_resources:
#   - https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idcontainer
#   - https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier
# custom:
#   id: TG-GHA-016
#   severity: low
#   remediation: >-
#     Reference an explicit version, ideally pinned by digest (`image: postgres:16.3@sha256:...`),
#     and update it deliberately (Dependabot and Renovate can keep digests current).
#   kinds: [github-actions]
package tollgate.pipelines.github.hygiene.unpinned_container_image

# A job container or service image referenced by :latest (or no tag) changes under the
# workflow without review, and is a supply-chain entry point with access to the job.

import data.lib.containers
import data.lib.github_actions as common

images contains [["jobs", id, "container"], c] if {
	some id, job in common.jobs
	c := object.get(job, "container", null)
	is_string(c)
}

images contains [["jobs", id, "container", "image"], img] if {
	some id, job in common.jobs
	c := object.get(job, "container", null)
	is_object(c)
	img := object.get(c, "image", null)
	is_string(img)
}

images contains [["jobs", id, "services", name, "image"], img] if {
	some id, job in common.jobs
	services := object.get(job, "services", null)
	is_object(services)
	some name, svc in services
	is_object(svc)
	img := object.get(svc, "image", null)
	is_string(img)
}

deny contains v if {
	some [path, img] in images
	reason := containers.unpinned_reason(img)
	detail := {"latest": "uses the `:latest` tag", "untagged": "has no tag (pulls `:latest`)"}[reason]
	v := {
		"msg": sprintf("image `%s` %s and no digest; pin a version, ideally `@sha256:...`", [img, detail]),
		"path": path,
	}
}
