# METADATA
# title: RDS storage is not encrypted
# description: >-
#   The RDS instance or cluster stores its data without encryption at rest (storage_encrypted /
#   StorageEncrypted is false or not set, and the default is unencrypted). Its volumes, automated
#   backups, snapshots and replicas are then unencrypted too, a shared or leaked snapshot exposes
#   the whole database, and encryption cannot be enabled on an existing database without restoring
#   it from an encrypted snapshot copy. A KMS key (kms_key_id / KmsKeyId) without
#   storage_encrypted counts as encrypted, an empty one does not; Aurora Serverless v1 clusters
#   (engine_mode / EngineMode serverless) are always encrypted and never reported.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance
#   - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbcluster.html
# custom:
#   id: TG-AWS-021
#   severity: high
#   remediation: >-
#     Set `storage_encrypted = true` on `aws_db_instance` / `aws_rds_cluster` (CloudFormation:
#     `StorageEncrypted: true` on AWS::RDS::DBInstance / AWS::RDS::DBCluster), optionally with
#     `kms_key_id` / `KmsKeyId` naming a customer-managed KMS key. For an existing database, copy
#     a snapshot with encryption enabled and restore from it.
#   kinds: [terraform, cloudformation]
#   inputs:
#     - resource:AWS::RDS::DBCluster
#     - resource:AWS::RDS::DBInstance
#     - resource:aws_db_instance
#     - resource:aws_rds_cluster
#   aliases:
#     - CKV_AWS_16
#     - CKV_AWS_96
#     - AVD-AWS-0079
#     - aws-rds-encrypt-cluster-storage-data
#     - AVD-AWS-0080
#     - aws-rds-encrypt-instance-storage-data
package tollgate.aws.rds.rds_storage_not_encrypted

# RDS instances and Aurora / Multi-AZ clusters whose storage is not encrypted: the data
# files, automated backups, snapshots and read replicas are all stored in clear text, and
# encryption cannot be switched on later without a snapshot-copy-restore migration.
# Resources that inherit their encryption (read replicas, restores from a snapshot, members
# of a global cluster, Aurora Serverless v1) are only flagged when encryption is explicitly
# turned off.

import data.lib.cloud
import data.lib.guard

databases := {
	"terraform": ["aws_db_instance", "aws_rds_cluster"],
	"cloudformation": ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster"],
}

labels := {
	"aws_db_instance": "RDS instance",
	"aws_rds_cluster": "RDS cluster",
	"AWS::RDS::DBInstance": "RDS instance",
	"AWS::RDS::DBCluster": "RDS cluster",
}

encrypted := {"terraform": "storage_encrypted", "cloudformation": "StorageEncrypted"}

engine_mode := {"terraform": "engine_mode", "cloudformation": "EngineMode"}

# Encryption is inherited or decided elsewhere when one of these is set: not flagged when
# `storage_encrypted` is merely absent. (A KMS key without `storage_encrypted` is rejected by
# the API, so it is not an unencrypted database either.)
inherited_from := {
	"aws_db_instance": ["replicate_source_db", "snapshot_identifier", "kms_key_id", "restore_to_point_in_time", "s3_import"],
	"aws_rds_cluster": ["replication_source_identifier", "snapshot_identifier", "global_cluster_identifier", "kms_key_id", "restore_to_point_in_time", "s3_import"],
	"AWS::RDS::DBInstance": ["DBClusterIdentifier", "SourceDBInstanceIdentifier", "SourceDBClusterIdentifier", "DBSnapshotIdentifier", "SourceDbiResourceId", "KmsKeyId"],
	"AWS::RDS::DBCluster": ["SnapshotIdentifier", "SourceDBClusterIdentifier", "GlobalClusterIdentifier", "ReplicationSourceIdentifier", "KmsKeyId"],
}

# A replica (or a cluster member) whose encryption comes from its source even when
# `storage_encrypted = false` is written.
replica_of := {"terraform": ["replicate_source_db"], "cloudformation": ["DBClusterIdentifier", "SourceDBInstanceIdentifier"]}

deny contains v if {
	some db in cloud.resources(databases)
	off := cloud.switched_off(db, encrypted)
	not excused(db, off)
	v := {
		"msg": sprintf("%s `%s` %s (%s)", [labels[db.type], db.name, said(off), off.why]),
		"path": off.path,
	}
}

said(off) := "disables storage encryption" if off.written

said(off) := "does not encrypt its storage" if not off.written

# Written false: a replica, or Aurora Serverless v1, is encrypted all the same.
excused(db, off) if {
	off.written
	some k in replica_of[db.format]
	not guard.unset(db.body, k)
}

excused(db, off) if {
	off.written
	literal_serverless_v1(db.body, engine_mode[db.format])
}

# Absent: inherited, possibly Serverless v1, or an Aurora instance.
excused(db, off) if {
	not off.written
	inherits(db.body, inherited_from[db.type])
}

excused(db, off) if {
	not off.written
	serverless_v1(db.body, engine_mode[db.format])
}

excused(db, off) if {
	not off.written
	aurora_instance(db.type, db.body)
}

inherits(body, keys) if {
	some k in keys
	not guard.unset(body, k)
	not empty_string(body[k])
}

# `kms_key_id = ""` (an empty variable default) names no key.
empty_string(v) if {
	is_string(v)
	trim_space(v) == ""
}

# `dynamic "s3_import"` / `dynamic "restore_to_point_in_time"` in Terraform modules.
inherits(body, keys) if {
	some k in keys
	guard.has_dynamic(body, k)
}

# Aurora Serverless v1 clusters are always encrypted.
# (An engine mode only known at deploy time -- "${var.mode}", !Ref Mode -- might be it.)
serverless_v1(body, key) if {
	mode := guard.get(body, key, "")
	is_string(mode)
	lower(mode) == "serverless"
}

serverless_v1(body, key) if {
	mode := guard.get(body, key, "")
	is_string(mode)
	startswith(mode, "${")
}

serverless_v1(body, key) if guard.is_intrinsic(guard.get(body, key, ""))

# Aurora Serverless v1 ignores storage_encrypted = false: its storage is always encrypted.
literal_serverless_v1(body, key) if {
	mode := guard.get(body, key, "")
	is_string(mode)
	lower(mode) == "serverless"
}

# An Aurora instance takes its encryption from its cluster (DBClusterIdentifier, handled by
# `inherits`); an aurora-* engine without one is invalid anyway and not this policy's business.
aurora_instance(type, props) if {
	type == "AWS::RDS::DBInstance"
	engine := guard.get(props, "Engine", "")
	is_string(engine)
	startswith(lower(engine), "aurora")
}
