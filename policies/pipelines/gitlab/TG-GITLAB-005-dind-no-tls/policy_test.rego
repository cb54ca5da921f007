package tollgate.pipelines.gitlab.dind_no_tls_test

import data.tollgate.pipelines.gitlab.dind_no_tls as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "gitlab-ci", "document": doc}
}

test_dind_without_tls_is_denied if {
	doc := {
		"variables": {"DOCKER_TLS_CERTDIR": ""},
		"build": {
			"services": [{"name": "docker:24.0.7-dind", "alias": "docker"}],
			"variables": {"DOCKER_HOST": "tcp://docker:2375"},
			"script": ["docker build ."],
		},
	}
	{v.path | some v in findings(doc)} == {["variables", "DOCKER_TLS_CERTDIR"], ["build", "variables", "DOCKER_HOST"]}
	{v.path | some v in findings({"services": ["registry.example.com/mirror/docker:dind"], "variables": {"DOCKER_TLS_CERTDIR": {"value": ""}}})} == {["variables", "DOCKER_TLS_CERTDIR"]}
}

test_tls_or_no_dind_is_allowed if {
	count(findings({"services": ["docker:24-dind"], "variables": {"DOCKER_TLS_CERTDIR": "/certs", "DOCKER_HOST": "tcp://docker:2376"}})) == 0
	count(findings({"services": ["postgres:16"], "variables": {"DOCKER_TLS_CERTDIR": ""}})) == 0
}

test_unexpected_shapes_do_not_error if {
	count(findings({"services": null, "variables": {"DOCKER_TLS_CERTDIR": ""}})) == 0
	count(findings({"services": "docker:dind", "job": {"services": [null, {"name": null}, ["x"]], "variables": {"DOCKER_HOST": null}}})) == 0
}
