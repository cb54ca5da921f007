package tollgate.docker.dockerfile.env_arg_secret_test

import data.tollgate.docker.dockerfile.env_arg_secret as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "dockerfile", "document": doc}
}

test_literal_secrets_in_env_and_arg if {
	doc := [
		{"cmd": "arg", "value": ["NPM_TOKEN=npm_4f1c0b9a7e2d"], "pairs": {"NPM_TOKEN": "npm_4f1c0b9a7e2d"}, "stage": null},
		{"cmd": "from", "value": ["node:20-alpine"], "stage": 0},
		{"cmd": "env", "value": ["NODE_ENV=production", "DB_PASSWORD=pr0d-Passw0rd"], "pairs": {"NODE_ENV": "production", "DB_PASSWORD": "pr0d-Passw0rd"}, "stage": 0},
	]
	found := findings(doc)
	{v.path | some v in found} == {[0, "pairs", "NPM_TOKEN"], [2, "pairs", "DB_PASSWORD"]}
}

test_arg_without_default_and_references_are_allowed if {
	doc := [
		{"cmd": "arg", "value": ["GITHUB_TOKEN"], "pairs": {"GITHUB_TOKEN": null}, "stage": null},
		{"cmd": "from", "value": ["node:20-alpine"], "stage": 0},
		{"cmd": "arg", "value": ["API_KEY"], "pairs": {"API_KEY": ""}, "stage": 0},
		{"cmd": "env", "value": ["API_KEY=${API_KEY}"], "pairs": {"API_KEY": "${API_KEY}"}, "stage": 0},
		{"cmd": "env", "value": ["POSTGRES_PASSWORD_FILE=/run/secrets/pg"], "pairs": {"POSTGRES_PASSWORD_FILE": "/run/secrets/pg"}, "stage": 0},
		{"cmd": "env", "value": ["PORT=3000"], "pairs": {"PORT": "3000"}, "stage": 0},
	]
	count(findings(doc)) == 0
}
