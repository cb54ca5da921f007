# METADATA
# title: GITHUB_TOKEN permissions not restricted
# description: >-
#   The workflow sets no `permissions:` at the top level nor on any job, so the GITHUB_TOKEN gets
#   the repository's default permissions (read-write on every scope for repositories and
#   organizations created before February 2023 or configured that way), or it grants `permissions:
#   write-all` (or `read-all`, which lets it read every scope, `actions` and `security-events`
#   included), or it grants a write scope at the workflow level to every job when
#   the workflow has several jobs, most of which do not need it. Any step that is compromised or
#   injected into can then push code, create releases or tamper with issues and packages.
# related_resources:
#   - https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token
# custom:
#   id: TG-GHA-011
#   severity: medium
#   remediation: >-
#     Add a top-level `permissions: contents: read` (or `permissions: {}`) and grant only the
#     scopes a job needs at the job level (e.g. `pull-requests: write`). Never use `write-all`.
#   kinds: [github-actions]
#   aliases: [CKV2_GHA_1, zizmor/excessive-permissions]
package tollgate.pipelines.github.hygiene.token_permissions

# Without a `permissions:` block the GITHUB_TOKEN gets the repository / organization default,
# which is read-write on many (older) repositories; `write-all` grants every scope explicitly.

import data.lib.guard
import data.lib.github_actions as common

doc := input.document if is_object(input.document)

# A workflow file (not an action.yml): it has triggers and jobs.
is_workflow if {
	"on" in object.keys(doc)
	count(common.jobs) > 0
}

job_sets_permissions if {
	some _, job in common.jobs
	"permissions" in object.keys(job)
}

deny contains v if {
	is_workflow
	not "permissions" in object.keys(doc)
	not job_sets_permissions
	v := {
		"msg": "no `permissions:` block at the workflow or job level: the GITHUB_TOKEN gets the repository default, which may be read-write; add `permissions: contents: read`",
		"path": ["on"],
	}
}

# A blanket grant (`write-all`, `read-all`) at the workflow or on a job, and what to say
# about it at each level (a job's message names the job).
blanket := {
	"write-all": {
		"workflow": "`permissions: write-all` gives every job's GITHUB_TOKEN write access to every scope; grant only the scopes needed",
		"job": "job `%s` sets `permissions: write-all`, giving its GITHUB_TOKEN write access to every scope; grant only the scopes needed",
	},
	"read-all": {
		"workflow": "`permissions: read-all` lets every job's GITHUB_TOKEN read every scope (actions, packages, security events, ...); list only the scopes needed, e.g. `contents: read`",
		"job": "job `%s` sets `permissions: read-all`, letting its GITHUB_TOKEN read every scope; list only the scopes needed",
	},
}

# Where permissions are set: {"level", "at" (the path of its `permissions`), "value", "args"
# (for the message)}.
grants contains {"level": "workflow", "at": ["permissions"], "value": guard.get(doc, "permissions", null), "args": []} if is_workflow

grants contains {"level": "job", "at": ["jobs", id, "permissions"], "value": guard.get(job, "permissions", null), "args": [id]} if {
	some id, job in common.jobs
}

deny contains v if {
	some g in grants
	is_string(g.value)
	texts := blanket[lower(trim_space(g.value))]
	v := {
		"msg": sprintf(texts[g.level], g.args),
		"path": g.at,
	}
}

# Jobs that run with the workflow-level permissions (they set none of their own; a job that
# calls a reusable workflow passes them on too).
inheriting_jobs := {id | some id, job in common.jobs; not "permissions" in object.keys(job)}

# A write scope granted at the top level reaches every inheriting job; with two or more of them
# it is almost always needed by one only, and belongs on that job.
deny contains v if {
	is_workflow
	perms := guard.get(doc, "permissions", null)
	is_object(perms)
	count(inheriting_jobs) > 1
	some scope, level in perms
	is_string(level)
	lower(trim_space(level)) == "write"
	v := {
		"msg": sprintf("`%s: write` is granted at the workflow level, so all %d jobs that set no `permissions:` of their own (%s) get it; grant it only on the job that needs it", [scope, count(inheriting_jobs), concat(", ", sort(inheriting_jobs))]),
		"path": ["permissions", scope],
	}
}
