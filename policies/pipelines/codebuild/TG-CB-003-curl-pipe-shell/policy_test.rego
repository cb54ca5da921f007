package tollgate.pipelines.codebuild.curl_pipe_shell_test

import data.tollgate.pipelines.codebuild.curl_pipe_shell as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "codebuild-buildspec", "document": doc}
}

test_pipe_to_shell_is_denied if {
	doc := {"version": 0.2, "phases": {
		"install": {"commands": ["curl -fsSL https://get.example.com/install.sh | bash", "npm ci"]},
		"build": {"commands": ["echo hi\nwget -qO- https://example.com/x.sh | sudo -E sh -s -- --yes\n"], "finally": ["curl -s https://example.com/cleanup | sh"]},
	}}
	{[v.path, v.text] | some v in findings(doc)} == {
		[["phases", "install", "commands", 0], "curl -fsSL https://get.example.com/install.sh | bash"],
		[["phases", "build", "commands", 0], "wget -qO- https://example.com/x.sh | sudo -E sh -s -- --yes"],
		[["phases", "build", "finally", 0], "curl -s https://example.com/cleanup | sh"],
	}
}

test_verified_downloads_are_allowed if {
	doc := {"version": 0.2, "phases": {"install": {"commands": [
		"curl -fsSLo install.sh https://get.example.com/install.sh",
		"curl -fsSL https://example.com/tool.tar.gz | sha256sum -c tool.sha256",
		"curl -s https://api.example.com/v1/status | jq .",
		"bash install.sh",
	]}}}
	count(findings(doc)) == 0
}

test_odd_shapes_do_not_fail if {
	count(findings({"phases": {"install": null, "build": "curl x | sh", "post_build": {"commands": {"a": 1}}}})) == 0
	count(findings({"phases": ["curl x | sh"]})) == 0
}
