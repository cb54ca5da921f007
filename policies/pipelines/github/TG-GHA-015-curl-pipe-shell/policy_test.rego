package tollgate.pipelines.github.hygiene.curl_pipe_shell_test

import data.tollgate.pipelines.github.hygiene.curl_pipe_shell as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "github-actions", "document": doc}
}

wf(run) := {"on": "push", "jobs": {"build": {"runs-on": "ubuntu-latest", "steps": [{"run": "echo hi"}, {"run": run}]}}}

test_pipe_to_shell_is_denied if {
	found := findings(wf("set -e\ncurl -fsSL https://get.example.com/install.sh | sudo -E bash -\nwget -qO- https://x.io/i.sh | sh\nbash <(curl -s https://y.io/s)\n"))
	{v.text | some v in found} == {
		"curl -fsSL https://get.example.com/install.sh | sudo -E bash -",
		"wget -qO- https://x.io/i.sh | sh",
		"bash <(curl -s https://y.io/s)",
	}
	{v.path | some v in found} == {["jobs", "build", "steps", 1, "run"]}
}

test_composite_action_is_checked if {
	found := findings({"runs": {"using": "composite", "steps": [{"run": "curl https://x | bash", "shell": "bash"}]}})
	{v.path | some v in found} == {["runs", "steps", 0, "run"]}
}

test_verified_downloads_are_allowed if {
	count(findings(wf("curl -fsSLo install.sh https://get.example.com/install.sh\necho \"abc  install.sh\" | sha256sum -c\nsh install.sh\ncurl -s https://api.x.io | jq .\ncurl https://x | shasum"))) == 0
}

test_malformed_documents_do_not_error if {
	count(findings(wf(["curl x | sh"]))) == 0
	count(findings(wf(null))) == 0
	count(findings("x")) == 0
}
