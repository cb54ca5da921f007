# METADATA
# title: DynamoDB table has point-in-time recovery disabled
# description: >-
#   Point-in-time recovery is not enabled on the DynamoDB table (point_in_time_recovery.enabled /
#   PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled is false or not set, and the
#   default is off). An application bug, a bad deployment, a mistaken script or an attacker
#   deleting items cannot be undone: only on-demand backups taken beforehand, if any, can be
#   restored.
# related_resources:
#   - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_table#point_in_time_recovery
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dynamodb-table.html
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dynamodb-globaltable-replicaspecification.html
# custom:
#   id: TG-AWS-035
#   severity: low
#   remediation: >-
#     Add `point_in_time_recovery { enabled = true }` to `aws_dynamodb_table` (and to each
#     `replica` of a global table), or `PointInTimeRecoverySpecification:
#     {PointInTimeRecoveryEnabled: true}` on AWS::DynamoDB::Table (on each replica of
#     AWS::DynamoDB::GlobalTable). For disposable data such as caches, document the exception or
#     protect the table with an AWS Backup plan instead.
#   kinds: [terraform, cloudformation]
#   inputs:
#     - resource:AWS::DynamoDB::GlobalTable
#     - resource:AWS::DynamoDB::Table
#     - resource:aws_dynamodb_table
#   aliases: [CKV_AWS_28, CKV_AWS_165, AVD-AWS-0024, aws-dynamodb-enable-recovery]
package tollgate.aws.dynamodb.dynamodb_pitr_disabled

# DynamoDB point-in-time recovery keeps continuous backups (for up to 35 days), so a table can be
# restored to any second before an accidental mass delete, a buggy migration or a malicious
# wipe. It is off by default and costs nothing until enabled; without it (and without separate
# AWS Backup plans) the only copy of the data is the live table.

import data.lib.guard
import data.lib.terraform as tf

deny contains v if {
	input.kind == "terraform"
	some name, table in tf.resources("aws_dynamodb_table")
	some i, pitr in guard.blocks(table, "point_in_time_recovery")
	guard.is_false(pitr.enabled)
	v := {
		"msg": sprintf("DynamoDB table `%s` has point-in-time recovery disabled (point_in_time_recovery.enabled = false)", [name]),
		"path": ["resource", "aws_dynamodb_table", name, "point_in_time_recovery", i, "enabled"],
	}
}

deny contains v if {
	input.kind == "terraform"
	some name, table in tf.resources("aws_dynamodb_table")
	guard.no_block(table, "point_in_time_recovery")
	v := {
		"msg": sprintf("DynamoDB table `%s` has no point-in-time recovery (no point_in_time_recovery block; it defaults to disabled)", [name]),
		"path": ["resource", "aws_dynamodb_table", name],
	}
}

# Replicas of a global table have their own setting, defaulting to disabled.
deny contains v if {
	input.kind == "terraform"
	some name, table in tf.resources("aws_dynamodb_table")
	some i, replica in guard.blocks(table, "replica")
	guard.is_false(guard.get(replica, "point_in_time_recovery", true))
	v := {
		"msg": sprintf("DynamoDB table `%s` has a replica in %v without point-in-time recovery (point_in_time_recovery = false)", [name, guard.get(replica, "region_name", "?")]),
		"path": ["resource", "aws_dynamodb_table", name, "replica", i, "point_in_time_recovery"],
	}
}

deny contains v if {
	input.kind == "terraform"
	some name, table in tf.resources("aws_dynamodb_table")
	some i, replica in guard.blocks(table, "replica")
	guard.unset(replica, "point_in_time_recovery")
	v := {
		"msg": sprintf("DynamoDB table `%s` has a replica in %v without point-in-time recovery (point_in_time_recovery is not set and defaults to false)", [name, guard.get(replica, "region_name", "?")]),
		"path": ["resource", "aws_dynamodb_table", name, "replica", i],
	}
}

deny contains v if {
	input.kind == "cloudformation"
	some name, table in guard.cfn_resources("AWS::DynamoDB::Table")
	guard.is_false(guard.get(guard.cfn_properties(table), ["PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"], null))
	v := {
		"msg": sprintf("DynamoDB table `%s` has point-in-time recovery disabled (PointInTimeRecoveryEnabled: false)", [name]),
		"path": ["Resources", name, "Properties", "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"],
	}
}

deny contains v if {
	input.kind == "cloudformation"
	some name, table in guard.cfn_resources("AWS::DynamoDB::Table")
	props := guard.cfn_properties(table)
	spec := guard.get(props, "PointInTimeRecoverySpecification", {})
	guard.known_object(spec)
	guard.unset(spec, "PointInTimeRecoveryEnabled")
	v := {
		"msg": sprintf("DynamoDB table `%s` has no point-in-time recovery (PointInTimeRecoverySpecification is not set; it defaults to disabled)", [name]),
		"path": cfn_missing_path(name, props),
	}
}

cfn_missing_path(name, props) := ["Resources", name] if guard.unset(props, "PointInTimeRecoverySpecification")

cfn_missing_path(name, props) := ["Resources", name, "Properties", "PointInTimeRecoverySpecification"] if not guard.unset(props, "PointInTimeRecoverySpecification")

deny contains v if {
	input.kind == "cloudformation"
	some name, table in guard.cfn_resources("AWS::DynamoDB::GlobalTable")
	replicas := guard.get(guard.cfn_properties(table), "Replicas", [])
	is_array(replicas)
	some i, replica in replicas
	guard.known_object(replica)
	spec := guard.get(replica, "PointInTimeRecoverySpecification", {})
	guard.known_object(spec)
	not pitr_enabled_or_unknown(spec)
	v := {
		"msg": sprintf("DynamoDB global table `%s` has a replica in %v without point-in-time recovery", [name, guard.get(replica, "Region", "?")]),
		"path": ["Resources", name, "Properties", "Replicas", i],
	}
}

# Enabled, or set to something we cannot evaluate ({"Ref": ...}, Fn::If).
pitr_enabled_or_unknown(spec) if {
	val := guard.get(spec, "PointInTimeRecoveryEnabled", false)
	not guard.is_false(val)
}
