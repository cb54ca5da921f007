# METADATA
# title: Checkout persists credentials in a job that uploads artifacts
# description: >-
#   `actions/checkout` stores the job's GITHUB_TOKEN in `.git/config` by default
#   (`persist-credentials: true`). When the same job later runs `actions/upload-artifact`, an
#   artifact that includes the checkout directory also contains the token; artifacts of public
#   repositories can be downloaded by anyone, who can then use the token while the workflow is
#   still running. A checkout in another job of a workflow that uploads artifacts is reported
#   too (with a lower-key message): the upload step or its `path:` is one edit away from
#   publishing that workspace, and every later step of the job can read the token.
# related_resources:
#   - https://github.com/actions/checkout#usage
#   - https://unit42.paloaltonetworks.com/github-repo-artifacts-leak-tokens/
# custom:
#   id: TG-GHA-012
#   severity: medium
#   remediation: >-
#     Set `with: persist-credentials: false` on the checkout step (configure git credentials
#     explicitly only for steps that push), and upload only the build output directory, never the
#     whole workspace.
#   kinds: [github-actions]
#   aliases: [zizmor/artipacked]
package tollgate.pipelines.github.hygiene.checkout_persist_credentials

# actions/checkout writes the GITHUB_TOKEN into .git/config unless persist-credentials is
# false; a later upload-artifact of the workspace can then publish the token ("ArtiPACKED").

import data.lib.guard
import data.lib.github_actions as common

uses_action(step, name) if common.action_name(object.get(step, "uses", null)) == name

persists_credentials(step) if not guard.is_false(guard.get(step, ["with", "persist-credentials"], null))

# The index of a job's last upload-artifact step, found in one pass: a checkout before it is
# followed by an upload (comparing every checkout with every later step was quadratic).
last_upload(steps) := max(uploads) if {
	uploads := [j | some j, step in steps; is_object(step); uses_action(step, "actions/upload-artifact")]
	count(uploads) > 0
}

deny contains v if {
	some id, job in common.jobs
	steps := guard.list(job, "steps")
	some i, checkout in steps
	is_object(checkout)
	uses_action(checkout, "actions/checkout")
	persists_credentials(checkout)
	upload := uploaded(steps, i)
	v := {
		"msg": sprintf("job `%s` checks out with persisted credentials (the token is written to .git/config) %s; set `persist-credentials: false`", [id, upload]),
		"path": ["jobs", id, "steps", i, "uses"],
		"text": checkout.uses,
	}
}

# An artifact is uploaded after the checkout in the same job, or elsewhere in the workflow.
uploaded(steps, i) := "and later uploads an artifact" if uploads_after(steps, i)

uploaded(steps, i) := "in a workflow that uploads artifacts" if {
	workflow_uploads
	not uploads_after(steps, i)
}

# Some job of the workflow uploads an artifact: a persisted checkout in a job that does not
# upload (or uploads before it) is still reported, as zizmor's artipacked does.
workflow_uploads if {
	some _, job in common.jobs
	last_upload(guard.list(job, "steps"))
}

uploads_after(steps, i) if i < last_upload(steps)

