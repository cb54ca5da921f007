# METADATA
# title: Approval step without a submitter
# description: >-
#   An `input` step (or a stage's `input {}` directive) gates the pipeline -- usually a
#   production deployment -- but names no `submitter`. Jenkins then lets any user with Build
#   permission on the job approve it, including the author of the change being deployed, so the
#   approval is not the separation of duties it appears to be.
# related_resources:
#   - https://www.jenkins.io/doc/pipeline/steps/pipeline-input-step/
#   - https://www.jenkins.io/doc/book/pipeline/syntax/#input
#   - https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-01-Insufficient-Flow-Control-Mechanisms
# custom:
#   id: TG-JENKINS-005
#   severity: medium
#   remediation: >-
#     Name who may approve: `input message: 'Deploy?', submitter: 'release-managers'` (users or
#     groups, comma-separated), or `submitter 'release-managers'` inside the `input {}` directive.
#   kinds: [jenkins]
package tollgate.pipelines.jenkins.input_without_submitter

# The step form (`input message: '...', ok: '...'`) and the declarative `input { ... }` directive.
deny contains v if {
	some i, step in input.document.steps
	step.step == "input"
	what := unrestricted(i, step)
	v := {
		"msg": sprintf("The `input` %s%s names no `submitter`: anyone who can build the job can approve it", [what, in_stage(step)]),
		"path": ["steps", i],
	}
}

# The `input` step without a `submitter:` argument, or the declarative `input { }` directive
# without a `submitter` inside it.
unrestricted(_, step) := "step" if {
	not step.block
	not step.named.submitter
}

unrestricted(i, step) := "directive" if {
	step.block
	not has_submitter(i, step)
}

# A `submitter '...'` inside the declarative directive `input { message '...' }`.
has_submitter(i, block) if {
	some j, s in input.document.steps
	j > i
	s.step == "submitter"
	count(s.within) == count(block.within) + 1
	s.within[count(s.within) - 1] == "input"
	s.stage == block.stage
}

in_stage(step) := sprintf(" of stage `%s`", [step.stage]) if is_string(step.stage) else := ""
