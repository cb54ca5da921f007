package tollgate.aws.iam.wildcard_principal_test

import data.tollgate.aws.iam.wildcard_principal as p

test_trust_policy_heredoc if {
	trust := `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}`
	p.deny == {{
		"msg": "aws_iam_role `partner` lets any AWS principal assume the role (Principal \"*\" without a condition)",
		"path": ["resource", "aws_iam_role", "partner", "assume_role_policy"],
	}} with input as {"kind": "terraform", "document": {"resource": {"aws_iam_role": {"partner": {"assume_role_policy": json.unmarshal(trust)}}}}}
}

test_queue_policy_data_source if {
	doc := {
		"data": {"aws_iam_policy_document": {"events": {"statement": [{
			"actions": ["sqs:SendMessage"],
			"resources": ["${aws_sqs_queue.events.arn}"],
			"principals": [{"type": "*", "identifiers": ["*"]}],
		}]}}},
		"resource": {"aws_sqs_queue_policy": {"events": {"queue_url": "${aws_sqs_queue.events.id}", "policy": "${data.aws_iam_policy_document.events.json}"}}},
	}
	p.deny == {{
		"msg": "aws_iam_policy_document `events` allows anyone to sqs:SendMessage (Principal \"*\" without a condition)",
		"path": ["data", "aws_iam_policy_document", "events", "statement", 0, "principals", 0],
	}} with input as {"kind": "terraform", "document": doc}
}

test_conditions_services_and_s3_pass if {
	doc := {
		"data": {"aws_iam_policy_document": {
			"sns": {"statement": [{
				"actions": ["SNS:Publish"],
				"principals": [{"type": "AWS", "identifiers": ["*"]}],
				"condition": [{"test": "StringEquals", "variable": "AWS:SourceOwner", "values": ["123456789012"]}],
			}]},
			"assume": {"statement": [{"actions": ["sts:AssumeRole"], "principals": [{"type": "Service", "identifiers": ["ec2.amazonaws.com"]}]}]},
			"bucket": {"statement": [{"actions": ["s3:GetObject"], "principals": [{"type": "*", "identifiers": ["*"]}]}]},
		}},
		"resource": {"aws_iam_role": {"app": {"assume_role_policy": "${data.aws_iam_policy_document.assume.json}"}}},
	}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_cloudformation if {
	doc := {"Resources": {
		"OpenRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": ["sts:AssumeRole"]}]}}},
		"TopicPolicy": {"Type": "AWS::SNS::TopicPolicy", "Properties": {"Topics": [{"Ref": "Alerts"}], "PolicyDocument": {"Statement": [
			{"Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sns:Publish", "Resource": {"Ref": "Alerts"}},
			{"Effect": "Allow", "Principal": "*", "Action": ["sns:Subscribe", "sns:Publish"], "Resource": {"Ref": "Alerts"}},
		]}}},
	}}
	{v.path | some v in p.deny} == {
		["Resources", "OpenRole", "Properties", "AssumeRolePolicyDocument", "Statement", 0, "Principal"],
		["Resources", "TopicPolicy", "Properties", "PolicyDocument", "Statement", 1, "Principal"],
	} with input as {"kind": "cloudformation", "document": doc}
}

test_jsonencode_trust_policy if {
	# `assume_role_policy = jsonencode({...})`, as the Terraform reader evaluates it.
	trust := {"Version": "2012-10-17", "Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"AWS": "*"}}]}
	{v.path | some v in p.deny} == {["resource", "aws_iam_role", "open", "assume_role_policy"]} with input as {"kind": "terraform", "document": {"resource": {"aws_iam_role": {"open": {"assume_role_policy": trust}}}}}
}
