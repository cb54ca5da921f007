package tollgate.compose.services.environment_secret_literal_test

import data.tollgate.compose.services.environment_secret_literal as p

findings(services) := found if {
	found := p.deny with input as {"kind": "docker-compose", "document": {"services": services}}
}

test_map_and_list_literals if {
	found := findings({
		"db": {"image": "postgres:16", "environment": {"POSTGRES_USER": "app", "POSTGRES_PASSWORD": "Sup3r-S3cret"}},
		"api": {"image": "api:1.4", "environment": ["NODE_ENV=production", "JWT_SECRET=7a1c9e0b2f4d6a8c", "STRIPE_API_KEY=sk_test_abc=="]},
	})
	{v.path | some v in found} == {["services", "db", "environment", "POSTGRES_PASSWORD"], ["services", "api", "environment", 1], ["services", "api", "environment", 2]}
}

test_interpolation_pass_through_and_files_are_allowed if {
	found := findings({
		"db": {"image": "postgres:16", "environment": {
			"POSTGRES_PASSWORD": "${POSTGRES_PASSWORD:?required}",
			"POSTGRES_PASSWORD_FILE": "/run/secrets/db_password",
			"REDIS_PASSWORD": "",
			"PGDATA": "/var/lib/postgresql/data/pgdata",
		}},
		"api": {"image": "api:1.4", "environment": ["JWT_SECRET", "API_TOKEN=$API_TOKEN", "LOG_LEVEL=info"]},
	})
	count(found) == 0
}
