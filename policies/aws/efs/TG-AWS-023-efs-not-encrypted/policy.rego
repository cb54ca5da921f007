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

import data.lib.guard
import data.lib.terraform as tf

deny contains v if {
	input.kind == "terraform"
	some name, fs in tf.resources("aws_efs_file_system")
	guard.is_false(fs.encrypted)
	v := {
		"msg": sprintf("EFS file system `%s` disables encryption at rest (encrypted = false)", [name]),
		"path": ["resource", "aws_efs_file_system", name, "encrypted"],
	}
}

# A KMS key without `encrypted = true` is rejected by the API, so it is not flagged here.
deny contains v if {
	input.kind == "terraform"
	some name, fs in tf.resources("aws_efs_file_system")
	guard.unset(fs, "encrypted")
	guard.unset(fs, "kms_key_id")
	v := {
		"msg": sprintf("EFS file system `%s` is not encrypted at rest (encrypted is not set and defaults to false)", [name]),
		"path": ["resource", "aws_efs_file_system", name],
	}
}

deny contains v if {
	input.kind == "cloudformation"
	some name, fs in guard.cfn_resources("AWS::EFS::FileSystem")
	guard.is_false(guard.cfn_properties(fs).Encrypted)
	v := {
		"msg": sprintf("EFS file system `%s` disables encryption at rest (Encrypted: false)", [name]),
		"path": ["Resources", name, "Properties", "Encrypted"],
	}
}

deny contains v if {
	input.kind == "cloudformation"
	some name, fs in guard.cfn_resources("AWS::EFS::FileSystem")
	props := guard.cfn_properties(fs)
	guard.unset(props, "Encrypted")
	guard.unset(props, "KmsKeyId")
	v := {
		"msg": sprintf("EFS file system `%s` is not encrypted at rest (Encrypted is not set and defaults to false)", [name]),
		"path": ["Resources", name],
	}
}
