# METADATA
# title: S3 bucket ACL grants public access
# description: >-
#   The bucket's access control list grants access to the AllUsers group (anyone on the internet)
#   or the AuthenticatedUsers group (anyone with any AWS account), through a canned ACL
#   (public-read, public-read-write, authenticated-read) or an explicit grant. Public buckets are
#   the most common source of cloud data leaks; with write access anyone can also upload content
#   or run up the bill.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_acl
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucket.html
# custom:
#   id: TG-AWS-007
#   severity: high
#   remediation: >-
#     Use the private canned ACL, or better disable ACLs entirely (object ownership
#     BucketOwnerEnforced) and grant access with a bucket policy scoped to specific principals.
#     Serve public content through CloudFront with origin access control instead of a public
#     bucket, and keep S3 Block Public Access enabled.
#   kinds: [terraform, cloudformation]
#   inputs: [resource:AWS::S3::Bucket, resource:aws_s3_bucket, resource:aws_s3_bucket_acl]
#   aliases:
#     - CKV_AWS_20
#     - CKV_AWS_57
#     - CKV_AWS_375
#     - CKV2_AWS_43
#     - AVD-AWS-0092
#     - aws-s3-no-public-access-with-acl
package tollgate.aws.s3.bucket_public_acl

# S3 buckets whose ACL grants access to everyone (AllUsers) or to every AWS account holder
# (AuthenticatedUsers): a canned ACL such as public-read, or an explicit grant to those
# groups. Anyone on the internet can then list or read (or, with write, fill and overwrite)
# the bucket.

import data.lib.cloud
import data.lib.guard
import data.lib.terraform as tf

public_canned_acls := {"public-read", "public-read-write", "authenticated-read"}

public_cfn_acls := {"PublicRead", "PublicReadWrite", "AuthenticatedRead"}

public_groups := {
	"http://acs.amazonaws.com/groups/global/AllUsers": "everyone (AllUsers)",
	"http://acs.amazonaws.com/groups/global/AuthenticatedUsers": "any AWS account (AuthenticatedUsers)",
}

group_name(uri) := public_groups[trim_right(uri, "/")] if is_string(uri)

# Canned ACL on the bucket (provider v3 style), on aws_s3_bucket_acl, or AccessControl.
canned := {"terraform": ["aws_s3_bucket", "aws_s3_bucket_acl"], "cloudformation": "AWS::S3::Bucket"}

acl_setting := {"terraform": "acl", "cloudformation": "AccessControl"}

public_acls := {"terraform": public_canned_acls, "cloudformation": public_cfn_acls}

deny contains v if {
	some r in cloud.resources(canned)
	acl := cloud.get(r, acl_setting, null)
	acl in public_acls[r.format]
	v := {
		"msg": sprintf("%s `%s` uses the public canned ACL %s", [{"terraform": r.type, "cloudformation": "S3 bucket"}[r.format], r.name, acl]),
		"path": cloud.path_of(r, acl_setting),
	}
}

# Explicit grants (Terraform): aws_s3_bucket `grant` blocks and aws_s3_bucket_acl
# access_control_policy { grant { grantee { uri } permission } }, as {"type", "name",
# "permission", "uri", "path" (of the uri)}.
grants contains {"type": "aws_s3_bucket", "name": name, "permission": object.get(g, "permissions", []), "uri": object.get(g, "uri", null), "path": ["resource", "aws_s3_bucket", name, "grant", i, "uri"]} if {
	some name, r in tf.resources("aws_s3_bucket")
	some i, g in guard.blocks(r, "grant")
}

grants contains {"type": "aws_s3_bucket_acl", "name": name, "permission": object.get(g, "permission", "access"), "uri": object.get(grantee, "uri", null), "path": ["resource", "aws_s3_bucket_acl", name, "access_control_policy", i, "grant", j, "grantee", k, "uri"]} if {
	some name, r in tf.resources("aws_s3_bucket_acl")
	some i, acp in guard.blocks(r, "access_control_policy")
	some j, g in guard.blocks(acp, "grant")
	some k, grantee in guard.blocks(g, "grantee")
}

# A grant to a public group.
deny contains v if {
	input.kind == "terraform"
	some g in grants
	who := group_name(g.uri)
	v := {
		"msg": sprintf("%s `%s` grants %v to %s", [g.type, g.name, g.permission, who]),
		"path": g.path,
	}
}
