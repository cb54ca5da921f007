# METADATA
# title: IAM policy allows everything except a list (Allow with NotAction)
# description: >-
#   An identity statement with `"Effect": "Allow"` and `NotAction` grants every action of every
#   AWS service except the ones listed, including those of services launched after the policy
#   was written. It is almost always meant as "everything but IAM" and still grants the
#   organization, account and billing actions, and whatever the list forgot. (Deny with
#   NotAction is the safe, common pattern and is not reported.)
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: TG-IAM-004
#   severity: high
#   remediation: >-
#     List the actions the principal needs under `Action`; to carve out exceptions from a broad
#     grant, add a separate `Deny` statement instead of an `Allow` with `NotAction`.
#   kinds: [terraform, cloudformation, iam-policy]
#   inputs: [facet:iam_statements]
package tollgate.aws.iam.allow_not_action

# Identity grants (lib.iam) that use NotAction. Blames the NotAction node.

import data.lib.iam

deny contains v if {
	some st in iam.identity_grants
	count(st.not_actions) > 0
	v := {
		"msg": sprintf("%s allows every action except %s (Allow with NotAction)", [st.origin, concat(", ", st.not_actions)]),
		"path": iam.action_path(st),
	}
}
