//! Filters that turn a regex match into a confident finding: entropy, placeholders and
//! checksums of self-verifying token formats.

use super::rule::Checksum;

/// Shannon entropy in bits per byte.
pub fn shannon_entropy(bytes: &[u8]) -> f64 {
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in bytes {
        counts[b as usize] += 1;
    }
    let len = bytes.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / len;
            -p * p.log2()
        })
        .sum()
}

/// How far [`entropy_floor`] lowers a floor for hex, the lowest of its scales.
pub const HEX_FLOOR_SCALE: f64 = 0.78;

/// The entropy floor a generic rule's `floor` means for this value. Floors are written for
/// mixed-case alphanumeric or base64 values; a value drawn from a smaller alphabet cannot reach
/// them when random (16 random hex digits have a median of 3.2 bits per byte, the usual generic
/// floor, so half of them were dropped). The floor is scaled by how much lower the 2nd
/// percentile of random values of that alphabet is than that of base64, measured for lengths
/// 16 to 64 (the ratio is near constant): hex 0.78, lower-case letters and digits 0.93.
pub fn entropy_floor(floor: f64, secret: &[u8]) -> f64 {
    let hex = secret.iter().all(u8::is_ascii_hexdigit)
        && !(secret.iter().any(u8::is_ascii_lowercase) && secret.iter().any(u8::is_ascii_uppercase));
    if hex {
        return floor * HEX_FLOOR_SCALE;
    }
    let lower_and_digits =
        secret.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) && secret.iter().any(u8::is_ascii_digit);
    if lower_and_digits { floor * 0.93 } else { floor }
}

/// Words that mark a value as documentation or a template rather than a live credential.
const PLACEHOLDER_WORDS: &[&[u8]] = &[
    b"example",
    b"xxxx",
    b"changeme",
    b"change_me",
    b"change-me",
    b"placeholder",
    b"your_",
    b"your-",
    b"yourkey",
    b"yoursecret",
    b"yourtoken",
    b"dummy",
    b"redacted",
    b"****",
    b"....",
    b"${",
    b"{{",
    b"%(",
    b"replace_me",
    b"insert_",
    b"fake",
    b"notreal",
    b"not_real",
    b"not-a-real",
    b"sample",
];

/// Does the value look like a placeholder (`EXAMPLE`, `xxxx`, `${VAR}`, `<your-key>`,
/// `changeme`, one repeated character, an alphabet typed out, a value elided with a trailing
/// `...`)? A `<` or `>` alone is no sign (passwords use them); a `<...>` pair is.
pub fn is_placeholder(secret: &[u8]) -> bool {
    if secret.len() >= 4 && secret.iter().all(|&b| b == secret[0]) {
        return true;
    }
    if secret.ends_with(b"...") || secret.ends_with("…".as_bytes()) {
        return true;
    }
    if let Some(open) = memchr::memchr(b'<', secret)
        && memchr::memchr(b'>', &secret[open..]).is_some()
    {
        return true;
    }
    if bracketed_name(secret) {
        return true;
    }
    let lower = secret.to_ascii_lowercase();
    // The run and repeat counts last: they are the costliest test.
    PLACEHOLDER_WORDS.iter().any(|w| memchr::memmem::find(&lower, w).is_some())
        || typed_out(secret)
        || demo_basic_credentials(secret)
}

/// Is the value a name in square brackets standing for one (`[PASSWORD]`, `[clientSecret]`,
/// `[db.password]`), as READMEs write what the reader fills in? Only the whole value: a
/// password may hold brackets among other characters.
fn bracketed_name(secret: &[u8]) -> bool {
    secret.len() >= 3
        && secret[0] == b'['
        && secret[secret.len() - 1] == b']'
        && secret[1..secret.len() - 1].iter().all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

/// Words documentation and tests pair as `user:password` in a Basic header or a registry
/// `auth` entry.
const DEMO_WORDS: &[&str] = &[
    "user", "username", "admin", "foo", "bar", "test", "pass", "password", "passwd", "secret", "root", "guest", "demo",
];

/// Is the value base64 of a demonstration `user:password` pair (`dXNlcjpwYXNz` is `user:pass`):
/// both halves words from [`DEMO_WORDS`], or the password a placeholder itself? Only short
/// values are decoded (a pair of words is short), so the cost stays off long tokens.
fn demo_basic_credentials(secret: &[u8]) -> bool {
    use base64::Engine as _;
    if !(8..=64).contains(&secret.len())
        || !secret.iter().all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
    {
        return false;
    }
    let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(secret) else {
        return false;
    };
    let Ok(text) = std::str::from_utf8(&decoded) else {
        return false;
    };
    let Some((user, password)) = text.split_once(':') else {
        return false;
    };
    let demo = |word: &str| DEMO_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word));
    (demo(user) && demo(password))
        || (!password.is_empty() && !password.contains(':') && is_placeholder(password.as_bytes()))
}

