package tollgate.common.env.plaintext_secret_in_env_test

import data.tollgate.common.env.plaintext_secret_in_env as p

facets(env) := {"scripts": [], "images": [], "env": env, "ingress": [], "iam_statements": []}

var(name, value, origin) := {"path": [name], "name_path": [name], "name": name, "value": value, "secret_ref": false, "origin": origin}


flagged(env) := {v.path[0] | some v in p.deny with input as {"kind": "x", "document": {}, "facets": facets(env)}}

test_literal_secrets_are_flagged_in_every_origin if {
	every origin, _ in p.origins {
		flagged([var("DB_PASSWORD", "Pr0d-db-p4ss!", origin)]) == {"DB_PASSWORD"}
	}
}

test_references_and_non_secrets_pass if {
	every origin, _ in p.origins {
		count(flagged([
			var("DB_PASSWORD_ARN", "Pr0d-db-p4ss!", origin),
			var("LOG_LEVEL", "debug", origin),
			var("API_TOKEN", "", origin),
			object.union(var("DB_PASSWORD", "Pr0d-db-p4ss!", origin), {"secret_ref": true}),
		])) == 0
	}
}

test_family_specific_tests if {
	# A literal AWS key in a buildspec is TG-CB-002's.
	count(flagged([var("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY", "buildspec env.variables")])) == 0
	# Action inputs that describe secrets, and prose values.
	count(flagged([var("secrets", "GIT_AUTH_TOKEN=abc", "github-actions input")])) == 0
	count(flagged([var("api-key", "ask the team", "github-actions input")])) == 0
	flagged([var("api-key", "abc123def", "github-actions input")]) == {"api-key"}
	# Paths are not secrets in container kinds.
	count(flagged([var("GOOGLE_APPLICATION_CREDENTIALS", "/secrets/key.json", "kubernetes env")])) == 0
}

test_unknown_origins_are_not_judged if {
	count(flagged([var("DB_PASSWORD", "Pr0d-db-p4ss!", "something new")])) == 0
}
