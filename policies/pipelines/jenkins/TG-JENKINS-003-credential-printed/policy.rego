# METADATA
# title: Credential printed or traced inside withCredentials
# description: >-
#   Inside `withCredentials` (or with a variable bound by `credentials('id')` in
#   `environment {}`), a step echoes the credential (`echo $TOKEN`, `printf "%s" "$PASS"`) or
#   turns on shell tracing (`set -x`), which prints every command with its expanded arguments.
#   Jenkins only masks the exact secret string in the console: a substring, an encoded or
#   quoted form, a multi-line secret or output captured elsewhere (archived logs, test reports)
#   leaks it to everyone who can read the build.
# related_resources:
#   - https://www.jenkins.io/doc/pipeline/steps/credentials-binding/
#   - https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-06-Insufficient-Credential-Hygiene
# custom:
#   id: TG-JENKINS-003
#   severity: high
#   remediation: >-
#     Never print a credential; pass it to the tool through its environment or stdin
#     (`--password-stdin`), and use `set +x` around commands that use it.
#   kinds: [jenkins]
package tollgate.pipelines.jenkins.credential_printed

import data.lib.jenkins

deny contains v if {
	some [item, step, c] in jenkins.commands
	c.name in {"echo", "printf"}
	some name in step.secrets
	some a in c.args
	regex.match(sprintf(`\$\{?%s\b`, [name]), a)
	jenkins.printed(item, c)
	v := {
		"msg": sprintf("A step prints the credential `%s` (`%s`); Jenkins' masking is best effort, pass it on stdin instead", [name, jenkins.first_line(c)]),
		"path": item.path,
		"text": jenkins.first_line(c),
	}
}

deny contains v if {
	some [item, step, c] in jenkins.commands
	count(step.secrets) > 0
	c.name == "set"
	some a in c.args
	tracing(a)
	v := {
		"msg": sprintf("`%s` traces every command with its expanded arguments while credentials are bound; use `set +x` around them", [jenkins.first_line(c)]),
		"path": item.path,
		"text": jenkins.first_line(c),
	}
}

tracing(a) if regex.match(`^-[a-wyz]*x[a-z]*$`, a)

tracing(a) if a == "xtrace"
