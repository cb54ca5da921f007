package tollgate.aws.iam.passrole_wildcard_test

import data.tollgate.aws.iam.passrole_wildcard as p

test_passrole_star if {
	policy := `{"Version": "2012-10-17", "Statement": [
	  {"Effect": "Allow", "Action": ["ec2:RunInstances", "iam:PassRole"], "Resource": "*"}
	]}`
	p.deny == {{
		"msg": "aws_iam_policy `launcher` allows iam:PassRole on every role (Resource \"*\") via iam:PassRole",
		"path": ["resource", "aws_iam_policy", "launcher", "policy"],
	}} with input as {"kind": "terraform", "document": {"resource": {"aws_iam_policy": {"launcher": {"policy": json.unmarshal(policy)}}}}}
}

test_iam_wildcards_in_data_source if {
	doc := {"data": {"aws_iam_policy_document": {"ops": {"statement": [
		{"actions": ["iam:Get*", "iam:List*"], "resources": ["*"]},
		{"actions": ["iam:*"], "resources": ["*"]},
	]}}}}
	{v.path | some v in p.deny} == {["data", "aws_iam_policy_document", "ops", "statement", 1, "actions"]} with input as {"kind": "terraform", "document": doc}
}

test_scoped_conditioned_and_admin_pass if {
	doc := {"data": {"aws_iam_policy_document": {
		"scoped": {"statement": [{"actions": ["iam:PassRole"], "resources": ["arn:aws:iam::123456789012:role/app-*"]}]},
		"conditioned": {"statement": [{
			"actions": ["iam:PassRole"], "resources": ["*"],
			"condition": [{"test": "StringEquals", "variable": "iam:PassedToService", "values": ["ecs-tasks.amazonaws.com"]}],
		}]},
		"admin": {"statement": [{"actions": ["*"], "resources": ["*"]}, {"actions": ["iam:PassRole"], "resources": ["*"]}]},
	}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_cloudformation if {
	doc := {"Resources": {"DeployPolicy": {"Type": "AWS::IAM::Policy", "Properties": {
		"PolicyName": "deploy",
		"Roles": [{"Ref": "DeployRole"}],
		"PolicyDocument": {"Statement": [
			{"Effect": "Allow", "Action": "cloudformation:*", "Resource": "*"},
			{"Effect": "Allow", "Action": "iam:Pass*", "Resource": "*"},
		]},
	}}}}
	p.deny == {{
		"msg": "AWS::IAM::Policy `DeployPolicy` allows iam:PassRole on every role (Resource \"*\") via iam:Pass*",
		"path": ["Resources", "DeployPolicy", "Properties", "PolicyDocument", "Statement", 1, "Action"],
	}} with input as {"kind": "cloudformation", "document": doc}
}
