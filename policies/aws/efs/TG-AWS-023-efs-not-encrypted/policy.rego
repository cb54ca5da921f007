# METADATA
# title: EFS file system is not encrypted at rest
# description: >-
#   The EFS file system is created without encryption at rest (encrypted / Encrypted is false or
#   not set; outside the console the default is unencrypted). Shared file systems typically hold
#   application uploads, home directories and exports, and encryption cannot be enabled on an
#   existing file system: it has to be recreated and its data migrated.
# related_resources:
#   - https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/efs_file_system
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-efs-filesystem.html
# custom:
#   id: TG-AWS-023
#   severity: high
#   remediation: >-
#     Set `encrypted = true` on `aws_efs_file_system` (CloudFormation: `Encrypted: true` on
#     AWS::EFS::FileSystem), optionally with `kms_key_id` / `KmsKeyId` for a customer-managed key.
#     For an existing file system, create an encrypted one and copy the data with AWS DataSync or
#     a backup restore.
#   kinds: [terraform, cloudformation]
#   inputs: [resource:AWS::EFS::FileSystem, resource:aws_efs_file_system]
#   aliases: [CKV_AWS_42, AVD-AWS-0037, aws-efs-enable-at-rest-encryption]
package tollgate.aws.efs.efs_not_encrypted

# EFS file systems created through the API, Terraform or CloudFormation are NOT encrypted at
# rest unless asked to be (only the console defaults to encryption), and encryption can only be
# chosen when the file system is created: fixing it later means creating a new file system and
# copying every file across.

import data.lib.cloud

file_systems := {"terraform": "aws_efs_file_system", "cloudformation": "AWS::EFS::FileSystem"}

encrypted := {"terraform": "encrypted", "cloudformation": "Encrypted"}

kms_key := {"terraform": "kms_key_id", "cloudformation": "KmsKeyId"}

deny contains v if {
	some fs in cloud.resources(file_systems)
	off := cloud.switched_off(fs, encrypted)
	not key_without_flag(fs, off)
	v := {
		"msg": sprintf("EFS file system `%s` %s (%s)", [fs.name, said(off), off.why]),
		"path": off.path,
	}
}

# A KMS key without `encrypted = true` is rejected by the API, so it is not flagged here.
key_without_flag(fs, off) if {
	not off.written
	not cloud.unset(fs, kms_key)
}

said(off) := "disables encryption at rest" if off.written

said(off) := "is not encrypted at rest" if not off.written
