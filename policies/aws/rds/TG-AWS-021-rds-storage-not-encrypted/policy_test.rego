package tollgate.aws.rds.rds_storage_not_encrypted_test

import data.tollgate.aws.rds.rds_storage_not_encrypted as p

test_terraform_explicitly_unencrypted if {
	doc := {"resource": {"aws_db_instance": {"orders": {"engine": "postgres", "storage_encrypted": false}}}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	count(found) == 1
	some f in found
	f.path == ["resource", "aws_db_instance", "orders", "storage_encrypted"]
}

test_terraform_missing_blames_resource if {
	doc := {"resource": {"aws_rds_cluster": {"aurora": {"engine": "aurora-postgresql"}}}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	count(found) == 1
	some f in found
	f.path == ["resource", "aws_rds_cluster", "aurora"]
}

test_terraform_encrypted_inherited_or_unknown_is_fine if {
	doc := {"resource": {
		"aws_db_instance": {
			"enc": {"storage_encrypted": true},
			"replica": {"replicate_source_db": "${aws_db_instance.enc.identifier}"},
			"restored": {"snapshot_identifier": "orders-final"},
			"unknown": {"storage_encrypted": "${var.encrypt}"},
		},
		"aws_rds_cluster": {
			"sless": {"engine_mode": "serverless"},
			"secondary": {"global_cluster_identifier": "${aws_rds_global_cluster.g.id}"},
		},
	}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_cloudformation if {
	doc := {"Resources": {
		"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"Engine": "mysql"}},
		"Cluster": {"Type": "AWS::RDS::DBCluster", "Properties": {"Engine": "aurora-mysql", "StorageEncrypted": false}},
		"AuroraMember": {"Type": "AWS::RDS::DBInstance", "Properties": {"Engine": "aurora-mysql", "DBClusterIdentifier": {"Ref": "Cluster"}}},
		"Good": {"Type": "AWS::RDS::DBInstance", "Properties": {"Engine": "mysql", "StorageEncrypted": true}},
		"Replica": {"Type": "AWS::RDS::DBInstance", "Properties": {"SourceDBInstanceIdentifier": {"Ref": "Good"}}},
	}}
	found := p.deny with input as {"kind": "cloudformation", "document": doc}
	{f.path | some f in found} == {["Resources", "Db"], ["Resources", "Cluster", "Properties", "StorageEncrypted"]}
}

test_terraform_dynamic_restore_is_not_evidence if {
	doc := {"resource": {"aws_rds_cluster": {"this": {"engine": "aurora-mysql", "dynamic": {"s3_import": [{"for_each": "${var.s3_import != null ? [var.s3_import] : []}", "content": [{}]}]}}}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_cloudformation_unknown_engine_mode_and_properties if {
	doc := {"Resources": {
		"C": {"Type": "AWS::RDS::DBCluster", "Properties": {"Engine": "aurora-mysql", "EngineMode": {"Ref": "Mode"}}},
		"D": {"Type": "AWS::RDS::DBInstance", "Properties": {"Fn::If": ["Prod", {"StorageEncrypted": true}, {}]}},
	}}
	count(p.deny) == 0 with input as {"kind": "cloudformation", "document": doc}
}

test_empty_kms_key_and_serverless_v1 if {
	doc := {"resource": {"aws_rds_cluster": {
		"empty_key": {"engine": "aurora-postgresql", "kms_key_id": ""},
		"v1": {"engine": "aurora-mysql", "engine_mode": "serverless"},
		"v1_off": {"engine": "aurora-mysql", "engine_mode": "serverless", "storage_encrypted": false},
	}}}
	{v.path | some v in p.deny} == {["resource", "aws_rds_cluster", "empty_key"]} with input as {"kind": "terraform", "document": doc}
}
