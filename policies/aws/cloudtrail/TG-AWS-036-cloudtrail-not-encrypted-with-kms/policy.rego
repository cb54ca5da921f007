# METADATA
# title: CloudTrail logs are not encrypted with a KMS key
# description: >-
#   The trail has no customer managed KMS key (kms_key_id / KMSKeyId is not set or empty), so
#   its log files in S3 are only encrypted with S3-managed keys: anyone allowed to read the
#   bucket reads the account's whole API history, and there is no separate key policy or key
#   usage record guarding it.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudtrail-trail.html
# custom:
#   id: TG-AWS-036
#   severity: medium
#   remediation: >-
#     Create a KMS key whose policy lets cloudtrail.amazonaws.com encrypt and your auditors
#     decrypt, and set `kms_key_id = aws_kms_key.trail.arn` on `aws_cloudtrail` (CloudFormation:
#     `KMSKeyId` on AWS::CloudTrail::Trail).
#   kinds: [terraform, cloudformation]
#   inputs: [resource:AWS::CloudTrail::Trail, resource:aws_cloudtrail]
#   aliases: [CKV_AWS_35, AVD-AWS-0015, aws-cloudtrail-encryption-customer-managed-key]
package tollgate.aws.cloudtrail.cloudtrail_not_encrypted_with_kms

# A trail's logs hold every API call of the account. With SSE-KMS, reading them needs both S3
# access and kms:Decrypt on a key whose use is itself logged; a leaked bucket policy alone is
# no longer enough.

import data.lib.guard
import data.lib.terraform as tf

deny contains v if {
	input.kind == "terraform"
	some name, trail in tf.resources("aws_cloudtrail")
	guard.unset(trail, "kms_key_id")
	v := {
		"msg": sprintf("CloudTrail trail `%s` logs are not encrypted with a KMS key (kms_key_id is not set)", [name]),
		"path": ["resource", "aws_cloudtrail", name],
	}
}

deny contains v if {
	input.kind == "terraform"
	some name, trail in tf.resources("aws_cloudtrail")
	trim_space(guard.get(trail, "kms_key_id", null)) == ""
	v := {
		"msg": sprintf("CloudTrail trail `%s` logs are not encrypted with a KMS key (kms_key_id is empty)", [name]),
		"path": ["resource", "aws_cloudtrail", name, "kms_key_id"],
	}
}

deny contains v if {
	input.kind == "cloudformation"
	some name, trail in guard.cfn_resources("AWS::CloudTrail::Trail")
	guard.unset(guard.cfn_properties(trail), "KMSKeyId")
	v := {
		"msg": sprintf("CloudTrail trail `%s` logs are not encrypted with a KMS key (KMSKeyId is not set)", [name]),
		"path": ["Resources", name],
	}
}

deny contains v if {
	input.kind == "cloudformation"
	some name, trail in guard.cfn_resources("AWS::CloudTrail::Trail")
	trim_space(guard.get(guard.cfn_properties(trail), "KMSKeyId", null)) == ""
	v := {
		"msg": sprintf("CloudTrail trail `%s` logs are not encrypted with a KMS key (KMSKeyId is empty)", [name]),
		"path": ["Resources", name, "Properties", "KMSKeyId"],
	}
}
