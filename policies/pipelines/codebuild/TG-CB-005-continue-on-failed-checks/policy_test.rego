package tollgate.pipelines.codebuild.continue_on_failed_checks_test

import data.tollgate.pipelines.codebuild.continue_on_failed_checks as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "codebuild-buildspec", "document": doc}
}

test_continue_on_checks_is_denied if {
	doc := {"version": 0.2, "phases": {
		"pre_build": {"on-failure": "CONTINUE", "commands": ["npm ci", "npm audit --audit-level=high"]},
		"build": {"on-failure": "CONTINUE", "commands": ["go test ./..."]},
		"post_build": {"on-failure": "CONTINUE", "commands": ["trivy image --exit-code 1 app:latest"]},
		"install": {"on-failure": "CONTINUE", "commands": ["./scripts/run-tests.sh"]},
	}}
	{v.path | some v in findings(doc)} == {
		["phases", "pre_build", "on-failure"],
		["phases", "build", "on-failure"],
		["phases", "post_build", "on-failure"],
		["phases", "install", "on-failure"],
	}
}

test_abort_and_non_check_phases_are_allowed if {
	doc := {"version": 0.2, "phases": {
		"install": {"on-failure": "CONTINUE", "commands": ["apt-get update", "docker build -t app:test .", "aws s3 cp out s3://bucket/test/"]},
		"build": {"on-failure": "ABORT", "commands": ["pytest -q"]},
		"post_build": {"commands": ["mvn -B verify"]},
	}}
	count(findings(doc)) == 0
}

test_odd_shapes_do_not_fail if {
	count(findings({"phases": {"build": {"on-failure": ["CONTINUE"], "commands": ["pytest"]}}})) == 0
	count(findings({"phases": {"build": {"on-failure": "CONTINUE", "commands": "pytest"}}})) == 0
	count(findings({"phases": {"build": "x"}})) == 0
}
