package lib.aws_test

import data.lib.aws

test_exposed_ports if {
	aws.exposed_ports(22, 22, "tcp") == {22}
	aws.exposed_ports("3389", "3389", "6") == {3389}
	count(aws.exposed_ports(0, 0, "-1")) > 20
	count(aws.exposed_ports(null, null, -1)) > 20
	aws.exposed_ports(443, 443, "tcp") == set()
}

test_icmp_and_expressions_expose_nothing if {
	aws.exposed_ports(-1, -1, "icmp") == set()
	aws.exposed_ports(8, 0, "1") == set()
	aws.exposed_ports("${var.port}", "${var.port}", "tcp") == set()
	aws.exposed_ports({"Ref": "Port"}, {"Ref": "Port"}, "tcp") == set()
	aws.exposed_ports(0, 0, "50") == set()
}

test_public_cidrs if {
	aws.public_cidrs(["10.0.0.0/8", "0.0.0.0/0"]) == {"0.0.0.0/0"}
	aws.public_cidrs("::/0") == {"::/0"}
	aws.public_cidrs("${var.cidr}") == set()
	aws.public_cidrs({"Ref": "Cidr"}) == set()
	aws.public_cidrs(["${var.admin_cidrs}"]) == set()
}

test_references if {
	aws.references({"bucket": "${aws_s3_bucket.logs.id}"}, "aws_s3_bucket.logs")
	aws.references({"bucket": "${aws_s3_bucket.logs[0].id}"}, "aws_s3_bucket.logs")
	aws.references({"for_each": "${aws_s3_bucket.logs}"}, "aws_s3_bucket.logs")
	not aws.references({"bucket": "${aws_s3_bucket.logs_archive.id}"}, "aws_s3_bucket.logs")
	not aws.references({"bucket": "${data.aws_s3_bucket.logs.id}"}, "aws_s3_bucket.logs")
}

test_json_policy_statements if {
	doc := aws.json_policy(`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`)
	aws.statements(doc) == {[["Statement"], {"Effect": "Allow", "Action": "*", "Resource": "*"}]}
	not aws.json_policy("${jsonencode(var.doc)}")
	not aws.json_policy("not json")
}

test_wildcard_principals if {
	aws.wildcard_principal("*")
	aws.wildcard_principal({"AWS": "*"})
	aws.wildcard_principal({"AWS": ["arn:aws:iam::123456789012:root", "*"]})
	not aws.wildcard_principal({"Service": "ec2.amazonaws.com"})
	not aws.wildcard_principal({"AWS": "arn:aws:iam::123456789012:root"})
}

test_identity_statements_skip_boundaries if {
	doc := {"resource": {
		"aws_iam_policy": {
			"boundary": {"policy": json.unmarshal(`{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`)},
			"admin": {"policy": json.unmarshal(`{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`)},
		},
		"aws_iam_role": {"app": {"permissions_boundary": "${aws_iam_policy.boundary.arn}"}},
	}}
	labels := {st.label | some st in aws.identity_statements} with input as {"kind": "terraform", "document": doc}
	labels == {"aws_iam_policy `admin`"}
}

test_document_service_from_consumer_or_actions if {
	doc := {
		"data": {"aws_iam_policy_document": {
			"a": {"statement": [{"actions": ["sqs:SendMessage"], "principals": [{"type": "AWS", "identifiers": ["*"]}]}]},
			"b": {"statement": [{"actions": ["s3:GetObject"], "principals": [{"type": "*", "identifiers": ["*"]}]}]},
		}},
		"resource": {"aws_s3_bucket_policy": {"p": {"policy": "${data.aws_iam_policy_document.a.json}"}}},
	}
	found := {[st.service, st.label] | some st in aws.public_statements} with input as {"kind": "terraform", "document": doc}
	found == {["s3", "aws_iam_policy_document `a`"], ["s3", "aws_iam_policy_document `b`"]}
}

test_terraform_policy_is_an_object_or_nothing if {
	aws.tf_policy({"Statement": []}) == {"Statement": []}
	not aws.tf_policy("${data.aws_iam_policy_document.x.json}")
	not aws.tf_policy(`{"Statement": []}`)
}

test_boundary_by_name_and_scp_documents_skipped if {
	doc := {
		"resource": {
			"aws_iam_policy": {"dev_boundary": {"name": "developer-boundary", "policy": json.unmarshal(`{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`)}},
			"aws_organizations_policy": {"guardrails": {"content": "${data.aws_iam_policy_document.scp.json}"}},
		},
		"data": {"aws_iam_policy_document": {"scp": {"statement": [{"actions": ["*"], "resources": ["*"]}]}}},
	}
	count(aws.identity_statements) == 0 with input as {"kind": "terraform", "document": doc}
}

test_dynamic_condition_counts_as_condition if {
	aws.tf_has_condition({"dynamic": {"condition": [{"for_each": "${var.conditions}"}]}})
	not aws.tf_has_condition({"actions": ["s3:GetObject"]})
}
