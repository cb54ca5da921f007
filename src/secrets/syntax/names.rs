//! Which identifiers name a credential: `password`, `db_pass`, `apiKey`, `CLIENT_SECRET`,
//! `signing-key`, `auth_token` ... in snake, camel, kebab, dotted or upper case.
//!
//! A name is split into words and judged by its last word (or last two), because that is the
//! word that says what the value is: `password` and `smtp_password` hold a password,
//! `password_file`, `password_hash` and `token_url` do not. A few `*_token` names are
//! well-known non-secrets (pagination cursors, CSRF tokens, tokenizer markers) and are left out.

/// Last words that name a credential on their own.
const SECRET_WORDS: &[&str] = &["password", "passwd", "passphrase", "pwd", "secret", "token", "apikey", "credential"];

/// Last words that name a credential only after another word (`db_pass`, `smtp_pw`): alone they
/// are too common (`pass`, `pw`).
const QUALIFIED_SECRET_WORDS: &[&str] = &["pass", "pw"];

/// First words of `<word>_key` names that hold a credential (`api_key`, `signingKey`).
const KEY_QUALIFIERS: &[&str] =
    &["api", "private", "access", "secret", "signing", "encryption", "master", "auth", "client", "app", "license"];

/// Words before `token` that make it something other than a credential.
const TOKEN_NON_SECRETS: &[&str] = &[
    "next",
    "page",
    "continuation",
    "cancel",
    "cancellation",
    "csrf",
    "xsrf",
    "sync",
    "pad",
    "eos",
    "bos",
    "unk",
    "sep",
    "cls",
    "mask",
    "start",
    "end",
    "special",
    "stop",
    "max",
    "num",
    "type",
    "lexer",
    "parse",
    "last",
    "first",
    "prev",
];

/// Does `name` (an identifier, key or quoted key, with any sigil or quotes) name a credential?
pub fn is_secret_name(name: &[u8]) -> bool {
    // A qualified type or resource name (`AWS::IAM::AccessKey`), a path or a sentence names a
    // kind of thing, not the variable holding one.
    let qualified = memchr::memmem::find(name, b"::").is_some();
    if name.len() > 64 || qualified || name.iter().any(|b| b.is_ascii_whitespace() || *b == b'/') {
        return false;
    }
    let words = split_words(name);
    let Some((last, before)) = words.split_last() else {
        return false;
    };
    let prev = before.last().map(String::as_str);
    let last = last.as_str();
    if last == "token" && prev.is_some_and(|p| TOKEN_NON_SECRETS.contains(&p)) {
        return false;
    }
    if SECRET_WORDS.contains(&last) || (prev.is_some() && QUALIFIED_SECRET_WORDS.contains(&last)) {
        return true;
    }
    // `apikey`, `privatekey`, `secretkey` written as one word.
    if let Some(qualifier) = last.strip_suffix("key")
        && KEY_QUALIFIERS.contains(&qualifier)
    {
        return true;
    }
    match (words.len(), prev) {
        (_, Some(p)) if last == "key" => KEY_QUALIFIERS.contains(&p),
        // Rails' `secret_key_base`.
        (3.., Some("key")) if last == "base" => words[words.len() - 3] == "secret",
        _ => false,
    }
}

/// Could the name around the keyword at `text[start..end]` be judged a credential's once the
/// file is parsed? The parser's name capture ends with the identifier around the keyword and
/// may only add a qualifier before it (`self.`, `$this->`, a quote), which changes the verdict
/// through the word before the last (`db_pass`, `api_key`) and nothing else. So the identifier
/// alone decides, unless its last word is one a qualifier can make a credential's; then, and
/// for kebab-case or non-ASCII names, the parser decides. This keeps `tokens`,
/// `credentials_path` and `nextToken` from making a file worth parsing.
pub fn may_name_a_secret(text: &[u8], start: usize, end: usize) -> bool {
    let is_word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    if !text[start..end].iter().all(is_word) {
        return true;
    }
    let from = start - text[..start].iter().rev().take_while(|b| is_word(b)).count();
    let to = end + text[end..].iter().take_while(|b| is_word(b)).count();
    let non_ascii = |at: Option<&u8>| at.is_some_and(|b| !b.is_ascii());
    if non_ascii(text.get(to)) || non_ascii(from.checked_sub(1).and_then(|i| text.get(i))) {
        return true;
    }
    let name = &text[from..to];
    is_secret_name(name)
        || split_words(name).last().is_some_and(|last| matches!(last.as_str(), "pass" | "pw" | "key" | "base"))
}

