package tollgate.aws.s3.bucket_encryption_missing_test

import data.tollgate.aws.s3.bucket_encryption_missing as p

test_bucket_without_configuration if {
	doc := {"resource": {
		"aws_s3_bucket": {"logs": {"bucket": "acme-logs"}, "data": {"bucket": "acme-data"}, "logs_archive": {"bucket": "acme-logs-archive"}},
		"aws_s3_bucket_server_side_encryption_configuration": {"data": {
			"bucket": "${aws_s3_bucket.data.id}",
			"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}],
		}, "archive": {"bucket": "${aws_s3_bucket.logs_archive.id}", "rule": []}},
	}}
	p.deny == {{
		"msg": "S3 bucket `logs` has no server-side encryption configuration (only the implicit SSE-S3 default applies)",
		"path": ["resource", "aws_s3_bucket", "logs"],
	}} with input as {"kind": "terraform", "document": doc}
}

aes := [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256"}]}]

test_inline_literal_and_ambiguous_configurations_pass if {
	inline := {"resource": {"aws_s3_bucket": {"a": {"server_side_encryption_configuration": [{"rule": []}]}}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": inline}
	literal := {"resource": {
		"aws_s3_bucket": {"a": {"bucket": "acme-a"}},
		"aws_s3_bucket_server_side_encryption_configuration": {"a": {"bucket": "acme-a", "rule": aes}},
	}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": literal}
	each := {"resource": {
		"aws_s3_bucket": {"a": {"bucket": "acme-a"}},
		"aws_s3_bucket_server_side_encryption_configuration": {"all": {"for_each": "${var.buckets}", "bucket": "${each.value}", "rule": aes}},
	}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": each}
}

test_cloudformation if {
	doc := {"Resources": {
		"Raw": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "acme-raw"}},
		"Curated": {"Type": "AWS::S3::Bucket", "Properties": {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]}}},
	}}
	{v.path | some v in p.deny} == {["Resources", "Raw"]} with input as {"kind": "cloudformation", "document": doc}
}

test_empty_rules_configure_nothing if {
	doc := {"resource": {
		"aws_s3_bucket": {"b": {"bucket": "b", "server_side_encryption_configuration": [{"rule": [{}]}]}},
		"aws_s3_bucket_server_side_encryption_configuration": {
			"empty": {"bucket": "${aws_s3_bucket.b.id}", "rule": [{"bucket_key_enabled": true}]},
			"good": {"bucket": "x", "rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256"}]}]},
		},
	}}
	{v.path | some v in p.deny} == {
		["resource", "aws_s3_bucket", "b", "server_side_encryption_configuration", 0, "rule", 0],
		["resource", "aws_s3_bucket_server_side_encryption_configuration", "empty", "rule", 0],
	} with input as {"kind": "terraform", "document": doc}
}

test_cloudformation_rules_without_an_algorithm if {
	doc := {"Resources": {
		"Empty": {"Type": "AWS::S3::Bucket", "Properties": {"BucketEncryption": {"ServerSideEncryptionConfiguration": []}}},
		"Good": {"Type": "AWS::S3::Bucket", "Properties": {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}}},
	}}
	{v.path | some v in p.deny} == {["Resources", "Empty", "Properties", "BucketEncryption"]} with input as {"kind": "cloudformation", "document": doc}
}
