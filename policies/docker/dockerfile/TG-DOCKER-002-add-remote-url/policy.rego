# METADATA
# title: ADD downloads a remote URL without a checksum
# description: >-
#   `ADD https://...` fetches the file during the build and copies it into the image without
#   verifying it. If the server, the domain or a proxy is compromised, or the artifact is simply
#   replaced upstream, the image silently ships different code. The download is also not cached
#   predictably and leaves no trace of what was verified.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#add
#   - https://docs.docker.com/build/building/best-practices/#add-or-copy
# custom:
#   id: TG-DOCKER-002
#   severity: medium
#   remediation: "Download explicitly and verify it, e.g. `RUN curl -fsSLo /tmp/tool.tar.gz https://... && echo \"<sha256>  /tmp/tool.tar.gz\" | sha256sum -c -`, or pin the content with `ADD --checksum=sha256:<digest> https://...` (BuildKit). Use `COPY` for local files."
#   kinds: [dockerfile]
#   aliases: [CKV_DOCKER_4]
package tollgate.docker.dockerfile.add_remote_url

# ADD with an http(s) URL downloads a file at build time with no integrity check: whatever the
# server (or anyone on the path, or whoever takes over the domain) returns goes into the image.

has_checksum(ins) if {
	some f in object.get(ins, "flags", [])
	startswith(lower(f), "--checksum=")
}

deny contains v if {
	some i, ins in input.document
	ins.cmd == "add"
	not has_checksum(ins)
	some j, arg in object.get(ins, "value", [])
	is_string(arg)
	regex.match(`^(?i)https?://`, arg)
	v := {
		"msg": sprintf("ADD downloads %s without verifying it; download with a checksum check or use ADD --checksum", [arg]),
		"path": [i, "value", j],
	}
}