/// A run of consecutive characters this long is typed, not generated (random text has runs
/// of two or three now and then).
const MIN_RUN: usize = 10;

/// The longest vendor prefix set aside before looking for runs (`sk_live_`, `glpat-`), and the
/// shortest rest that makes it a prefix (in `my-password-1`, `my-` is part of the value).
const PREFIX_MAX: usize = 12;
const MIN_AFTER_PREFIX: usize = 16;

/// Is the value typed out rather than generated: nearly all of its letters and digits in long
/// runs of consecutive characters (`abcdefghijklmnopqrstuvwxyz`, `0123456789`, `zyxwvutsrq`)
/// or in a short block said again (`deadbeefdeadbeef`), or stuttering (`5555555dAAAAA777`)?
/// Only the whole value counts, after a vendor prefix (`sk_live_`, `xoxb-`: whoever typed the
/// rest did not type that). A shorter run, or a run inside otherwise random text (`1234567890`
/// within a token), is no sign: peers report such values, and people paste real keys with
/// hand-edited parts, so they are reported too.
fn typed_out(secret: &[u8]) -> bool {
    let body = match secret.iter().take(PREFIX_MAX + 1).rposition(|&b| b == b'_' || b == b'-') {
        Some(end) if secret.len() - end > MIN_AFTER_PREFIX => &secret[end + 1..],
        _ => secret,
    };
    let alnum: Vec<u8> = body.iter().filter(|b| b.is_ascii_alphanumeric()).map(u8::to_ascii_lowercase).collect();
    if alnum.len() < 8 {
        return false;
    }
    let mut covered = 0;
    let mut run = 1;
    for i in 1..=alnum.len() {
        let step = (i < alnum.len()).then(|| i16::from(alnum[i]) - i16::from(alnum[i - 1]));
        // `9` then `0` continues a digit run, as on a keyboard's top row.
        let continues = matches!(step, Some(1 | -1)) || (step == Some(-9) && alnum[i - 1] == b'9');
        if continues {
            run += 1;
        } else {
            if run >= MIN_RUN {
                covered += run;
            }
            run = 1;
        }
    }
    let repeated = (2..=8).any(|period| {
        alnum.len() >= 3 * period
            && alnum.iter().skip(period).zip(&alnum).filter(|(a, b)| a == b).count() * 10 >= (alnum.len() - period) * 9
    });
    // Half of the characters repeating the one before (`5555555dAAAAA7777777`): random text
    // repeats one in 30 or fewer.
    let stutter = alnum.windows(2).filter(|w| w[0] == w[1]).count();
    // 85%: a typed alphabet with a few digits after it (`abc…xyz123`); random text never
    // comes near (its runs are two or three long).
    covered * 20 >= alnum.len() * 17 || repeated || stutter * 2 >= alnum.len()
}

/// Check a self-verifying token's checksum.
pub fn checksum_ok(kind: Checksum, secret: &[u8]) -> bool {
    match kind {
        Checksum::Github => github_checksum_ok(secret),
    }
}

/// GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm (`npm_`) tokens end in six base62
/// characters that encode the CRC32 of the thirty characters before them.
fn github_checksum_ok(token: &[u8]) -> bool {
    let Some(us) = memchr::memrchr(b'_', token) else {
        return false;
    };
    let body = &token[us + 1..];
    if body.len() != 36 {
        return false;
    }
    let (random, check) = body.split_at(30);
    base62_6(crc32fast::hash(random)).as_bytes() == check
}

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// `n` in base62, left-padded with `0` to six characters.
pub fn base62_6(mut n: u32) -> String {
    let mut out = [b'0'; 6];
    for slot in out.iter_mut().rev() {
        *slot = BASE62[(n % 62) as usize];
        n /= 62;
    }
    String::from_utf8(out.to_vec()).expect("base62 is ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_of_uniform_and_constant() {
        assert_eq!(shannon_entropy(b"aaaa"), 0.0);
        assert!((shannon_entropy(b"abcd") - 2.0).abs() < 1e-9);
    }

    #[test]
    fn placeholders() {
        assert!(is_placeholder(b"AKIAIOSFODNN7EXAMPLE"));
        assert!(is_placeholder(b"${AWS_SECRET}"));
        assert!(is_placeholder(b"<your-api-key>"));
        assert!(is_placeholder(b"zzzzzzzzzzzz"));
        assert!(!is_placeholder(b"AKIA2E0A8F3B244C9986"));
        assert!(!is_placeholder(b"Zx>9kq<Lm2"), "a password may hold < and >");
        assert!(is_placeholder(b"<token>"));
        assert!(is_placeholder(b"sk-ant-api03-..."));
        assert!(is_placeholder(b"[DB_PASSWORD]"));
        assert!(is_placeholder(b"[clientSecret]"));
        assert!(!is_placeholder(b"[k9Qw3x]Z1mN7pL0"), "brackets inside a password");
    }

    #[test]
    fn base64_of_demo_pairs_is_a_placeholder() {
        use base64::Engine as _;
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        for demo in ["user:pass", "username:password", "admin:admin", "foo:bar", "ci:changeme"] {
            assert!(is_placeholder(b64(demo).as_bytes()), "{demo}");
        }
        for real in ["svc-deploy:2lZxfUVu52WthKUn", "robot$deploy:c7yqTOkhGO1vWUZh9QeaHohb802kWOim"] {
            assert!(!is_placeholder(b64(real).as_bytes()), "{real}");
        }
    }

    #[test]
    fn values_typed_out_as_runs_are_placeholders() {
        for typed in [
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890",
            "deadbeefdeadbeefdeadbeef",
            "0123456789abcdefghijklmnopqrstuvwxyz_-.",
            "9876543210zyxwvutsrqponmlk",
            "sgp_5555555dAAAAA7777777CcccCFaaaaaaaaaaaaaa",
            "sk_abcdefghijklmnopqrstuvwxyz123",
            "sk_live_ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        ] {
            assert!(is_placeholder(typed.as_bytes()), "{typed}");
        }
        // Short runs, a run inside random text, and random text are not.
        for random in [
            "abcdef1234567890abcdef1234567890",
            "bu9JFVJtII3FINL1rOKcNpveXD4hSMtSDx1234567890",
            "f0979d12065689a8c1c6c26b9bbb8abf",
            "k9Qw3xZ1mN7pL0vB5cR8tY2u",
            "sk_live_k9Qw3xZ1mN7pL0vB5cR8tY2u",
            "abcdefghij_k9Qw3xZ1mN7pL0vB5cR8tY2u",
        ] {
            assert!(!is_placeholder(random.as_bytes()), "{random}");
        }
    }

    #[test]
    fn entropy_floors_follow_the_alphabet() {
        assert!((entropy_floor(3.2, b"9f86d081884c7d65") - 3.2 * 0.78).abs() < 1e-9);
        assert!((entropy_floor(3.2, b"k3j5h7g9f2d4q8w1") - 3.2 * 0.93).abs() < 1e-9);
        assert_eq!(entropy_floor(3.2, b"k3J5h7G9f2D4q8W1"), 3.2);
        assert_eq!(entropy_floor(3.2, b"AbCdEf12AbCdEf12"), 3.2, "mixed-case hex digits are not hex");
    }

    #[test]
    fn github_checksum_round_trip() {
        let random = "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1";
        let token = format!("ghp_{random}{}", base62_6(crc32fast::hash(random.as_bytes())));
        assert!(checksum_ok(Checksum::Github, token.as_bytes()));
        let mut bad = token.clone().into_bytes();
        bad[5] = b'Z';
        assert!(!checksum_ok(Checksum::Github, &bad));
    }
}
