# METADATA
# title: TLS certificate verification disabled in a build command
# description: >-
#   A buildspec command disables TLS certificate verification (`curl -k`/`--insecure`, `wget
#   --no-check-certificate`, `git config http.sslVerify false`, `pip --trusted-host`, `npm config
#   set strict-ssl false`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `GIT_SSL_NO_VERIFY`). Whatever is
#   downloaded afterwards -- packages, tools, scripts, source -- can be replaced by anyone able to
#   intercept the connection, and it then runs inside the build with the service role's
#   credentials and ends up in the artifacts.
# related_resources:
#   - https://docs.aws.amazon.com/codebuild/latest/userguide/use-proxy-server-transparent-certs.html
#   - https://cwe.mitre.org/data/definitions/295.html
# custom:
#   id: TG-CB-004
#   severity: medium
#   remediation: >-
#     Remove the flag and fix the trust problem instead: add the internal CA to the build image's
#     trust store (or point the tool at it: `curl --cacert`, `pip --cert`, `npm config set
#     cafile`, `git config http.sslCAInfo`, `NODE_EXTRA_CA_CERTS`), or use a properly certified
#     mirror such as CodeArtifact.
#   kinds: [codebuild-buildspec]
package tollgate.pipelines.codebuild.tls_verification_disabled

# Turning off certificate checks lets anyone on the network path (or a poisoned DNS/proxy)
# substitute the dependencies, tools and scripts the build downloads.

import data.lib.buildspec as bs

# [pattern for the command, pattern for the flag inside the match (text), what it is]. All
# stay within one line and one command of a `;`/`&&`/`|` chain.
checks := [
	[`\bcurl\b[^\n|;&]*?\s-[a-zA-Z]*k[a-zA-Z]*(?:\s|$)`, `\bcurl\b[^\n|;&]*?\s-[a-zA-Z]*k[a-zA-Z]*`, "curl -k"],
	[`\bcurl\b[^\n|;&]*?\s--insecure\b`, `--insecure`, "curl --insecure"],
	[`\bwget\b[^\n|;&]*?\s--no-check-certificate\b`, `--no-check-certificate`, "wget --no-check-certificate"],
	[`(?i)\bgit\b[^\n|;&]*?\bhttp\.sslverify(?:\s+|\s*=\s*)["']?(?:false|0|no|off)\b`, `(?i)http\.sslverify(?:\s+|\s*=\s*)["']?(?:false|0|no|off)`, "git http.sslVerify false"],
	[`\bGIT_SSL_NO_VERIFY=["']?(?:1|true|yes)\b`, `GIT_SSL_NO_VERIFY=["']?(?:1|true|yes)`, "GIT_SSL_NO_VERIFY"],
	[`\bpip[0-9.]*\b[^\n|;&]*?(?:\s--|\.)trusted-host\b`, `trusted-host`, "pip --trusted-host"],
	[`\b(?:npm|yarn|pnpm)\s+config\s+set\s+strict-ssl(?:\s+|\s*=\s*)["']?false\b`, `strict-ssl(?:\s+|\s*=\s*)["']?false`, "npm strict-ssl false"],
	[`\bNODE_TLS_REJECT_UNAUTHORIZED=["']?0\b`, `NODE_TLS_REJECT_UNAUTHORIZED=["']?0`, "NODE_TLS_REJECT_UNAUTHORIZED=0"],
]

deny contains v if {
	some [path, phase, cmd] in bs.commands
	some [pattern, flag, what] in checks
	some m in regex.find_n(pattern, cmd, -1)
	text := regex.find_n(flag, m, 1)[0]
	v := {
		"msg": sprintf("Phase `%s` disables TLS certificate verification (%s); trust the right CA instead", [phase, what]),
		"path": path,
		"text": text,
	}
}

# The environment-variable switches set in env.variables.
tls_off_variables := {"NODE_TLS_REJECT_UNAUTHORIZED": {"0"}, "GIT_SSL_NO_VERIFY": {"1", "true", "yes"}}

deny contains v if {
	some name, value in bs.variables
	off := tls_off_variables[upper(name)]
	lower(trim_space(sprintf("%v", [value]))) in off
	v := {
		"msg": sprintf("env.variables sets %s, which disables TLS certificate verification for the whole build", [name]),
		"path": ["env", "variables", name],
	}
}
