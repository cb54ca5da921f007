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

import data.lib.cloud

trails := {"terraform": "aws_cloudtrail", "cloudformation": "AWS::CloudTrail::Trail"}

kms_key := {"terraform": "kms_key_id", "cloudformation": "KMSKeyId"}

deny contains v if {
	some trail in cloud.resources(trails)
	gap := cloud.missing(trail, kms_key)
	v := {
		"msg": sprintf("CloudTrail trail `%s` logs are not encrypted with a KMS key (%s)", [trail.name, gap.why]),
		"path": gap.path,
	}
}
