package tollgate.pipelines.jenkins.credential_printed_test

import data.tollgate.pipelines.jenkins.credential_printed as p

findings(script, secrets) := found if {
	found := p.deny with input as {
		"kind": "jenkins",
		"document": {"steps": [{"step": "sh", "args": [script], "secrets": secrets}]},
		"facets": {"scripts": [{"path": ["steps", 0, "args", 0], "script": script, "origin": "jenkins step"}]},
	}
}

test_printed_or_traced_credentials_are_denied if {
	count(findings("echo \"token is $TOKEN\"", ["TOKEN"])) == 1
	count(findings("printf '%s\\n' \"${PASS}\"", ["PASS"])) == 1
	count(findings("set -ex\n./deploy.sh", ["PASS"])) == 1
	count(findings("set -o xtrace", ["PASS"])) == 1
}

test_other_output_is_allowed if {
	count(findings("echo \"$TOKEN\"", [])) == 0
	count(findings("echo \"$TOKEN_URL\"", ["TOKEN"])) == 0
	count(findings("set -x", [])) == 0
	count(findings("echo \"$PASS\" | docker login -u u --password-stdin r", ["PASS"])) == 0
	count(findings("printf '%s' \"$PASS\" > .netrc", ["PASS"])) == 0
	count(findings("set -e\necho done", ["PASS"])) == 0
}
