# Credentials in plain environment variables (Lambda, ECS, CodeBuild, ...): does a variable's
# NAME say it holds a secret, and is its VALUE a literal secret rather than a reference to one
# (an ARN, a Secrets Manager / SSM name, an interpolation)? Both must hold for a finding.
package lib.plaintext_secrets

# Name fragments that mean "this is a credential" (case-insensitive, so camelCase works too).
# TOKEN must end a word (API_TOKEN, accessToken, GITHUB_TOKENS), so TOKENIZER does not count.
secret_name_patterns := [
	`(?i)(PASSWORD|PASSWD|SECRET|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS)`,
	`(?i)TOKENS?([^A-Za-z]|$)`,
	`Tokens?([^a-z]|$)`,
]

# Names that describe a secret rather than hold it: DB_PASSWORD_ARN, TOKEN_TTL, apiKeyName, ...
reference_suffixes := `(ARN|NAME|ID|PATH|FILE|PARAM|PARAMETER|SSM|URL|URI|ENDPOINT|HOST|REGION|TTL|TIMEOUT|EXPIRY|EXPIRATION|SECONDS|DAYS|LENGTH|LIMIT|HEADER|TYPE|ENABLED|VERSION|FIELD|ISSUER|AUDIENCE|PREFIX|ALGORITHM|FORMAT|LOCATION|KEY_ID)`

is_secret_name(name) if {
	is_string(name)
	some pattern in secret_name_patterns
	regex.match(pattern, name)
	not describes_secret(name)
}

describes_secret(name) if regex.match(concat("", [`(?i)[_.-]`, reference_suffixes, `$`]), name)

# camelCase: dbPasswordArn, secretId, apiKeyName.
describes_secret(name) if regex.match(`[a-z0-9](Arn|Name|Id|Path|File|Param|Parameter|Url|Uri|Endpoint|Host|Region|Ttl|Timeout|Expiry|Seconds|Days|Length|Limit|Header|Type|Enabled|Version|Field|Issuer|Audience|Prefix|Algorithm|Format|Location)$`, name)

# A non-empty literal string that is not a reference to where the secret really lives.
is_literal_secret(value) if {
	is_string(value)
	v := trim_space(value)
	v != ""
	not is_reference(v)
	not is_trivial(v)
}

# Terraform / CloudFormation interpolation, dynamic references, ARNs, SSM and Secrets Manager
# names ("/prod/db/password", "prod/app/db-credentials": lowercase path-like values).
is_reference(v) if contains(v, "${")

is_reference(v) if startswith(v, "{{resolve:")

is_reference(v) if startswith(v, "arn:")

is_reference(v) if regex.match(`^/?[a-z0-9_.-]+(/[a-z0-9_.-]+)+/?$`, v)

is_reference(v) if startswith(v, "/")

# Shell / pipeline substitution ($API_TOKEN, $(cat ...)) and template placeholders ({{ token }}).
is_reference(v) if startswith(v, "$")

is_reference(v) if regex.match(`^\{\{.*\}\}$`, v)

# Flags and small numbers (ENABLE_TOKEN_AUTH = "true", TOKEN_REFRESH = "300") are not secrets.
is_trivial(v) if lower(v) in {"true", "false", "yes", "no", "on", "off", "none", "null"}

is_trivial(v) if regex.match(`^[0-9]{1,6}$`, v)

# Placeholders meant to be replaced outside the code: not a leaked secret.
is_trivial(v) if regex.match(`(?i)^(<[^>]*>|change[_-]?me|replace[_-]?me|placeholder|todo|tbd|x{3,}|\*{3,})$`, v)

# Both conditions together, for one name/value pair.
is_plaintext_secret(name, value) if {
	is_secret_name(name)
	is_literal_secret(value)
}
