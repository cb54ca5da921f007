# METADATA
# title: Self-hosted runner used by a pull-request-triggered workflow
# description: >-
#   A job runs on a self-hosted runner (`runs-on: self-hosted`, a label list that includes it,
#   a runner `group:`, or custom labels that no GitHub-hosted runner has, such as `[linux, gpu]`)
#   in a workflow triggered by `pull_request` or `pull_request_target`. In a
#   public repository any GitHub user can open a pull request and have the workflow run on that
#   machine; unless the runner is ephemeral and isolated, code from the PR can persist on it,
#   steal credentials and caches of later jobs, or reach the internal network it lives in. GitHub
#   recommends never using self-hosted runners with public repositories.
# related_resources:
#   - https://docs.github.com/en/actions/hosting-your-own-runners/managing-self-hosted-runners/about-self-hosted-runners#self-hosted-runner-security
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#hardening-for-self-hosted-runners
# custom:
#   id: TG-GHA-006
#   severity: medium
#   remediation: >-
#     Run pull-request jobs on GitHub-hosted runners. If a self-hosted runner is required, make it
#     ephemeral (just-in-time, one job per VM/container), isolate its network, restrict the runner
#     group to this repository and workflow, and require approval for workflow runs from outside
#     collaborators.
#   kinds: [github-actions]
#   aliases: [zizmor/self-hosted-runner]
package tollgate.pipelines.github.self_hosted_runner_pr

# Self-hosted runners are not ephemeral sandboxes like GitHub-hosted ones: they persist
# between jobs and sit inside your network. A workflow triggered by pull requests lets
# anyone who can open a PR against a public repository run their code on that machine --
# planting a backdoor for the next job, reading cached credentials, or pivoting inward.

import data.lib.guard

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

pr_triggers := triggers & {"pull_request", "pull_request_target"}

# runs-on labels as a list: a string, a list, or {group, labels}.
labels(r) := [r] if is_string(r)

labels(r) := r if is_array(r)

labels(r) := [r.labels] if {
	is_object(r)
	is_string(r.labels)
}

labels(r) := r.labels if {
	is_object(r)
	is_array(r.labels)
}

# GitHub-hosted runner labels: `ubuntu-latest`, `windows-2022`, `macos-14-large`, ...
hosted_label(l) if regex.match(`^(ubuntu|windows|macos)-[a-z0-9.-]+$`, lower(trim_space(l)))

# Why `runs-on` selects a self-hosted runner: [the text to blame, why, path under runs-on].
# Expressions (`${{ matrix.os }}`) are left alone: what they select is not known here.
self_hosted(r) := [labels(r)[i], "the label", label_path(r, i)] if {
	found := [j | some j, l in labels(r); is_string(l); lower(trim_space(l)) == "self-hosted"]
	count(found) > 0
	i := found[0]
} else := [g, "the runner group", ["group"]] if {
	is_object(r)
	g := r.group
	is_string(g)
	trim_space(g) != ""
	not contains(g, "${{")
} else := [labels(r)[i], "the custom label", label_path(r, i)] if {
	ls := labels(r)
	every x in ls {
		is_string(x)
		not contains(x, "${{")
	}
	custom := [j | some j, x in ls; trim_space(x) != ""; not hosted_label(x)]
	count(custom) > 0
	i := custom[0]
}

# Where label `i` of `runs-on` is: runs-on itself, an index of the list, or of `labels:`.
label_path(r, _) := [] if is_string(r)

label_path(r, i) := [i] if is_array(r)

label_path(r, _) := ["labels"] if {
	is_object(r)
	is_string(r.labels)
}

label_path(r, i) := ["labels", i] if {
	is_object(r)
	is_array(r.labels)
}

deny contains v if {
	count(pr_triggers) > 0
	some jid, job in jobs
	[text, why, at] := self_hosted(guard.get(job, "runs-on", null))
	v := {
		"msg": sprintf("job `%s` runs on a self-hosted runner (%s `%s`) in a workflow triggered by %s: pull requests from anyone can run code on that machine", [jid, why, text, concat(" / ", sort(pr_triggers))]),
		"path": array.concat(["jobs", jid, "runs-on"], at),
		"text": text,
	}
}
