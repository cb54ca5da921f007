# METADATA
# title: "Reusable workflow called with `secrets: inherit`"
# description: >-
#   A job calls a reusable workflow with `secrets: inherit`, which passes every repository,
#   environment and organization secret available to the caller. The called workflow (possibly in
#   another repository, possibly changed later) gets credentials it does not need, and a
#   compromise of it exposes all of them.
# related_resources:
#   - https://docs.github.com/en/actions/sharing-automations/reusing-workflows#passing-inputs-and-secrets-to-a-reusable-workflow
#   - https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idsecretsinherit
# custom:
#   id: TG-GHA-013
#   severity: medium
#   remediation: >-
#     Pass only the secrets the called workflow declares, explicitly: `secrets: { NPM_TOKEN: ${{
#     secrets.NPM_TOKEN }} }`.
#   kinds: [github-actions]
#   aliases: [zizmor/secrets-inherit]
package tollgate.pipelines.github.hygiene.secrets_inherit

# `secrets: inherit` hands every secret of the caller to the called workflow, whatever it
# actually needs.

import data.lib.github_actions as common

deny contains v if {
	some id, job in common.jobs
	uses := object.get(job, "uses", null)
	is_string(uses)
	s := object.get(job, "secrets", null)
	is_string(s)
	lower(trim_space(s)) == "inherit"
	v := {
		"msg": sprintf("job `%s` passes all of the caller's secrets to `%s` with `secrets: inherit`; pass only the secrets it needs", [id, uses]),
		"path": ["jobs", id, "secrets"],
	}
}
