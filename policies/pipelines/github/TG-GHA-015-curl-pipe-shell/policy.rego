# METADATA
# title: Remote script piped into a shell
# description: >-
#   A `run:` step downloads a script and executes it directly (`curl ... | sh`, `wget -O- ... |
#   bash`, `bash <(curl ...)`). Nothing checks what was downloaded: a compromised or hijacked
#   server, CDN or domain runs arbitrary code on the runner with the job's GITHUB_TOKEN and
#   secrets, and the build is not reproducible.
# related_resources:
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions
#   - https://cwe.mitre.org/data/definitions/494.html
# custom:
#   id: TG-GHA-015
#   severity: medium
#   remediation: >-
#     Download the script or binary to a file, verify it against a pinned checksum or signature
#     (`sha256sum -c`), then run it; or use a pinned, maintained setup action or a package manager
#     with a locked version.
#   kinds: [github-actions]
package tollgate.pipelines.github.hygiene.curl_pipe_shell

# Piping a download straight into a shell runs whatever the server (or anyone who can tamper
# with it) returns at that moment, with the job's token and secrets, without any verification.

import data.lib.shell

import data.lib.github_actions as common

# Parsed with tree-sitter-bash (lib.shell): a download piped or substituted into a shell.
deny contains v if {
	some [path, step] in common.steps
	run := object.get(step, "run", null)
	is_string(run)
	some pipeline in shell.download_to_shell(run)
	cmd := split(pipeline, "\n")[0]
	v := {
		"msg": sprintf("`%s` runs a downloaded script without verifying it; download, verify a checksum, then execute", [cmd]),
		"path": array.concat(path, ["run"]),
		"text": cmd,
	}
}
