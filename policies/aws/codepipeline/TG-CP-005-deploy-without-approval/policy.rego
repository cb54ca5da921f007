# METADATA
# title: CodePipeline reaches its last deploy stage with no manual approval
# description: >-
#   The pipeline's last stage with a Deploy action (in most pipelines, production) has no manual
#   Approval action before it: every change that reaches the source branch or bucket is deployed
#   there without a person looking at it, so a mistaken or malicious commit, or a compromised
#   build dependency, goes straight to production. Deploys to earlier stages (test, staging) are
#   not reported; an approval in any earlier stage, or earlier in the same stage (a lower
#   `runOrder`), counts.
# related_resources:
#   - https://docs.aws.amazon.com/codepipeline/latest/userguide/approvals.html
#   - https://docs.aws.amazon.com/codepipeline/latest/userguide/approvals-action-add.html
# custom:
#   id: TG-CP-005
#   severity: low
#   remediation: >-
#     Add a stage with a Manual approval action (owner AWS, category Approval, provider Manual)
#     before the stage that deploys to production, notifying the approvers through SNS; keep
#     codepipeline:PutApprovalResult to the people who may approve.
#   kinds: [codepipeline, cloudformation]
#   inputs: [kind:codepipeline, resource:AWS::CodePipeline::Pipeline]
package tollgate.aws.codepipeline.deploy_without_approval

# The Deploy actions of each pipeline's last deploying stage, unless an Approval action runs
# before them.

import data.lib.codepipeline as cp

pipeline_of(a) := array.slice(a.path, 0, count(a.path) - 4)

deploys(a) if lower(a.category) == "deploy"

last_deploy_stage(pipeline) := max({b.stage | some b in cp.actions; pipeline_of(b) == pipeline; deploys(b)})

approved_before(a) if {
	some b in cp.actions
	pipeline_of(b) == pipeline_of(a)
	lower(b.category) == "approval"
	earlier(b, a)
}

earlier(b, a) if b.stage < a.stage

earlier(b, a) if {
	b.stage == a.stage
	b.run_order < a.run_order
}

deny contains v if {
	some a in cp.actions
	deploys(a)
	a.stage == last_deploy_stage(pipeline_of(a))
	not approved_before(a)
	v := {
		"msg": sprintf("%s deploys with no manual approval before it (the pipeline's last deploy stage)", [a.label]),
		"path": a.type_path,
	}
}
