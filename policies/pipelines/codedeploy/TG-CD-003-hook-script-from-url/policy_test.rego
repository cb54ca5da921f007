package tollgate.pipelines.codedeploy.hook_script_from_url_test

import data.tollgate.pipelines.codedeploy.hook_script_from_url as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "codedeploy-appspec", "document": doc}
}

test_url_locations_are_denied if {
	doc := {"version": 0.0, "os": "linux", "hooks": {
		"AfterInstall": [{"location": "https://scripts.example.com/after_install.sh", "timeout": 300}],
		"ApplicationStart": [{"location": "scripts/start.sh"}, {"location": "HTTP://10.0.0.5/warm.sh"}],
	}}
	{v.path | some v in findings(doc)} == {
		["hooks", "AfterInstall", 0, "location"],
		["hooks", "ApplicationStart", 1, "location"],
	}
}

test_bundled_scripts_are_allowed if {
	doc := {"version": 0.0, "os": "linux", "hooks": {
		"AfterInstall": [{"location": "scripts/fetch_https_config.sh"}],
		"ValidateService": [{"location": "/opt/app/scripts/health.sh"}],
	}}
	count(findings(doc)) == 0
}

test_odd_shapes_do_not_fail if {
	count(findings({"hooks": {"AfterInstall": [{"location": null}, {"location": ["https://x"]}], "BeforeInstall": "https://x"}})) == 0
	count(findings({"hooks": [{"BeforeAllowTraffic": "https://x"}]})) == 0
}
