package tollgate.aws.s3.bucket_versioning_disabled_test

import data.tollgate.aws.s3.bucket_versioning_disabled as p

test_terraform_cases if {
	doc := {"resource": {
		"aws_s3_bucket": {
			"state": {"bucket": "acme-tf-state"},
			"legacy": {"bucket": "acme-legacy", "versioning": [{"enabled": false}]},
			"assets": {"bucket": "acme-assets"},
			"scratch": {"bucket": "acme-scratch"},
		},
		"aws_s3_bucket_versioning": {
			"state": {"bucket": "${aws_s3_bucket.state.id}", "versioning_configuration": [{"status": "Enabled"}]},
			"assets": {"bucket": "${aws_s3_bucket.assets.id}", "versioning_configuration": [{"status": "Suspended"}]},
		},
	}}
	{v.path | some v in p.deny} == {
		["resource", "aws_s3_bucket", "legacy", "versioning", 0, "enabled"],
		["resource", "aws_s3_bucket_versioning", "assets", "versioning_configuration", 0, "status"],
		["resource", "aws_s3_bucket", "scratch"],
	} with input as {"kind": "terraform", "document": doc}
}

test_enabled_passes if {
	doc := {"resource": {"aws_s3_bucket": {"a": {"bucket": "acme-a", "versioning": [{"enabled": true}]}}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_cloudformation if {
	doc := {"Resources": {
		"Missing": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "acme-missing"}},
		"Suspended": {"Type": "AWS::S3::Bucket", "Properties": {"VersioningConfiguration": {"Status": "Suspended"}}},
		"Enabled": {"Type": "AWS::S3::Bucket", "Properties": {"VersioningConfiguration": {"Status": "Enabled"}}},
	}}
	{v.path | some v in p.deny} == {
		["Resources", "Missing"],
		["Resources", "Suspended", "Properties", "VersioningConfiguration", "Status"],
	} with input as {"kind": "cloudformation", "document": doc}
}
