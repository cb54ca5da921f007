//! Accepting findings, through the real binary: inline markers (tollgate's and its peers'),
//! baselines (line shifts, new secrets on a baselined line, stale entries, SARIF as a baseline)
//! and the `tollgate.toml` config file.

mod common;

use common::{finding_keys, scan_json, tollgate, tree, write};
use predicates::prelude::*;
use serde_json::Value;
use std::fs;
use std::path::Path;

const KEY: &str = "AKIAZ3MSJV4WWKAO7QPQ";
const OTHER_KEY: &str = "AKIAQYLPMN5HHHFPZAM2";

/// (active finding keys, suppressed finding keys with their justification) of a scan of `dir`.
fn scan(dir: &Path, extra: &[&str]) -> (i32, Vec<String>, Vec<String>, Value) {
    let (code, report, stderr) = scan_json(extra, dir);
    let suppressed = report["suppressed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{} {} [{}]",
                f["path"].as_str().unwrap(),
                f["region"]["start_line"],
                f["rule_id"].as_str().unwrap(),
                f["suppression"]["justification"].as_str().unwrap()
            )
        })
        .collect();
    assert!(!stderr.contains(KEY) && !stderr.contains(OTHER_KEY), "secrets stay redacted: {stderr}");
    (code, finding_keys(&report), suppressed, report)
}

const SG_OPEN_SSH: &str = r#"resource "aws_security_group" "bastion" {
  name = "bastion"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"#;

#[test]
fn tollgate_ignore_on_the_line_or_the_line_above_with_an_optional_rule_id() {
    let dir = tree(&[
        ("same.py", &format!("key = '{KEY}'  # tollgate:ignore test fixture\n")),
        ("above.js", &format!("// tollgate:ignore aws-access-key-id rotated in 2024\nconst k = '{KEY}';\n")),
        ("wrong_id.py", &format!("key = '{KEY}'  # tollgate:ignore github-pat not this one\n")),
        ("too_far.py", &format!("# tollgate:ignore\n\nkey = '{KEY}'\n")),
    ]);
    let (code, active, suppressed, _) = scan(dir.path(), &[]);
    assert_eq!(active, vec!["too_far.py:3:8 aws-access-key-id", "wrong_id.py:1:8 aws-access-key-id"]);
    assert_eq!(
        suppressed,
        vec![
            "above.js:2 aws-access-key-id [tollgate:ignore aws-access-key-id rotated in 2024]",
            "same.py:1 aws-access-key-id [tollgate:ignore test fixture]",
        ]
    );
    assert_eq!(code, 1, "unsuppressed findings still fail the gate");
}

#[test]
fn each_peer_marker_is_honoured_in_its_own_scope() {
    let dir = tree(&[
        ("gitleaks.py", &format!("key = '{KEY}'  # gitleaks:allow\n")),
        ("detect_secrets.py", &format!("key = '{KEY}'  # pragma: allowlist secret\n")),
        ("nextline.py", &format!("# pragma: allowlist nextline secret\nkey = '{KEY}'\n")),
        ("kics.yaml", &format!("# kics-scan ignore-line\nkey: {KEY}\n")),
        // gitleaks:allow covers its own line only.
        ("gitleaks_above.py", &format!("# gitleaks:allow\nkey = '{KEY}'\n")),
        (
            "checkov/main.tf",
            &SG_OPEN_SSH.replace(
                "  name = \"bastion\"\n",
                "  #checkov:skip=CKV_AWS_24:bastion behind VPN\n  name = \"bastion\"\n",
            ),
        ),
        ("trivy/main.tf", &format!("#trivy:ignore:AVD-AWS-0107\n{SG_OPEN_SSH}")),
        ("kicsblock/main.tf", &format!("# kics-scan ignore-block\n{SG_OPEN_SSH}")),
        // trivy's long ids and tfsec's marker; an `:exp:` date still ahead keeps suppressing.
        ("trivylong/main.tf", &format!("#trivy:ignore:aws-ec2-no-public-ingress-sgr\n{SG_OPEN_SSH}")),
        ("tfsec/main.tf", &format!("#tfsec:ignore:aws-ec2-no-public-ingress-sgr:exp:2999-01-01\n{SG_OPEN_SSH}")),
        // ... and one past its date no longer does.
        ("expired/main.tf", &format!("#tfsec:ignore:AVD-AWS-0107:exp:2020-01-01\n{SG_OPEN_SSH}")),
        // Peers' markers name their own ids (the policy's aliases); another check's id leaves
        // this one reported.
        ("other/main.tf", &format!("#trivy:ignore:AVD-AWS-0086\n{SG_OPEN_SSH}")),
    ]);
    let (_, active, suppressed, _) = scan(dir.path(), &[]);
    assert_eq!(
        active,
        vec![
            "expired/main.tf:9:5 TG-NET-001",
            "gitleaks_above.py:2:8 aws-access-key-id",
            "other/main.tf:9:5 TG-NET-001"
        ]
    );
    assert_eq!(
        suppressed,
        vec![
            "checkov/main.tf:9 TG-NET-001 [checkov:skip=CKV_AWS_24:bastion behind VPN]",
            "detect_secrets.py:1 aws-access-key-id [pragma: allowlist secret]",
            "gitleaks.py:1 aws-access-key-id [gitleaks:allow]",
            "kics.yaml:2 aws-access-key-id [kics-scan ignore-line]",
            "kicsblock/main.tf:9 TG-NET-001 [kics-scan ignore-block]",
            "nextline.py:2 aws-access-key-id [pragma: allowlist nextline secret]",
            "tfsec/main.tf:9 TG-NET-001 [tfsec:ignore:aws-ec2-no-public-ingress-sgr:exp:2999-01-01]",
            "trivy/main.tf:9 TG-NET-001 [trivy:ignore:AVD-AWS-0107]",
            "trivylong/main.tf:9 TG-NET-001 [trivy:ignore:aws-ec2-no-public-ingress-sgr]",
        ]
    );
}

