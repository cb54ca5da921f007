# METADATA
# title: IAM policy allows all actions of a service on every resource
# description: >-
#   An identity statement allows `<service>:*` (every action of one service, such as `s3:*` or
#   `dynamodb:*`) on Resource "*" with no Condition. That is administrator access to the
#   service across the whole account: every bucket, table or queue, including deleting them and
#   rewriting their resource policies, where the workload needs a handful of actions on its own
#   resources. Grants of `*` itself are TG-IAM-001's finding, `iam:*` is TG-IAM-002's.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#   - https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
# custom:
#   id: TG-IAM-005
#   severity: medium
#   remediation: >-
#     List the actions the workload calls (IAM Access Analyzer can generate them from CloudTrail)
#     and scope `Resource` to the ARNs of its own resources.
#   kinds: [terraform, cloudformation, iam-policy]
#   inputs: [facet:iam_statements]
package tollgate.aws.iam.service_wildcard_on_all_resources

# Identity grants (lib.iam) with an action `<service>:*` on "*" and no Condition. `iam:*` is
# left to TG-IAM-002 (it grants iam:PassRole), `*` to TG-IAM-001.

import data.lib.iam

service_wildcards(st) := [a |
	some a in st.actions
	regex.match(`^[A-Za-z0-9-]+:\*$`, a)
	lower(a) != "iam:*"
]

deny contains v if {
	some st in iam.identity_grants
	"*" in st.resources
	not iam.conditioned(st)
	wildcards := service_wildcards(st)
	count(wildcards) > 0
	v := {
		"msg": sprintf("%s allows %s on every resource (\"*\")", [st.origin, concat(", ", sort(wildcards))]),
		"path": iam.action_path(st),
	}
}
