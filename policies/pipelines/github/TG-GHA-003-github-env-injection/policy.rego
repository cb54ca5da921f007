# METADATA
# title: Untrusted data written to GITHUB_ENV or GITHUB_PATH
# description: >-
#   A `run:` step appends to `$GITHUB_ENV` or `$GITHUB_PATH` while it interpolates
#   attacker-controllable context (issue/PR titles and bodies, comments, branch names, commit
#   messages), or in a workflow triggered by `pull_request_target`, `workflow_run` or
#   `issue_comment`, whose data comes from outsiders while the job holds secrets and a write
#   token. Whoever controls the written text can define arbitrary environment variables
#   (LD_PRELOAD, NODE_OPTIONS, BASH_ENV, ...) or prepend their own directory to PATH for every
#   later step of the job, which amounts to code execution with the job's privileges; a newline in
#   the value is enough to add a second variable.
# related_resources:
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections
#   - https://securitylab.github.com/resources/github-actions-new-patterns-and-mitigations/
#   - https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#setting-an-environment-variable
# custom:
#   id: TG-GHA-003
#   severity: high
#   remediation: >-
#     Do not write untrusted values to GITHUB_ENV/GITHUB_PATH. Pass data between steps with step
#     outputs (`>> "$GITHUB_OUTPUT"`) read through `env:`, validate values against a strict
#     pattern before writing them, and never write the content of files produced by untrusted code
#     (artifacts of a PR run) to these files. Use a random heredoc delimiter for multi-line
#     values.
#   kinds: [github-actions]
package tollgate.pipelines.github.github_env_injection

# $GITHUB_ENV and $GITHUB_PATH are files the runner reads between steps: every
# `NAME=value` line written to GITHUB_ENV becomes an environment variable of all later steps,
# every line of GITHUB_PATH is prepended to PATH. When the written content can come from an
# attacker (an interpolated issue title or branch name, or files and outputs of untrusted PR
# code in a privileged workflow), they can set LD_PRELOAD, NODE_OPTIONS, BASH_ENV or put
# their own directory first on PATH, and so run code in every following step.

import data.lib.guard

# Same list of outsider-controlled event fields as TG-GHA-001.
untrusted_pattern := `(?i)(^|[^A-Za-z0-9_.])(github\.event\.(issue\.(title|body)|pull_request\.(title|body|head\.ref|head\.label)|comment\.body|review\.body|review_comment\.body|discussion\.(title|body)|head_commit\.(message|author\.(name|email))|commits(\[[^\]]*\]|\.\*)\.(message|author\.(name|email))|workflow_run\.(head_branch|head_commit\.(message|author\.(name|email)))|pages(\[[^\]]*\]|\.\*)\.page_name)|github\.head_ref)([^A-Za-z0-9_]|$)`

# `>> $GITHUB_ENV`, `>> "$GITHUB_ENV"`, `>>${GITHUB_PATH}`, `>> "${GITHUB_ENV}"`.
write_pattern := `>>\s*"?\$(GITHUB_ENV|GITHUB_PATH|\{GITHUB_ENV\}|\{GITHUB_PATH\})"?`

doc := d if {
	d := input.document
	is_object(d)
} else := {}

jobs := j if {
	j := guard.get(doc, "jobs", {})
	is_object(j)
} else := {}

triggers contains t if {
	t := guard.get(doc, "on", null)
	is_string(t)
}

triggers contains t if {
	on := guard.get(doc, "on", null)
	is_array(on)
	some t in on
	is_string(t)
}

triggers contains t if {
	on := guard.get(doc, "on", null)
	is_object(on)
	some t, _ in on
}

risky_triggers := triggers & {"pull_request_target", "workflow_run", "issue_comment"}

runs contains [["jobs", jid, "steps", i, "run"], step.run] if {
	some jid, job in jobs
	steps := guard.get(job, "steps", [])
	is_array(steps)
	some i, step in steps
	is_string(guard.get(step, "run", null))
}

runs contains [["runs", "steps", i, "run"], step.run] if {
	steps := guard.get(doc, ["runs", "steps"], [])
	is_array(steps)
	some i, step in steps
	is_string(guard.get(step, "run", null))
}

boolean_only(expr) if {
	regex.match(`(==|!=|<=|>=|(?i)\b(contains|startsWith|endsWith)\()`, expr)
	not contains(expr, "&&")
	not contains(expr, "||")
}

untrusted_expression(script) := expr if {
	exprs := [e |
		some e in regex.find_n(`\$\{\{[^}]*\}\}`, script, -1)
		regex.match(untrusted_pattern, e)
		not boolean_only(e)
	]
	count(exprs) > 0
	expr := exprs[0]
}

reason(script) := sprintf("the step interpolates attacker-controlled %s", [untrusted_expression(script)])

reason(script) := sprintf("the workflow is triggered by %s, whose data comes from outsiders", [concat(" / ", sort(risky_triggers))]) if {
	not untrusted_expression(script)
	count(risky_triggers) > 0
}

deny contains v if {
	some [path, script] in runs
	some fragment in regex.find_n(write_pattern, script, -1)
	why := reason(script)
	v := {
		"msg": sprintf("`%s` writes to a file that sets the environment (or PATH) of every later step, and %s: an attacker can inject variables such as LD_PRELOAD or BASH_ENV", [fragment, why]),
		"path": path,
		"text": fragment,
	}
}
