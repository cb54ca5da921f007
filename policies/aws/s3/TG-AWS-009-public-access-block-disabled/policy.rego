# METADATA
# title: S3 Block Public Access setting disabled
# description: >-
#   An S3 public access block (bucket or account level) sets block_public_acls,
#   block_public_policy, ignore_public_acls or restrict_public_buckets to false, or omits it (an
#   omitted setting is false). Block Public Access is the safety net that keeps a mistaken ACL or
#   bucket policy from making data public; with a setting off, one bad grant is enough to expose
#   the bucket. Buckets created since April 2023 have all four settings on by default, so turning
#   them off is an explicit decision that should be rare. A bucket with no public access block
#   at all is reported too (CloudFormation: no PublicAccessBlockConfiguration; Terraform: no
#   aws_s3_bucket_public_access_block naming it, and no aws_s3_account_public_access_block, in
#   the files of its directory): its protection then depends on settings made elsewhere, which the
#   configuration neither states nor reviews. A block whose bucket cannot be told (for_each,
#   a module output) is taken to cover every bucket of the file.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_public_access_block
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_account_public_access_block
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-publicaccessblockconfiguration.html
# custom:
#   id: TG-AWS-009
#   severity: medium
#   remediation: >-
#     Give every bucket a public access block (aws_s3_bucket_public_access_block, or
#     PublicAccessBlockConfiguration) and set all four settings to true (CloudFormation: BlockPublicAcls, BlockPublicPolicy,
#     IgnorePublicAcls, RestrictPublicBuckets). If content must be public, serve it through
#     CloudFront with origin access control rather than opening the bucket.
#   kinds: [terraform, cloudformation]
#   inputs:
#     - resource:AWS::S3::Bucket
#     - resource:aws_s3_account_public_access_block
#     - resource:aws_s3_bucket
#     - resource:aws_s3_bucket_public_access_block
#   aliases:
#     - CKV2_AWS_6
#     - CKV_AWS_53
#     - CKV_AWS_54
#     - CKV_AWS_55
#     - CKV_AWS_56
#     - AVD-AWS-0086
#     - aws-s3-block-public-acls
#     - AVD-AWS-0087
#     - aws-s3-block-public-policy
#     - AVD-AWS-0091
#     - aws-s3-ignore-public-acls
#     - AVD-AWS-0093
#     - aws-s3-no-public-buckets
package tollgate.aws.s3.public_access_block_disabled

# S3 Block Public Access settings turned off. The four settings are the account- and
# bucket-level guard rail that overrides public ACLs and public bucket policies; a
# configuration that sets one to false (or leaves it out: every setting defaults to false
# once the configuration exists) removes that guard rail.

import data.lib.aws
import data.lib.cloud
import data.lib.guard
import data.lib.terraform as tf

settings := {
	"terraform": ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"],
	"cloudformation": ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"],
}

is_false(x) if x in {false, "false"}

labels := {
	"aws_s3_bucket_public_access_block": "S3 bucket public access block",
	"aws_s3_account_public_access_block": "S3 account public access block",
	"aws_s3_bucket": "S3 bucket",
	"AWS::S3::Bucket": "S3 bucket",
}

# Where the four settings are written: the Terraform public access blocks (bucket and account),
# a CloudFormation bucket's PublicAccessBlockConfiguration object.
config_blocks contains b if {
	some b in cloud.resources({"terraform": ["aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"]})
}

config_blocks contains b if {
	some bucket in cloud.resources({"cloudformation": "AWS::S3::Bucket"})
	config := bucket.body.PublicAccessBlockConfiguration
	is_object(config)
	at := array.concat(bucket.body_at, ["PublicAccessBlockConfiguration"])
	b := object.union(bucket, {"body": config, "at": at, "body_at": at})
}

# Each place that holds (or should hold) the settings, with what to check there: the
# settings of a public access block, or that a bucket has one at all.
holders contains {"view": b, "check": "settings"} if some b in config_blocks

holders contains {"view": bucket, "check": "presence"} if {
	some bucket in cloud.resources({"terraform": "aws_s3_bucket", "cloudformation": "AWS::S3::Bucket"})
}

deny contains v if {
	some h in holders
	some gap in gaps(h)
	v := {
		"msg": sprintf("%s `%s` %s", [labels[h.view.type], h.view.name, gap.says]),
		"path": gap.path,
	}
}

# Settings written false; settings left out (every one defaults to false once the
# configuration exists).
gaps(h) := {gap |
	b := h.view
	some setting in settings[b.format]
	is_false(b.body[setting])
	gap := {"says": sprintf("sets %s", [sprintf({"terraform": "%s = false", "cloudformation": "%s to false"}[b.format], [setting])]), "path": array.concat(b.body_at, [setting])}
} | {gap |
	b := h.view
	not cfn_intrinsic(b)
	missing := [s | some s in settings[b.format]; not s in object.keys(b.body)]
	count(missing) > 0
	gap := {"says": sprintf("leaves %s unset%s (false by default)", [concat(", ", missing), {"terraform": "", "cloudformation": " in PublicAccessBlockConfiguration"}[b.format]]), "path": b.at}
} if h.check == "settings"

# No public access block at all.
gaps(h) := {gap |
	unblocked(h.view)
	gap := {"says": sprintf("has no %s", [{"terraform": "public access block (no aws_s3_bucket_public_access_block for it in this module)", "cloudformation": "PublicAccessBlockConfiguration"}[h.view.format]]), "path": h.view.at}
} if h.check == "presence"

cfn_intrinsic(b) if {
	b.format == "cloudformation"
	is_intrinsic(b.body)
}

# {"Fn::If": [...]} and the like: the settings are not known.
is_intrinsic(obj) if {
	some k, _ in obj
	startswith(k, "Fn::")
}

is_intrinsic(obj) if obj.Ref

# A bucket with no public access block at all. Attribution as for the other "missing
# configuration" S3 checks (TG-AWS-010, TG-AWS-011): a block in any file of the module
# (input.document.module_resources) referencing the bucket, naming it literally, or naming no
# bucket of the file (for_each, module outputs) counts.
blocks := tf.module_wide_resources("aws_s3_bucket_public_access_block")

bucket_addrs := {sprintf("aws_s3_bucket.%s", [name]) | some name, _ in tf.resources("aws_s3_bucket")}

blocks_refs[key] := aws.referenced_addresses(b) if some key, b in blocks

referenced := {addr | some refs in blocks_refs; some addr in refs}

literal_buckets := {b.bucket | some _, b in blocks; aws.literal_string(b.bucket)}

unattributed if {
	some key, b in blocks
	not aws.literal_string(object.get(b, "bucket", null))
	# A reference to a bucket declared in another file of the module is attributed to it.
	count(blocks_refs[key] & bucket_addrs) == 0
	not references_a_bucket(blocks_refs[key])
}

blocked(name, _) if sprintf("aws_s3_bucket.%s", [name]) in referenced

blocked(_, bucket) if {
	aws.literal_string(bucket.bucket)
	bucket.bucket in literal_buckets
}

blocked(_, _) if unattributed

# The account-level block covers every bucket of the account.
blocked(_, _) if count(tf.module_wide_resources("aws_s3_account_public_access_block")) > 0

unblocked(bucket) if {
	bucket.format == "terraform"
	not blocked(bucket.name, bucket.body)
}

unblocked(bucket) if {
	bucket.format == "cloudformation"
	guard.unset(bucket.body, "PublicAccessBlockConfiguration")
}

references_a_bucket(refs) if {
	some addr in refs
	startswith(addr, "aws_s3_bucket.")
}
