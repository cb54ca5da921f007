# METADATA
# title: World-writable permissions on installed files
# description: >-
#   An AppSpec `permissions` entry sets a mode whose last ("others") digit grants write access (2,
#   3, 6 or 7: e.g. 777, 666, 0777, 757). Every local user and every compromised process on the
#   instance -- including low-privilege daemons -- can then modify or replace the deployed
#   application code, scripts or configuration, which typically run later as the application user
#   or as root, turning any foothold into code execution in the application.
# related_resources:
#   - https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-permissions.html
#   - https://cwe.mitre.org/data/definitions/732.html
# custom:
#   id: TG-CD-002
#   severity: high
#   remediation: >-
#     Give the deployed files to the application user and group (`owner`/`group`) and drop write
#     access for others: typically 644/640 for files and 755/750 for directories and scripts. Keep
#     any writable runtime directory outside the install tree and writable only by the application
#     user.
#   kinds: [codedeploy-appspec]
package tollgate.pipelines.codedeploy.world_writable_permissions

# Installed files or directories that every local user can modify: any process on the host
# can replace the application's code or configuration.

import data.lib.appspec

# The mode as octal digits: `mode: 777` is read as a number, `mode: "0777"` as a string.
digits(m) := sprintf("%d", [m]) if {
	is_number(m)
	m == floor(m)
	m >= 0
} else := trim_space(m) if is_string(m)

deny contains v if {
	some [path, p] in appspec.permissions
	mode := object.get(p, "mode", null)
	d := digits(mode)
	regex.match(`^[0-7]{3,4}$`, d)
	substring(d, count(d) - 1, 1) in {"2", "3", "6", "7"}
	v := {
		"msg": sprintf("permissions for `%v` set mode %s, which lets every local user write to the installed files", [object.get(p, "object", "?"), d]),
		"path": array.concat(path, ["mode"]),
	}
}
