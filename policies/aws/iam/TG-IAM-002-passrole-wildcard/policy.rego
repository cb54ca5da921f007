# METADATA
# title: IAM policy allows iam:PassRole on all roles
# description: >-
#   An IAM policy statement allows iam:PassRole (explicitly or via a wildcard such as iam:* or
#   iam:Pass*) on Resource "*" with no Condition. A principal that can pass any role can launch an
#   EC2 instance, Lambda function, ECS task or CloudFormation stack with the most privileged role
#   in the account and act with its permissions: a classic privilege escalation path. (iam:* on
#   "*" is worse still: it can attach any policy to itself.) Statements granting "*" are reported
#   by TG-AWS-012 instead, and documents that do so are skipped here.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: TG-IAM-002
#   severity: high
#   remediation: >-
#     Limit iam:PassRole to the ARNs of the specific roles the principal must hand to a service
#     (e.g. arn:aws:iam::123456789012:role/app-*) and add an iam:PassedToService condition naming
#     that service. Grant the other IAM actions the workload needs individually rather than iam:*.
#   kinds: [terraform, cloudformation, iam-policy]
#   inputs: [facet:iam_statements]
#   aliases: [TG-AWS-014, AVD-AWS-0342, aws-iam-filter-passrole-access]
package tollgate.aws.iam.passrole_wildcard

# IAM identity policies that allow iam:PassRole (directly, or through iam:* / iam:Pass*) on
# Resource "*". Passing a role to a service (EC2, Lambda, ECS, CloudFormation, Glue, ...) gives
# that service -- and so the caller's code running in it -- the role's permissions; with "*"
# the caller can pass the most privileged role in the account and escalate to it.

import data.lib.iam

# An action pattern (IAM wildcards * and ?) that matches iam:PassRole, other than the full
# wildcards that TG-IAM-001 reports.
grants_passrole(a) if {
	not a in {"*", "*:*"}
	pattern := lower(a)
	# Only a pattern starting like "iam" can match iam:passrole (cheaper than the matches).
	substring(pattern, 0, 1) in {"i", "*", "?"}
	regex.match(`^[a-z0-9:*?_-]+$`, pattern)
	# A glob without delimiters is exactly IAM's wildcard syntax; no pattern is built from data.
	glob.match(pattern, null, "iam:passrole")
}

# A document that already grants everything is TG-IAM-001's finding.
# The documents holding a full-admin statement, once per document (not once per statement).
full_admin_documents contains iam.document(st) if {
	some st in iam.identity_grants
	some a in st.actions
	a in {"*", "*:*"}
	"*" in st.resources
}

offending(st) := [a | some a in st.actions; grants_passrole(a)] if {
	"*" in st.resources
	not iam.conditioned(st)
	not iam.document(st) in full_admin_documents
}

deny contains v if {
	some st in iam.identity_grants
	actions := offending(st)
	count(actions) > 0
	v := {
		"msg": sprintf("%s allows iam:PassRole on every role (Resource \"*\") via %s", [st.origin, concat(", ", sort(actions))]),
		"path": iam.action_path(st),
	}
}
