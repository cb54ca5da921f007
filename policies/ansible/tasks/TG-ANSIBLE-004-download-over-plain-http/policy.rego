# METADATA
# title: Download or API call over plain HTTP
# description: >-
#   `get_url`, `uri`, `win_get_url`, `apt_key`, `rpm_key` or `unarchive` fetches from an
#   `http://` URL: anyone on the network path can read what is sent (credentials in headers or
#   the body) and replace what is downloaded -- a binary, an archive or a package signing key
#   that the host then trusts.
# related_resources:
#   - https://cwe.mitre.org/data/definitions/319.html
#   - https://cwe.mitre.org/data/definitions/494.html
# custom:
#   id: TG-ANSIBLE-004
#   severity: medium
#   remediation: >-
#     Use an `https://` URL, and pin what is downloaded with `checksum:` (get_url) or a key
#     fingerprint (apt_key `id:`).
#   kinds: [ansible]
package tollgate.ansible.tasks.download_over_plain_http

import data.lib.ansible

url_args := {
	"get_url": "url", "uri": "url", "win_get_url": "url", "win_uri": "url",
	"apt_key": "url", "rpm_key": "key", "unarchive": "src",
}

deny contains v if {
	some [path, t] in ansible.tasks
	some [m, key] in ansible.modules(t)
	arg := url_args[m]
	url := ansible.args(t, key)[arg]
	is_string(url)
	regex.match(`^(?i)http://`, trim_space(url))
	not local(url)
	v := {
		"msg": sprintf("`%s` fetches `%s` over plain HTTP; use https:// and verify a checksum", [key, url]),
		"path": arg_path(path, t, key, arg),
	}
}

local(url) if regex.match(`^(?i)http://(localhost|127\.[0-9.]+|\[::1\])([:/]|$)`, trim_space(url))

arg_path(path, t, key, arg) := array.concat(path, [key, arg]) if {
	is_object(t[key])
	object.get(t[key], arg, null) != null
} else := array.concat(path, ["args", arg])
