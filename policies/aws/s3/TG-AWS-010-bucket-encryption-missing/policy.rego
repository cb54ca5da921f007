# METADATA
# title: S3 bucket has no default encryption configuration
# description: >-
#   The bucket declares no server-side encryption configuration: no
#   server_side_encryption_configuration block and no
#   aws_s3_bucket_server_side_encryption_configuration for it in the files of its directory, or no
#   BucketEncryption in CloudFormation. S3 has applied SSE-S3 (AES-256 with S3-managed keys) to
#   all new objects by default since January 2023, so this is not unencrypted storage; the finding
#   is that encryption is left implicit instead of configured, usually with SSE-KMS and a customer
#   managed key so that reads need kms:Decrypt permission and are logged in CloudTrail. A
#   configuration whose rules set no default algorithm (an empty `rule {}`, a rule with only
#   bucket_key_enabled, an empty ServerSideEncryptionConfiguration list) configures nothing
#   and is reported where it is written.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_server_side_encryption_configuration
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-bucketencryption.html
# custom:
#   id: TG-AWS-010
#   severity: low
#   remediation: >-
#     Add an aws_s3_bucket_server_side_encryption_configuration for the bucket (CloudFormation:
#     BucketEncryption.ServerSideEncryptionConfiguration) with sse_algorithm = "aws:kms" and a
#     customer managed kms_master_key_id, and enable bucket_key_enabled to keep KMS request costs
#     down. Use AES256 explicitly if SSE-S3 is the deliberate choice.
#   kinds: [terraform, cloudformation]
#   inputs:
#     - resource:AWS::S3::Bucket
#     - resource:aws_s3_bucket
#     - resource:aws_s3_bucket_server_side_encryption_configuration
#   aliases: [CKV_AWS_19, AVD-AWS-0088, aws-s3-enable-bucket-encryption]
package tollgate.aws.s3.bucket_encryption_missing

# S3 buckets with no default-encryption configuration. Since January 2023 S3 encrypts every
# new object with S3-managed keys (SSE-S3) regardless, so data is not stored in the clear;
# what is missing is an explicit, reviewed choice -- typically SSE-KMS with a customer
# managed key, whose key policy and CloudTrail logging add access control and audit that
# SSE-S3 lacks.

import data.lib.aws
import data.lib.cloud
import data.lib.guard
import data.lib.terraform as tf

bucket_addrs := {sprintf("aws_s3_bucket.%s", [name]) | some name, _ in tf.resources("aws_s3_bucket")}

# A configuration naming this bucket: by reference ("${aws_s3_bucket.logs.id}", also through
# for_each) or by the same literal bucket name.
# Everything below is computed once per file and looked up per bucket: linear in the number
# of buckets and configs.

# The addresses each of them references.
# Attribution looks at the whole module (this file and, as the reader records them, the
# module's other files).
module_configs := tf.module_wide_resources("aws_s3_bucket_server_side_encryption_configuration")

configs_refs[key] := aws.referenced_addresses(c) if some key, c in module_configs

referenced := {addr | some refs in configs_refs; some addr in refs}

# Literal bucket names they name.
literal_buckets := {c.bucket | some _, c in module_configs; aws.literal_string(c.bucket)}

# One whose bucket cannot be told (each.value, module outputs, unresolved variables): it
# references no bucket of this file and names none literally, so it may be for any bucket.
unattributed if {
	some key, c in module_configs
	not aws.literal_string(object.get(c, "bucket", null))
	# A reference to a bucket declared in another file of the module is attributed to it.
	count(configs_refs[key] & bucket_addrs) == 0
	not references_a_bucket(configs_refs[key])
}

configured(name, _) if sprintf("aws_s3_bucket.%s", [name]) in referenced

configured(_, bucket) if {
	aws.literal_string(bucket.bucket)
	bucket.bucket in literal_buckets
}

configured(_, _) if unattributed

buckets := {"terraform": "aws_s3_bucket", "cloudformation": "AWS::S3::Bucket"}

encryption := {"terraform": "server_side_encryption_configuration", "cloudformation": "BucketEncryption"}