/// A security group (TG-NET-001) opening ports `from`-`to` with `protocol` to the world, with
/// `markers` (one a line) inside the resource.
fn sg_with(from: u32, to: u32, protocol: &str, markers: &[&str]) -> String {
    let markers: String = markers.iter().map(|m| format!("  {m}\n")).collect();
    format!(
        "resource \"aws_security_group\" \"g\" {{\n{markers}  ingress {{\n    from_port   = {from}\n    to_port     = {to}\n    protocol    = \"{protocol}\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }}\n}}\n"
    )
}

#[test]
fn checkov_ids_that_name_part_of_a_merged_check_suppress_only_that_part() {
    let skip24 = "#checkov:skip=CKV_AWS_24:ssh via bastion";
    let skip25 = "#checkov:skip=CKV_AWS_25:rdp via gateway";
    let skip277 = "#checkov:skip=CKV_AWS_277:lab";
    let dir = tree(&[
        // checkov reports an SSH-only group as CKV_AWS_24: skipping its RDP check hides nothing.
        ("ssh_skip_rdp/main.tf", &sg_with(22, 22, "tcp", &[skip25])),
        ("ssh_skip_ssh/main.tf", &sg_with(22, 22, "tcp", &[skip24])),
        ("rdp_skip_rdp/main.tf", &sg_with(3389, 3389, "tcp", &[skip25])),
        // 22-3389 is both checks' finding: both must be skipped.
        ("both_skip_rdp/main.tf", &sg_with(22, 3389, "tcp", &[skip25])),
        ("both_skip_both/main.tf", &sg_with(22, 3389, "tcp", &[skip25, skip24])),
        // trivy's id and tollgate's own name the whole check.
        ("both_trivy/main.tf", &format!("#trivy:ignore:AVD-AWS-0107\n{}", sg_with(22, 3389, "tcp", &[]))),
        ("both_tollgate/main.tf", &sg_with(22, 3389, "tcp", &["# tollgate:ignore TG-NET-001 reviewed"])),
        // A port no partial checkov check covers is not suppressed by any of them.
        ("postgres_skip_ssh/main.tf", &sg_with(5432, 5432, "tcp", &[skip24, skip25, skip277])),
        // All traffic is what all three report.
        ("all_skip_277/main.tf", &sg_with(0, 0, "-1", &[skip277])),
        ("all_skip_three/main.tf", &sg_with(0, 0, "-1", &[skip24, skip25, skip277])),
        // Network ACLs (TG-AWS-004): CKV_AWS_232 is SSH, CKV_AWS_231 RDP.
        ("nacl_ssh_skip_rdp/main.tf", &nacl_ssh("#checkov:skip=CKV_AWS_231")),
        ("nacl_ssh_skip_ssh/main.tf", &nacl_ssh("#checkov:skip=CKV_AWS_232")),
    ]);
    let (_, active, suppressed, _) = scan(dir.path(), &[]);
    assert_eq!(
        active,
        vec![
            "all_skip_277/main.tf:7:5 TG-NET-001",
            "both_skip_rdp/main.tf:7:5 TG-NET-001",
            "nacl_ssh_skip_rdp/main.tf:8:3 TG-AWS-004",
            "postgres_skip_ssh/main.tf:9:5 TG-NET-001",
            "ssh_skip_rdp/main.tf:7:5 TG-NET-001",
        ]
    );
    assert_eq!(
        suppressed,
        vec![
            "all_skip_three/main.tf:9 TG-NET-001 [checkov:skip=CKV_AWS_24:ssh via bastion; checkov:skip=CKV_AWS_25:rdp via gateway; checkov:skip=CKV_AWS_277:lab]",
            "both_skip_both/main.tf:8 TG-NET-001 [checkov:skip=CKV_AWS_25:rdp via gateway; checkov:skip=CKV_AWS_24:ssh via bastion]",
            "both_tollgate/main.tf:7 TG-NET-001 [tollgate:ignore TG-NET-001 reviewed]",
            "both_trivy/main.tf:7 TG-NET-001 [trivy:ignore:AVD-AWS-0107]",
            "nacl_ssh_skip_ssh/main.tf:8 TG-AWS-004 [checkov:skip=CKV_AWS_232]",
            "rdp_skip_rdp/main.tf:7 TG-NET-001 [checkov:skip=CKV_AWS_25:rdp via gateway]",
            "ssh_skip_ssh/main.tf:7 TG-NET-001 [checkov:skip=CKV_AWS_24:ssh via bastion]",
        ]
    );
}

