# METADATA
# title: Remote include without integrity check
# description: >-
#   An `include:` fetches CI configuration from a remote URL without an `integrity:` hash. The
#   file is downloaded again on every pipeline, so anyone who can change it (its owner, a
#   compromised host, a hijacked domain) can inject jobs that run with this project's CI/CD
#   variables, tokens and runners.
# related_resources:
#   - https://docs.gitlab.com/ee/ci/yaml/#includeremote
#   - https://docs.gitlab.com/ee/ci/yaml/#includeintegrity
# custom:
#   id: TG-GITLAB-002
#   severity: medium
#   remediation: >-
#     Prefer `include: project:` with a pinned `ref:` (a commit SHA) or a CI/CD component with a
#     fixed version; if a remote URL is required, add `integrity: 'sha256-<base64 hash>'` so
#     GitLab refuses a modified file.
#   kinds: [gitlab-ci]
package tollgate.pipelines.gitlab.remote_include

# A remote include pulls pipeline configuration from a URL at every pipeline run: whoever
# controls that URL controls the jobs, their scripts and the secrets they can read.

import data.lib.guard
import data.lib.gitlab_ci as common

is_url(s) if {
	is_string(s)
	regex.match(`(?i)^\s*https?://`, s)
}

# A remote include without an `integrity:` hash, written as a URL string (`include: 'https://...'`,
# a list entry) or as `include: {remote: 'https://...'}`.
deny contains v if {
	some [path, inc] in common.includes
	remote := remote_url(path, inc)
	v := {"msg": sprintf("remote include `%s` has no `integrity:` hash; pin it or use a project include at a fixed ref", [remote.url]), "path": remote.path}
}

# A remote include written as a bare URL, or as `remote:` without `integrity:`: {url, path}.
remote_url(path, inc) := {"url": trim_space(inc), "path": path} if is_url(inc)

remote_url(path, inc) := {"url": trim_space(url), "path": array.concat(path, ["remote"])} if {
	is_object(inc)
	url := guard.get(inc, "remote", null)
	is_string(url)
	trim_space(url) != ""
	not has_integrity(inc)
}

has_integrity(inc) if {
	i := guard.get(inc, "integrity", null)
	is_string(i)
	trim_space(i) != ""
}
