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

import data.lib.cloud
import data.lib.guard
import data.lib.terraform as tf

encrypted := {"terraform": "encrypted", "cloudformation": "Encrypted"}

# Either one makes an absent `encrypted` fine: a volume restored from a snapshot inherits its
# encryption, and a KMS key requires encryption.
inherits := [{"terraform": "snapshot_id", "cloudformation": "SnapshotId"}, {"terraform": "kms_key_id", "cloudformation": "KmsKeyId"}]

# This configuration turns on EBS encryption by default for the region.
encrypted_by_default if {
	input.kind == "terraform"
	some _, r in tf.resources("aws_ebs_encryption_by_default")
	not guard.is_false(guard.get(r, "enabled", true))
}

# Every place of the file that decides whether an EBS disk is encrypted: {"view": where its
# settings are (a lib.cloud resource or block), "off": how the message opens when encryption is
# written off, "unset": when it is absent, "tail": what follows "encrypted is not set"; the
# account default also names its own "switch" and is never off when left out}.
disks contains {
	"view": vol,
	"off": sprintf("EBS volume `%s` disables encryption (", [vol.name]),
	"unset": sprintf("EBS volume `%s` is not encrypted (", [vol.name]),
	"tail": " and defaults to false",
} if {
	some vol in cloud.resources({"terraform": "aws_ebs_volume", "cloudformation": "AWS::EC2::Volume"})
}

# Block devices: left unset they follow the AMI's snapshot, unencrypted for most public AMIs.
device_tail := "; the volume follows the AMI's snapshot"

labels := {
	"aws_instance": "Instance",
	"aws_spot_instance_request": "Spot instance request",
	"aws_launch_configuration": "Launch configuration",
	"aws_launch_template": "Launch template",
	"AWS::EC2::Instance": "Instance",
	"AWS::EC2::LaunchTemplate": "Launch template",
	"AWS::AutoScaling::LaunchConfiguration": "Launch configuration",
}

disks contains {"view": dev, "off": says, "unset": says, "tail": device_tail} if {
	some inst in cloud.resources({"terraform": ["aws_instance", "aws_spot_instance_request", "aws_launch_configuration"]})
	some block in ["root_block_device", "ebs_block_device"]
	some dev in cloud.blocks(inst, {"terraform": block})
	says := sprintf("%s has an unencrypted %s (", [sprintf("%s `%s`", [labels[inst.type], inst.name]), block])
}

disks contains {"view": dev, "off": says, "unset": says, "tail": device_tail} if {
	some lt in cloud.resources({"terraform": "aws_launch_template"})
	some mapping in cloud.blocks(lt, {"terraform": "block_device_mappings"})
	some dev in cloud.blocks(mapping, {"terraform": "ebs"})
	device := sprintf("block device %s", [guard.get(mapping.body, "device_name", "")])
	says := sprintf("%s has an unencrypted %s (", [sprintf("Launch template `%s`", [lt.name]), device])
}

# CloudFormation BlockDeviceMappings[].Ebs of instances, launch templates and launch
# configurations.
cfn_mappings := {
	"AWS::EC2::Instance": ["BlockDeviceMappings"],
	"AWS::EC2::LaunchTemplate": ["LaunchTemplateData", "BlockDeviceMappings"],
	"AWS::AutoScaling::LaunchConfiguration": ["BlockDeviceMappings"],
}

disks contains {"view": dev, "off": says, "unset": says, "tail": device_tail} if {
	some inst in cloud.resources({"cloudformation": object.keys(cfn_mappings)})
	mappings := guard.get(inst.body, cfn_mappings[inst.type], [])
	is_array(mappings)
	some i, mapping in mappings
	ebs := guard.get(mapping, "Ebs", null)
	guard.known_object(ebs)
	at := array.concat(inst.body_at, array.concat(cfn_mappings[inst.type], [i, "Ebs"]))
	dev := {"format": inst.format, "type": inst.type, "name": inst.name, "body": ebs, "at": at, "body_at": at}
	says := sprintf("%s `%s` maps an unencrypted EBS volume (%s, ", [labels[inst.type], inst.name, guard.get(mapping, "DeviceName", "block device")])
}

# The account default: aws_ebs_encryption_by_default with enabled = false (left out, it is on).
disks contains {
	"view": setting,
	"switch": {"terraform": "enabled"},
	"defaults_on": true,
	"off": sprintf("aws_ebs_encryption_by_default `%s` turns EBS encryption by default off (", [setting.name]),
} if {
	some setting in cloud.resources({"terraform": "aws_ebs_encryption_by_default"})
}

deny contains v if {
	some disk in disks
	off := unencrypted(disk)
	v := {
		"msg": concat("", [opening(disk, off), off.why, ")"]),
		"path": off.path,
	}
}

unencrypted(disk) := cloud.set_false(disk.view, switch(disk)) if guard.is_false(cloud.get(disk.view, switch(disk), null))

unencrypted(disk) := cloud.not_set(disk.view, encrypted, disk.tail) if {
	not disk.defaults_on
	cloud.unset(disk.view, encrypted)
	every k in inherits {
		cloud.unset(disk.view, k)
	}
	not encrypted_by_default
}

# The setting that turns encryption on: `encrypted`, unless the place names another.
switch(disk) := object.get(disk, "switch", encrypted)

opening(disk, off) := disk.off if off.written

opening(disk, off) := disk.unset if not off.written
