# METADATA
# title: Secret hardcoded in a service's environment
# description: >-
#   A service's `environment` sets a variable whose name looks like a credential (PASSWORD,
#   SECRET, TOKEN, API_KEY, PRIVATE_KEY, ACCESS_KEY, CREDENTIAL) to a literal value. The secret
#   lives in plain text in the repository and its history, is shown by `docker inspect` and
#   `docker compose config`, and tends to be reused from development into production.
# related_resources:
#   - https://docs.docker.com/compose/how-tos/use-secrets/
#   - https://docs.docker.com/compose/how-tos/environment-variables/set-environment-variables/
# custom:
#   id: TG-COMPOSE-003
#   severity: medium
#   remediation: >-
#     Reference a variable from the shell or an untracked `.env` file (`DB_PASSWORD:
#     ${DB_PASSWORD:?set DB_PASSWORD}`), or use compose `secrets:` (mounted at
#     /run/secrets/<name>) with images that read `*_FILE` variables, e.g. `POSTGRES_PASSWORD_FILE:
#     /run/secrets/db_password`. Rotate any credential that was committed.
#   kinds: [docker-compose]
#   redact: true
package tollgate.compose.services.environment_secret_literal

# Credentials written as literal environment values in a compose file are committed to the
# repository and visible to anyone who can run `docker inspect` on the host.

import data.lib.containers

# Map syntax: `DB_PASSWORD: hunter2`.
deny contains v if {
	some name, svc in containers.compose_services
	env := object.get(svc, "environment", {})
	is_object(env)
	some key, value in env
	containers.secret_pair(key, value)
	v := violation(name, key, ["services", name, "environment", key])
}

# List syntax: `- DB_PASSWORD=hunter2` (a bare `- DB_PASSWORD` passes the host's value through).
deny contains v if {
	some name, svc in containers.compose_services
	env := object.get(svc, "environment", [])
	is_array(env)
	some j, entry in env
	is_string(entry)
	contains(entry, "=")
	parts := split(entry, "=")
	key := trim_space(parts[0])
	value := concat("=", array.slice(parts, 1, count(parts)))
	containers.secret_pair(key, value)
	v := violation(name, key, ["services", name, "environment", j])
}

violation(service, key, path) := {
	"msg": sprintf("Service `%s` sets %s to a literal value in its environment; use ${%s} from an untracked .env file or compose secrets", [service, key, key]),
	"path": path,
}
