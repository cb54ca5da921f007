//! Rules scoped to a file by name (`path`), through the binary: each credential file is scanned
//! at a path its rule names (the exact region is pinned) and, with the same content, at a path it
//! does not (silent). Then the contract of `example_path`: a rule whose `path` excludes the file
//! its examples are scanned as is refused, naming the rule, and a user rule written before the key
//! existed still loads for scans.

mod common;

use common::{finding_keys, region_keys, scan_json, tollgate};
use predicates::prelude::*;
use std::fs;

const USERLIST: &str = ";; pgbouncer auth_file\n\"pgbouncer\" \"Wq4Lz8Tn2Rv6Yb0Mc3\"\n\"app_rw\" \"SCRAM-SHA-256$4096:Zm9vYmFyYmF6cXV4cXV1eA==$UnR3cGxZWXFqdDdkRzJ2WnlTZXB4SWlHN2N5ZEJ1WkE=:N0xkQm1pTmVLQ2R6UnZrdVdGN3hNcVZhdkpqM0t0a0w=\"\n\"reporting\"\t\"md5a3f1c9e07d2b84e6f5c0a9b1d3e7f214\"\n\"stats\" \"\"\n";

/// pgbouncer's auth file: a plaintext password, a SCRAM secret and an md5 hash, each reported
/// by its rule; the same lines in a file of another name are two quoted words.
#[test]
fn pgbouncer_userlist_only_in_userlist_txt() {
    assert_eq!(
        region_keys(&[("etc/pgbouncer/userlist.txt", USERLIST), ("etc/pgbouncer/users.csv", USERLIST)]),
        [
            "etc/pgbouncer/userlist.txt:2:14-2:32 pgbouncer-userlist-password",
            "etc/pgbouncer/userlist.txt:3:11-3:144 pgbouncer-userlist-hash",
            "etc/pgbouncer/userlist.txt:4:14-4:49 pgbouncer-userlist-hash",
        ]
    );
    assert_eq!(region_keys(&[("userlist.txt.sample", USERLIST)]), Vec::<String>::new());
}

/// Composer's auth.json names only the host beside a token; the generic password rule finds the
/// `http-basic` password and the GitHub rule the `ghp_` token wherever the file is.
#[test]
fn composer_tokens_only_in_auth_json() {
    let auth = "{\n    \"http-basic\": {\n        \"repo.acme.io\": {\n            \"username\": \"deploy\",\n            \"password\": \"Hq8vT2mLx9Rw4Zk\"\n        }\n    },\n    \"gitlab-token\": {\n        \"gitlab.acme.io\": \"Kq3Zt8vR2mX7pLw9NbH4\"\n    },\n    \"bearer\": {\n        \"packages.acme.io\": \"Zp3Kx8QmW2vLr7NtY4bJc9Hd\"\n    }\n}\n";
    assert_eq!(
        region_keys(&[(".config/composer/auth.json", auth), ("deploy/composer-auth.json", auth)]),
        [
            ".config/composer/auth.json:12:30-12:54 composer-auth-token",
            ".config/composer/auth.json:5:26-5:41 generic-password-assignment",
            ".config/composer/auth.json:9:28-9:48 composer-auth-token",
            "deploy/composer-auth.json:5:26-5:41 generic-password-assignment",
        ]
    );
}

