# METADATA
# title: Privileged workflow checks out untrusted pull request code
# description: >-
#   The workflow is triggered by `pull_request_target` or `workflow_run`, which run with the base
#   repository's secrets and a write-capable GITHUB_TOKEN even for pull requests from forks, and
#   an actions/checkout step checks out the pull request's head
#   (`github.event.pull_request.head.sha`/`head.ref`, `github.head_ref`, `refs/pull/<n>/merge`, or
#   the triggering run's `head_sha`/`head_branch`). Any later step that builds, installs or tests
#   that code runs attacker-controlled code with those privileges (a "pwn request"): secrets can
#   be exfiltrated and the repository or its releases tampered with. A `workflow_run` workflow
#   whose triggering workflows (`workflows:`) are all in the scanned tree and none of them runs
#   for pull requests is not reported: its head is code pushed by collaborators.
# related_resources:
#   - https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/
#   - https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#pull_request_target
# custom:
#   id: TG-GHA-002
#   severity: critical
#   remediation: >-
#     Use the `pull_request` trigger for building and testing PR code (no secrets, read-only
#     token). If a privileged follow-up is needed, split the work: an unprivileged `pull_request`
#     workflow uploads results as an artifact, and the `workflow_run` workflow only reads that
#     artifact as data. If you must check out PR code in a privileged workflow, never execute it,
#     set `persist-credentials: false`, keep `permissions:` minimal and gate the job on a
#     maintainer-applied label or environment approval.
#   kinds: [github-actions]
#   aliases: [zizmor/dangerous-triggers]
package tollgate.pipelines.github.pr_target_checkout_head

# "Pwn request": pull_request_target and workflow_run run in the context of the BASE
# repository -- with a read/write GITHUB_TOKEN and access to secrets -- precisely so that
# they can act on untrusted pull requests. Checking out the pull request's head and then
# building or testing it runs the attacker's code (build scripts, package hooks, tests)
# with those privileges.

import data.lib.guard

doc := d if {
	d := input.document
	is_object(d)
} else := {}

jobs := j if {
	j := guard.get(doc, "jobs", {})
	is_object(j)
} else := {}

# The workflow's events, whether `on` is a string, a list or a map.
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

privileged_triggers := triggers & {"pull_request_target", "workflow_run"}

# refs that name the pull request's (or the triggering run's) untrusted head.
head_ref_pattern := `(?i)(github\.event\.pull_request\.(head\.(sha|ref)|merge_commit_sha)|github\.head_ref|github\.event\.workflow_run\.(head_sha|head_branch|head_commit\.id)|refs/pull/)`

# The workflows whose runs trigger this one (`on.workflow_run.workflows`).
triggering_workflows := names if {
	names := [x | some x in guard.list(guard.get(doc, "on", {}), ["workflow_run", "workflows"]); is_string(x)]
	count(names) > 0
} else := [single] if {
	single := guard.get(guard.get(doc, "on", {}), ["workflow_run", "workflows"], null)
	is_string(single)
} else := []

# Events whose runs carry a head that outsiders control: a run of the triggering workflow for
# one of them makes `workflow_run.head_sha` attacker code.
pr_events := ["pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment", "workflow_run"]

# Only workflow_run, from named workflows: the finding holds unless every triggering workflow
# is in the scan and none of them runs for pull requests (the engine checks the other files).
condition := {"names": triggering_workflows, "events": pr_events} if {
	privileged_triggers == {"workflow_run"}
	count(triggering_workflows) > 0
} else := null

deny contains v if {
	count(privileged_triggers) > 0
	some jid, job in jobs
	steps := guard.get(job, "steps", [])
	is_array(steps)
	some i, step in steps
	is_string(guard.get(step, "uses", null))
	startswith(lower(step.uses), "actions/checkout@")
	ref := guard.get(step, ["with", "ref"], null)
	is_string(ref)
	regex.match(head_ref_pattern, ref)
	v := {
		"msg": sprintf("job `%s` is triggered by %s (secrets and a write token) but checks out the untrusted pull request head (ref: %s); running that code hands it the workflow's privileges", [jid, concat(" / ", sort(privileged_triggers)), ref]),
		"path": ["jobs", jid, "steps", i, "with", "ref"],
		"unless_workflows": condition,
	}
}