#[test]
fn disabling_a_partial_alias_turns_off_that_part_only() {
    let files = [
        ("ssh/main.tf", sg_with(22, 22, "tcp", &[])),
        ("rdp/main.tf", sg_with(3389, 3389, "tcp", &[])),
        ("both/main.tf", sg_with(22, 3389, "tcp", &[])),
        ("postgres/main.tf", sg_with(5432, 5432, "tcp", &[])),
        ("nacl/main.tf", nacl_ssh("")),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    // The config spelling (checkov's ids in `disable`) and the command line's agree.
    let mut configured = files.clone();
    configured.push(("tollgate.toml", "disable = [\"ckv_aws_25\", \"CKV_AWS_232\"]\n"));
    let dir = tree(&configured);
    let (_, active, suppressed, _) = scan(dir.path(), &["--fail-on", "never"]);
    let want = vec!["both/main.tf:6:5 TG-NET-001", "postgres/main.tf:6:5 TG-NET-001", "ssh/main.tf:6:5 TG-NET-001"];
    assert_eq!(active, want);
    assert!(suppressed.is_empty(), "{suppressed:?}");
    let dir = tree(&files);
    let (_, active, ..) =
        scan(dir.path(), &["--fail-on", "never", "--skip-check", "CKV_AWS_25", "--skip-check", "CKV_AWS_232"]);
    assert_eq!(active, want);
    // Both parts of a 22-3389 opening off: then it is gone too; the whole check's ids still
    // turn it all off.
    let (_, active, ..) = scan(dir.path(), &["--fail-on", "never", "--skip-check", "CKV_AWS_25,CKV_AWS_24"]);
    assert_eq!(active, vec!["nacl/main.tf:8:3 TG-AWS-004", "postgres/main.tf:6:5 TG-NET-001"]);
    let (_, active, ..) = scan(dir.path(), &["--fail-on", "never", "--skip-check", "AVD-AWS-0107"]);
    assert_eq!(active, vec!["nacl/main.tf:8:3 TG-AWS-004"]);
}

/// A network ACL rule allowing SSH from the world, with `marker` inside it.
fn nacl_ssh(marker: &str) -> String {
    format!(
        "resource \"aws_network_acl_rule\" \"ssh\" {{\n  {marker}\n  network_acl_id = \"acl-1\"\n  rule_number    = 100\n  egress         = false\n  protocol       = \"tcp\"\n  rule_action    = \"allow\"\n  cidr_block     = \"0.0.0.0/0\"\n  from_port      = 22\n  to_port        = 22\n}}\n"
    )
}

#[test]
fn zizmor_ignore_markers_name_audits_mapped_through_the_checks_aliases() {
    let workflow = "on: issues\npermissions: {}\njobs:\n  triage:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/labeler@v2 # zizmor: ignore[unpinned-uses]\n      - uses: acme/notify@v1 # zizmor: ignore[template-injection]\n      - run: |\n          echo \"${{ github.event.issue.title }}\" # zizmor: ignore[template-injection,artipacked]\n          echo \"${{ github.event.issue.body }}\"\n";
    let dir = tree(&[(".github/workflows/triage.yml", workflow)]);
    let (_, active, suppressed, _) = scan(dir.path(), &["--fail-on", "never"]);
    // A marker naming another audit, or on another line of the script, leaves a finding reported.
    assert_eq!(
        active,
        vec![".github/workflows/triage.yml:11:17 TG-GHA-001", ".github/workflows/triage.yml:8:15 TG-GHA-010",]
    );
    assert_eq!(
        suppressed,
        vec![
            ".github/workflows/triage.yml:7 TG-GHA-010 [zizmor: ignore[unpinned-uses]]",
            ".github/workflows/triage.yml:10 TG-GHA-001 [zizmor: ignore[template-injection,artipacked]]",
        ]
    );
}

#[test]
fn tollgate_ignore_on_a_block_start_line_covers_the_block() {
    let marked = SG_OPEN_SSH.replace(
        "resource \"aws_security_group\" \"bastion\" {",
        "resource \"aws_security_group\" \"bastion\" { # tollgate:ignore TG-AWS-001 VPN only",
    );
    let k8s = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    # tollgate:ignore TG-K8S-001 debugging sidecar\n    - name: debug\n      image: busybox:1.36\n      securityContext:\n        privileged: true\n";
    let dir = tree(&[("main.tf", &marked), ("pod.yaml", k8s)]);
    let (_, active, suppressed, _) = scan(dir.path(), &["--fail-on", "never"]);
    assert!(active.iter().all(|k| !k.contains("TG-NET-001") && !k.contains("TG-K8S-001")), "{active:?}");
    assert!(suppressed.contains(&"main.tf:8 TG-NET-001 [tollgate:ignore TG-AWS-001 VPN only]".to_string()));
    assert!(
        suppressed.iter().any(|s| s.starts_with("pod.yaml:11 TG-K8S-001 ")),
        "a marker above a list item covers what is inside it: {suppressed:?}"
    );
}

#[test]
fn suppressed_findings_are_counted_and_become_sarif_suppressions() {
    let dir = tree(&[("a.py", &format!("key = '{KEY}'  # gitleaks:allow\nother = '{OTHER_KEY}'\n"))]);
    let out = tollgate().current_dir(dir.path()).args(["scan", "--format", "sarif"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1 finding (1 high), 1 suppressed inline"), "{stderr}");
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(
        results[0]["suppressions"],
        serde_json::json!([{"kind": "inSource", "status": "accepted", "justification": "gitleaks:allow"}])
    );
    assert!(results[1].get("suppressions").is_none());
}

fn write_baseline(dir: &Path) -> String {
    let out = tollgate().current_dir(dir).args(["scan", "--write-baseline", "baseline.json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "writing a baseline accepts what is there");
    fs::read_to_string(dir.join("baseline.json")).unwrap()
}

#[test]
fn a_baseline_survives_code_moving_but_not_a_new_secret_on_the_same_line() {
    let dir = tree(&[("app/config.py", &format!("import os\nAWS_KEY = '{KEY}'\n"))]);
    let text = write_baseline(dir.path());
    assert!(!text.contains(KEY) && !text.contains("AKIA"), "no secret in the baseline: {text}");
    assert!(!text.contains("line"), "no line numbers: {text}");
    assert_eq!(text, write_baseline(dir.path()), "deterministic");

    // The key moves down three lines: still accepted.
    write(dir.path(), "app/config.py", &format!("import os\nimport sys\n\n\nAWS_KEY = '{KEY}'\n"));
    let (code, active, suppressed, report) = scan(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!((code, active), (0, vec![]));
    assert_eq!(suppressed.len(), 1);
    assert_eq!(report["baseline"]["matched"], 1);

    // A different key on that same line is new: reported, fails the gate, and the old entry is stale.
    write(dir.path(), "app/config.py", &format!("import os\nimport sys\n\n\nAWS_KEY = '{OTHER_KEY}'\n"));
    let (code, active, _, report) = scan(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!((code, active), (1, vec!["app/config.py:5:12 aws-access-key-id".to_string()]));
    let stale = report["baseline"]["stale"].as_array().unwrap();
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0]["path"], "app/config.py");

    let out = tollgate().current_dir(dir.path()).args(["scan", "--baseline", "baseline.json"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1 stale baseline entry"), "{stderr}");
}

#[test]
fn a_previous_sarif_log_works_as_a_baseline_and_scoping_a_scan_does_not_make_entries_stale() {
    let dir = tree(&[("a.py", &format!("k = '{KEY}'\n")), ("b/main.tf", SG_OPEN_SSH)]);
    let out = tollgate().current_dir(dir.path()).args(["scan", "-f", "sarif", "-o", "../prev.sarif"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let prev = dir.path().parent().unwrap().join("prev.sarif");
    write(dir.path(), "a.py", &format!("# moved\nk = '{KEY}'\n"));
    let (code, active, suppressed, report) = scan(dir.path(), &["--baseline", prev.to_str().unwrap()]);
    assert_eq!((code, active), (0, vec![]));
    assert_eq!(suppressed.len(), 2, "{suppressed:?}");
    // Only a.py scanned: b/main.tf's entry is neither matched nor stale.
    let (_, _, _, report2) = scan(dir.path(), &["a.py", "--baseline", prev.to_str().unwrap()]);
    assert_eq!(report["baseline"]["stale"], serde_json::json!([]));
    assert_eq!(report2["baseline"]["stale"], serde_json::json!([]));
    assert_eq!(report2["baseline"]["matched"], 1);

    let foreign = dir.path().join("foreign.sarif");
    fs::write(
        &foreign,
        r#"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"}}]}]}"#,
    )
    .unwrap();
    tollgate()
        .current_dir(dir.path())
        .args(["scan", "--baseline", "foreign.sarif"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("only SARIF written by tollgate"));
}

#[test]
fn config_file_sets_threshold_rules_and_path_allowlists() {
    let dir = tree(&[
        ("src/app.py", &format!("k = '{KEY}'\npassword = \"Xk9#mQ2vL8pR4tZw\"\n")),
        ("tests/fixture.py", &format!("k = '{KEY}'\n")),
        ("docs/notes.md", &format!("k = '{KEY}'\n")),
        (
            "tollgate.toml",
            "fail-on = \"medium\"\nexclude = [\"docs/\"]\n\n[allow-paths]\naws-access-key-id = [\"tests/**\"]\n",
        ),
    ]);
    let (code, active, _, _) = scan(dir.path(), &[]);
    assert_eq!(active, vec!["src/app.py:1:6 aws-access-key-id", "src/app.py:2:13 generic-password-assignment"]);
    assert_eq!(code, 1);

    write(dir.path(), "tollgate.toml", "disable = [\"aws-access-key-id\"]\n");
    let (code, active, _, _) = scan(dir.path(), &[]);
    assert_eq!((code, active), (0, vec!["src/app.py:2:13 generic-password-assignment".to_string()]));
    write(dir.path(), "tollgate.toml", "enable = [\"TG-AWS-001\"]\n");
    let (code, active, _, _) = scan(dir.path(), &[]);
    assert_eq!((code, active), (0, vec![]));

    // --config wins over discovery; the command line wins over the file.
    write(dir.path(), "strict.toml", "fail-on = \"medium\"\ndisable = [\"aws-access-key-id\"]\n");
    let (code, _, _, _) = scan(dir.path(), &["--config", "strict.toml"]);
    assert_eq!(code, 1);
    let (code, _, _, _) = scan(dir.path(), &["--config", "strict.toml", "--fail-on", "high"]);
    assert_eq!(code, 0);
}

#[test]
fn config_errors_name_the_file_and_the_key() {
    let dir = tree(&[("a.py", "x = 1\n")]);
    for (config, expected) in [
        ("fail_on = \"high\"\n", "unknown field `fail_on`"),
        ("fail-on = \"severe\"\n", "`severe` is not a severity threshold"),
        ("disable = [\"aws-acces-key-id\"]\n", "`disable` names `aws-acces-key-id`"),
        ("[allow-paths]\nTG-AWS-999 = [\"x\"]\n", "`allow-paths` names `TG-AWS-999`"),
        ("[allow-paths]\naws-access-key-id = [\"a/[\"]\n", "bad glob `a/[`"),
    ] {
        write(dir.path(), "tollgate.toml", config);
        tollgate()
            .current_dir(dir.path())
            .arg("scan")
            .assert()
            .code(2)
            .stderr(predicates::str::contains("tollgate.toml").and(predicates::str::contains(expected)));
    }
}

#[test]
fn config_adds_rule_directories_and_a_baseline() {
    let dir = tree(&[
        (
            "ci/rules/internal.toml",
            "[[rule]]\nid = \"acme-token\"\ndescription = \"ACME token\"\nseverity = \"high\"\nkeywords = [\"acme_\"]\nregex = '''acme_[a-z0-9]{24}'''\nexamples = [\"acme_k3j9x2m4q8w7e5r1t6y0u2i4\"]\nnegative_examples = [\"acme_\"]\n",
        ),
        ("a.py", "t = 'acme_k3j9x2m4q8w7e5r1t6y0u2i4'\n"),
        ("tollgate.toml", "rules = [\"ci/rules\"]\nexclude = [\"ci/\"]\n"),
    ]);
    let (code, active, _, _) = scan(dir.path(), &[]);
    assert_eq!((code, active), (1, vec!["a.py:1:6 acme-token".to_string()]));
    let out =
        tollgate().current_dir(dir.path()).args(["scan", "--write-baseline", "ci/baseline.json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    write(
        dir.path(),
        "tollgate.toml",
        "rules = [\"ci/rules\"]\nexclude = [\"ci/\"]\nbaseline = \"ci/baseline.json\"\n",
    );
    let (code, active, suppressed, _) = scan(dir.path(), &[]);
    assert_eq!((code, active, suppressed.len()), (0, vec![], 1));
}

#[test]
fn old_ids_of_merged_checks_still_suppress_configure_and_explain() {
    // TG-GHA-015 (curl | sh in GitHub Actions) is now part of TG-SHELL-001.
    let workflow = "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: curl -fsSL https://get.example.com/i.sh | sh  # tollgate:ignore TG-GHA-015 vendor installer, pinned by the proxy\n      - run: echo between\n      - run: wget -qO- https://tools.example.org/setup.sh | bash\n";
    let dir = tree(&[(".github/workflows/ci.yml", workflow)]);
    let (_, active, suppressed, _) = scan(dir.path(), &[]);
    assert_eq!(active, vec![".github/workflows/ci.yml:9:14 TG-SHELL-001"]);
    assert_eq!(
        suppressed,
        vec![
            ".github/workflows/ci.yml:7 TG-SHELL-001 [tollgate:ignore TG-GHA-015 vendor installer, pinned by the proxy]"
        ]
    );

    // In the config, an old id names the check it was merged into.
    write(dir.path(), "tollgate.toml", "disable = [\"TG-GHA-015\"]\n");
    let (_, active, _, _) = scan(dir.path(), &[]);
    assert!(active.is_empty(), "{active:?}");
    write(dir.path(), "tollgate.toml", "[allow-paths]\nTG-GITLAB-003 = [\".github/**\"]\n");
    let (_, active, _, _) = scan(dir.path(), &[]);
    assert!(active.is_empty(), "{active:?}");
    // ... and on the command line.
    write(dir.path(), "tollgate.toml", "");
    let (_, active, _, _) = scan(dir.path(), &["--skip-check", "TG-CB-003"]);
    assert!(active.is_empty(), "{active:?}");
    let (_, active, _, _) = scan(dir.path(), &["--check", "TG-DOCKER-003"]);
    assert_eq!(active, vec![".github/workflows/ci.yml:9:14 TG-SHELL-001"]);

    tollgate().args(["explain", "TG-GHA-015"]).assert().success().stdout(
        predicate::str::starts_with("TG-SHELL-001: ")
            .and(predicate::str::contains("same check as: TG-DOCKER-003, TG-GHA-015")),
    );
}

#[test]
fn a_marker_that_ends_a_line_of_code_covers_that_line_only() {
    let dir = tree(&[(
        "app.py",
        &format!(
            "x = 1  # tollgate:ignore\nkey = '{KEY}'\n# tollgate:ignore rotated test key\nother = '{OTHER_KEY}'\n"
        ),
    )]);
    let (code, active, suppressed, _) = scan(dir.path(), &[]);
    assert_eq!(code, 1, "the key under a trailing marker still fails the gate");
    assert_eq!(active, ["app.py:2:8 aws-access-key-id"]);
    assert_eq!(suppressed, ["app.py:4 aws-access-key-id [tollgate:ignore rotated test key]"]);
}
