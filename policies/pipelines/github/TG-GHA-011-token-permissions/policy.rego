# METADATA
# title: GITHUB_TOKEN permissions not restricted
# description: >-
#   The workflow sets no `permissions:` at the top level nor on any job, so the GITHUB_TOKEN gets
#   the repository's default permissions (read-write on every scope for repositories and
#   organizations created before February 2023 or configured that way), or it grants `permissions:
#   write-all`. Any step that is compromised or injected into can then push code, create releases
#   or tamper with issues and packages.
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
#   aliases: [CKV2_GHA_1]
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

is_write_all(p) if {
	is_string(p)
	lower(trim_space(p)) == "write-all"
}

deny contains v if {
	is_workflow
	is_write_all(guard.get(doc, "permissions", null))
	v := {
		"msg": "`permissions: write-all` gives every job's GITHUB_TOKEN write access to every scope; grant only the scopes needed",
		"path": ["permissions"],
	}
}

deny contains v if {
	some id, job in common.jobs
	is_write_all(object.get(job, "permissions", null))
	v := {
		"msg": sprintf("job `%s` sets `permissions: write-all`, giving its GITHUB_TOKEN write access to every scope; grant only the scopes needed", [id]),
		"path": ["jobs", id, "permissions"],
	}
}
