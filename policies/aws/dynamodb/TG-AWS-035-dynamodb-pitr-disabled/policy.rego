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

import data.lib.cloud
import data.lib.guard

tables := {"terraform": "aws_dynamodb_table", "cloudformation": "AWS::DynamoDB::Table"}

# The table's recovery settings: Terraform `point_in_time_recovery { enabled }` blocks, the
# CloudFormation PointInTimeRecoverySpecification object.
recovery := {"terraform": "point_in_time_recovery", "cloudformation": "PointInTimeRecoverySpecification"}

enabled := {"terraform": "enabled", "cloudformation": "PointInTimeRecoveryEnabled"}

# Point-in-time recovery is configured per table and, in a global table, per replica: each
# place, with how to name it.
places contains {"check": "table", "view": table, "says": sprintf("DynamoDB table `%s`", [table.name])} if {
	some table in cloud.resources(tables)
}

# Replicas of a global table have their own setting, defaulting to disabled: Terraform
# `replica` blocks of the table, the Replicas of an AWS::DynamoDB::GlobalTable.
places contains {"check": "replica", "view": replica, "says": sprintf("DynamoDB %s `%s`", [{"terraform": "table", "cloudformation": "global table"}[table.format], table.name])} if {
	some table in cloud.resources(global_tables)
	some replica in cloud.items(table, {"terraform": "replica", "cloudformation": "Replicas"})
}

deny contains v if {
	some place in places
	some gap in recovery_off(place)
	v := {
		"msg": sprintf("%s %s", [place.says, gap.says]),
		"path": gap.path,
	}
}

recovery_off(place) := table_recovery_off(place.view) if place.check == "table"

recovery_off(place) := {gap |
	off := replica_off(place.view)
	gap := {
		"says": sprintf("has a replica in %v without point-in-time recovery%s", [cloud.get(place.view, {"terraform": "region_name", "cloudformation": "Region"}, "?"), off.says]),
		"path": off.path,
	}
} if place.check == "replica"

# Recovery written off, or no recovery settings at all (they default to disabled).
table_recovery_off(table) := {gap |
	some spec in cloud.blocks(table, recovery)
	off := cloud.set_false(spec, enabled)
	gap := {
		"says": sprintf("has point-in-time recovery disabled (%s%s)", [{"terraform": "point_in_time_recovery.", "cloudformation": ""}[table.format], off.why]),
		"path": off.path,
	}
} | {gap |
	none := no_recovery(table)
	gap := {"says": sprintf("has no point-in-time recovery (%s; it defaults to disabled)", [none.why]), "path": none.path}
}

no_recovery(table) := {"why": "no point_in_time_recovery block", "path": table.at} if {
	table.format == "terraform"
	guard.no_block(table.body, "point_in_time_recovery")
}

# CloudFormation: the specification is absent (blamed on the table), or does not say.
no_recovery(table) := {"why": "PointInTimeRecoverySpecification is not set", "path": cfn_missing_path(table)} if {
	table.format == "cloudformation"
	spec := guard.get(table.body, "PointInTimeRecoverySpecification", {})
	guard.known_object(spec)
	guard.unset(spec, "PointInTimeRecoveryEnabled")
}

cfn_missing_path(table) := table.at if cloud.unset(table, recovery)

cfn_missing_path(table) := cloud.path_of(table, recovery) if not cloud.unset(table, recovery)

global_tables := {"terraform": "aws_dynamodb_table", "cloudformation": "AWS::DynamoDB::GlobalTable"}

replica_off(replica) := {"says": sprintf(" (%s)", [off.why]), "path": off.path} if {
	replica.format == "terraform"
	off := cloud.switched_off(replica, {"terraform": "point_in_time_recovery"})
}

replica_off(replica) := {"says": "", "path": replica.at} if {
	replica.format == "cloudformation"
	spec := guard.get(replica.body, "PointInTimeRecoverySpecification", {})
	guard.known_object(spec)
	not pitr_enabled_or_unknown(spec)
}

# Enabled, or set to something we cannot evaluate ({"Ref": ...}, Fn::If).
pitr_enabled_or_unknown(spec) if {
	val := guard.get(spec, "PointInTimeRecoveryEnabled", false)
	not guard.is_false(val)
}