/// Lower-case words of an identifier: split at `_`, `-`, `.`, sigils, quotes and camel-case
/// boundaries (`APIKey` is `api`, `key`; `dbPass2` is `db`, `pass`).
fn split_words(name: &[u8]) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let name: Vec<char> = String::from_utf8_lossy(name).chars().collect();
    for (i, &c) in name.iter().enumerate() {
        if !c.is_alphanumeric() {
            flush(&mut word, &mut words);
            continue;
        }
        let prev = i.checked_sub(1).map(|j| name[j]);
        let next = name.get(i + 1).copied();
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase() || p.is_ascii_digit() || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
            });
        if boundary {
            flush(&mut word, &mut words);
        }
        word.extend(c.to_lowercase());
    }
    flush(&mut word, &mut words);
    words
}

/// End a word; trailing digits (`password2`) are not part of it.
fn flush(word: &mut String, words: &mut Vec<String>) {
    let trimmed = word.trim_end_matches(|c: char| c.is_ascii_digit());
    if !trimmed.is_empty() {
        words.push(trimmed.to_string());
    }
    word.clear();
}

#[cfg(test)]
mod tests {
    use super::{is_secret_name, may_name_a_secret};

    #[test]
    fn secret_names() {
        for name in [
            "password",
            "DB_PASSWORD",
            "dbPassword",
            "db_pass",
            "smtp-pwd",
            "$password",
            "'client_secret'",
            "\"apiKey\"",
            "API_KEY",
            "apikey",
            "signingKey",
            "private_key",
            "AccessKey",
            "auth_token",
            "GITHUB_TOKEN",
            "passwd",
            "secret_key_base",
            ":token",
            "spring.datasource.password",
            "password2",
            "@api_key",
            "SecretKey",
        ] {
            assert!(is_secret_name(name.as_bytes()), "{name}");
        }
    }

    #[test]
    fn other_names() {
        for name in [
            "pass",
            "bypass",
            "password_file",
            "password_hash",
            "token_url",
            "next_token",
            "csrfToken",
            "pad_token",
            "secret_name",
            "tokens",
            "key",
            "monkey",
            "primary_key",
            "compass",
            "tokenizer",
            "username",
            "passwordField",
            "TokenStream",
            "hotkey",
            "AWS::IAM::AccessKey",
            "\"Enter your password\"",
            "auth/token",
        ] {
            assert!(!is_secret_name(name.as_bytes()), "{name}");
        }
    }

    #[test]
    fn the_identifier_around_a_keyword_decides_whether_to_parse() {
        let may = |marked: &str| {
            let start = marked.find('[').expect("the keyword is marked with [ ]");
            let end = marked.find(']').expect("the keyword is marked with [ ]") - 1;
            may_name_a_secret(marked.replace(['[', ']'], "").as_bytes(), start, end)
        };
        // Judged as the parser will judge them.
        for yes in ["db_[password] = x", "let API_[TOKEN]: &str", "self.[secret] = x", "\"client_[secret]\": x"] {
            assert!(may(yes), "{yes}");
        }
        for no in ["[token]s.push(x)", "[credential]s_path = x", "next[Token] = x", "[password]_hash = x"] {
            assert!(!may(no), "{no}");
        }
        // A qualifier the parser may see can make these credentials' names (`self._pass`,
        // `x.license_key`); kebab-case and non-ASCII names are left to the parser too.
        for maybe in ["[_pass] = x", "license_[key] = x", "\"x-[api-key]\": y", "[token]é = x"] {
            assert!(may(maybe), "{maybe}");
        }
    }
}
