package lib.guard_test

import data.lib.guard

test_get_tolerates_non_objects if {
	guard.get("${var.x}", "a", 1) == 1
	guard.get(null, ["a", "b"], 2) == 2
	guard.get({"a": {"b": 3}}, ["a", "b"], 0) == 3
	guard.get({"a": "str"}, ["a", "b"], 4) == 4
}

test_blocks if {
	guard.blocks({"ebs": [{"x": 1}]}, "ebs") == [{"x": 1}]
	guard.blocks({"ebs": "${var.devices}"}, "ebs") == []
	guard.blocks({"ebs": ["${local.a}"]}, "ebs") == []
	guard.blocks({}, "ebs") == []
	guard.blocks("${var.body}", "ebs") == []
}

test_list if {
	guard.list({"P": {"L": [1, 2]}}, ["P", "L"]) == [1, 2]
	guard.list({"P": {"L": {"Fn::If": ["c", [1], [2]]}}}, ["P", "L"]) == []
}

test_booleans if {
	guard.is_true(true)
	guard.is_true("True")
	guard.is_false("false")
	not guard.is_true("${var.on}")
	not guard.is_false({"Ref": "Flag"})
	not guard.is_false(null)
}

test_block_presence if {
	guard.no_block({}, "metadata_options")
	not guard.no_block({"metadata_options": "${var.mo}"}, "metadata_options")
	not guard.no_block({"dynamic": {"metadata_options": [{}]}}, "metadata_options")
	guard.block_unknown({"metadata_options": "${var.mo}"}, "metadata_options")
	guard.block_unknown({"dynamic": {"metadata_options": [{}]}}, "metadata_options")
	not guard.block_unknown({"metadata_options": [{"http_tokens": "required"}]}, "metadata_options")
	not guard.block_unknown({}, "metadata_options")
}

test_unset_and_dynamic if {
	guard.unset({"a": null}, "a")
	guard.unset({}, "a")
	not guard.unset({"a": false}, "a")
	guard.has_dynamic({"dynamic": {"vpc_options": [{}]}}, "vpc_options")
	not guard.has_dynamic({}, "vpc_options")
}

test_intrinsics if {
	guard.is_intrinsic({"Ref": "Param"})
	guard.is_intrinsic({"Fn::If": ["IsProd", {}, {}]})
	not guard.is_intrinsic({"HttpTokens": "required"})
	not guard.is_intrinsic({"Ref": "a", "Other": 1})
	guard.known_object({"HttpTokens": "required"})
	not guard.known_object({"Fn::If": ["IsProd", {}, {}]})
	doc := {"Resources": {"A": {"Type": "AWS::EFS::FileSystem", "Properties": {"Fn::If": ["c", {}, {}]}}}}
	count(guard.cfn_resources("AWS::EFS::FileSystem")) == 0 with input as {"document": doc}
}

test_resources if {
	doc := {"Resources": {"A": {"Type": "AWS::EFS::FileSystem", "Properties": "oops"}, "B": "junk"}}
	rs := guard.cfn_resources("AWS::EFS::FileSystem") with input as {"document": doc}
	count(rs) == 1
	guard.cfn_properties(rs.A) == {}
	count(guard.cfn_resources("AWS::EFS::FileSystem")) == 0 with input as {"document": {"Resources": "x"}}
}
