package tollgate.aws.iam.passrole_wildcard_test

import data.tollgate.aws.iam.passrole_wildcard as p

st(path, extra) := object.union({
	"path": path, "effect": "Allow", "actions": ["iam:PassRole"], "not_actions": [], "resources": ["*"], "not_resources": [],
	"principals": null, "not_principals": null, "condition": null, "policy_type": "identity",
	"action_path": array.concat(path, ["Action"]), "resource_path": null, "principal_path": null, "origin": "o",
}, extra)

run(statements) := found if {
	found := p.deny with input as {"kind": "terraform", "document": {}, "facets": {"scripts": [], "images": [], "env": [], "ingress": [], "iam_statements": statements}}
}

test_passrole_through_wildcards if {
	run([st(["d", "Statement", 0], {"actions": ["ec2:RunInstances", "iam:Pass*", "iam:PassRole"]})]) == {{
		"msg": "o allows iam:PassRole on every role (Resource \"*\") via iam:Pass*, iam:PassRole",
		"path": ["d", "Statement", 0, "Action"],
	}}
	count(run([st(["d", "Statement", 0], {"actions": ["iam:*"]})])) == 1
	count(run([st(["d", "Statement", 0], {"actions": ["iam:P?ssRole"]})])) == 1
}

test_scoped_conditioned_and_admin_documents_pass if {
	count(run([
		st(["a", "Statement", 0], {"resources": ["arn:aws:iam::123456789012:role/app-*"]}),
		st(["b", "Statement", 0], {"condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}}),
		st(["c", "Statement", 0], {"actions": ["iam:Get*"]}),
		# TG-IAM-001 reports the document that grants everything.
		st(["e", "Statement", 0], {"actions": ["*"]}),
		st(["e", "Statement", 1], {}),
	])) == 0
}
