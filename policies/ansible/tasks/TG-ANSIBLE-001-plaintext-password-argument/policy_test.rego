package tollgate.ansible.tasks.plaintext_password_argument_test

import data.tollgate.ansible.tasks.plaintext_password_argument as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "ansible", "document": doc}
}

test_literal_passwords_are_denied if {
	doc := [{"hosts": "db", "tasks": [
		{"community.mysql.mysql_user": {"name": "app", "password": "S3cret!"}},
		{"postgresql_user": {"name": "app"}, "args": {"login_password": "pg-admin"}},
	]}]
	{f.path | some f in findings(doc)} == {
		[0, "tasks", 0, "community.mysql.mysql_user", "password"],
		[0, "tasks", 1, "args", "login_password"],
	}
}

test_vault_templates_and_hashes_are_allowed if {
	doc := [
		{"mysql_user": {"name": "app", "password": "{{ vault_app_password }}"}},
		{"ansible.builtin.user": {"name": "ops", "password": "$6$rounds=656000$abc$def"}},
		{"ansible.builtin.copy": {"dest": "/x", "password": "literal"}},
		{"mysql_user": "name=x"},
	]
	count(findings(doc)) == 0
}
