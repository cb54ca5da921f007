# METADATA
# title: RUN pipes a downloaded script into a shell
# description: >-
#   A `RUN` that pipes `curl` or `wget` output straight into `sh`/`bash` (or runs `sh -c "$(curl
#   ...)"`) executes code fetched at build time without verifying it. A compromised server, CDN or
#   domain, or a truncated download, runs arbitrary commands in the build (usually as root) and
#   the result ends up in the image; rebuilding later may run a different script.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#run
#   - https://www.gnu.org/software/bash/manual/bash.html#Pipelines
# custom:
#   id: TG-DOCKER-003
#   severity: medium
#   remediation: "Download the script to a file, verify its checksum or signature, then run it: `RUN curl -fsSLo /tmp/install.sh https://... && echo \"<sha256>  /tmp/install.sh\" | sha256sum -c - && sh /tmp/install.sh`. Better, install the software from the distribution's signed package repository or copy a pinned binary from a trusted image with `COPY --from=`."
#   kinds: [dockerfile]
package tollgate.docker.dockerfile.curl_pipe_shell

# `curl ... | sh` runs whatever a remote server returns, as root, during the build, with no
# integrity check and no record of what ran.

import data.lib.shell

command_text(ins) := concat(" ", [a | some a in object.get(ins, "value", []); is_string(a)])

# The RUN's shell script is parsed (tree-sitter-bash via lib.shell): a download piped into a
# shell (`curl -fsSL url | sudo -E bash -`, `wget -qO- url | sh`) or substituted into one
# (`sh -c "$(curl -fsSL url)"`, `bash <(curl -s url)`). A pipe into `tar`, `gpg` or `tee`, or a
# shell fed by `echo`, is not a download run as code.
deny contains v if {
	some i, ins in input.document
	ins.cmd == "run"
	some pipeline in shell.download_to_shell(command_text(ins))
	v := {
		"msg": sprintf("RUN executes a script downloaded without verifying it: `%s`", [split(pipeline, "\n")[0]]),
		"path": [i],
		"text": split(pipeline, "\n")[0],
	}
}
