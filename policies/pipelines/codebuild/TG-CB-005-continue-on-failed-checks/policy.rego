# METADATA
# title: Build continues when tests or security scans fail
# description: >-
#   A buildspec phase that runs tests or security scanners (pytest, jest, go test, mvn verify, npm
#   audit, trivy, checkov, gitleaks, snyk, tollgate, ...) sets `on-failure: CONTINUE`. A failing
#   test or a scanner that finds a vulnerability or a leaked secret then no longer fails the
#   build: later phases run, artifacts are uploaded and the pipeline deploys them, so the check is
#   decoration.
# related_resources:
#   - https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.phases.on-failure
#   - https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-01-Insufficient-Flow-Control-Mechanisms
# custom:
#   id: TG-CB-005
#   severity: medium
#   remediation: >-
#     Remove `on-failure: CONTINUE` (the default, ABORT, fails the build) from phases that run
#     tests or scans. If a check is known to be noisy, tune it (baseline, ignore file, severity
#     threshold) rather than ignoring every failure; keep non-blocking steps in a phase of their
#     own.
#   kinds: [codebuild-buildspec]
package tollgate.pipelines.codebuild.continue_on_failed_checks

# `on-failure: CONTINUE` on the phase that runs the tests or the security scanners: the build
# goes green, and the artifacts ship, whatever those checks found.

import data.lib.guard
import data.lib.buildspec as bs

# Test runners and scanners as commands of their own.
tools := `(?i)(?:^|[\s;&|(/])(pytest|jest|vitest|mocha|tox|phpunit|rspec|ctest|trivy|checkov|gitleaks|snyk|tollgate|tfsec|semgrep|bandit|grype|safety|sonar-scanner|dependency-check)(?:\s|$|;)`

# Build tools running their test / verification / audit / scan step.
steps := `(?i)\b(?:npm|yarn|pnpm|npx|make|mvn|mvnw|gradle|gradlew|go|cargo|dotnet|rake|bundle|composer|docker)\b[^\n|;&]*?\s((?:run\s+)?(?:test|tests|verify|audit|scan|check)(?::\S*)?)(?:\s|$)`

# Test scripts: run-tests.sh, scripts/test.sh, ...
scripts := `(?i)(?:^|[\s/])((?:run[-_])?tests?\.sh)\b`

check_in(cmd) := m[1] if {
	some pattern in [tools, steps, scripts]
	some m in regex.find_all_string_submatch_n(pattern, cmd, 1)
}

deny contains v if {
	some phase, body in bs.phases
	is_object(body)
	mode := guard.get(body, "on-failure", null)
	is_string(mode)
	upper(trim_space(mode)) == "CONTINUE"
	checks := {c |
		some [_, p, cmd] in bs.commands
		p == phase
		some c in [check_in(cmd)]
	}
	count(checks) > 0
	v := {
		"msg": sprintf("Phase `%s` runs checks (%s) but sets on-failure: CONTINUE, so their failures do not fail the build", [phase, concat(", ", sort(checks))]),
		"path": ["phases", phase, "on-failure"],
	}
}
