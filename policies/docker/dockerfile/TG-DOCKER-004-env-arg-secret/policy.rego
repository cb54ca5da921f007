# METADATA
# title: Secret hardcoded in ENV or ARG
# description: >-
#   An `ENV` or `ARG` whose name looks like a credential (PASSWORD, SECRET, TOKEN, API_KEY,
#   PRIVATE_KEY, ACCESS_KEY, CREDENTIAL) is given a literal value. ENV values are part of the
#   image configuration, shown by `docker inspect` and inherited by every container and derived
#   image; ARG defaults are recorded in the image history. Anyone who can pull the image, or read
#   the Dockerfile in the repository, gets the secret.
# related_resources:
#   - https://docs.docker.com/build/building/secrets/
#   - https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/
# custom:
#   id: TG-DOCKER-004
#   severity: high
#   remediation: >-
#     Never bake secrets into the image. Pass build-time credentials with BuildKit secret mounts
#     (`RUN --mount=type=secret,id=npm_token ...` and `docker build --secret id=npm_token,...`),
#     and provide runtime secrets when the container starts (orchestrator secrets, mounted files,
#     a secret manager). An `ARG` without a default is fine for non-secret parameters. Rotate any
#     credential that was committed.
#   kinds: [dockerfile]
#   aliases: [AVD-DS-0031]
#   redact: true
package tollgate.docker.dockerfile.env_arg_secret

# ENV and ARG values are stored in the image: ENV in its config (visible to `docker inspect`
# and every container), ARG defaults in the build history. A credential written there ships
# to everyone who can pull the image.

import data.lib.containers

deny contains v if {
	some i, ins in input.document
	ins.cmd in {"env", "arg"}
	some key, value in object.get(ins, "pairs", {})
	containers.secret_pair(key, value)
	v := {
		"msg": sprintf("%s %s is set to a literal value that is stored in the image; use a build secret (RUN --mount=type=secret) or a runtime secret", [upper(ins.cmd), key]),
		"path": [i, "pairs", key],
	}
}
