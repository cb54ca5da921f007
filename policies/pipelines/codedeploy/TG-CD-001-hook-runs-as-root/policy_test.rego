package tollgate.pipelines.codedeploy.hook_runs_as_root_test

import data.tollgate.pipelines.codedeploy.hook_runs_as_root as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "codedeploy-appspec", "document": doc}
}

test_root_hooks_are_denied if {
	doc := {"version": 0.0, "os": "linux", "hooks": {
		"BeforeInstall": [{"location": "scripts/install_deps.sh", "timeout": 300, "runas": "root"}],
		"ApplicationStart": [{"location": "scripts/start.sh", "runas": "appuser"}, {"location": "scripts/warm.sh", "runas": "root"}],
	}}
	{v.path | some v in findings(doc)} == {
		["hooks", "BeforeInstall", 0, "runas"],
		["hooks", "ApplicationStart", 1, "runas"],
	}
}

test_other_users_and_missing_runas_are_allowed if {
	doc := {"version": 0.0, "os": "linux", "hooks": {
		"ApplicationStart": [{"location": "scripts/start.sh", "runas": "appuser"}],
		"ValidateService": [{"location": "scripts/health.sh"}],
	}}
	count(findings(doc)) == 0
}

test_odd_shapes_do_not_fail if {
	count(findings({"hooks": [{"BeforeInstall": "LambdaFunctionToValidateBeforeInstall"}]})) == 0
	count(findings({"hooks": {"BeforeInstall": null, "AfterInstall": "x", "ApplicationStart": [null, "y", {"runas": ["root"]}]}})) == 0
	count(findings("oops")) == 0
}
