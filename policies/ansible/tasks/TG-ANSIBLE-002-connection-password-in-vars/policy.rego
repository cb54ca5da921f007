# METADATA
# title: Connection or become password in plaintext variables
# description: >-
#   `ansible_password`, `ansible_ssh_pass`, `ansible_become_pass` (and their `_password`
#   spellings, `ansible_winrm_password`, `ansible_sudo_pass`) hold the password Ansible logs in
#   or escalates privileges with on every host of the group or inventory. Written as a literal in
#   `group_vars`, `host_vars`, an inventory or a play's `vars:`, it gives root (or domain admin)
#   on those hosts to everyone who can read the repository.
# related_resources:
#   - https://docs.ansible.com/ansible/latest/inventory_guide/intro_inventory.html#connecting-to-hosts-behavioral-inventory-parameters
#   - https://docs.ansible.com/ansible/latest/vault_guide/vault_encrypting_content.html
# custom:
#   id: TG-ANSIBLE-002
#   severity: critical
#   remediation: >-
#     Use SSH keys (and `become` with NOPASSWD or a vaulted password); keep any remaining
#     password in an encrypted vars file (`ansible-vault encrypt_string`) or pass it with
#     `--ask-become-pass`, and change the exposed password on every host.
#   kinds: [ansible]
package tollgate.ansible.tasks.connection_password_in_vars

import data.lib.ansible

connection_passwords := {
	"ansible_password", "ansible_ssh_pass", "ansible_ssh_password", "ansible_become_pass",
	"ansible_become_password", "ansible_sudo_pass", "ansible_sudo_password", "ansible_winrm_password",
	"ansible_httpapi_pass", "ansible_httpapi_password", "ansible_net_password",
}

deny contains v if {
	walk(input.document, [path, value])
	count(path) > 0
	name := path[count(path) - 1]
	is_string(name)
	lower(name) in connection_passwords
	ansible.is_literal(value)
	v := {
		"msg": sprintf("`%s` is set to a literal password; use SSH keys, --ask-become-pass or an Ansible Vault encrypted variable", [name]),
		"path": path,
	}
}
