# METADATA
# title: Container image uses the latest tag or no tag
# description: >-
#   An image reference with no tag or with `:latest` (and no `@sha256:` digest) resolves to
#   whatever the registry returns when the node pulls it. Different nodes can run different code,
#   a rollback re-deploys the same moving tag, and anyone able to push to the repository changes
#   what runs in the cluster without a manifest change or review.
# related_resources:
#   - https://kubernetes.io/docs/concepts/containers/images/#image-names
#   - https://kubernetes.io/docs/concepts/configuration/overview/#container-images
# custom:
#   id: TG-K8S-006
#   severity: medium
#   remediation: >-
#     Pin every image to an immutable version tag (`nginx:1.27.2-alpine`) or, better, to a digest
#     (`nginx@sha256:...`), and let a tool such as Renovate or Dependabot propose upgrades.
#   kinds: [kubernetes]
#   aliases: [CKV_K8S_14, AVD-KSV-0013]
package tollgate.kubernetes.pod.image_latest_tag

# An image without a tag, or tagged `latest`, is whatever the registry serves at pull time:
# deployments are not reproducible, rollbacks do not roll back, and a pushed (or hijacked)
# image silently reaches production.

import data.lib.containers
import data.lib.kubernetes as k8s

deny contains v if {
	some [path, c] in k8s.containers
	reason := containers.unpinned_reason(c.image)
	v := {
		"msg": sprintf("%s `%s`: container `%s` uses image `%s` %s", [
			input.document.kind,
			object.get(input.document, ["metadata", "name"], "?"),
			object.get(c, "name", "?"),
			c.image,
			describe[reason],
		]),
		"path": array.concat(path, ["image"]),
	}
}

describe := {
	"latest": "with the mutable `latest` tag",
	"untagged": "with no tag (pulls `latest`)",
}
