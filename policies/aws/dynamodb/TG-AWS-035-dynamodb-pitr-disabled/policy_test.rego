package tollgate.aws.dynamodb.dynamodb_pitr_disabled_test

import data.tollgate.aws.dynamodb.dynamodb_pitr_disabled as p

paths(found) := {f.path | some f in found}

test_terraform if {
	doc := {"resource": {"aws_dynamodb_table": {
		"orders": {"hash_key": "order_id", "billing_mode": "PAY_PER_REQUEST"},
		"sessions": {"hash_key": "sid", "point_in_time_recovery": [{"enabled": false}]},
		"users": {"hash_key": "user_id", "point_in_time_recovery": [{"enabled": true}], "replica": [
			{"region_name": "eu-central-1", "point_in_time_recovery": true},
			{"region_name": "us-east-1"},
		]},
		"param": {"point_in_time_recovery": [{"enabled": "${var.pitr}"}]},
	}}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	paths(found) == {
		["resource", "aws_dynamodb_table", "orders"],
		["resource", "aws_dynamodb_table", "sessions", "point_in_time_recovery", 0, "enabled"],
		["resource", "aws_dynamodb_table", "users", "replica", 1],
	}
}

test_terraform_good if {
	doc := {"resource": {"aws_dynamodb_table": {"users": {"point_in_time_recovery": [{"enabled": true}]}}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_cloudformation if {
	doc := {"Resources": {
		"Orders": {"Type": "AWS::DynamoDB::Table", "Properties": {"BillingMode": "PAY_PER_REQUEST"}},
		"Sessions": {"Type": "AWS::DynamoDB::Table", "Properties": {"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": false}}},
		"Users": {"Type": "AWS::DynamoDB::Table", "Properties": {"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}}},
		"Cond": {"Type": "AWS::DynamoDB::Table", "Properties": {"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": {"Fn::If": ["Prod", true, false]}}}},
		"Global": {"Type": "AWS::DynamoDB::GlobalTable", "Properties": {"Replicas": [
			{"Region": "eu-west-1", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}},
			{"Region": "us-east-1"},
		]}},
	}}
	found := p.deny with input as {"kind": "cloudformation", "document": doc}
	paths(found) == {
		["Resources", "Orders"],
		["Resources", "Sessions", "Properties", "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"],
		["Resources", "Global", "Properties", "Replicas", 1],
	}
}

test_terraform_dynamic_block_is_not_evidence if {
	doc := {"resource": {"aws_dynamodb_table": {"this": {"dynamic": {"point_in_time_recovery": [{"for_each": "${var.pitr ? [1] : []}", "content": [{"enabled": true}]}]}}}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_cloudformation_intrinsics_are_not_evidence if {
	doc := {"Resources": {
		"T": {"Type": "AWS::DynamoDB::Table", "Properties": {"PointInTimeRecoverySpecification": {"Fn::If": ["Prod", {"PointInTimeRecoveryEnabled": true}, {"Ref": "AWS::NoValue"}]}}},
		"G": {"Type": "AWS::DynamoDB::GlobalTable", "Properties": {"Replicas": [
			{"Region": "eu-west-1", "PointInTimeRecoverySpecification": {"Fn::If": ["Prod", {"PointInTimeRecoveryEnabled": true}, {"Ref": "AWS::NoValue"}]}},
			{"Fn::If": ["Dr", {"Region": "us-east-1"}, {"Ref": "AWS::NoValue"}]},
		]}},
	}}
	count(p.deny) == 0 with input as {"kind": "cloudformation", "document": doc}
}

test_terraform_expression_block_is_not_evidence if {
	doc := {"resource": {"aws_dynamodb_table": {"t": {"point_in_time_recovery": "${var.pitr}"}}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}
