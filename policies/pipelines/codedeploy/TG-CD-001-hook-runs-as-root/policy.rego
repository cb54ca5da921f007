# METADATA
# title: Deployment lifecycle hook runs as root
# description: >-
#   An AppSpec lifecycle hook sets `runas: root`. The hook script (shipped in the revision bundle,
#   so anyone who can change the bundle or its S3/GitHub source controls it) then runs with full
#   control of every instance in the deployment group. Most hooks -- starting the application,
#   health checks, cache warm-up -- need no root; run them as an unprivileged user where avoidable
#   and keep root to the few steps that really need it.
# related_resources:
#   - https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html
#   - https://docs.aws.amazon.com/codedeploy/latest/userguide/security-best-practices.html
# custom:
#   id: TG-CD-001
#   severity: low
#   remediation: >-
#     Set `runas` to a dedicated, unprivileged service user (e.g. `runas: appuser`) for hooks that
#     do not need root, such as ApplicationStart and ValidateService; grant that user only the
#     specific privileges it needs (a narrow sudoers entry or systemd unit) instead of running the
#     whole script as root.
#   kinds: [codedeploy-appspec]
package tollgate.pipelines.codedeploy.hook_runs_as_root

# A lifecycle hook with `runas: root` runs its script with full control of the instance.

import data.lib.appspec

deny contains v if {
	some [path, event, hook] in appspec.hooks
	runas := object.get(hook, "runas", null)
	is_string(runas)
	lower(trim_space(runas)) == "root"
	v := {
		"msg": sprintf("The %s hook `%v` runs as root; run it as an unprivileged user where avoidable", [event, object.get(hook, "location", "?")]),
		"path": array.concat(path, ["runas"]),
	}
}
