package tollgate.pipelines.gitlab.curl_pipe_shell_test

import data.tollgate.pipelines.gitlab.curl_pipe_shell as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "gitlab-ci", "document": doc}
}

test_download_piped_to_shell_is_denied if {
	doc := {
		"before_script": ["curl -fsSL https://get.example.sh | bash"],
		"default": {"after_script": "wget -qO- https://x.example/y.sh | sudo -E sh"},
		"build": {"script": ["echo hi", "set -e\ncurl -s https://a.example/i | sh -s -- -y\nmake\n"]},
		"deploy": {"script": [["curl https://b.example/i.sh | zsh"]]},
	}
	found := findings(doc)
	{v.path | some v in found} == {
		["before_script", 0],
		["default", "after_script"],
		["build", "script", 1],
		["deploy", "script", 0, 0],
	}
	some v in found
	v.path == ["build", "script", 1]
	v.text == "curl -s https://a.example/i | sh -s -- -y"
}

test_verified_downloads_and_other_pipes_are_allowed if {
	doc := {"build": {"script": [
		"curl -fsSLo install.sh https://get.example.sh",
		"sha256sum -c install.sh.sha256 && bash install.sh",
		"curl -s https://api.example.com | jq .",
		"wget -qO- https://example.com/a.tgz | tar xz",
		"cat sums | shasum -c",
	]}}
	count(findings(doc)) == 0
}

test_unexpected_shapes_do_not_error if {
	count(findings({"build": {"script": null}, "before_script": {"a": 1}, "default": null})) == 0
	count(findings({"build": {"script": [null, 3, {"x": "curl a | sh"}]}, "x": "y"})) == 0
}
