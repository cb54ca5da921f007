package tollgate.common.shell.download_piped_to_shell_test

import data.tollgate.common.shell.download_piped_to_shell as p

facets(scripts) := {"scripts": scripts, "images": [], "env": [], "ingress": [], "iam_statements": []}

script(text, origin) := {"path": ["s"], "script": text, "shell": null, "origin": origin}

flagged(text) if {
	found := p.deny with input as {"kind": "dockerfile", "document": [], "facets": facets([script(text, "dockerfile RUN")])}
	{v.path | some v in found} == {["s"]}
}

test_download_piped_or_substituted_into_a_shell if {
	flagged("curl -fsSL https://deb.nodesource.com/setup_20.x | bash -")
	flagged("apt-get update && curl -sSL https://get.docker.com/ | sudo -E sh")
	flagged("wget -qO- https://raw.githubusercontent.com/nvm-sh/nvm/v0.39.7/install.sh | /bin/bash")
	flagged("sh -c \"$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)\"")
	flagged("bash <(curl -s https://codecov.io/bash)")
}

test_verified_downloads_and_other_pipes_pass if {
	every cmd in [
		"curl -fsSL https://download.docker.com/linux/ubuntu/gpg | gpg --dearmor -o /etc/apt/keyrings/docker.gpg",
		"curl -fsSLo /tmp/install.sh https://example.com/install.sh && echo \"abc  /tmp/install.sh\" | sha256sum -c - && sh /tmp/install.sh",
		"wget -qO- https://github.com/x/y/releases/download/v1/y.tar.gz | tar -xz -C /usr/local/bin",
		"echo done | sh",
	] {
		count(p.deny) == 0 with input as {"kind": "dockerfile", "document": [], "facets": facets([script(cmd, "dockerfile RUN")])}
	}
}

test_every_origin_has_a_message if {
	every origin, _ in p.what {
		found := p.deny with input as {"kind": "x", "document": {}, "facets": facets([script("curl -s https://x.example/i.sh | sh", origin)])}
		count(found) == 1
	}
}

test_the_finding_narrows_to_the_pipeline if {
	found := p.deny with input as {"kind": "gitlab-ci", "document": {}, "facets": facets([script("set -e\ncurl -s https://x.example/i.sh | sh", "gitlab-ci script")])}
	{v.text | some v in found} == {"curl -s https://x.example/i.sh | sh"}
}
