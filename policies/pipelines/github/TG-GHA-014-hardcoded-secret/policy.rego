# METADATA
# title: Hard-coded credential in workflow env or action inputs
# description: >-
#   An `env:` variable (workflow, job or step level) or a step `with:` input whose name says it
#   holds a credential (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY, ACCESS_KEY, CREDENTIAL) is
#   set to a literal value instead of a `${{ secrets.* }}` reference. The secret is then stored in
#   plain text in the repository and its history, is visible to everyone who can read the
#   repository, and is not masked in workflow logs.
# related_resources:
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-secrets
# custom:
#   id: TG-GHA-014
#   severity: high
#   remediation: >-
#     Store the value as an encrypted repository, environment or organization secret and reference
#     it (`API_TOKEN: ${{ secrets.API_TOKEN }}`), or better use OIDC federation instead of
#     long-lived credentials; then rotate the credential that was committed.
#   kinds: [github-actions]
#   redact: true
package tollgate.pipelines.github.hygiene.hardcoded_secret

# A credential written into the workflow is readable by everyone with read access to the
# repository (and its forks and history), and is not masked in the logs.

import data.lib.guard
import data.lib.plaintext_secrets
import data.lib.github_actions as common

# Action inputs that describe secrets rather than hold them (docker/build-push-action's
# `secrets: id=npm,src=.npmrc`, `secret-files: ...`).
descriptive_inputs := {"secrets", "secret-files", "secret_files", "secret-envs", "secret_envs"}

secret_literal(name, value) if {
	is_string(name)
	plaintext_secrets.is_secret_name(replace(name, "-", "_"))
	is_string(value)
	plaintext_secrets.is_literal_secret(value)
	not contains(value, "${{")
	not regex.match(`\s`, trim_space(value))
}

# Every env map with its path: workflow, job and step level.
env_maps contains [["env"], e] if {
	e := guard.get(input.document, "env", {})
	is_object(e)
}

env_maps contains [["jobs", id, "env"], e] if {
	some id, job in common.jobs
	e := object.get(job, "env", {})
	is_object(e)
}

env_maps contains [array.concat(path, ["env"]), e] if {
	some [path, step] in common.steps
	e := object.get(step, "env", {})
	is_object(e)
}

deny contains v if {
	some [path, e] in env_maps
	some name, value in e
	secret_literal(name, value)
	v := {
		"msg": sprintf("env variable `%s` is set to a hard-coded value; use `${{ secrets.%s }}`", [name, name]),
		"path": array.concat(path, [name]),
	}
}

deny contains v if {
	some [path, step] in common.steps
	w := object.get(step, "with", {})
	is_object(w)
	some name, value in w
	not lower(name) in descriptive_inputs
	secret_literal(name, value)
	v := {
		"msg": sprintf("input `%s` of `%s` is set to a hard-coded value; pass it from `${{ secrets.* }}`", [name, object.get(step, "uses", "?")]),
		"path": array.concat(path, ["with", name]),
	}
}
