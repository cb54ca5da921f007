# METADATA
# title: Security scan job allowed to fail
# description: >-
#   A security job (SAST, dependency or container scanning, secret detection, DAST, gitleaks,
#   trivy, checkov, tollgate...) sets `allow_failure: true`. Its failure, whether it found a
#   vulnerability or the scanner itself broke, no longer fails the pipeline, so merges and
#   deployments go ahead without the gate the job was meant to be.
# related_resources:
#   - https://docs.gitlab.com/ee/ci/yaml/#allow_failure
#   - https://docs.gitlab.com/ee/user/application_security/policies/merge_request_approval_policies.html
# custom:
#   id: TG-GITLAB-006
#   severity: medium
#   remediation: >-
#     Remove `allow_failure: true` (or restrict it to specific `exit_codes` that mean "scanner
#     unavailable"), and use merge request approval policies or the scanner's own severity
#     threshold to decide what blocks.
#   kinds: [gitlab-ci]
package tollgate.pipelines.gitlab.security_job_allow_failure

# A security scan that is allowed to fail never blocks anything: findings (and broken
# scanners) scroll by as a yellow warning and the pipeline merges and deploys anyway.

import data.lib.guard
import data.lib.gitlab_ci as common

security_pattern := `(?i)(^|[^a-z])(sast|dependency_scanning|secret_detection|container_scanning|dast|security|tollgate|gitleaks|trivy|checkov)`

# Jobs and hidden templates of GitLab's security templates whose names do not say so.
template_jobs := {"license_scanning", "apifuzzer_fuzz", "apifuzzer_fuzz_dnd", ".ds-analyzer", ".secret-analyzer", ".cs_common"}

security_template_included if {
	some [_, inc] in common.includes
	t := guard.get(inc, "template", null)
	is_string(t)
	regex.match(security_pattern, t)
}

security_job(name, _) if regex.match(security_pattern, name)

security_job(_, job) if {
	some e in common.extends(job)
	regex.match(security_pattern, e)
}

security_job(name, _) if {
	security_template_included
	name in template_jobs
}

security_job(_, job) if {
	security_template_included
	some e in common.extends(job)
	e in template_jobs
}

deny contains v if {
	some name, job in common.jobs
	guard.get(job, "allow_failure", null) == true
	security_job(name, job)
	v := {"msg": sprintf("security job `%s` sets `allow_failure: true`: its findings never fail the pipeline", [name]), "path": [name, "allow_failure"]}
}
