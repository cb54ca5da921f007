package tollgate.aws.s3.public_access_block_disabled_test

import data.tollgate.aws.s3.public_access_block_disabled as p

test_false_settings if {
	pab := {"bucket": "${aws_s3_bucket.site.id}", "block_public_acls": true, "block_public_policy": false, "ignore_public_acls": true, "restrict_public_buckets": false}
	{v.path | some v in p.deny} == {
		["resource", "aws_s3_bucket_public_access_block", "site", "block_public_policy"],
		["resource", "aws_s3_bucket_public_access_block", "site", "restrict_public_buckets"],
	} with input as {"kind": "terraform", "document": {"resource": {"aws_s3_bucket_public_access_block": {"site": pab}}}}
}

test_missing_settings if {
	pab := {"block_public_acls": true, "block_public_policy": true}
	p.deny == {{
		"msg": "S3 account public access block `account` leaves ignore_public_acls, restrict_public_buckets unset (false by default)",
		"path": ["resource", "aws_s3_account_public_access_block", "account"],
	}} with input as {"kind": "terraform", "document": {"resource": {"aws_s3_account_public_access_block": {"account": pab}}}}
}

test_all_true_and_unknown_pass if {
	pab := {"bucket": "${aws_s3_bucket.b.id}", "block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": "${var.restrict}"}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": {"resource": {"aws_s3_bucket_public_access_block": {"b": pab}}}}
}

test_cloudformation if {
	doc := {"Resources": {
		"Site": {"Type": "AWS::S3::Bucket", "Properties": {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": "false", "IgnorePublicAcls": true, "RestrictPublicBuckets": true}}},
		"Data": {"Type": "AWS::S3::Bucket", "Properties": {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true}}},
		"Plain": {"Type": "AWS::S3::Bucket"},
	}}
	p.deny == {
		{
			"msg": "S3 bucket `Site` sets BlockPublicPolicy to false",
			"path": ["Resources", "Site", "Properties", "PublicAccessBlockConfiguration", "BlockPublicPolicy"],
		},
		{"msg": "S3 bucket `Plain` has no PublicAccessBlockConfiguration", "path": ["Resources", "Plain"]},
	} with input as {"kind": "cloudformation", "document": doc}
}

all_on := {"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}

test_bucket_without_a_block if {
	doc := {"resource": {
		"aws_s3_bucket": {"open": {"bucket": "a"}, "covered": {"bucket": "b"}, "named": {"bucket": "c"}},
		"aws_s3_bucket_public_access_block": {
			"covered": object.union(all_on, {"bucket": "${aws_s3_bucket.covered.id}"}),
			"named": object.union(all_on, {"bucket": "c"}),
		},
	}}
	{v.path | some v in p.deny} == {["resource", "aws_s3_bucket", "open"]} with input as {"kind": "terraform", "document": doc}
}

test_account_block_or_unattributed_block_covers_buckets if {
	account := {"resource": {"aws_s3_bucket": {"open": {"bucket": "a"}}, "aws_s3_account_public_access_block": {"acct": all_on}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": account}
	loop := {"resource": {"aws_s3_bucket": {"open": {"bucket": "a"}}, "aws_s3_bucket_public_access_block": {"each": object.union(all_on, {"bucket": "${each.value}"})}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": loop}
}

test_cloudformation_bucket_without_a_block if {
	doc := {"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "b"}}}}
	{v.path | some v in p.deny} == {["Resources", "B"]} with input as {"kind": "cloudformation", "document": doc}
}

test_blocks_in_other_files_of_the_module if {
	doc := {
		"resource": {"aws_s3_bucket": {"covered": {"bucket": "a"}, "open": {"bucket": "b"}}},
		"module_resources": {"aws_s3_bucket_public_access_block": {"covered": object.union(all_on, {"bucket": "${aws_s3_bucket.covered.id}", "file": "security.tf"})}},
	}
	{v.path | some v in p.deny} == {["resource", "aws_s3_bucket", "open"]} with input as {"kind": "terraform", "document": doc}
}
