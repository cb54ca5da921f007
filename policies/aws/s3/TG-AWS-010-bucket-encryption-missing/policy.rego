# METADATA
# title: S3 bucket has no default encryption configuration
# description: >-
#   The bucket declares no server-side encryption configuration: no
#   server_side_encryption_configuration block and no
#   aws_s3_bucket_server_side_encryption_configuration for it in the same Terraform file, or no
#   BucketEncryption in CloudFormation. S3 has applied SSE-S3 (AES-256 with S3-managed keys) to
#   all new objects by default since January 2023, so this is not unencrypted storage; the finding
#   is that encryption is left implicit instead of configured, usually with SSE-KMS and a customer
#   managed key so that reads need kms:Decrypt permission and are logged in CloudTrail.
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
#   aliases: [CKV_AWS_19, AVD-AWS-0088]
package tollgate.aws.s3.bucket_encryption_missing

# S3 buckets with no default-encryption configuration. Since January 2023 S3 encrypts every
# new object with S3-managed keys (SSE-S3) regardless, so data is not stored in the clear;
# what is missing is an explicit, reviewed choice -- typically SSE-KMS with a customer
# managed key, whose key policy and CloudTrail logging add access control and audit that
# SSE-S3 lacks.

import data.lib.aws
import data.lib.guard
import data.lib.terraform as tf

configs := tf.resources("aws_s3_bucket_server_side_encryption_configuration")

bucket_addrs := {sprintf("aws_s3_bucket.%s", [name]) | some name, _ in tf.resources("aws_s3_bucket")}

# A configuration naming this bucket: by reference ("${aws_s3_bucket.logs.id}", also through
# for_each) or by the same literal bucket name.
# Everything below is computed once per file and looked up per bucket: linear in the number
# of buckets and configs.

# The addresses each of them references.
configs_refs[key] := aws.referenced_addresses(c) if some key, c in configs

referenced := {addr | some refs in configs_refs; some addr in refs}

# Literal bucket names they name.
literal_buckets := {c.bucket | some _, c in configs; aws.literal_string(c.bucket)}

# One whose bucket cannot be told (each.value, module outputs, unresolved variables): it
# references no bucket of this file and names none literally, so it may be for any bucket.
unattributed if {
	some key, c in configs
	not aws.literal_string(object.get(c, "bucket", null))
	count(configs_refs[key] & bucket_addrs) == 0
}

configured(name, _) if sprintf("aws_s3_bucket.%s", [name]) in referenced

configured(_, bucket) if {
	aws.literal_string(bucket.bucket)
	bucket.bucket in literal_buckets
}

configured(_, _) if unattributed

deny contains v if {
	input.kind == "terraform"
	some name, bucket in tf.resources("aws_s3_bucket")
	count(guard.blocks(bucket, "server_side_encryption_configuration")) == 0
	object.get(bucket, ["dynamic", "server_side_encryption_configuration"], null) == null
	not configured(name, bucket)
	v := {
		"msg": sprintf("S3 bucket `%s` has no server-side encryption configuration (only the implicit SSE-S3 default applies)", [name]),
		"path": ["resource", "aws_s3_bucket", name],
	}
}

deny contains v if {
	input.kind == "cloudformation"
	some id, r in guard.cfn_resources("AWS::S3::Bucket")
	not guard.cfn_properties(r).BucketEncryption
	v := {
		"msg": sprintf("S3 bucket `%s` has no BucketEncryption (only the implicit SSE-S3 default applies)", [id]),
		"path": ["Resources", id],
	}
}
