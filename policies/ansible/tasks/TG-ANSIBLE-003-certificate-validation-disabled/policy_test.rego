package tollgate.ansible.tasks.certificate_validation_disabled_test

import data.tollgate.ansible.tasks.certificate_validation_disabled as p

findings(doc) := found if {
	found := p.deny with input as {"kind": "ansible", "document": doc}
}

test_disabled_validation_is_denied if {
	doc := [
		{"ansible.builtin.get_url": {"url": "https://x", "dest": "/tmp", "validate_certs": "no"}},
		{"uri": {"url": "https://x"}, "args": {"validate_certs": false}},
	]
	{f.path | some f in findings(doc)} == {[0, "ansible.builtin.get_url", "validate_certs"], [1, "args", "validate_certs"]}
}

test_enabled_validation_is_allowed if {
	doc := [{"get_url": {"url": "https://x", "validate_certs": "yes"}}, {"uri": {"url": "https://x", "validate_certs": true}}]
	count(findings(doc)) == 0
}
