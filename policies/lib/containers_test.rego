package lib.containers_test

import data.lib.containers

test_unpinned_images if {
	containers.unpinned_reason("nginx") == "untagged"
	containers.unpinned_reason("nginx:latest") == "latest"
	containers.unpinned_reason("registry.example.com:5000/team/api") == "untagged"
	containers.unpinned_reason("registry.example.com:5000/team/api:LATEST") == "latest"
}

test_pinned_or_dynamic_images if {
	not containers.unpinned_reason("nginx:1.27.2-alpine")
	not containers.unpinned_reason("registry.example.com:5000/team/api:2024.06.1")
	not containers.unpinned_reason("nginx@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac")
	not containers.unpinned_reason("nginx:latest@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac")
	not containers.unpinned_reason("${BASE_IMAGE}")
	not containers.unpinned_reason("python:${PY_VERSION}-slim")
	not containers.unpinned_reason("")
}

test_secret_names if {
	containers.looks_secret("DB_PASSWORD")
	containers.looks_secret("MYSQL_ROOT_PASSWORD")
	containers.looks_secret("jwtSecret")
	containers.looks_secret("GITHUB_TOKEN")
	containers.looks_secret("apiKey")
	containers.looks_secret("STRIPE_API_KEY")
	containers.looks_secret("AWS_SECRET_ACCESS_KEY")
	containers.looks_secret("SERVICE_CREDENTIALS")
	not containers.looks_secret("TOKENIZERS_PARALLELISM")
	not containers.looks_secret("POSTGRES_PASSWORD_FILE")
	not containers.looks_secret("AWS_ACCESS_KEY_ID")
	not containers.looks_secret("TOKEN_URL")
	not containers.looks_secret("AUTH_TOKEN_AUDIENCE")
	not containers.looks_secret("PASSWORD_MIN_LENGTH")
	not containers.looks_secret("LOG_LEVEL")
}

test_secret_literals if {
	containers.secret_pair("DB_PASSWORD", "s3cr3t-Pa55")
	not containers.secret_pair("DB_PASSWORD", "")
	containers.secret_pair("DJANGO_SECRET_KEY", "k#9v!2zq^7m@x4p$$w8r")
	not containers.secret_pair("DB_PASSWORD", "${DB_PASSWORD}")
	not containers.secret_pair("DB_PASSWORD", "$DB_PASSWORD")
	not containers.secret_pair("DB_PASSWORD", "${DB_PASSWORD:-dev}")
	not containers.secret_pair("DB_PASSWORD", "$(DB_PASSWORD)")
	not containers.secret_pair("GOOGLE_APPLICATION_CREDENTIALS", "/var/secrets/google/key.json")
	not containers.secret_pair("FEATURE_TOKEN_AUTH", "true")
	not containers.secret_pair("DB_PASSWORD", null)
	not containers.secret_pair("LOG_LEVEL", "debug")
}

test_null_safe_access if {
	containers.object_or_empty(null) == {}
	containers.object_or_empty({"a": 1}) == {"a": 1}
	containers.array_or_empty(null) == []
	containers.array_or_empty([1]) == [1]
	svcs := containers.compose_services with input as {"document": {"services": {"web": {"image": "nginx:1.27"}, "empty": null}}}
	svcs == {"web": {"image": "nginx:1.27"}}
	count(containers.compose_services) == 0 with input as {"document": {"services": null}}
	count(containers.compose_services) == 0 with input as {"document": ["not", "compose"]}
}
