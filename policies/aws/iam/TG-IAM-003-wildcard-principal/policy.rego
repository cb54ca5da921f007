# METADATA
# title: Resource or trust policy allows any principal
# description: >-
#   A role's trust policy, or the resource policy of an SQS queue, SNS topic, KMS key, ECR
#   repository or Secrets Manager secret, has an Allow statement for Principal "*" (or
#   {"AWS": "*"}) and no Condition that narrows the caller. For a role this lets any identity in
#   any AWS account assume it and use its permissions; for a queue, topic, key, repository or
#   secret it lets anyone send, read, subscribe, publish, pull images, read the secret or use the
#   key. Statements whose Condition pins the caller (aws:PrincipalOrgID, aws:SourceAccount,
#   aws:SourceArn with an account, sts:ExternalId, ...; see TG-AWS-008 for the list) are not
#   reported; aws:SecureTransport alone does not narrow it. Terraform aws_iam_policy_document data
#   sources are checked when a role or one of those resources in the same file uses them or,
#   when nothing in the file uses them, when their statement only has sts:, sqs:, sns:, kms:,
#   ecr: or secretsmanager: actions.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
#   - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html
#   - https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html
# custom:
#   id: TG-IAM-003
#   severity: high
#   remediation: >-
#     Name the principals explicitly: account root or role ARNs, or a service principal such as
#     sns.amazonaws.com. Where many principals need access, keep "*" only together with a
#     Condition that bounds it, such as aws:PrincipalOrgID for your organisation or aws:SourceArn
#     / aws:SourceAccount for a service integration; for cross-account role trust require
#     sts:ExternalId.
#   kinds: [terraform, cloudformation, iam-policy]
#   inputs: [facet:iam_statements]
#   aliases: [TG-AWS-013, CKV_AWS_33, CKV_AWS_60, CKV_AWS_168, CKV_AWS_169, CKV_AWS_283]
package tollgate.aws.iam.wildcard_principal

# Role trust policies and SQS / SNS / KMS resource policies that allow Principal "*" (every
# AWS account, and for resource policies anonymous callers too) with no Condition to narrow
# it. S3 bucket policies are covered by TG-AWS-008.

import data.lib.iam

what := {
	"trust": "lets any AWS principal assume the role",
	"sqs": "allows anyone",
	"sns": "allows anyone",
	"kms": "allows anyone",
	"ecr": "allows anyone",
	"secretsmanager": "allows anyone",
}

deny contains v if {
	some at in {p | some [p, service, _] in iam.public_statements; what[service]}
	found := [[service, st] | some [p, service, st] in iam.public_statements; p == at; what[service]]
	[service, first] := found[0]
	actions := sort({a | some [_, st] in found; some a in st.actions})
	v := {
		"msg": sprintf("%s %s%s (Principal \"*\"%s)", [first.origin, what[service], describe(service, actions), iam.condition_note(first)]),
		"path": at,
	}
}

describe("trust", _) := ""

describe(service, actions) := sprintf(" to %s", [concat(", ", actions)]) if {
	service != "trust"
	count(actions) > 0
}

describe(service, actions) := "" if {
	service != "trust"
	count(actions) == 0
}
