# METADATA
# title: TLS verification disabled in a pipeline step
# description: >-
#   A step turns off certificate checking: `curl -k`/`--insecure`, `wget
#   --no-check-certificate`, `git -c http.sslVerify=false` or `git config http.sslVerify false`,
#   or the pipeline sets `GIT_SSL_NO_VERIFY` or `NODE_TLS_REJECT_UNAUTHORIZED=0`. Anyone on the
#   network path between the agent and the server can then impersonate it: replace what the
#   build downloads or checks out, and capture the tokens the step sends.
# related_resources:
#   - https://cwe.mitre.org/data/definitions/295.html
#   - https://curl.se/docs/manpage.html#-k
# custom:
#   id: TG-JENKINS-004
#   severity: high
#   remediation: >-
#     Remove the flag or variable; for a server with an internal CA, add the CA to the agent's
#     trust store (or pass it with `curl --cacert`, `git -c http.sslCAInfo=...`).
#   kinds: [jenkins]
package tollgate.pipelines.jenkins.tls_verification_disabled

import data.lib.jenkins

deny contains v if {
	some [item, _, c] in jenkins.commands
	insecure(c)
	v := {
		"msg": sprintf("A pipeline step disables TLS certificate verification: `%s`", [jenkins.first_line(c)]),
		"path": item.path,
		"text": jenkins.first_line(c),
	}
}

# `export GIT_SSL_NO_VERIFY=1` or `NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci` inside a script.
deny contains v if {
	some [item, _] in jenkins.scripts
	some m in regex.find_n(`\b(GIT_SSL_NO_VERIFY=["']?(1|true|yes)|NODE_TLS_REJECT_UNAUTHORIZED=["']?0)\b`, item.script, -1)
	v := {
		"msg": sprintf("A pipeline step disables TLS certificate verification: `%s`", [m]),
		"path": item.path,
		"text": m,
	}
}

# `environment { GIT_SSL_NO_VERIFY = 'true' }`, `withEnv(['NODE_TLS_REJECT_UNAUTHORIZED=0'])`.
deny contains v if {
	some item in input.facets.env
	startswith(item.origin, "jenkins ")
	disabling_env(upper(item.name), lower(trim_space(item.value)))
	v := {
		"msg": sprintf("`%s=%s` disables TLS certificate verification for every step that runs with it", [item.name, item.value]),
		"path": item.path,
	}
}

disabling_env("GIT_SSL_NO_VERIFY", value) if value in {"1", "true", "yes"}

disabling_env("NODE_TLS_REJECT_UNAUTHORIZED", value) if value == "0"

insecure(c) if {
	c.name == "curl"
	some a in c.args
	curl_insecure(a)
}

insecure(c) if {
	c.name == "wget"
	"--no-check-certificate" in c.args
}

insecure(c) if {
	c.name == "git"
	some a in c.args
	regex.match(`(?i)^["']?http\.sslverify=(false|0|no)["']?$`, a)
}

insecure(c) if {
	c.name == "git"
	c.args[0] == "config"
	some i, a in c.args
	lower(a) == "http.sslverify"
	lower(jenkins.next_arg(c.args, i)) in {"false", "0", "no"}
}

curl_insecure(a) if a == "--insecure"

curl_insecure(a) if regex.match(`^-[a-zA-Z]*k[a-zA-Z]*$`, a)
