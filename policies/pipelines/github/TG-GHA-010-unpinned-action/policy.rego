# METADATA
# title: Third-party action not pinned to a commit SHA
# description: >-
#   A step or job `uses:` a third-party action or reusable workflow by tag or branch (`@v4`,
#   `@main`) instead of a full 40-character commit SHA. Tags and branches are mutable: if the
#   upstream repository is compromised or the tag is re-pointed, the workflow silently runs
#   attacker-controlled code with access to the job's token, secrets and runner.
# related_resources:
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions
#   - https://docs.github.com/en/code-security/dependabot/working-with-dependabot/keeping-your-actions-up-to-date-with-dependabot
# custom:
#   id: TG-GHA-010
#   severity: medium
#   remediation: >-
#     Pin the reference to a full commit SHA and keep the version as a comment (`uses:
#     owner/action@<40-hex-sha> # v1.2.3`); let Dependabot or Renovate update the pins.
#   kinds: [github-actions]
#   aliases: [zizmor/unpinned-uses]
package tollgate.pipelines.github.hygiene.unpinned_action

# A tag or branch of a third-party action can be moved by whoever controls that repository
# (or by an attacker who compromises it, as with tj-actions/changed-files in 2025): the
# workflow then runs new code with this repository's token and secrets.

import data.lib.github_actions as common

first_party := {"actions", "github"}

unpinned(uses) := ref if {
	[owner, ref] := common.remote_ref(uses)
	not owner in first_party
	not regex.match(`^[0-9a-fA-F]{40}$`, ref)
}

deny contains v if {
	some r in references
	ref := unpinned(r.uses)
	v := {
		"msg": sprintf(r.says, array.concat(r.args, [r.uses, ref])),
		"path": r.path,
		"text": r.uses,
	}
}

# Where a workflow names code from another repository: a step's action, a job's reusable
# workflow; with what to say (`args`, then the reference and the ref).
references contains {"uses": uses, "path": array.concat(path, ["uses"]), "args": [], "says": "`%s` is pinned to the mutable ref `%s`; pin it to a full commit SHA"} if {
	some [path, step] in common.steps
	uses := object.get(step, "uses", null)
}

references contains {"uses": uses, "path": ["jobs", id, "uses"], "args": [id], "says": "job `%s` calls the reusable workflow `%s` at the mutable ref `%s`; pin it to a full commit SHA"} if {
	some id, job in common.jobs
	uses := object.get(job, "uses", null)
}

