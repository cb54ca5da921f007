package tollgate.aws.s3.bucket_policy_public_test

import data.tollgate.aws.s3.bucket_policy_public as p

public_json := `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::acme-site/*"},
    {"Sid": "DenyHttp", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::acme-site/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
  ]
}`

test_heredoc_policy if {
	doc := {"resource": {"aws_s3_bucket_policy": {"site": {"bucket": "${aws_s3_bucket.site.id}", "policy": json.unmarshal(public_json)}}}}
	p.deny == {{
		"msg": "aws_s3_bucket_policy `site` allows anyone (Principal \"*\") to s3:GetObject without a condition",
		"path": ["resource", "aws_s3_bucket_policy", "site", "policy"],
	}} with input as {"kind": "terraform", "document": doc}
}

test_policy_document_data_source if {
	doc := {
		"data": {"aws_iam_policy_document": {"site": {"statement": [{
			"sid": "PublicRead",
			"actions": ["s3:GetObject"],
			"resources": ["${aws_s3_bucket.site.arn}/*"],
			"principals": [{"type": "AWS", "identifiers": ["*"]}],
		}]}}},
		"resource": {"aws_s3_bucket_policy": {"site": {"bucket": "${aws_s3_bucket.site.id}", "policy": "${data.aws_iam_policy_document.site.json}"}}},
	}
	{v.path | some v in p.deny} == {["data", "aws_iam_policy_document", "site", "statement", 0, "principals", 0]} with input as {"kind": "terraform", "document": doc}
}

test_conditions_deny_and_named_principals_pass if {
	doc := {"data": {"aws_iam_policy_document": {
		"org": {"statement": [{
			"actions": ["s3:GetObject"],
			"principals": [{"type": "AWS", "identifiers": ["*"]}],
			"condition": [{"test": "StringEquals", "variable": "aws:PrincipalOrgID", "values": ["o-abc123"]}],
		}]},
		"cf": {"statement": [{"actions": ["s3:GetObject"], "principals": [{"type": "Service", "identifiers": ["cloudfront.amazonaws.com"]}]}]},
		"tls": {"statement": [{"effect": "Deny", "actions": ["s3:*"], "principals": [{"type": "*", "identifiers": ["*"]}]}]},
		"queue": {"statement": [{"actions": ["sqs:SendMessage"], "principals": [{"type": "*", "identifiers": ["*"]}]}]},
	}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_cloudformation if {
	doc := {"Resources": {"SitePolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {
		"Bucket": {"Ref": "Site"},
		"PolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": {"Fn::Sub": "${Site.Arn}/*"}}]},
	}}}}
	p.deny == {{
		"msg": "AWS::S3::BucketPolicy `SitePolicy` allows anyone (Principal \"*\") to s3:GetObject without a condition",
		"path": ["Resources", "SitePolicy", "Properties", "PolicyDocument", "Statement", 0, "Principal"],
	}} with input as {"kind": "cloudformation", "document": doc}
}

test_jsonencode_policy if {
	# `policy = jsonencode({...})`, as the Terraform reader evaluates it.
	policy := {"Version": "2012-10-17", "Statement": [{"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "${aws_s3_bucket.site.arn}/*"}]}
	{v.msg | some v in p.deny} == {"aws_s3_bucket_policy `site` allows anyone (Principal \"*\") to s3:GetObject without a condition"} with input as {"kind": "terraform", "document": {"resource": {"aws_s3_bucket_policy": {"site": {"policy": policy}}}}}
}
