package tollgate.pipelines.jenkins.docker_login_literal_password_test

import data.tollgate.pipelines.jenkins.docker_login_literal_password as p

findings(script) := found if {
	found := p.deny with input as {
		"kind": "jenkins",
		"document": {"steps": [{"step": "sh", "args": [script]}]},
		"facets": {"scripts": [{"path": ["steps", 0, "args", 0], "script": script, "origin": "jenkins step"}]},
	}
}

test_literal_passwords_are_denied if {
	count(findings("docker login -u ci -p Sup3rS3cret registry.example.com")) == 1
	count(findings("docker login --password=Sup3rS3cret -u ci r.example.com")) == 1
	count(findings("docker login -pSup3rS3cret -u ci r.example.com")) == 1
}

test_references_and_stdin_are_allowed if {
	count(findings("docker login -u ci -p \"$REG_PASS\" r.example.com")) == 0
	count(findings("echo \"$REG_PASS\" | docker login -u ci --password-stdin r.example.com")) == 0
	count(findings("docker push -p x")) == 0
}
