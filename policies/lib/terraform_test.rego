package lib.terraform_test

import data.lib.terraform as tf

test_resources_by_name if {
	doc := {"resource": {"aws_s3_bucket": {"a": {"bucket": "x"}, "b": {}}}}
	tf.resources("aws_s3_bucket") == {"a": {"bucket": "x"}, "b": {}} with input as {"document": doc}
}

test_resources_of_odd_shapes_are_empty if {
	tf.resources("aws_s3_bucket") == {} with input as {"document": {}}
	tf.resources("aws_s3_bucket") == {} with input as {"document": {"resource": "${var.x}"}}
	tf.resources("aws_s3_bucket") == {} with input as {"document": {"resource": {"aws_s3_bucket": "x"}}}
	tf.resources("aws_s3_bucket") == {} with input as {"document": "not an object"}
}

test_is_expression if {
	tf.is_expression("${var.x}")
	not tf.is_expression("literal")
	not tf.is_expression(7)
	not tf.is_expression(null)
}
