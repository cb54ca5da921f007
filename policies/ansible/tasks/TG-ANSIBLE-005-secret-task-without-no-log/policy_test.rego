package tollgate.ansible.tasks.secret_task_without_no_log_test

import data.tollgate.ansible.tasks.secret_task_without_no_log as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "ansible", "document": doc}
}

test_secret_tasks_without_no_log_are_denied if {
	doc := [{"hosts": "all", "tasks": [
		{"mysql_user": {"name": "a", "password": "{{ vault_pw }}"}},
		{"uri": {"url": "https://x"}, "args": {"api_token": "{{ t }}"}, "no_log": false},
	]}]
	{f.path | some f in findings(doc)} == {[0, "tasks", 0, "mysql_user"], [0, "tasks", 1, "uri"]}
}

test_no_log_or_no_secret_is_allowed if {
	doc := [
		{"mysql_user": {"name": "a", "password": "{{ vault_pw }}"}, "no_log": true},
		{"user": {"name": "a", "password": "{{ h }}"}, "no_log": "yes"},
		{"apt": {"name": "nginx"}},
	]
	count(findings(doc)) == 0
}
