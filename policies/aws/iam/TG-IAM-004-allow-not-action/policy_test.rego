package tollgate.aws.iam.allow_not_action_test

import data.tollgate.aws.iam.allow_not_action as p

statement(effect, not_actions) := {
	"path": ["Statement", 0], "effect": effect, "actions": [], "not_actions": not_actions,
	"resources": ["*"], "not_resources": [], "principals": null, "not_principals": null,
	"condition": null, "policy_type": "identity", "action_path": ["Statement", 0, "NotAction"],
	"resource_path": null, "principal_path": null, "origin": "identity policy",
}

test_allow_with_not_action_is_reported if {
	found := p.deny with input as {"kind": "iam-policy", "document": {}, "facets": {"iam_statements": [statement("Allow", ["iam:*"])]}}
	{v.path | some v in found} == {["Statement", 0, "NotAction"]}
}

test_deny_with_not_action_is_fine if {
	found := p.deny with input as {"kind": "iam-policy", "document": {}, "facets": {"iam_statements": [statement("Deny", ["iam:*"]), statement("Allow", [])]}}
	count(found) == 0
}
