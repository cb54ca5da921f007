//! Language-aware generic secret detection (tree-sitter), through the binary: per language, a
//! file of credentials the regex rules cannot see (typed declarations, names such as
//! `signing_key`, values with parentheses, named arguments, parameter defaults) with each
//! literal's exact region, and a file of look-alikes that must stay silent (environment and
//! secret-store reads, interpolated strings, comments, docstrings, placeholders, test scopes).

mod common;

use common::region_keys;

/// `path:line:column-end_line:end_column rule-id` of every finding of a scan of one file.
fn findings(path: &str, text: &str) -> Vec<String> {
    region_keys(&[(path, text)])
}

#[test]
fn python() {
    let found = findings(
        "settings.py",
        r#"signing_key    = "k9Qw3xZ1mN7pL0vB5cR8tY2u"
client = Client(encryption_key="f0979d12065689a8c1c6c26b9bbb8abf")
CONFIG = {"client_secret": "uwxe(NIpgFgH7)YgHgdQYqvqa6BZ"}
def connect(host, db_pass: str = "t7QsuuFb5R-lXq~43UI"):
    pass
def master_key():
    return "Hq8vT2mL(x9)Rw4Zk"
"#,
    );
    assert_eq!(
        found,
        [
            "settings.py:1:19-1:43 generic-assignment-python",
            "settings.py:2:33-2:65 generic-assignment-python",
            "settings.py:3:29-3:57 generic-assignment-python",
            "settings.py:4:35-4:54 generic-assignment-python",
            "settings.py:7:13-7:30 generic-assignment-python"
        ]
    );
    let found = findings(
        "settings.py",
        r#"signing_key = os.environ["SIGNING_KEY"]
client = Client(encryption_key=vault.read("kv/app")["key"])
token = f"{prefix}-{suffix}"
# signing_key = "k9Qw3xZ1mN7pL0vB5cR8tY2u"
def f():
    """signing_key = "k9Qw3xZ1mN7pL0vB5cR8tY2u" is how not to do it"""
signing_key = "changeme"
master_key = ""
def test_login(client):
    client.login(encryption_key="f0979d12065689a8c1c6c26b9bbb8abf")
"#,
    );
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn javascript() {
    let found = findings(
        "app.js",
        r#"const signingKey = "k9Qw3xZ1mN7pL0vB5cR8tY2u";
module.exports = { clientSecret: 'uwxe(NIpgFgH7)YgHgdQYqvqa6BZ' };
function connect(masterKey = "Hq8vT2mL(x9)Rw4Zk") {}
"#,
    );
    assert_eq!(
        found,
        [
            "app.js:1:21-1:45 generic-assignment-javascript",
            "app.js:2:35-2:63 generic-assignment-javascript",
            "app.js:3:31-3:48 generic-assignment-javascript"
        ]
    );
    let found = findings(
        "app.js",
        r#"const signingKey = process.env.SIGNING_KEY;
const masterKey = `${prefix}-${suffix}`;
// const signingKey = "k9Qw3xZ1mN7pL0vB5cR8tY2u";
const clientSecret = "your-client-secret-here";
"#,
    );
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn typescript() {
    let found = findings(
        "app.ts",
        r#"class Db {
  private readonly dbPassword: string = "Gv7T6#GLBPcpbXq2";
}
function connect(clientSecret: string = "uwxeNIpgFgH7YgHgdQYqvqa6BZ") {}
"#,
    );
    assert_eq!(
        found,
        ["app.ts:2:42-2:58 generic-assignment-typescript", "app.ts:4:42-4:68 generic-assignment-typescript"]
    );
    let found = findings(
        "app.ts",
        r#"const dbPassword: string = process.env.DB_PASSWORD ?? "";
let clientSecret: string;
const signingKey = await secrets.get("signing-key");
const masterKey: string = "xxx";
"#,
    );
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn go() {
    let found = findings(
        "main.go",
        r#"package main

const Password string = "Gv7T6#GLBPcpbXq2"

var cfg = Config{ClientSecret: "uwxe(NIpgFgH7)YgHgdQYqvqa6BZ"}
"#,
    );
    assert_eq!(found, ["main.go:3:26-3:42 generic-assignment-go", "main.go:5:33-5:61 generic-assignment-go"]);
    let found = findings(
        "main.go",
        r#"package main

var Password = os.Getenv("DB_PASSWORD")

// SigningKey = "k9Qw3xZ1mN7pL0vB5cR8tY2u"
const PasswordEnv = "DB_PASSWORD"
var signingKey = fmt.Sprintf("%s:%s", user, pass)
"#,
    );
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn java() {
    let found = findings(
        "Db.java",
        r#"class Db {
    private static final String SIGNING_KEY = "k9Qw3xZ1mN7pL0vB5cR8tY2u";
    void init() { props.setProperty("client.secret", "uwxe(NIpgFgH7)YgHgdQYqvqa6BZ"); }
}
"#,
    );
    assert_eq!(found, ["Db.java:2:48-2:72 generic-assignment-java", "Db.java:3:55-3:83 generic-assignment-java"]);
    let found = findings(
        "Db.java",
        r#"class Db {
    private static final String SIGNING_KEY = System.getenv("SIGNING_KEY");
    /* String signingKey = "k9Qw3xZ1mN7pL0vB5cR8tY2u"; */
    private static final String PASSWORD_PROPERTY = "db.password";
    String masterKey = "<master-key>";
}
"#,
    );
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn csharp() {
    let found = findings(
        "Db.cs",
        r#"class Db {
    private const string EncryptionKey = "k9Qw3xZ1mN7pL0vB5cR8tY2u";
    void F() { var c = new Client { ClientSecret = @"uwxe(NIpgFgH7)YgHgdQYqvqa6BZ" }; }
}
"#,
    );
    assert_eq!(found, ["Db.cs:2:43-2:67 generic-assignment-csharp", "Db.cs:3:54-3:82 generic-assignment-csharp"]);
    let found = findings(
        "Db.cs",
        r#"class Db {
    private string EncryptionKey = Environment.GetEnvironmentVariable("ENCRYPTION_KEY");
    string MasterKey = $"Bearer {accessToken}";
    // string SigningKey = "k9Qw3xZ1mN7pL0vB5cR8tY2u";
}
"#,
    );
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn ruby() {
    let found = findings(
        "config.rb",
        r#"config.signing_key = "k9Qw3xZ1mN7pL0vB5cR8tY2u"
client = Api.new(master_key: "f0979d12065689a8c1c6c26b9bbb8abf")
"#,
    );
    assert_eq!(found, ["config.rb:1:23-1:47 generic-assignment-ruby", "config.rb:2:31-2:63 generic-assignment-ruby"]);
    let found = findings(
        "config.rb",
        r#"config.signing_key = ENV["SIGNING_KEY"]
config.master_key = ENV.fetch("MASTER_KEY")
token = "Bearer #{access_token}"
# config.signing_key = "k9Qw3xZ1mN7pL0vB5cR8tY2u"
"#,
    );
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn php() {
    let found = findings(
        "config.php",
        r#"<?php
$signingKey = 'k9Qw3xZ1mN7pL0vB5cR8tY2u';
return ['client_secret' => 'uwxe(NIpgFgH7)YgHgdQYqvqa6BZ'];
"#,
    );
    assert_eq!(found, ["config.php:2:16-2:40 generic-assignment-php", "config.php:3:29-3:57 generic-assignment-php"]);
    let found = findings(
        "config.php",
        r#"<?php
$signingKey = getenv('SIGNING_KEY');
$masterKey = "Bearer $accessToken";
// $signingKey = 'k9Qw3xZ1mN7pL0vB5cR8tY2u';
return ['client_secret' => env('CLIENT_SECRET', '')];
"#,
    );
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn kotlin() {
    let found = findings(
        "Settings.kt",
        r#"const val SIGNING_KEY = "s9KSU7nddgTIZaraqrzAcwfkW8L7"
fun f() = connect(encryptionKey = "Gv7T6#GLBPcpbXq2")
"#,
    );
    assert_eq!(
        found,
        ["Settings.kt:1:26-1:54 generic-assignment-kotlin", "Settings.kt:2:36-2:52 generic-assignment-kotlin"]
    );
    let found = findings(
        "Settings.kt",
        r#"val signingKey: String = System.getenv("SIGNING_KEY")
val masterKey = "Bearer $accessToken"
// val signingKey = "k9Qw3xZ1mN7pL0vB5cR8tY2u"
val encryptionKey = "your-password-here"
"#,
    );
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn rust() {
    let found = findings(
        "config.rs",
        r##"static CLIENT_SECRET: &str = r#"uwxeNIpgFgH7YgHgdQYqvqa6BZ"#;
fn cfg() -> Config { Config { signing_key: "Gv7T6#GLBPcpbXq2".to_string() } }
"##,
    );
    assert_eq!(found, ["config.rs:1:33-1:59 generic-assignment-rust", "config.rs:2:45-2:61 generic-assignment-rust"]);
    let found = findings(
        "config.rs",
        r##"fn f() { let signing_key = std::env::var("SIGNING_KEY").unwrap(); }
// const SIGNING_KEY: &str = "k9Qw3xZ1mN7pL0vB5cR8tY2u";
fn g() { let master_key = format!("{user}:{pass}"); }
const SIGNING_KEY_ENV: &str = "SIGNING_KEY";
#[cfg(test)]
mod tests {
    const SIGNING_KEY: &str = "k9Qw3xZ1mN7pL0vB5cR8tY2u";
}
"##,
    );
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn shell() {
    let found = findings(
        "deploy.sh",
        r#"SIGNING_KEY="Gv7T6#GLBPcpbXq2"
f() {
  local master_key=uwxeNIpgFgH7YgHgdQYqvqa6BZ
}
"#,
    );
    assert_eq!(found, ["deploy.sh:1:14-1:30 generic-assignment-shell", "deploy.sh:3:20-3:46 generic-assignment-shell"]);
    let found = findings(
        "deploy.sh",
        r#"SIGNING_KEY="${SIGNING_KEY:-}"
MASTER_KEY=$(vault kv get -field=key secret/ci)
# SIGNING_KEY="k9Qw3xZ1mN7pL0vB5cR8tY2u"
SIGNING_KEY="changeme"
"#,
    );
    assert_eq!(found, Vec::<String>::new());
}

/// A literal a vendor rule already found is reported once, by the vendor rule.
#[test]
fn vendor_rule_keeps_its_span() {
    let found = findings("client.py", "signing_key = \"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\"\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("client.py:1:16-1:67 ") && !found[0].contains("generic"), "{found:?}");
}

/// A credential handed to a call: a Java or Kotlin setter or builder step named for it, and a
/// secret-named key beside its value (`.option("password", "…")`, `Header.Set("X-Api-Key",
/// "…")`, `DefaultRequestHeaders.Add(…)`); a lookup by name and a value read at run time stay
/// silent.
#[test]
fn credentials_handed_to_calls() {
    let found = region_keys(&[
        (
            "Db.java",
            r#"class Db {
  DataSource ds() {
    return Builder.create()
        .clientSecret("uwxeNIpgFgH7YgHgdQYqvqa6BZ")
        .apiKey(System.getenv("API_KEY"))
        .build();
  }
  String name() { return vault.getSecret("orders-db-prod-2024"); }
}
"#,
        ),
        (
            "sign.go",
            "package api\n\nfunc sign(req *http.Request, key string) {\n\treq.Header.Set(\"X-Api-Key\", \"f0979d12065689a8c1c6c26b9bbb8abf\")\n\treq.Header.Set(\"X-Api-Key\", key)\n}\n",
        ),
        (
            "Api.cs",
            r#"class Api {
  void F(HttpClient c, string key) {
    c.DefaultRequestHeaders.Add("X-Api-Key", "f0979d12065689a8c1c6c26b9bbb8abf");
    c.DefaultRequestHeaders.Add("X-Api-Key", key);
  }
}
"#,
        ),
        (
            "Job.kt",
            r#"val df = spark.read.format("jdbc")
    .option("password", "uwxeNIpgFgH7YgHgdQYqvqa6BZ")
    .option("user", System.getenv("DB_USER"))
    .load()
"#,
        ),
    ]);
    assert_eq!(
        found,
        [
            "Api.cs:3:47-3:79 generic-assignment-csharp",
            "Db.java:4:24-4:50 generic-assignment-java",
            "Job.kt:2:26-2:52 generic-assignment-kotlin",
            "sign.go:4:31-4:63 generic-assignment-go",
        ]
    );
}
