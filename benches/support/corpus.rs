//! A deterministic generator of a mixed source tree with sparse planted secrets, for
//! benchmarks (`benches/throughput.rs`) and for wall-time runs of the binary
//! (`cargo run --release --example gen_corpus -- DIR MIB`).
//!
//! Lines are drawn from templates that look like real code in several languages, including the
//! words that trigger rule keywords (`token`, `password`, `secret`, `key`, `AKIA` ...) without
//! being secrets, so the prefilter and the confirm stage both get exercised.

/// A small xorshift PRNG: deterministic across platforms, no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn ident(&mut self) -> &'static str {
        const WORDS: &[&str] = &[
            "config",
            "client",
            "request",
            "handler",
            "buffer",
            "session",
            "token_count",
            "user",
            "cache",
            "parser",
            "index",
            "stream",
            "result",
            "account",
            "builder",
            "context",
            "payload",
            "value",
            "options",
            "state",
        ];
        WORDS[self.below(WORDS.len())]
    }
    fn alnum(&mut self, n: usize) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        (0..n).map(|_| A[self.below(A.len())] as char).collect()
    }
    fn upper_b32(&mut self, n: usize) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        (0..n).map(|_| A[self.below(A.len())] as char).collect()
    }
}

/// Lines of ordinary code; `{}` is replaced by an identifier.
const TEMPLATES: &[(&str, &[&str])] = &[
    (
        "rs",
        &[
            "    let {} = self.inner.get(&key).cloned().unwrap_or_default();",
            "    // Parse the next token from the stream and advance the cursor.",
            "    pub fn {}(&mut self, password_hash: &[u8]) -> Result<(), Error> {",
            "        if secret_len > MAX_SECRET { return Err(Error::TooLong); }",
            "    match {} { Some(v) => v, None => return Ok(()) }",
            "}",
            "",
            "use std::collections::HashMap;",
            "    #[derive(Debug, Clone, PartialEq, Eq)]",
            "        let api_key = std::env::var(\"API_KEY\")?;",
        ],
    ),
    (
        "py",
        &[
            "def {}(self, token=None, *args, **kwargs):",
            "    password = os.environ.get(\"DB_PASSWORD\", \"\")",
            "    return {}.get(\"access_token\") or self._refresh()",
            "    # TODO: rotate the secret key before the release",
            "import logging",
            "    for item in {}:",
            "        logger.debug(\"loaded %d keys\", len(keys))",
            "",
        ],
    ),
    (
        "js",
        &[
            "const {} = require('./lib/{}');",
            "export function getToken(user) { return user.session.token; }",
            "  const apiKey = process.env.API_KEY;",
            "  if (!{}) { throw new Error('missing secret'); }",
            "  return fetch(url, { headers: { Authorization: `Bearer ${token}` } });",
            "",
            "};",
        ],
    ),
    (
        "yaml",
        &[
            "  {}: true",
            "  password: ${DB_PASSWORD}",
            "    image: registry.local/app:1.4.2",
            "  token_ttl: 3600",
            "- name: {}",
            "    secretRef:",
            "",
        ],
    ),
];

/// One planted secret line; about one file in `1 / SECRET_RATE` gets one.
const SECRET_RATE: usize = 50;

fn secret_line(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => format!("AWS_ACCESS_KEY_ID = \"AKIA{}\"", rng.upper_b32(16)),
        1 => format!("aws_secret_access_key = {}", rng.alnum(40)),
        _ => format!("DATABASE_URL=postgres://app:{}@db.internal:5432/app", rng.alnum(20)),
    }
}

/// One generated file: (relative path, content).
pub fn file(rng: &mut Rng, n: usize, target_len: usize) -> (String, String) {
    let (ext, lines) = TEMPLATES[rng.below(TEMPLATES.len())];
    let mut text = String::with_capacity(target_len + 128);
    let plant_at = (rng.below(SECRET_RATE) == 0).then(|| rng.below(target_len.max(1)));
    while text.len() < target_len {
        if plant_at.is_some_and(|at| {
            text.len() >= at && !text.contains("AKIA") && !text.contains("aws_secret") && !text.contains("postgres://")
        }) {
            text.push_str(&secret_line(rng));
            text.push('\n');
        }
        let line = lines[rng.below(lines.len())];
        let mut l = line.to_string();
        while let Some(i) = l.find("{}") {
            l.replace_range(i..i + 2, rng.ident());
        }
        text.push_str(&l);
        text.push('\n');
    }
    (format!("dir{:03}/file{n:05}.{ext}", n % 97), text)
}

/// Files totalling about `total` bytes, sizes between 1 and 64 KiB.
pub fn generate(seed: u64, total: usize) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    let mut files = Vec::new();
    let mut size = 0;
    while size < total {
        let len = 1024 + rng.below(63 * 1024);
        let f = file(&mut rng, files.len(), len);
        size += f.1.len();
        files.push(f);
    }
    files
}
