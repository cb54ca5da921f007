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
#   id: TG-AWS-014
#   severity: high
#   remediation: >-
#     Limit iam:PassRole to the ARNs of the specific roles the principal must hand to a service
#     (e.g. arn:aws:iam::123456789012:role/app-*) and add an iam:PassedToService condition naming
#     that service. Grant the other IAM actions the workload needs individually rather than iam:*.
#   kinds: [terraform, cloudformation]
#   aliases: [AVD-AWS-0342]
package tollgate.aws.iam.passrole_wildcard

# IAM identity policies that allow iam:PassRole (directly, or through iam:* / iam:Pass*) on
# Resource "*". Passing a role to a service (EC2, Lambda, ECS, CloudFormation, Glue, ...) gives
# that service -- and so the caller's code running in it -- the role's permissions; with "*"
# the caller can pass the most privileged role in the account and escalate to it.

import data.lib.aws

# An action pattern (IAM wildcards * and ?) that matches iam:PassRole, other than the full
# wildcards that TG-AWS-012 reports.
grants_passrole(a) if {
	not a in {"*", "*:*"}
	pattern := lower(a)
	regex.match(`^[a-z0-9:*?_-]+$`, pattern)
	# A glob without delimiters is exactly IAM's wildcard syntax; no pattern is built from data.
	glob.match(pattern, null, "iam:passrole")
}

full_admin_document(doc) if {
	some st in aws.identity_statements
	st.doc == doc
	st.allow
	some a in st.actions
	a in {"*", "*:*"}
	"*" in st.resources
}

offending(st) := [a | some a in st.actions; grants_passrole(a)] if {
	st.allow
	not st.condition
	"*" in st.resources
	not full_admin_document(st.doc)
}

deny contains v if {
	some path in {st.path | some st in aws.identity_statements; count(offending(st)) > 0}
	statements := [st | some st in aws.identity_statements; st.path == path; count(offending(st)) > 0]
	actions := sort({a | some st in statements; some a in offending(st)})
	v := {
		"msg": sprintf("%s allows iam:PassRole on every role (Resource \"*\") via %s", [statements[0].label, concat(", ", actions)]),
		"path": path,
	}
}
