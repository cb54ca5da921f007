# `curl ... | sh` runs whatever a remote server returns, as root, during the build, with no
# integrity check and no record of what ran.
package tollgate.docker.dockerfile.curl_pipe_shell

metadata := {
	"id": "TG-DOCKER-003",
	"title": "RUN pipes a downloaded script into a shell",
	"severity": "medium",
	"description": "A `RUN` that pipes `curl` or `wget` output straight into `sh`/`bash` (or runs `sh -c \"$(curl ...)\"`) executes code fetched at build time without verifying it. A compromised server, CDN or domain, or a truncated download, runs arbitrary commands in the build (usually as root) and the result ends up in the image; rebuilding later may run a different script.",
	"remediation": "Download the script to a file, verify its checksum or signature, then run it: `RUN curl -fsSLo /tmp/install.sh https://... && echo \"<sha256>  /tmp/install.sh\" | sha256sum -c - && sh /tmp/install.sh`. Better, install the software from the distribution's signed package repository or copy a pinned binary from a trusted image with `COPY --from=`.",
	"kinds": ["dockerfile"],
	"references": [
		"https://docs.docker.com/build/building/best-practices/#run",
		"https://www.gnu.org/software/bash/manual/bash.html#Pipelines",
	],
}

# A download whose output goes straight into a shell: `curl -fsSL url | sudo -E bash -`,
# `wget -qO- url | sh`. The pipe must belong to the same command (no ;, && or || between).
pipe_pattern := `(?i)\b(curl|wget)\b[^|;&]*\|[\s\\]*(sudo\s+(-\S+\s+)*)?(env\s+(\S+=\S*\s+)*)?(/usr)?(/bin/)?(ba|z|da|k|a)?sh\b`

# A download substituted into a shell's command line: `sh -c "$(curl -fsSL url)"`,
# `bash <(curl -s url)`.
substitution_pattern := `(?i)\b(ba|z|da|k|a)?sh\s+(-\S+\s+)*(["']?\$\(|<\()\s*(curl|wget)\b`

command_text(ins) := concat(" ", [a | some a in object.get(ins, "value", []); is_string(a)])

deny contains v if {
	some i, ins in input.document
	ins.cmd == "run"
	cmd := command_text(ins)
	some pattern in [pipe_pattern, substitution_pattern]
	regex.match(pattern, cmd)
	v := {
		"msg": "RUN executes a script downloaded with curl/wget without verifying it (download | shell)",
		"path": [i],
	}
}
