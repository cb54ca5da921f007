# METADATA
# title: CodeBuild project runs in privileged mode
# description: >-
#   The CodeBuild project's build environment runs privileged (privileged_mode / PrivilegedMode =
#   true): build commands run as root with every kernel capability and can escape the container,
#   so a malicious dependency or compromised build step gets far more power than a build needs.
#   Privileged mode is required to run a Docker daemon inside the build (docker build / docker
#   push of images); if that is what this project does, the finding documents an accepted risk,
#   otherwise it should be removed.
# related_resources:
#   - https://docs.aws.amazon.com/codebuild/latest/APIReference/API_ProjectEnvironment.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/codebuild_project#privileged_mode
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-codebuild-project-environment.html
# custom:
#   id: TG-AWS-033
#   severity: medium
#   remediation: >-
#     Remove `privileged_mode = true` from the `environment` block (CloudFormation:
#     `PrivilegedMode: false` in `Environment`) unless the project builds container images. For
#     image builds, keep privileged mode only on a dedicated project with a narrowly scoped
#     service role, or build images without a Docker daemon (e.g. Kaniko or Buildah), and do not
#     run untrusted pull-request code on it.
#   kinds: [terraform, cloudformation]
#   inputs: [resource:AWS::CodeBuild::Project, resource:aws_codebuild_project]
#   aliases: [CKV_AWS_316]
package tollgate.aws.codebuild.codebuild_privileged_mode

# CodeBuild's privileged mode runs the build container with full root capabilities on the
# build host so that it can start its own Docker daemon. Anything the build executes (a
# dependency's install script, a test, a compromised build tool) then has host-level
# privileges and can escape the container. It is REQUIRED for building Docker images with the
# Docker daemon, which is why this is medium: keep it only on projects that build images.

import data.lib.cloud

projects := {"terraform": "aws_codebuild_project", "cloudformation": "AWS::CodeBuild::Project"}

environment := {"terraform": "environment", "cloudformation": "Environment"}

privileged := {"terraform": "privileged_mode", "cloudformation": "PrivilegedMode"}

deny contains v if {
	some project in cloud.resources(projects)
	some env in cloud.blocks(project, environment)
	on := cloud.set_true(env, privileged)
	v := {
		"msg": sprintf("CodeBuild project `%s` runs builds in privileged mode (%s); keep it only if the project builds Docker images", [project.name, on.why]),
		"path": on.path,
	}
}
