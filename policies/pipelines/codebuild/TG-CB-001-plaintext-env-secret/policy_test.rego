package tollgate.pipelines.codebuild.plaintext_env_secret_test

import data.tollgate.pipelines.codebuild.plaintext_env_secret as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "codebuild-buildspec", "document": doc}
}

test_literal_secret_variable_is_denied if {
	doc := {"version": 0.2, "env": {"variables": {
		"NODE_ENV": "production",
		"NPM_TOKEN": "npm_Zq8rT4vX1mK9pL2wS7yB3nC6dF0gH5jR",
	}}}
	{v.path | some v in findings(doc)} == {["env", "variables", "NPM_TOKEN"]}
}

test_references_and_managed_secrets_are_allowed if {
	doc := {"version": 0.2, "env": {
		"variables": {
			"DB_PASSWORD_ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db",
			"API_TOKEN": "$TOKEN_FROM_SSM",
			"SECRET_NAME": "prod/app/db",
			"ENABLE_TOKEN_AUTH": "true",
			"AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Rt4vX1m",
		},
		"parameter-store": {"DB_PASSWORD": "/prod/app/db-password"},
		"secrets-manager": {"API_KEY": "prod/app/api:key"},
	}}
	count(findings(doc)) == 0
}

test_odd_shapes_do_not_fail if {
	count(findings({"env": "x"})) == 0
	count(findings({"env": {"variables": ["a"]}})) == 0
	count(findings({"env": {"variables": {"DB_PASSWORD": null}}})) == 0
	count(findings({"env": {"variables": {"DB_PASSWORD": 12345678901}}})) == 0
	count(findings("oops")) == 0
}
