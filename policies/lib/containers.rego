# Helpers shared by the Kubernetes, Dockerfile and docker-compose policies: image references
# (is it pinned to a tag or digest?) and environment variables that carry a secret literal.
package lib.containers

# --- Image references -------------------------------------------------------------------

# True when the reference is built from a variable ($VAR, ${VAR}, $(VAR), {{ .Values }}), so
# its real tag is unknown.
image_is_dynamic(image) if contains(image, "$")

image_is_dynamic(image) if contains(image, "{{")

# The tag of an image reference: the text after the last ":" of its last path component
# ("registry:5000/team/app:1.4" -> "1.4"); undefined when there is none.
image_tag(image) := tag if {
	parts := split(image, "/")
	last := parts[count(parts) - 1]
	contains(last, ":")
	segs := split(last, ":")
	tag := segs[count(segs) - 1]
}

# Why an image reference is not pinned: "latest" (explicit :latest tag) or "untagged" (no tag,
# which pulls :latest). Undefined for digest-pinned (@sha256:...), versioned or dynamic refs.
unpinned_reason(image) := "latest" if {
	is_string(image)
	not contains(image, "@")
	not image_is_dynamic(image)
	lower(image_tag(image)) == "latest"
}

unpinned_reason(image) := "untagged" if {
	is_string(image)
	trim_space(image) != ""
	not contains(image, "@")
	not image_is_dynamic(image)
	not image_tag(image)
}

# --- Secret-looking environment variables ----------------------------------------------

# Names of variables that hold a credential: DB_PASSWORD, JWT_SECRET, GITHUB_TOKEN, apiKey,
# AWS_SECRET_ACCESS_KEY, PRIVATE_KEY, SERVICE_CREDENTIALS... ("TOKENIZERS_PARALLELISM" is not).
secret_name_pattern := `(?i)(passw(or)?d|secret|token(s)?($|[^a-z])|api_?key|private_?key|access_?key|credential)`

# Suffixes that name something about a secret rather than the secret itself: a file or path
# holding it (POSTGRES_PASSWORD_FILE), its id or name (AWS_ACCESS_KEY_ID, SECRET_NAME), where to
# get it (TOKEN_URL, CREDENTIALS_PROVIDER), or a setting (TOKEN_TTL, PASSWORD_MIN_LENGTH).
non_secret_suffix_pattern := `(?i)(^|_)(file|path|dir|name|id|arn|ref|url|uri|endpoint|host|header|region|audience|issuer|scopes?|prefix|format|provider|backend|store|ttl|expiry|expires(_in)?|timeout|seconds|minutes|hours|days|length|len|type|algorithm|alg|version|enabled|mode|policy)$`

looks_secret(name) if {
	is_string(name)
	regex.match(secret_name_pattern, name)
	not regex.match(non_secret_suffix_pattern, name)
}

# A non-empty literal that could be a credential: not built from a variable ($VAR, ${VAR},
# $(VAR); "$$" is an escaped literal "$"), not a boolean-like switch, and not a file path
# (GOOGLE_APPLICATION_CREDENTIALS=/secrets/key.json).
is_secret_literal(value) if {
	is_string(value)
	v := trim_space(value)
	v != ""
	not regex.match(`\$(\{|\(|[A-Za-z_])`, replace(v, "$$", ""))
	not lower(v) in {"true", "false", "yes", "no", "on", "off", "null", "none"}
	not regex.match(`^(/|\./|~/)\S*$`, v)
}

# A secret-looking name bound to a secret literal.
secret_pair(name, value) if {
	looks_secret(name)
	is_secret_literal(value)
}

# --- Null-safe access ---------------------------------------------------------------------

# YAML turns an empty key (`env:`, `ports:`, `securityContext:`) into null: read such values
# through these so a half-written manifest never makes a policy fail.
object_or_empty(x) := x if is_object(x) else := {}

array_or_empty(x) := x if is_array(x) else := []

# docker-compose services by name (services whose body is empty are skipped).
compose_services[name] := svc if {
	is_object(input.document)
	some name, svc in object_or_empty(object.get(input.document, "services", {}))
	is_object(svc)
}
