# METADATA
# title: Container image not pinned to a version
# description: >-
#   An image reference has no tag (which pulls `latest`) or uses the `latest` tag, and no
#   digest. `latest` moves: each build, pod start or pipeline run may get a different image, so
#   builds are not reproducible, a rollback does not roll back, and a compromised or broken
#   upstream push is picked up automatically. One check over every image reference the file
#   makes (Dockerfile FROM, Kubernetes containers, compose services, GitHub Actions containers,
#   services and docker:// steps, GitLab CI images and services, ECS container definitions in
#   Terraform and CloudFormation). References built from variables are not judged.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#pin-base-image-versions
#   - https://kubernetes.io/docs/concepts/containers/images/#image-names
#   - https://docs.gitlab.com/ee/ci/yaml/#image
# custom:
#   id: TG-IMG-001
#   severity: medium
#   remediation: >-
#     Pin a specific version tag (`node:20.11.1-bookworm-slim`), and where supply-chain integrity
#     matters the digest too (`node:20.11.1@sha256:...`); let a dependency bot propose updates.
#   kinds: [terraform, cloudformation, kubernetes, dockerfile, docker-compose, github-actions, gitlab-ci, jenkins, ecs-task-definition]
#   inputs: [facet:images]
#   aliases:
#     - TG-DOCKER-005
#     - TG-K8S-006
#     - TG-GHA-016
#     - TG-GITLAB-007
#     - CKV_DOCKER_7
#     - AVD-DS-0001
#     - docker-use-specific-tags
#     - CKV_K8S_14
#     - AVD-KSV-0013
#     - kubernetes-use-specific-tags
#     - zizmor/unpinned-images
package tollgate.common.images.unpinned_image

deny contains v if {
	some item in input.facets.images
	reason := unpinned(item)
	v := {
		"msg": sprintf("%s `%s` %s; pin a version tag or a digest", [label(item.origin), item.image, reason]),
		"path": item.path,
	}
}

# Why the reference is not pinned; undefined when it has a digest, a version tag, or is built
# from variables (its real value is unknown).
unpinned(item) := "uses the mutable `latest` tag" if {
	item.digest == null
	not item.dynamic
	lower(item.tag) == "latest"
} else := "has no tag (pulls `latest`)" if {
	item.digest == null
	not item.dynamic
	item.tag == null
	trim_space(item.image) != ""
}

labels := {
	"dockerfile FROM": "Base image",
	"kubernetes container": "Container image",
	"compose image": "Service image",
	"github-actions container": "Job container image",
	"github-actions service": "Service image",
	"github-actions docker step": "Step image",
	"gitlab-ci image": "Job image",
	"gitlab-ci service": "Service image",
	"jenkins agent image": "Agent image",
	"jenkins docker.image": "Image",
	"terraform ecs container": "Container image",
	"cloudformation ecs container": "Container image",
	"ecs container": "Container image",
}

label(origin) := l if {
	l := labels[origin]
} else := "Image"
