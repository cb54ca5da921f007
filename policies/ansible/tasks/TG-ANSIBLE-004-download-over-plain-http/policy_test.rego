package tollgate.ansible.tasks.download_over_plain_http_test

import data.tollgate.ansible.tasks.download_over_plain_http as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "ansible", "document": doc}
}

test_http_urls_are_denied if {
	doc := [{"hosts": "all", "tasks": [
		{"get_url": {"url": "http://example.com/x.sh", "dest": "/tmp"}},
		{"ansible.builtin.rpm_key": {"key": "HTTP://repo.example.com/key"}},
	]}]
	{f.path | some f in findings(doc)} == {[0, "tasks", 0, "get_url", "url"], [0, "tasks", 1, "ansible.builtin.rpm_key", "key"]}
}

test_https_and_local_are_allowed if {
	doc := [{"get_url": {"url": "https://example.com/x"}}, {"uri": {"url": "http://localhost:8080/health"}}, {"copy": {"src": "http://x"}}]
	count(findings(doc)) == 0
}
