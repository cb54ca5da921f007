package lib.plaintext_secrets_test

import data.lib.plaintext_secrets as ps

test_secret_names if {
	ps.is_secret_name("DB_PASSWORD")
	ps.is_secret_name("STRIPE_API_KEY")
	ps.is_secret_name("apiKey")
	ps.is_secret_name("GITHUB_TOKEN")
	ps.is_secret_name("AWS_SECRET_ACCESS_KEY")
	ps.is_secret_name("SECRET_KEY_BASE")
	ps.is_secret_name("dbPassword")
	ps.is_secret_name("slackBotToken")
	ps.is_secret_name("API_TOKENS")
}

test_names_that_describe_a_secret if {
	not ps.is_secret_name("DB_PASSWORD_ARN")
	not ps.is_secret_name("SECRET_NAME")
	not ps.is_secret_name("TOKEN_TTL")
	not ps.is_secret_name("AWS_ACCESS_KEY_ID")
	not ps.is_secret_name("dbPasswordSecretArn")
	not ps.is_secret_name("LOG_LEVEL")
	not ps.is_secret_name("DB_HOST")
	not ps.is_secret_name("TOKENIZER")
	not ps.is_secret_name("HF_TOKENIZER_MODEL")
	not ps.is_secret_name("JWT_TOKEN_ISSUER")
	not ps.is_secret_name("accessTokenUrl")
}

test_literal_values if {
	ps.is_literal_secret("s3cr3t-P@ssw0rd")
	ps.is_literal_secret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
	ps.is_literal_secret("sk_live_51H8")
}

test_references_and_trivia_are_not_literal_secrets if {
	not ps.is_literal_secret("${var.db_password}")
	not ps.is_literal_secret("{{resolve:secretsmanager:prod/db:SecretString:password}}")
	not ps.is_literal_secret("arn:aws:secretsmanager:eu-west-1:123456789012:secret:db")
	not ps.is_literal_secret("/prod/app/db-password")
	not ps.is_literal_secret("prod/app/db-credentials")
	not ps.is_literal_secret("")
	not ps.is_literal_secret("  ")
	not ps.is_literal_secret("true")
	not ps.is_literal_secret("3600")
	not ps.is_literal_secret({"Ref": "DbPassword"})
	not ps.is_literal_secret(42)
	not ps.is_literal_secret("$NPM_TOKEN")
	not ps.is_literal_secret("{{ api_token }}")
	not ps.is_literal_secret("<your-api-key>")
	not ps.is_literal_secret("CHANGE_ME")
	not ps.is_literal_secret("xxxxxxxx")
}

test_weak_literal_passwords_still_count if {
	ps.is_plaintext_secret("DB_PASSWORD", "password")
	ps.is_plaintext_secret("ADMIN_PASSWORD", "admin123")
}
