package tollgate.ansible.tasks.connection_password_in_vars_test

import data.tollgate.ansible.tasks.connection_password_in_vars as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "ansible", "document": doc}
}

test_literal_connection_passwords_are_denied if {
	doc := {"all": {"vars": {"ansible_become_pass": "r00t!"}, "hosts": {"win1": {"ansible_password": "Adm1n"}}}}
	{f.path | some f in findings(doc)} == {["all", "vars", "ansible_become_pass"], ["all", "hosts", "win1", "ansible_password"]}
}

test_vaulted_or_templated_is_allowed if {
	doc := {"ansible_become_pass": "{{ vault_become }}", "ansible_password": "$ANSIBLE_VAULT;1.1;AES256\n3431", "ansible_user": "admin", "ansible_ssh_pass": 12}
	count(findings(doc)) == 0
}
