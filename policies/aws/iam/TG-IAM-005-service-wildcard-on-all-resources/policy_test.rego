package tollgate.aws.iam.service_wildcard_on_all_resources_test

import data.tollgate.aws.iam.service_wildcard_on_all_resources as p

statement(actions, resources, condition) := {
	"path": ["Statement", 0], "effect": "Allow", "actions": actions, "not_actions": [],
	"resources": resources, "not_resources": [], "principals": null, "not_principals": null,
	"condition": condition, "policy_type": "identity", "action_path": ["Statement", 0, "Action"],
	"resource_path": null, "principal_path": null, "origin": "identity policy",
}

findings(st) := found if {
	found := p.deny with input as {"kind": "iam-policy", "document": {}, "facets": {"iam_statements": [st]}}
}

test_service_wildcard_on_star if {
	[v] := [x | some x in findings(statement(["s3:*", "logs:PutLogEvents"], ["*"], null))]
	v.msg == "identity policy allows s3:* on every resource (\"*\")"
}

test_scoped_conditioned_or_other_families_pass if {
	count(findings(statement(["s3:*"], ["arn:aws:s3:::b/*"], null))) == 0
	count(findings(statement(["s3:*"], ["*"], {"StringEquals": {"aws:ResourceTag/team": "a"}}))) == 0
	count(findings(statement(["iam:*", "*", "s3:Get*"], ["*"], null))) == 0
}
