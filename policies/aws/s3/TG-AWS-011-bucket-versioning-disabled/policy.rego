# METADATA
# title: S3 bucket versioning is not enabled
# description: >-
#   The bucket's versioning is disabled or suspended, or never configured (no versioning block and
#   no aws_s3_bucket_versioning for it in the files of its directory; no VersioningConfiguration in
#   CloudFormation). Without versioning an overwritten or deleted object is gone for good: an
#   application bug, a compromised credential or ransomware can destroy data with no way back.
#   Buckets that only hold reproducible or short-lived data may reasonably skip versioning;
#   suppress the finding for those.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
#   - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-14
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_versioning
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-versioningconfiguration.html
# custom:
#   id: TG-AWS-011
#   severity: low
#   remediation: >-
#     Enable versioning: aws_s3_bucket_versioning with versioning_configuration { status =
#     "Enabled" } (CloudFormation: VersioningConfiguration: {Status: Enabled}). Add a lifecycle
#     rule with noncurrent_version_expiration to bound the cost of old versions, and consider MFA
#     delete or Object Lock for critical data.
#   kinds: [terraform, cloudformation]
#   inputs: [resource:AWS::S3::Bucket, resource:aws_s3_bucket, resource:aws_s3_bucket_versioning]
#   aliases: [CKV_AWS_21, AVD-AWS-0090, aws-s3-enable-versioning]
package tollgate.aws.s3.bucket_versioning_disabled

# S3 buckets without versioning. Versioning keeps every prior version of an object, so an
# accidental overwrite, a buggy deployment or ransomware deleting objects can be undone; it
# is also required for replication and Object Lock.

import data.lib.aws
import data.lib.cloud
import data.lib.guard
import data.lib.terraform as tf

bucket_addrs := {sprintf("aws_s3_bucket.%s", [name]) | some name, _ in tf.resources("aws_s3_bucket")}

# An aws_s3_bucket_versioning for this bucket: by reference, by the same literal name, or
# one whose bucket cannot be told (each.value, module outputs), which may be for any bucket.
# Everything below is computed once per file and looked up per bucket: linear in the number
# of buckets and versionings.

# The addresses each of them references.
# Attribution looks at the whole module (this file and, as the reader records them, the
# module's other files).
module_versionings := tf.module_wide_resources("aws_s3_bucket_versioning")

versionings_refs[key] := aws.referenced_addresses(c) if some key, c in module_versionings

referenced := {addr | some refs in versionings_refs; some addr in refs}

# Literal bucket names they name.
literal_buckets := {c.bucket | some _, c in module_versionings; aws.literal_string(c.bucket)}

# One whose bucket cannot be told (each.value, module outputs, unresolved variables): it
# references no bucket of this file and names none literally, so it may be for any bucket.
unattributed if {
	some key, c in module_versionings
	not aws.literal_string(object.get(c, "bucket", null))
	# A reference to a bucket declared in another file of the module is attributed to it.
	count(versionings_refs[key] & bucket_addrs) == 0
	not references_a_bucket(versionings_refs[key])
}

configured(name, _) if sprintf("aws_s3_bucket.%s", [name]) in referenced

configured(_, bucket) if {
	aws.literal_string(bucket.bucket)
	bucket.bucket in literal_buckets
}

configured(_, _) if unattributed

# Versioning turned off (a bucket's inline `versioning` block, an aws_s3_bucket_versioning, a
# bucket's VersioningConfiguration), or never configured for a bucket.
deny contains v if {
	some r in cloud.resources({"terraform": ["aws_s3_bucket", "aws_s3_bucket_versioning"], "cloudformation": "AWS::S3::Bucket"})
	some off in versioning_off(r)
	v := {
		"msg": sprintf("%s `%s` %s", [{"aws_s3_bucket": "S3 bucket", "aws_s3_bucket_versioning": "aws_s3_bucket_versioning", "AWS::S3::Bucket": "S3 bucket"}[r.type], r.name, off.says]),
		"path": off.path,
	}
}

versioning_off(r) := turned_off(r) | {off |
	unconfigured(r)
	off := {"says": sprintf("has no %s (versioning is off)", [{"terraform": "versioning configuration", "cloudformation": "VersioningConfiguration"}[r.format]]), "path": r.at}
}

turned_off(r) := {off |
	some block in cloud.blocks(r, {"terraform": "versioning"})
	object.get(block.body, "enabled", false) in {false, "false"}
	off := {"says": "has versioning disabled", "path": tf_versioning_path(block)}
} if r.type == "aws_s3_bucket"

turned_off(r) := {off |
	some conf in cloud.blocks(r, {"terraform": "versioning_configuration"})
	status := object.get(conf.body, "status", null)
	status in {"Suspended", "Disabled"}
	off := {"says": sprintf("sets versioning to %s", [status]), "path": array.concat(conf.at, ["status"])}
} if r.type == "aws_s3_bucket_versioning"

turned_off(r) := {off |
	status := object.get(r.body, ["VersioningConfiguration", "Status"], null)
	status == "Suspended"
	off := {"says": sprintf("has versioning %s", [status]), "path": array.concat(r.body_at, ["VersioningConfiguration", "Status"])}
} if r.format == "cloudformation"

tf_versioning_path(block) := array.concat(block.at, ["enabled"]) if {
	"enabled" in object.keys(block.body)
} else := block.at

# No inline block (static or dynamic) and no aws_s3_bucket_versioning of the module for it.
unconfigured(bucket) if {
	bucket.type == "aws_s3_bucket"
	count(guard.blocks(bucket.body, "versioning")) == 0
	object.get(bucket.body, ["dynamic", "versioning"], null) == null
	not configured(bucket.name, bucket.body)
}

unconfigured(bucket) if {
	bucket.format == "cloudformation"
	not bucket.body.VersioningConfiguration
}

references_a_bucket(refs) if {
	some addr in refs
	startswith(addr, "aws_s3_bucket.")
}
