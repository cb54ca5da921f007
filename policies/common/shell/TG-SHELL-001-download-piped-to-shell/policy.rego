# METADATA
# title: Downloaded script piped into a shell
# description: >-
#   A script the file runs downloads code with curl or wget and pipes it straight into a shell
#   (`curl -fsSL url | sudo bash -`, `wget -qO- url | sh`) or substitutes it into one
#   (`sh -c "$(curl url)"`, `bash <(curl url)`). Whatever the server -- or anyone who controls
#   the domain, CDN or path to it -- returns at that moment runs with the credentials of the
#   build, pipeline job, image build or instance, and nothing records or verifies what ran: a
#   compromised installer backdoors the artifacts, the image or the host. One check over every
#   script the file runs (Dockerfile RUN, GitHub Actions run, GitLab CI script, CodeBuild
#   commands, CodePipeline Commands actions, compose and Kubernetes `sh -c` commands, Terraform
#   user_data).
# related_resources:
#   - https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-03-Dependency-Chain-Abuse
#   - https://cwe.mitre.org/data/definitions/494.html
#   - https://docs.docker.com/build/building/best-practices/#run
# custom:
#   id: TG-SHELL-001
#   severity: medium
#   remediation: >-
#     Download the script (or better, a released binary) at a pinned version to a file, verify
#     its SHA-256 checksum or signature, then run it: `curl -fsSLo /tmp/install.sh URL && echo
#     "<sha256>  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh`. Prefer the
#     distribution's signed packages, a pinned action or image, or a binary copied from a
#     trusted image.
#   kinds: [terraform, cloudformation, kubernetes, dockerfile, docker-compose, github-actions, gitlab-ci, codebuild-buildspec, jenkins, ansible, codepipeline]
#   inputs: [facet:scripts]
#   aliases: [TG-DOCKER-003, TG-GHA-015, TG-GITLAB-003, TG-CB-003]
package tollgate.common.shell.download_piped_to_shell

import data.lib.shell

# Each script is parsed with tree-sitter-bash (lib.shell): a pipe into `tar`, `gpg` or `tee`,
# or a shell fed by `echo`, is not a download run as code. The finding narrows to the
# pipeline's first line inside the script.
deny contains v if {
	some item in input.facets.scripts
	some pipeline in shell.download_to_shell(item.script)
	cmd := split(pipeline, "\n")[0]
	v := {
		"msg": sprintf("%s runs a downloaded script without verifying it: `%s`; download it pinned, verify its checksum, then run it", [what[item.origin], cmd]),
		"path": item.path,
		"text": cmd,
	}
}

# How the message names the script, by the facet's origin.
what := {
	"dockerfile RUN": "RUN",
	"github-actions run": "A `run:` step",
	"gitlab-ci script": "A job script",
	"buildspec commands": "A build phase command",
	"compose command": "A service command",
	"kubernetes command": "A container command",
	"terraform user_data": "Instance user_data",
	"jenkins step": "A pipeline step",
	"ansible task": "A task",
	"codepipeline commands": "A Commands action command",
}
