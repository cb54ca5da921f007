# METADATA
# title: Plaintext password passed to an account module
# description: >-
#   A task creates or logs in with an account (`user`, `mysql_user`, `postgresql_user`,
#   `win_user`, `rabbitmq_user`, `docker_login`, ...) and passes its `password` (or
#   `login_password`) as a literal in the playbook. Everyone who can read the repository, its
#   history or a copy of the role has the credential, and rotating it means rewriting history.
#   A crypt hash given to `user` (`$6$...`) is what that module expects and is not reported.
# related_resources:
#   - https://docs.ansible.com/ansible/latest/vault_guide/index.html
#   - https://cwe.mitre.org/data/definitions/798.html
# custom:
#   id: TG-ANSIBLE-001
#   severity: high
#   remediation: >-
#     Read the password from Ansible Vault (`password: "{{ vault_db_password }}"` with the
#     variable in an encrypted vars file) or a lookup (`lookup('amazon.aws.aws_secret', ...)`,
#     `lookup('community.hashi_vault.hashi_vault', ...)`), rotate the exposed one, and set
#     `no_log: true` on the task.
#   kinds: [ansible]
package tollgate.ansible.tasks.plaintext_password_argument

import data.lib.ansible

account_modules := {
	"user", "win_user", "win_domain_user", "mysql_user", "postgresql_user", "mssql_login",
	"rabbitmq_user", "mongodb_user", "influxdb_user", "htpasswd", "docker_login", "ldap_passwd",
	"proxysql_mysql_users", "mysql_db", "postgresql_db", "postgresql_query", "mysql_query",
}

password_args := {"password", "login_password", "pass"}

deny contains v if {
	some [path, t] in ansible.tasks
	some [m, key] in ansible.modules(t)
	m in account_modules
	some arg, value in ansible.args(t, key)
	arg in password_args
	ansible.is_literal(value)
	not crypt_hash(m, value)
	v := {
		"msg": sprintf("`%s` gets a literal `%s`; read it from Ansible Vault or a secrets lookup", [key, arg]),
		"path": arg_path(path, t, key, arg),
	}
}

# `user` takes a crypt(3) hash, not the password.
crypt_hash("user", value) if regex.match(`^\$(1|5|6|y|2[aby])\$`, value)

arg_path(path, t, key, arg) := array.concat(path, [key, arg]) if {
	is_object(t[key])
	t[key][arg]
} else := array.concat(path, ["args", arg])
