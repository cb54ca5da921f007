# METADATA
# title: Secret hard-coded in GitLab CI variables
# description: >-
#   A `variables:` entry (global or job) whose name looks like a credential (PASSWORD, SECRET,
#   TOKEN, API_KEY, PRIVATE_KEY, ACCESS_KEY, CREDENTIALS) is given a literal value in
#   `.gitlab-ci.yml`. The secret is then stored in plain text in the repository, its forks and its
#   history, visible to every project member and to any merge request pipeline, and it is not
#   masked in job logs.
# related_resources:
#   - https://docs.gitlab.com/ee/ci/variables/#define-a-cicd-variable-in-the-gitlab-ciyml-file
#   - https://docs.gitlab.com/ee/ci/secrets/
# custom:
#   id: TG-GITLAB-001
#   severity: high
#   remediation: >-
#     Remove the value from the file and define it as a masked (and protected) CI/CD variable in
#     the project or group settings, or fetch it at run time from a secrets manager (`secrets:`
#     with Vault, AWS Secrets Manager, GCP Secret Manager, Azure Key Vault); then rotate the
#     credential that was committed.
#   kinds: [gitlab-ci]
#   redact: true
package tollgate.pipelines.gitlab.secret_variable

# A credential written as a literal CI/CD variable is committed to the repository and readable
# by everyone who can read the project, its forks and its history.

import data.lib.containers
import data.lib.plaintext_secrets
import data.lib.gitlab_ci as common

deny contains v if {
	some [path, key, raw] in common.variables
	val := common.value(raw)
	plaintext_secrets.is_secret_name(key)
	containers.looks_secret(key)
	plaintext_secrets.is_literal_secret(val)
	containers.is_secret_literal(val)
	v := {
		"msg": sprintf("`%s` is set to a literal value in .gitlab-ci.yml; store it as a masked CI/CD variable or in a secrets manager", [key]),
		"path": path,
	}
}
