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

test_document_service_from_consumer_or_actions if {
	doc := {
		"data": {"aws_iam_policy_document": {
			"a": {"statement": [{"actions": ["sqs:SendMessage"], "principals": [{"type": "AWS", "identifiers": ["*"]}]}]},
			"b": {"statement": [{"actions": ["s3:GetObject"], "principals": [{"type": "*", "identifiers": ["*"]}]}]},
		}},
		"resource": {"aws_s3_bucket_policy": {"p": {"policy": "${data.aws_iam_policy_document.a.json}"}}},
	}
	aws.tf_document_services("a", ["sqs:SendMessage"]) == {"s3"} with input as {"kind": "terraform", "document": doc}
	aws.tf_document_services("b", ["s3:GetObject"]) == {"s3"} with input as {"kind": "terraform", "document": doc}
	aws.tf_document_services("c", ["sts:AssumeRole", "sts:TagSession"]) == {"trust"} with input as {"kind": "terraform", "document": doc}
}

test_boundary_by_name_and_scp_documents_skipped if {
	doc := {
		"resource": {
			"aws_iam_policy": {"dev_boundary": {"name": "developer-boundary", "policy": json.unmarshal(`{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`)}},
			"aws_organizations_policy": {"guardrails": {"content": "${data.aws_iam_policy_document.scp.json}"}},
		},
		"data": {"aws_iam_policy_document": {"scp": {"statement": [{"actions": ["*"], "resources": ["*"]}]}}},
	}
	aws.tf_boundary_policy("aws_iam_policy", "dev_boundary") with input as {"kind": "terraform", "document": doc}
	aws.tf_non_identity_document("scp") with input as {"kind": "terraform", "document": doc}
}
