package tollgate.kubernetes.pod.env_secret_literal_test

import data.tollgate.kubernetes.pod.env_secret_literal as p

deployment(env) := {"kind": "Deployment", "metadata": {"name": "api"}, "spec": {"template": {"spec": {"containers": [{"name": "api", "env": env}]}}}}

findings(doc) := found if {
	found := p.deny with input as {"kind": "kubernetes", "document": doc}
}

test_literal_password_is_denied if {
	doc := deployment([
		{"name": "LOG_LEVEL", "value": "info"},
		{"name": "DB_PASSWORD", "value": "Xk29-qpLm-7Tzv"},
	])
	found := findings(doc)
	{v.path | some v in found} == {["spec", "template", "spec", "containers", 0, "env", 1, "value"]}
	some v in found
	contains(v.msg, "DB_PASSWORD")
}

test_references_and_non_secrets_are_allowed if {
	doc := deployment([
		{"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}},
		{"name": "API_TOKEN", "value": "$(TOKEN_FROM_SECRET)"},
		{"name": "JWT_SECRET", "value": ""},
		{"name": "GOOGLE_APPLICATION_CREDENTIALS", "value": "/var/secrets/google/key.json"},
		{"name": "POSTGRES_PASSWORD_FILE", "value": "/run/secrets/db-password"},
		{"name": "TOKENIZERS_PARALLELISM", "value": "false"},
	])
	count(findings(doc)) == 0
}
