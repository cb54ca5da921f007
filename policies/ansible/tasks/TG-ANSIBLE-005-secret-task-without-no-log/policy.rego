# METADATA
# title: Task handling a secret without no_log
# description: >-
#   A task passes a password, token or key to its module (`password:`, `login_password:`,
#   `api_key:`, `token:` ...) and does not set `no_log: true`. Ansible prints a task's arguments
#   on failure and with `-v`, and callback plugins (ARA, AWX/Tower job events, log files) record
#   them: the secret, even when it came from Vault, ends up in job output and logs.
# related_resources:
#   - https://docs.ansible.com/ansible/latest/reference_appendices/faq.html#how-do-i-keep-secret-data-in-my-playbook
#   - https://cwe.mitre.org/data/definitions/532.html
# custom:
#   id: TG-ANSIBLE-005
#   severity: medium
#   remediation: >-
#     Add `no_log: true` to the task (or to the block around it); debug failures with a
#     temporary `no_log: false` run that is not recorded.
#   kinds: [ansible]
package tollgate.ansible.tasks.secret_task_without_no_log

import data.lib.ansible

secret_args := {
	"password", "login_password", "update_password_value", "api_key", "api_token", "token",
	"secret", "secret_key", "aws_secret_key", "client_secret", "private_key_passphrase", "passphrase",
	"vault_password", "auth_token", "url_password",
}

deny contains v if {
	some [path, t] in ansible.tasks
	some [_, key] in ansible.modules(t)
	not key in {"debug", "ansible.builtin.debug", "set_fact", "ansible.builtin.set_fact"}
	names := {arg | some arg, value in ansible.args(t, key); lower(arg) in secret_args; value != null}
	count(names) > 0
	not logged_off(t)
	v := {
		"msg": sprintf("`%s` is given `%s` without `no_log: true`; its arguments can be printed in job output and logs", [key, concat("`, `", sort(names))]),
		"path": array.concat(path, [key]),
	}
}

logged_off(t) if t.no_log == true

logged_off(t) if lower(t.no_log) in {"yes", "true"}

# A template decides at run time; do not guess.
logged_off(t) if contains(t.no_log, "{{")
