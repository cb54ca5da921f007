# METADATA
# title: Remote script piped into a shell
# description: >-
#   A `script`, `before_script` or `after_script` command downloads a script with curl or wget and
#   pipes it straight into a shell. Nothing checks what was downloaded: a compromised or hijacked
#   server, a redirect or a changed upstream script runs arbitrary code in the job, with its CI/CD
#   variables, `CI_JOB_TOKEN` and deploy credentials.
# related_resources:
#   - https://docs.gitlab.com/ee/ci/pipeline_security/
#   - https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-03-Dependency-Chain-Abuse
# custom:
#   id: TG-GITLAB-003
#   severity: medium
#   remediation: >-
#     Download the script to a file, verify its checksum or signature (`sha256sum -c`), then run
#     it; better, pin the tool to a released version, install it from a package manager, or bake
#     it into the job image.
#   kinds: [gitlab-ci]
package tollgate.pipelines.gitlab.curl_pipe_shell

# Piping a download straight into a shell runs whatever the server returns, with the job's
# CI/CD variables and tokens in the environment.

import data.lib.shell

import data.lib.gitlab_ci as common

deny contains v if {
	some [path, s] in common.scripts
	some pipeline in shell.download_to_shell(s)
	m := split(pipeline, "\n")[0]
	v := {"msg": sprintf("`%s` pipes a download into a shell; download, verify the checksum, then run it", [m]), "path": path, "text": m}
}
