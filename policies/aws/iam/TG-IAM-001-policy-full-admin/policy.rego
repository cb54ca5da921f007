# METADATA
# title: IAM policy grants full administrative access
# description: >-
#   An IAM policy statement allows Action "*" (or "*:*") on Resource "*". Any user, group or role
#   holding it is a full administrator: it can read every secret, delete every resource, disable
#   logging and create new credentials for itself, so one leaked key or compromised workload
#   becomes a compromised account. Least privilege means granting only the actions a workload
#   uses. Permissions boundaries (used as one in the same file, or named as one) are not reported,
#   since a boundary only caps what other policies grant; neither are Organizations SCP documents
#   nor resource policies (statements with a Principal). Statements come from the
#   iam_statements facet: Terraform heredoc/JSON text, jsonencode({...}), file(...) and
#   aws_iam_policy_document data sources, CloudFormation inline and managed policies.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#   - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document
# custom:
#   id: TG-IAM-001
#   severity: high
#   remediation: >-
#     Replace the wildcard with the specific actions and resource ARNs the principal needs (IAM
#     Access Analyzer can generate a policy from CloudTrail activity). Keep genuine administrator
#     access to a few humans through AWS IAM Identity Center permission sets or the AWS managed
#     AdministratorAccess policy behind MFA, never to workloads.
#   kinds: [terraform, cloudformation, iam-policy]
#   inputs: [facet:iam_statements]
#   aliases: [TG-AWS-012, CKV_AWS_1, CKV_AWS_62, AVD-AWS-0057, aws-iam-no-policy-wildcards]
package tollgate.aws.iam.policy_full_admin

# Identity statements (lib.iam) that allow every action on every resource. Blames the
# statement's Action (inside the JSON for Terraform heredoc/jsonencode/file policies too).

import data.lib.iam

admin_actions := {"*", "*:*"}

full_admin(st) if {
	some a in st.actions
	a in admin_actions
	"*" in st.resources
}

deny contains v if {
	some st in iam.identity_grants
	full_admin(st)
	v := {
		"msg": sprintf("%s allows every action (\"*\") on every resource (\"*\")", [st.origin]),
		"path": iam.action_path(st),
	}
}
