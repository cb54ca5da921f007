package tollgate.aws.lambda.lambda_plaintext_secret_env_test

import data.tollgate.aws.lambda.lambda_plaintext_secret_env as p

paths(found) := {f.path | some f in found}

test_terraform if {
	doc := {"resource": {"aws_lambda_function": {"checkout": {
		"function_name": "checkout",
		"environment": [{"variables": {
			"STRIPE_API_KEY": "sk_live_51H8xYzExampleKey",
			"DB_PASSWORD": "${var.db_password}",
			"DB_PASSWORD_SECRET_ARN": "${aws_secretsmanager_secret.db.arn}",
			"JWT_SECRET_NAME": "prod/checkout/jwt",
			"LOG_LEVEL": "info",
			"TOKEN_CACHE_SECONDS": "300",
		}}],
	}}}}
	found := p.deny with input as {"kind": "terraform", "document": doc}
	paths(found) == {["resource", "aws_lambda_function", "checkout", "environment", 0, "variables", "STRIPE_API_KEY"]}
}

test_terraform_good if {
	doc := {"resource": {"aws_lambda_function": {"f": {"environment": [{"variables": {
		"DB_SECRET_ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf",
		"API_TOKEN_PARAM": "/prod/api/token",
		"API_TOKEN": "",
	}}]}}}}
	count(p.deny) == 0 with input as {"kind": "terraform", "document": doc}
}

test_cloudformation if {
	doc := {
		"Globals": {"Function": {"Environment": {"Variables": {"SENTRY_TOKEN": "abc123def456"}}}},
		"Resources": {
			"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Environment": {"Variables": {
				"SLACK_WEBHOOK_TOKEN": "xoxb-2207-example",
				"DB_PASSWORD": {"Ref": "DbPassword"},
				"API_KEY": "{{resolve:secretsmanager:prod/api:SecretString:key}}",
			}}}},
			"Sam": {"Type": "AWS::Serverless::Function", "Properties": {"Environment": {"Variables": {"dbPassword": "hunter2hunter2"}}}},
		},
	}
	found := p.deny with input as {"kind": "cloudformation", "document": doc}
	paths(found) == {
		["Globals", "Function", "Environment", "Variables", "SENTRY_TOKEN"],
		["Resources", "Fn", "Properties", "Environment", "Variables", "SLACK_WEBHOOK_TOKEN"],
		["Resources", "Sam", "Properties", "Environment", "Variables", "dbPassword"],
	}
}
