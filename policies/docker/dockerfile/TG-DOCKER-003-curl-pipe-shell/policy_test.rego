package tollgate.docker.dockerfile.curl_pipe_shell_test

import data.tollgate.docker.dockerfile.curl_pipe_shell as p

run(cmd) := [{"cmd": "from", "value": ["ubuntu:24.04"], "stage": 0}, {"cmd": "run", "value": [cmd], "stage": 0}]

flagged(cmd) if {
	found := p.deny with input as {"kind": "dockerfile", "document": run(cmd)}
	{v.path | some v in found} == {[1]}
}

test_download_piped_to_shell if {
	flagged("curl -fsSL https://deb.nodesource.com/setup_20.x | bash -")
	flagged("apt-get update && curl -sSL https://get.docker.com/ | sudo -E sh")
	flagged("wget -qO- https://raw.githubusercontent.com/nvm-sh/nvm/v0.39.7/install.sh | /bin/bash")
	flagged("set -eux; \\\n    curl -fsSL https://install.python-poetry.org | \\\n    python3 - && curl -L https://sh.rustup.rs | sh -s -- -y")
	flagged("sh -c \"$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)\"")
	flagged("bash <(curl -s https://codecov.io/bash)")
}

test_verified_downloads_are_allowed if {
	every cmd in [
		"curl -fsSL https://download.docker.com/linux/ubuntu/gpg | gpg --dearmor -o /etc/apt/keyrings/docker.gpg",
		"curl -fsSLo /tmp/install.sh https://example.com/install.sh && echo \"abc  /tmp/install.sh\" | sha256sum -c - && sh /tmp/install.sh",
		"wget -qO- https://github.com/x/y/releases/download/v1/y.tar.gz | tar -xz -C /usr/local/bin",
		"curl -fsSL https://example.com/key.asc | sudo tee /etc/apt/trusted.gpg.d/example.asc",
		"echo done | sh",
	] {
		found := p.deny with input as {"kind": "dockerfile", "document": run(cmd)}
		count(found) == 0
	}
}
