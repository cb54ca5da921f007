package tollgate.aws.rds.rds_publicly_accessible_test

import data.tollgate.aws.rds.rds_publicly_accessible as p

test_terraform_public_instance if {
	doc := {"resource": {"aws_db_instance": {"orders": {"engine": "postgres", "publicly_accessible": true}}}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	count(found) == 1
	some f in found
	f.path == ["resource", "aws_db_instance", "orders", "publicly_accessible"]
}

test_terraform_cluster_instance if {
	doc := {"resource": {"aws_rds_cluster_instance": {"writer": {"publicly_accessible": true}}}}
	count(p.deny) == 1 with input as {"kind": "terraform", "document": doc}
}

test_terraform_private_or_unknown_is_fine if {
	doc := {"resource": {"aws_db_instance": {
		"a": {"publicly_accessible": false},
		"b": {"engine": "mysql"},
		"c": {"publicly_accessible": "${var.public}"},
	}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_cloudformation_public_instance if {
	doc := {"Resources": {
		"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"PubliclyAccessible": "true"}},
		"Private": {"Type": "AWS::RDS::DBInstance", "Properties": {"PubliclyAccessible": false}},
		"Param": {"Type": "AWS::RDS::DBInstance", "Properties": {"PubliclyAccessible": {"Ref": "Public"}}},
	}}
	found := p.deny with input as {"kind": "cloudformation", "document": doc}
	count(found) == 1
	some f in found
	f.path == ["Resources", "Db", "Properties", "PubliclyAccessible"]
}
