# METADATA
# title: CI image or service not pinned to a version
# description: >-
#   An `image:` or `services:` entry uses the `:latest` tag or no tag at all. The job then runs
#   whatever was last pushed under that name: builds are not reproducible, an upstream change can
#   break or subvert the pipeline without any change in the repository, and a compromised tag runs
#   with the job's CI/CD variables and tokens.
# related_resources:
#   - https://docs.gitlab.com/ee/ci/yaml/#image
#   - https://docs.docker.com/build/building/best-practices/#pin-base-image-versions
# custom:
#   id: TG-GITLAB-007
#   severity: low
#   remediation: >-
#     Pin each image to a specific version tag, ideally with its digest
#     (`python:3.12-slim@sha256:...`), and update it deliberately (Renovate or Dependabot can keep
#     the pins current).
#   kinds: [gitlab-ci]
package tollgate.pipelines.gitlab.unpinned_image

# An image without a version tag or digest is whatever the registry serves today: builds are
# not reproducible and a pushed (or hijacked) tag changes the code that runs with CI secrets.

import data.lib.containers
import data.lib.gitlab_ci as common

deny contains v if {
	some [path, img] in common.images
	reason := containers.unpinned_reason(img)
	v := {"msg": sprintf("image `%s` is %s; pin it to a version tag or digest", [img, describe[reason]]), "path": path}
}

deny contains v if {
	some [path, img, _] in common.services
	reason := containers.unpinned_reason(img)
	v := {"msg": sprintf("service image `%s` is %s; pin it to a version tag or digest", [img, describe[reason]]), "path": path}
}

describe := {"latest": "tagged `:latest`", "untagged": "untagged (pulls `:latest`)"}
