# METADATA
# title: CI_DEBUG_TRACE enabled in the pipeline
# description: >-
#   `CI_DEBUG_TRACE: "true"` enables debug logging of the job's shell: every command with its
#   expanded arguments and every CI/CD variable, including masked and protected secrets, is
#   printed to the job log, which every project member (and, in public projects, anyone) can read.
# related_resources:
#   - https://docs.gitlab.com/ee/ci/variables/#enable-debug-logging
#   - https://docs.gitlab.com/ee/ci/variables/#mask-a-cicd-variable
# custom:
#   id: TG-GITLAB-004
#   severity: high
#   remediation: >-
#     Remove `CI_DEBUG_TRACE` (and `CI_DEBUG_SERVICES`) from `.gitlab-ci.yml`; when debugging is
#     needed, set it temporarily on a manual pipeline run, restrict who can read job logs, and
#     delete the logs and rotate exposed secrets afterwards.
#   kinds: [gitlab-ci]
package tollgate.pipelines.gitlab.debug_trace

# CI_DEBUG_TRACE turns on `set -x` for the whole job: every variable, masked or not, is
# written to the job log.

import data.lib.guard
import data.lib.gitlab_ci as common

deny contains v if {
	some [path, key, raw] in common.variables
	key in {"CI_DEBUG_TRACE", "CI_DEBUG_SERVICES"}
	guard.is_true(common.value(raw))
	v := {"msg": sprintf("`%s` is enabled: every CI/CD variable, masked secrets included, is printed to the job log", [key]), "path": path}
}
