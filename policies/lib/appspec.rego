# CodeDeploy AppSpec helpers (EC2/on-premises, version 0.0): the lifecycle hook entries and
# the install permissions with their paths, whatever shape the file has (ECS and Lambda
# AppSpecs use a list of {event: function} hooks and are skipped).
package lib.appspec

import data.lib.guard

# [path, event, hook] for every hook script entry: hooks.<Event>[i] = {location, timeout, runas}.
hooks contains [["hooks", event, i], event, hook] if {
	all := guard.get(input.document, "hooks", {})
	is_object(all)
	some event, entries in all
	is_array(entries)
	some i, hook in entries
	is_object(hook)
}

# [path, entry] for every permissions entry.
permissions contains [["permissions", i], p] if {
	some i, p in guard.list(input.document, "permissions")
	is_object(p)
}
