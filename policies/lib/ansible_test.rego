package lib.ansible_test

import data.lib.ansible

test_tasks_of_plays_blocks_and_task_files if {
	doc := [{"hosts": "all", "tasks": [{"name": "a", "apt": {"name": "x"}}, {"block": [{"community.mysql.mysql_user": {"name": "u"}}]}]}]
	found := {[p, m] | some [p, t] in ansible.tasks with input as {"document": doc}; some [m, _] in ansible.modules(t)}
	found == {[[0, "tasks", 0], "apt"], [[0, "tasks", 1, "block", 0], "mysql_user"]}
	count(ansible.tasks) == 0 with input as {"document": {"all": {"hosts": {}}}}
}

test_unknown_keywords_give_several_candidates if {
	ansible.modules({"template": {"src": "a"}, "first_available_file": ["x"], "flaky_keyword": 1}) == {["template", "template"], ["flaky_keyword", "flaky_keyword"]}
}

test_literals_and_false if {
	ansible.is_literal("hunter2")
	not ansible.is_literal("{{ vault_pw }}")
	not ansible.is_literal("$ANSIBLE_VAULT;1.1;AES256\n6162")
	ansible.is_false("no")
	ansible.is_false(false)
	not ansible.is_false("yes")
}
