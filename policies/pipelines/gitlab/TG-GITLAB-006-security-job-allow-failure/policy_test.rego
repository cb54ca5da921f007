package tollgate.pipelines.gitlab.security_job_allow_failure_test

import data.tollgate.pipelines.gitlab.security_job_allow_failure as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "gitlab-ci", "document": doc}
}

test_security_jobs_allowed_to_fail_are_denied if {
	doc := {
		"include": [{"template": "Security/License-Scanning.gitlab-ci.yml"}],
		"semgrep-sast": {"allow_failure": true},
		"scan": {"extends": [".base", ".trivy"], "allow_failure": true, "script": "trivy fs ."},
		"license_scanning": {"allow_failure": true},
		"Checkov": {"allow_failure": true, "script": "checkov -d ."},
	}
	{v.path | some v in findings(doc)} == {
		["semgrep-sast", "allow_failure"],
		["scan", "allow_failure"],
		["license_scanning", "allow_failure"],
		["Checkov", "allow_failure"],
	}
}

test_other_jobs_and_exit_codes_are_allowed if {
	doc := {
		"sast": {"allow_failure": {"exit_codes": [3]}},
		"secret_detection": {"allow_failure": false},
		"lint": {"allow_failure": true, "script": "npm run lint"},
		"license_scanning": {"allow_failure": true},
	}
	count(findings(doc)) == 0
}

test_unexpected_shapes_do_not_error if {
	count(findings({"include": null, "sast": {"extends": null, "allow_failure": true}})) == 1
	count(findings({"include": ["x", null, {"template": ["a"]}], "job": {"extends": {"a": 1}, "allow_failure": true}, "sast": null})) == 0
}
