package tollgate.pipelines.codebuild.tls_verification_disabled_test

import data.tollgate.pipelines.codebuild.tls_verification_disabled as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "codebuild-buildspec", "document": doc}
}

test_disabled_verification_is_denied if {
	doc := {"version": 0.2, "env": {"variables": {"NODE_TLS_REJECT_UNAUTHORIZED": "0"}}, "phases": {
		"install": {"commands": [
			"curl -fsSLk https://internal.example.com/tool -o tool",
			"wget --no-check-certificate https://internal.example.com/x.tgz",
			"git config --global http.sslVerify false",
			"pip install --trusted-host pypi.internal -r requirements.txt",
			"npm config set strict-ssl false",
			"NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci",
			"curl --insecure https://x",
		]},
	}}
	{[v.path, object.get(v, "text", "")] | some v in findings(doc)} == {
		[["env", "variables", "NODE_TLS_REJECT_UNAUTHORIZED"], ""],
		[["phases", "install", "commands", 0], "curl -fsSLk"],
		[["phases", "install", "commands", 1], "--no-check-certificate"],
		[["phases", "install", "commands", 2], "http.sslVerify false"],
		[["phases", "install", "commands", 3], "trusted-host"],
		[["phases", "install", "commands", 4], "strict-ssl false"],
		[["phases", "install", "commands", 5], "NODE_TLS_REJECT_UNAUTHORIZED=0"],
		[["phases", "install", "commands", 6], "--insecure"],
	}
}

test_verified_tls_is_allowed if {
	doc := {"version": 0.2, "env": {"variables": {"NODE_TLS_REJECT_UNAUTHORIZED": "1"}}, "phases": {"build": {"commands": [
		"curl -fsSL --cacert /etc/ssl/internal-ca.pem https://internal.example.com/tool -o tool",
		"curl -K curlrc https://x",
		"git config --global http.sslVerify true",
		"docker build -t app:latest -f Dockerfile .",
		"npm config set cafile /etc/ssl/internal-ca.pem",
		"ssh-keygen -k -f key",
	]}}}
	count(findings(doc)) == 0
}

test_odd_shapes_do_not_fail if {
	count(findings({"env": {"variables": {"NODE_TLS_REJECT_UNAUTHORIZED": null}}, "phases": {"build": {"commands": null}}})) == 0
	count(findings({"env": {"variables": {"NODE_TLS_REJECT_UNAUTHORIZED": ["0"]}}})) == 0
}
