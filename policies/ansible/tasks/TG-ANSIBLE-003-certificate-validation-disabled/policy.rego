# METADATA
# title: TLS certificate validation disabled on a module
# description: >-
#   `validate_certs: no` (or `false`) makes the module (`get_url`, `uri`, `apt_key`,
#   `aws_*`, `vmware_*`, `win_get_url`, ...) accept any certificate, so anyone on the network
#   path can impersonate the server: a downloaded package or key can be replaced, and the
#   credentials the task sends are handed to the impostor.
# related_resources:
#   - https://cwe.mitre.org/data/definitions/295.html
#   - https://docs.ansible.com/ansible/latest/collections/ansible/builtin/get_url_module.html
# custom:
#   id: TG-ANSIBLE-003
#   severity: high
#   remediation: >-
#     Remove `validate_certs: no`; for an internal CA, install the CA certificate on the
#     control node (or pass `ca_path`/`ca_cert` to the module) instead of disabling validation.
#   kinds: [ansible]
package tollgate.ansible.tasks.certificate_validation_disabled

import data.lib.ansible

deny contains v if {
	some [path, t] in ansible.tasks
	some [_, key] in ansible.modules(t)
	some arg, value in ansible.args(t, key)
	arg == "validate_certs"
	ansible.is_false(value)
	v := {
		"msg": sprintf("`%s` disables TLS certificate validation (`validate_certs: %v`); trust the server's CA instead", [key, value]),
		"path": arg_path(path, t, key, arg),
	}
}

arg_path(path, t, key, arg) := array.concat(path, [key, arg]) if {
	is_object(t[key])
	object.get(t[key], arg, null) != null
} else := array.concat(path, ["args", arg])