/// pppd's secrets files and an LDAP client's bind password.
#[test]
fn ppp_secrets_and_ldap_bind_passwords_only_in_their_files() {
    let chap = "# Secrets for authentication using CHAP\n# client\tserver\tsecret\t\t\tIP addresses\n\"vpnuser\"\t*\t\"Hq8vT2mLx9Rw4Zk\"\t*\nbranch01 pptpd Kx7vQ2mLr9TwBn4 10.8.0.10\n";
    let pap = "# client server secret IP addresses\ndsl-provider@isp.acme.net * Wq4Lz8Tn2Rv6Yb0Mc3\nbackup * @/etc/ppp/backup.secret\n";
    let nslcd = "uri ldap://ldap.acme.io/\nbase dc=acme,dc=io\nbinddn cn=nslcd,ou=services,dc=acme,dc=io\nbindpw Zp3Kx8QmW2vLr7Nt\n";
    assert_eq!(
        region_keys(&[
            ("etc/ppp/chap-secrets", chap),
            ("etc/ppp/pap-secrets", pap),
            ("etc/nslcd.conf", nslcd),
            ("notes/chap-secrets.txt", chap),
            ("notes/pap.txt", pap),
            ("notes/nslcd.conf.orig", nslcd),
        ]),
        [
            "etc/nslcd.conf:4:8-4:24 ldap-client-bind-password",
            "etc/ppp/chap-secrets:3:14-3:29 ppp-chap-secret",
            "etc/ppp/chap-secrets:4:16-4:31 ppp-chap-secret",
            "etc/ppp/pap-secrets:2:29-2:47 ppp-chap-secret",
        ]
    );
}

/// A user rule scoped to `acme.conf`, with `extra` added to its table.
fn acme_rule(extra: &str) -> String {
    format!(
        "[[rule]]\nid = \"acme-conf-secret\"\ndescription = \"Acme secret\"\nregex = '''secret=([a-z0-9]{{12}})'''\nkeywords = [\"secret=\"]\nseverity = \"high\"\npath = '''(?:^|/)acme\\.conf$'''\n{extra}examples = [\"secret=k3j5h7g9f2d4\"]\nnegative_examples = [\"secret=short\"]\n"
    )
}

#[test]
fn a_rule_whose_path_excludes_its_example_path_is_refused_naming_it() {
    let dir = tempfile::TempDir::new().unwrap();
    fs::write(dir.path().join("app.conf"), "secret=k3j5h7g9f2d4\n").unwrap();
    fs::create_dir(dir.path().join("etc")).unwrap();
    fs::write(dir.path().join("etc/acme.conf"), "secret=k3j5h7g9f2d4\n").unwrap();
    let rules = dir.path().join("rules");
    fs::create_dir(&rules).unwrap();
    let run = |args: &[&str]| tollgate().current_dir(dir.path()).args(args).assert();
    let check = || run(&["rules", "check", "rules"]);

    // No example_path: the examples would be scanned as example.txt, which `path` excludes.
    fs::write(rules.join("acme.toml"), acme_rule("")).unwrap();
    check().code(2).stderr(
        predicate::str::contains("rule `acme-conf-secret`")
            .and(predicate::str::contains("`example.txt`"))
            .and(predicate::str::contains("set `example_path`")),
    );
    // ... but the rule still loads for scans, as it did before the key existed.
    let (_, report, stderr) = scan_json(&[".", "--rules", "rules/acme.toml"], dir.path());
    let found: Vec<String> = finding_keys(&report).into_iter().filter(|k| k.ends_with(" acme-conf-secret")).collect();
    assert_eq!(found, ["etc/acme.conf:1:8 acme-conf-secret"], "{stderr}");

    // A declared example_path that `path` does not match is refused when the rules load.
    fs::write(rules.join("acme.toml"), acme_rule("example_path = 'etc/acme.ini'\n")).unwrap();
    for args in [&["rules", "check", "rules"][..], &["scan", ".", "--rules", "rules/acme.toml"]] {
        run(args).code(2).stderr(
            predicate::str::contains("acme-conf-secret")
                .and(predicate::str::contains("`etc/acme.ini`"))
                .and(predicate::str::contains("does not match")),
        );
    }

    // A matching one: the examples run in that file, and pass.
    fs::write(rules.join("acme.toml"), acme_rule("example_path = 'etc/acme.conf'\n")).unwrap();
    check().code(0).stdout(predicate::str::contains("1 rules, 2 examples: 2 passed, 0 failed"));
}

#[test]
fn an_example_path_must_be_relative() {
    let dir = tempfile::TempDir::new().unwrap();
    fs::write(dir.path().join("acme.toml"), acme_rule("example_path = '/etc/acme.conf'\n")).unwrap();
    tollgate()
        .args(["rules", "check"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("acme-conf-secret").and(predicate::str::contains("relative path")));
}
