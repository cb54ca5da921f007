# METADATA
# title: Deployment hook script fetched from the network
# description: >-
#   An AppSpec lifecycle hook's `location` is an http(s) URL instead of a script inside the
#   revision bundle. What runs on every instance of the deployment group is then whatever that
#   server returns at deploy time -- unversioned, unreviewed, and replaceable by whoever controls
#   the host or (for http) anyone on the network path -- usually with root privileges.
# related_resources:
#   - https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html
#   - https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-03-Dependency-Chain-Abuse
# custom:
#   id: TG-CD-003
#   severity: medium
#   remediation: >-
#     Ship the hook script inside the revision (e.g. `location: scripts/start_server.sh`) so it is
#     versioned, reviewed and deployed atomically with the application; if it must come from
#     elsewhere, fetch a pinned version inside a bundled script and verify its checksum or
#     signature before running it.
#   kinds: [codedeploy-appspec]
package tollgate.pipelines.codedeploy.hook_script_from_url

# A hook whose location is a URL runs code that is not part of the reviewed, versioned
# revision bundle.

import data.lib.appspec

deny contains v if {
	some [path, event, hook] in appspec.hooks
	location := object.get(hook, "location", null)
	is_string(location)
	regex.match(`(?i)^\s*https?://`, location)
	v := {
		"msg": sprintf("The %s hook runs a script fetched from %s; ship it inside the revision bundle instead", [event, trim_space(location)]),
		"path": array.concat(path, ["location"]),
	}
}
