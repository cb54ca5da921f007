package tollgate.pipelines.gitlab.secret_variable_test

import data.tollgate.pipelines.gitlab.secret_variable as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "gitlab-ci", "document": doc}
}

test_literal_secrets_are_denied if {
	doc := {
		"variables": {"API_TOKEN": "glpat-4QzR8vTn2kLmXp9wYb7c", "LOG_LEVEL": "debug"},
		"deploy": {"variables": {"DB_PASSWORD": {"value": "Xk29-qpLm-7Tzv", "description": "db"}}, "script": ["./deploy.sh"]},
	}
	{v.path | some v in findings(doc)} == {["variables", "API_TOKEN"], ["deploy", "variables", "DB_PASSWORD"]}
}

test_references_and_non_secrets_are_allowed if {
	doc := {
		"variables": {
			"API_TOKEN": "$CI_API_TOKEN",
			"DB_PASSWORD": "${VAULT_DB_PASSWORD}",
			"AWS_ACCESS_KEY_ID": "AKIAEXAMPLE",
			"TOKEN_TTL": "3600",
			"JWT_SECRET": "",
			"TOKENIZERS_PARALLELISM": "false",
		},
		"deploy": {"variables": {"SECRET_KEY": {"value": "prefix-$SECRET_BASE"}}, "script": "x"},
		"stages": ["deploy"],
	}
	count(findings(doc)) == 0
}

test_unexpected_shapes_do_not_error if {
	count(findings({"variables": null, "job": {"variables": "oops"}, "other": null, ".tpl": ["a"]})) == 0
	count(findings({"variables": {"API_TOKEN": null, "PASSWORD": ["x"], "SECRET": {"value": 3}}})) == 0
	count(findings([])) == 0
}
