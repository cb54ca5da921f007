# METADATA
# title: CodePipeline uses the GitHub version 1 (OAuth) source action
# description: >-
#   A source action with owner `ThirdParty` and provider `GitHub` is the version 1 GitHub action,
#   which authenticates with a personal OAuth token stored in the pipeline (and shown to anyone
#   who can update it). AWS no longer recommends it; the token is long-lived, tied to a person,
#   and usually scoped to every repository that person can reach.
# related_resources:
#   - https://docs.aws.amazon.com/codepipeline/latest/userguide/update-github-action-connections.html
#   - https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference-CodestarConnectionSource.html
# custom:
#   id: TG-CP-003
#   severity: medium
#   remediation: >-
#     Replace the action with the `CodeStarSourceConnection` source action (GitHub version 2)
#     using a CodeStar connection, scoped to the repositories the pipeline builds.
#   kinds: [codepipeline, cloudformation]
#   inputs: [kind:codepipeline, resource:AWS::CodePipeline::Pipeline]
package tollgate.aws.codepipeline.github_oauth_source_action

import data.lib.codepipeline as cp

deny contains v if {
	some a in cp.actions
	lower(a.owner) == "thirdparty"
	lower(a.provider) == "github"
	v := {
		"msg": sprintf("%s uses the GitHub version 1 source action (OAuth token); use a CodeStar connection", [a.label]),
		"path": a.type_path,
	}
}
