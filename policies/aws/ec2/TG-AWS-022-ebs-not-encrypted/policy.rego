# METADATA
# title: EBS volume is not encrypted
# description: >-
#   The EBS volume (or an instance / launch template block device) is created without encryption
#   at rest. Its data, the snapshots made from it and the volumes restored from those snapshots
#   are stored unencrypted; an unencrypted snapshot shared by mistake, or made public, exposes the
#   whole disk. Block devices (root_block_device / ebs_block_device of aws_instance and
#   aws_launch_configuration, block_device_mappings.ebs of aws_launch_template, CloudFormation
#   BlockDeviceMappings[].Ebs) must say encrypted = true: left unset they follow the AMI's
#   snapshot, unencrypted for most public AMIs. A device restored from a snapshot or given a KMS
#   key, and every volume of a file that enables aws_ebs_encryption_by_default, are not
#   reported; aws_ebs_encryption_by_default with enabled = false is.
# related_resources:
#   - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_volume
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_encryption_by_default
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-volume.html
# custom:
#   id: TG-AWS-022
#   severity: high
#   remediation: >-
#     Set `encrypted = true` on `aws_ebs_volume` and on `root_block_device` / `ebs_block_device`
#     blocks (CloudFormation: `Encrypted: true` on AWS::EC2::Volume and in
#     `BlockDeviceMappings[].Ebs`), optionally with a customer-managed `kms_key_id`. Better still,
#     enable EBS encryption by default for the account and region
#     (`aws_ebs_encryption_by_default`).
#   kinds: [terraform, cloudformation]
#   inputs:
#     - resource:AWS::AutoScaling::LaunchConfiguration
#     - resource:AWS::EC2::Instance
#     - resource:AWS::EC2::LaunchTemplate
#     - resource:AWS::EC2::Volume
#     - resource:aws_ebs_encryption_by_default
#     - resource:aws_ebs_volume
#     - resource:aws_instance
#     - resource:aws_launch_configuration
#     - resource:aws_launch_template
#     - resource:aws_spot_instance_request
#   aliases:
#     - CKV_AWS_3
#     - CKV_AWS_8
#     - CKV_AWS_79
#     - CKV_AWS_106
#     - AVD-AWS-0026
#     - aws-ec2-enable-volume-encryption
#     - AVD-AWS-0131
#     - aws-ec2-enable-at-rest-encryption
#     - AVD-AWS-0008
#     - aws-ec2-enable-launch-config-at-rest-encryption
package tollgate.aws.ec2.ebs_not_encrypted

# EBS volumes that are not encrypted keep their data, and every snapshot taken from them, in
# clear text. A standalone volume without `encrypted` is unencrypted unless the account turns
# on EBS encryption by default (honoured when this file does so). Block devices of instances,
# launch configurations and launch templates without `encrypted` follow the AMI's snapshot,
# which for most AMIs is unencrypted, so they must say so too.

import data.lib.guard
import data.lib.terraform as tf

# This configuration turns on EBS encryption by default for the region.
encrypted_by_default if {
	some _, r in tf.resources("aws_ebs_encryption_by_default")
	not guard.is_false(guard.get(r, "enabled", true))
}

# --- Terraform --------------------------------------------------------------------------

deny contains v if {
	input.kind == "terraform"
	some name, vol in tf.resources("aws_ebs_volume")
	guard.is_false(vol.encrypted)
	v := {
		"msg": sprintf("EBS volume `%s` disables encryption (encrypted = false)", [name]),
		"path": ["resource", "aws_ebs_volume", name, "encrypted"],
	}
}

# Absent: unencrypted unless restored from a snapshot (inherits its encryption), given a KMS
# key (which requires encryption) or the account encrypts new volumes by default.
deny contains v if {
	input.kind == "terraform"
	some name, vol in tf.resources("aws_ebs_volume")
	guard.unset(vol, "encrypted")
	guard.unset(vol, "snapshot_id")
	guard.unset(vol, "kms_key_id")
	not encrypted_by_default
	v := {
		"msg": sprintf("EBS volume `%s` is not encrypted (encrypted is not set and defaults to false)", [name]),
		"path": ["resource", "aws_ebs_volume", name],
	}
}

deny contains v if {
	input.kind == "terraform"
	some name, setting in tf.resources("aws_ebs_encryption_by_default")
	guard.is_false(guard.get(setting, "enabled", true))
	v := {
		"msg": sprintf("aws_ebs_encryption_by_default `%s` turns EBS encryption by default off (enabled = false)", [name]),
		"path": ["resource", "aws_ebs_encryption_by_default", name, "enabled"],
	}
}

tf_instance_types := {
	"aws_instance": "Instance",
	"aws_spot_instance_request": "Spot instance request",
	"aws_launch_configuration": "Launch configuration",
}

