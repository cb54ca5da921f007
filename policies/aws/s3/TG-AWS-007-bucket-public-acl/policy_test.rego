package tollgate.aws.s3.bucket_public_acl_test

import data.tollgate.aws.s3.bucket_public_acl as p

test_canned_acls if {
	doc := {"resource": {
		"aws_s3_bucket": {"legacy": {"bucket": "acme-legacy", "acl": "public-read"}, "private": {"bucket": "acme-private", "acl": "private"}},
		"aws_s3_bucket_acl": {"site": {"bucket": "${aws_s3_bucket.site.id}", "acl": "public-read-write"}, "logs": {"bucket": "${aws_s3_bucket.logs.id}", "acl": "log-delivery-write"}},
	}}
	{v.path | some v in p.deny} == {
		["resource", "aws_s3_bucket", "legacy", "acl"],
		["resource", "aws_s3_bucket_acl", "site", "acl"],
	} with input as {"kind": "terraform", "document": doc}
}

test_grant_to_all_users if {
	acl := {"bucket": "${aws_s3_bucket.b.id}", "access_control_policy": [{
		"grant": [
			{"grantee": [{"id": "${data.aws_canonical_user_id.current.id}", "type": "CanonicalUser"}], "permission": "FULL_CONTROL"},
			{"grantee": [{"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AllUsers"}], "permission": "READ"},
		],
		"owner": [{"id": "${data.aws_canonical_user_id.current.id}"}],
	}]}
	p.deny == {{
		"msg": "aws_s3_bucket_acl `b` grants READ to everyone (AllUsers)",
		"path": ["resource", "aws_s3_bucket_acl", "b", "access_control_policy", 0, "grant", 1, "grantee", 0, "uri"],
	}} with input as {"kind": "terraform", "document": {"resource": {"aws_s3_bucket_acl": {"b": acl}}}}
}

test_cloudformation if {
	doc := {"Resources": {
		"Public": {"Type": "AWS::S3::Bucket", "Properties": {"AccessControl": "PublicRead"}},
		"Logs": {"Type": "AWS::S3::Bucket", "Properties": {"AccessControl": "LogDeliveryWrite"}},
	}}
	p.deny == {{
		"msg": "S3 bucket `Public` uses the public canned ACL PublicRead",
		"path": ["Resources", "Public", "Properties", "AccessControl"],
	}} with input as {"kind": "cloudformation", "document": doc}
}
