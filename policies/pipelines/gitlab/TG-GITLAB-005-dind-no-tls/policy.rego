# METADATA
# title: Docker-in-Docker service without TLS
# description: >-
#   The pipeline runs a `docker:dind` service and disables its TLS (`DOCKER_TLS_CERTDIR: ""`) or
#   talks to it over plain `tcp://...:2375`. The daemon then accepts unauthenticated, unencrypted
#   API calls from any container that can reach it (other services, other jobs on a shared runner
#   network), which gives root on the daemon and access to the images and credentials it holds.
# related_resources:
#   - https://docs.gitlab.com/ee/ci/docker/using_docker_build.html#docker-in-docker-with-tls-enabled-in-the-docker-executor
#   - https://docs.docker.com/engine/security/protect-access/
# custom:
#   id: TG-GITLAB-005
#   severity: medium
#   remediation: >-
#     Keep TLS on: set `DOCKER_TLS_CERTDIR: "/certs"`, use `DOCKER_HOST: tcp://docker:2376` with
#     `DOCKER_TLS_VERIFY: 1` and `DOCKER_CERT_PATH`, or avoid the privileged daemon altogether
#     with Kaniko, Buildah or BuildKit rootless.
#   kinds: [gitlab-ci]
package tollgate.pipelines.gitlab.dind_no_tls

# Docker-in-Docker without TLS exposes an unauthenticated Docker daemon on port 2375 to every
# container on the job's network.

import data.lib.gitlab_ci as common

uses_dind if {
	some [_, name, _] in common.services
	regex.match(`(?i)^(\S*/)?docker:\S*dind`, trim_space(name))
}

insecure(key, val) if {
	key == "DOCKER_TLS_CERTDIR"
	val == ""
}

insecure(key, val) if {
	key == "DOCKER_HOST"
	is_string(val)
	regex.match(`(?i)^\s*tcp://[^/\s]*:2375/?\s*$`, val)
}

deny contains v if {
	uses_dind
	some [path, key, raw] in common.variables
	insecure(key, common.value(raw))
	v := {"msg": sprintf("`%s` disables TLS for the docker:dind service; the daemon accepts unauthenticated API calls", [key]), "path": path}
}