# Every block device: [path of the device block, resource label, device label, body].
tf_devices contains [["resource", type, name, block, i], sprintf("%s `%s`", [what, name]), block, dev] if {
	some type, what in tf_instance_types
	some name, inst in tf.resources(type)
	some block in ["root_block_device", "ebs_block_device"]
	some i, dev in guard.blocks(inst, block)
}

tf_devices contains [["resource", "aws_launch_template", name, "block_device_mappings", i, "ebs", j], sprintf("Launch template `%s`", [name]), sprintf("block device %s", [guard.get(mapping, "device_name", "")]), ebs] if {
	some name, lt in tf.resources("aws_launch_template")
	some i, mapping in guard.blocks(lt, "block_device_mappings")
	some j, ebs in guard.blocks(mapping, "ebs")
}

deny contains v if {
	input.kind == "terraform"
	some [at, who, device, dev] in tf_devices
	guard.is_false(dev.encrypted)
	v := {
		"msg": sprintf("%s has an unencrypted %s (encrypted = false)", [who, device]),
		"path": array.concat(at, ["encrypted"]),
	}
}

# Unset: the device takes the AMI snapshot's encryption (or its own snapshot's).
deny contains v if {
	input.kind == "terraform"
	some [at, who, device, dev] in tf_devices
	guard.unset(dev, "encrypted")
	guard.unset(dev, "snapshot_id")
	guard.unset(dev, "kms_key_id")
	not encrypted_by_default
	v := {
		"msg": sprintf("%s has an unencrypted %s (encrypted is not set; the volume follows the AMI's snapshot)", [who, device]),
		"path": at,
	}
}

# --- CloudFormation ---------------------------------------------------------------------

deny contains v if {
	input.kind == "cloudformation"
	some name, vol in guard.cfn_resources("AWS::EC2::Volume")
	guard.is_false(guard.cfn_properties(vol).Encrypted)
	v := {
		"msg": sprintf("EBS volume `%s` disables encryption (Encrypted: false)", [name]),
		"path": ["Resources", name, "Properties", "Encrypted"],
	}
}

deny contains v if {
	input.kind == "cloudformation"
	some name, vol in guard.cfn_resources("AWS::EC2::Volume")
	props := guard.cfn_properties(vol)
	guard.unset(props, "Encrypted")
	guard.unset(props, "SnapshotId")
	guard.unset(props, "KmsKeyId")
	v := {
		"msg": sprintf("EBS volume `%s` is not encrypted (Encrypted is not set and defaults to false)", [name]),
		"path": ["Resources", name],
	}
}

# BlockDeviceMappings of instances, launch templates and launch configurations.
cfn_mappings contains [name, prefix, what] if {
	some name, _ in guard.cfn_resources("AWS::EC2::Instance")
	prefix := ["Resources", name, "Properties", "BlockDeviceMappings"]
	what := "Instance"
}

cfn_mappings contains [name, prefix, what] if {
	some name, _ in guard.cfn_resources("AWS::EC2::LaunchTemplate")
	prefix := ["Resources", name, "Properties", "LaunchTemplateData", "BlockDeviceMappings"]
	what := "Launch template"
}

cfn_mappings contains [name, prefix, what] if {
	some name, _ in guard.cfn_resources("AWS::AutoScaling::LaunchConfiguration")
	prefix := ["Resources", name, "Properties", "BlockDeviceMappings"]
	what := "Launch configuration"
}

deny contains v if {
	input.kind == "cloudformation"
	some m in cfn_mappings
	[name, prefix, what] := m
	mappings := guard.get(input.document, prefix, [])
	is_array(mappings)
	some i, mapping in mappings
	is_object(mapping)
	guard.is_false(guard.get(mapping, ["Ebs", "Encrypted"], null))
	v := {
		"msg": sprintf("%s `%s` maps an unencrypted EBS volume (%s, Encrypted: false)", [what, name, guard.get(mapping, "DeviceName", "block device")]),
		"path": array.concat(prefix, [i, "Ebs", "Encrypted"]),
	}
}

deny contains v if {
	input.kind == "cloudformation"
	some m in cfn_mappings
	[name, prefix, what] := m
	mappings := guard.get(input.document, prefix, [])
	is_array(mappings)
	some i, mapping in mappings
	ebs := guard.get(mapping, "Ebs", null)
	guard.known_object(ebs)
	guard.unset(ebs, "Encrypted")
	guard.unset(ebs, "SnapshotId")
	guard.unset(ebs, "KmsKeyId")
	v := {
		"msg": sprintf("%s `%s` maps an unencrypted EBS volume (%s, Encrypted is not set; the volume follows the AMI's snapshot)", [what, name, guard.get(mapping, "DeviceName", "block device")]),
		"path": array.concat(prefix, [i, "Ebs"]),
	}
}