# No inline block (static or dynamic) and no configuration of the module for it.
unconfigured(bucket) if {
	bucket.format == "terraform"
	count(guard.blocks(bucket.body, "server_side_encryption_configuration")) == 0
	object.get(bucket.body, ["dynamic", "server_side_encryption_configuration"], null) == null
	not configured(bucket.name, bucket.body)
}

unconfigured(bucket) if {
	bucket.format == "cloudformation"
	not bucket.body.BucketEncryption
}

# A rule that sets a default algorithm, or whose content is decided at plan time.
tf_effective_rule(rule) if {
	some d in guard.blocks(rule, "apply_server_side_encryption_by_default")
	not guard.unset(d, "sse_algorithm")
	d.sse_algorithm != ""
}

tf_effective_rule(rule) if guard.block_unknown(rule, "apply_server_side_encryption_by_default")

# A configuration body (inline block or separate resource) with no rule that configures
# anything: [path of the blamed node, what is missing]. Dynamic or unreadable rules count as
# configured.
tf_empty(body, at) := array.concat(at, ["rule", i]) if {
	not guard.block_unknown(body, "rule")
	rules := guard.blocks(body, "rule")
	count(rules) > 0
	every r in rules {
		not tf_effective_rule(r)
	}
	i := count(rules) - 1
} else := at if {
	guard.no_block(body, "rule")
}

# Where encryption is (or should be) configured, as {"view" (lib.cloud), "says" (what it is),
# "check"}: every bucket must have a configuration ("presence"), and a configuration
# (aws_s3_bucket_server_side_encryption_configuration, a bucket's inline block or
# BucketEncryption) must have a rule that configures something ("rules"; "rule" names what its
# rules lack).
places contains {"view": bucket, "says": sprintf("S3 bucket `%s`", [bucket.name]), "check": "presence"} if {
	some bucket in cloud.resources(buckets)
}

places contains {"view": c, "check": "rules", "says": sprintf("aws_s3_bucket_server_side_encryption_configuration `%s`", [c.name]), "rule": "apply_server_side_encryption_by_default"} if {
	some c in cloud.resources({"terraform": "aws_s3_bucket_server_side_encryption_configuration"})
}

places contains {"view": config, "check": "rules", "says": sprintf("S3 bucket `%s` %s", [bucket.name, encryption[bucket.format]]), "rule": {"terraform": "apply_server_side_encryption_by_default", "cloudformation": "ServerSideEncryptionByDefault.SSEAlgorithm"}[bucket.format]} if {
	some bucket in cloud.resources(buckets)
	some config in cloud.blocks(bucket, encryption)
}

deny contains v if {
	some place in places
	gap := lacks(place)
	v := {
		"msg": sprintf("%s has no %s", [place.says, gap.what]),
		"path": gap.path,
	}
}

lacks(place) := {"what": sprintf("%s (only the implicit SSE-S3 default applies)", [{"terraform": "server-side encryption configuration", "cloudformation": "BucketEncryption"}[place.view.format]]), "path": place.view.at} if {
	place.check == "presence"
	unconfigured(place.view)
}

lacks(place) := {"what": sprintf("rule with %s: it configures no encryption", [place.rule]), "path": at} if {
	place.check == "rules"
	at := empty(place.view)
}

empty(config) := at if {
	config.format == "terraform"
	at := tf_empty(config.body, config.at)
}

empty(config) := config.at if {
	config.format == "cloudformation"
	rules := guard.get(config.body, "ServerSideEncryptionConfiguration", [])
	is_array(rules)
	every rule in rules {
		not cfn_effective_rule(rule)
	}
}

# CloudFormation: BucketEncryption whose rules set no SSEAlgorithm.
cfn_effective_rule(rule) if {
	d := guard.get(rule, "ServerSideEncryptionByDefault", null)
	not guard.known_object(d)
	d != null
}

cfn_effective_rule(rule) if {
	d := guard.get(rule, "ServerSideEncryptionByDefault", null)
	guard.known_object(d)
	not guard.unset(d, "SSEAlgorithm")
	d.SSEAlgorithm != ""
}

references_a_bucket(refs) if {
	some addr in refs
	startswith(addr, "aws_s3_bucket.")
}
