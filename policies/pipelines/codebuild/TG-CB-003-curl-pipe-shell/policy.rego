# METADATA
# title: Remote script piped into a shell in a build phase
# description: >-
#   A buildspec command downloads a script with curl or wget and pipes it straight into a shell.
#   The build executes whatever the remote server returns at that moment -- a compromised or
#   hijacked host, a changed installer or a tampered mirror runs arbitrary code inside the build
#   with the CodeBuild service role's credentials and can backdoor the artifacts it publishes.
#   Nothing pins or verifies what was run.
# related_resources:
#   - https://docs.aws.amazon.com/codebuild/latest/userguide/security-best-practices.html
#   - https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-03-Dependency-Chain-Abuse
# custom:
#   id: TG-CB-003
#   severity: medium
#   remediation: >-
#     Download the script (or better, a released binary) at a pinned version, verify its SHA-256
#     checksum or signature before running it, and prefer an OS package, a pinned installer in a
#     custom build image, or the CodeBuild runtime-versions mechanism.
#   kinds: [codebuild-buildspec]
package tollgate.pipelines.codebuild.curl_pipe_shell

# `curl ... | sh` runs whatever the server (or anyone on the path to it) returns, with the
# build's service-role credentials and write access to the artifacts it produces.

import data.lib.shell

import data.lib.buildspec as bs

# curl/wget, then (on the same line) a pipe into sh/bash/zsh/dash/ksh, possibly through sudo.

deny contains v if {
	some [path, phase, cmd] in bs.commands
	some pipeline in shell.download_to_shell(cmd)
	m := split(pipeline, "\n")[0]
	v := {
		"msg": sprintf("Phase `%s` pipes a downloaded script into a shell (`%s`); download it pinned and verify its checksum first", [phase, m]),
		"path": path,
		"text": m,
	}
}
