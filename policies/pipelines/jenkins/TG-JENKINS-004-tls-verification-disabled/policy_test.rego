package tollgate.pipelines.jenkins.tls_verification_disabled_test

import data.tollgate.pipelines.jenkins.tls_verification_disabled as p

findings(script, env) := found if {
	found := p.deny with input as {
		"kind": "jenkins",
		"document": {"steps": [{"step": "sh", "args": [script]}]},
		"facets": {"scripts": [{"path": ["steps", 0, "args", 0], "script": script, "origin": "jenkins step"}], "env": env},
	}
}

test_disabled_verification_is_denied if {
	count(findings("curl -fsSLk https://x -o y", [])) == 1
	count(findings("curl --insecure https://x", [])) == 1
	count(findings("wget --no-check-certificate https://x", [])) == 1
	count(findings("git -c http.sslVerify=false clone https://x", [])) == 1
	count(findings("git config --global http.sslVerify false", [])) == 1
	count(findings("export GIT_SSL_NO_VERIFY=true", [])) == 1
	env := [{"name": "NODE_TLS_REJECT_UNAUTHORIZED", "value": "0", "origin": "jenkins environment", "path": ["environment", 0, "value"]}]
	count(findings("make", env)) == 1
}

test_verified_tls_is_allowed if {
	count(findings("curl -fsSL --cacert ca.pem https://x", [])) == 0
	count(findings("git config http.sslVerify true", [])) == 0
	env := [{"name": "GIT_SSL_NO_VERIFY", "value": "false", "origin": "jenkins environment", "path": ["environment", 0, "value"]}]
	count(findings("make", env)) == 0
}
