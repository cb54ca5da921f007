package tollgate.pipelines.github.hygiene.hardcoded_secret_test

import data.tollgate.pipelines.github.hygiene.hardcoded_secret as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "github-actions", "document": doc}
}

paths(doc) := {v.path | some v in findings(doc)}

test_literal_credentials_are_denied if {
	doc := {
		"on": "push",
		"env": {"NPM_TOKEN": "npm_a8F3kLm92QxZ", "LOG_LEVEL": "debug"},
		"jobs": {"build": {
			"runs-on": "ubuntu-latest",
			"env": {"DB_PASSWORD": "hunter2-prod"},
			"steps": [
				{"run": "make", "env": {"apiKey": "AKd93ks0s"}},
				{"uses": "docker/login-action@v3", "with": {"username": "bot", "password": "S3cr3tPassw0rd"}},
				{"uses": "some/deploy@v1", "with": {"api-key": "sk_live_1234abcd"}},
			],
		}},
	}
	paths(doc) == {
		["env", "NPM_TOKEN"],
		["jobs", "build", "env", "DB_PASSWORD"],
		["jobs", "build", "steps", 0, "env", "apiKey"],
		["jobs", "build", "steps", 1, "with", "password"],
		["jobs", "build", "steps", 2, "with", "api-key"],
	}
}

test_references_and_non_secrets_are_allowed if {
	doc := {
		"on": "push",
		"env": {"NPM_TOKEN": "${{ secrets.NPM_TOKEN }}", "TOKENIZERS_PARALLELISM": "false"},
		"jobs": {"build": {
			"runs-on": "ubuntu-latest",
			"env": {"DB_PASSWORD": "$DB_PASSWORD_FROM_VAULT", "SECRET_NAME": "prod/db", "API_KEY": ""},
			"steps": [
				{"uses": "docker/login-action@v3", "with": {"password": "${{ secrets.DOCKER_PASSWORD }}"}},
				{"uses": "google-github-actions/auth@v2", "with": {"token_format": "access_token", "create_credentials_file": true}},
				{"uses": "docker/build-push-action@v6", "with": {"secrets": "id=npm,src=.npmrc"}},
				{"run": "x", "env": {"GITHUB_TOKEN": "${{ github.token }}", "PRIVATE_KEY_PATH": "./key.pem"}},
			],
		}},
	}
	count(findings(doc)) == 0
}

test_malformed_documents_do_not_error if {
	count(findings("x")) == 0
	count(findings({"env": "x", "jobs": {"a": {"env": null, "steps": [{"env": ["A=b"], "with": "y"}, null]}}})) == 0
	count(findings({"env": {"TOKEN": 123, "SECRET": null}})) == 0
}
