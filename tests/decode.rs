//! Base64 decoding through the binary: Kubernetes Secret `data:` values and blobs elsewhere are
//! decoded and scanned, findings sit on the encoded value, `--max-decode-depth` bounds it.

mod common;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use common::{finding_keys, scan_json, tree};

const AWS: &str = "AKIAZ3MSJV4WWKAO7QPQ";
const GITHUB: &str = "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";

fn b64(s: &str) -> String {
    STANDARD.encode(s)
}

fn kubernetes_secret() -> String {
    format!(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\ndata:\n  AWS_ACCESS_KEY_ID: {}\n  GITHUB_TOKEN: \"{}\"\n  username: {}\n",
        b64(AWS),
        b64(GITHUB),
        b64("admin")
    )
}

#[test]
fn kubernetes_secret_values_are_found_on_the_encoded_value() {
    let dir = tree(&[("k8s/secret.yaml", &kubernetes_secret())]);
    let (code, report, stderr) = scan_json(&["."], dir.path());
    assert_eq!(code, 1, "{stderr}");
    // Columns of the encoded values: `  AWS_ACCESS_KEY_ID: ` and `  GITHUB_TOKEN: "`.
    assert_eq!(finding_keys(&report), ["k8s/secret.yaml:7:22 aws-access-key-id", "k8s/secret.yaml:8:18 github-pat"]);
    let findings = report["findings"].as_array().unwrap();
    for f in findings {
        assert!(f["message"].as_str().unwrap().contains("base64-decoded"), "{f}");
        let encoded_len = f["region"]["end_column"].as_u64().unwrap() - f["region"]["start_column"].as_u64().unwrap();
        assert!(encoded_len >= 28, "the region covers the encoded value: {f}");
    }
}

#[test]
fn a_config_map_value_is_not_decoded_as_a_secret() {
    let short = format!("kind: ConfigMap\ndata:\n  id: {}\n", b64("hunter2"));
    let dir = tree(&[("cm.yaml", &short)]);
    let (_, report, _) = scan_json(&["."], dir.path());
    assert_eq!(finding_keys(&report), Vec::<String>::new());
}

#[test]
fn blobs_elsewhere_are_decoded_to_the_depth_asked() {
    let nested = b64(&format!("token = {}", b64(GITHUB)));
    let text = format!("aws = \"{}\"\nnested = \"{nested}\"\n", b64(AWS));
    let dir = tree(&[("app.py", &text)]);
    let (_, report, _) = scan_json(&["."], dir.path());
    assert_eq!(finding_keys(&report), ["app.py:1:8 aws-access-key-id", "app.py:2:11 github-pat"]);
    let (_, report, _) = scan_json(&["--max-decode-depth", "1", "."], dir.path());
    assert_eq!(finding_keys(&report), ["app.py:1:8 aws-access-key-id"]);
    let (_, report, _) = scan_json(&["--max-decode-depth", "0", "."], dir.path());
    assert_eq!(finding_keys(&report), Vec::<String>::new());
}

#[test]
fn a_non_secret_blob_is_not_reported() {
    let text = format!(
        "banner = \"{}\"\nicon = \"{}\"\n",
        b64("Welcome to the staging environment, please be gentle with it."),
        STANDARD.encode([0u8, 159, 146, 150, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15])
    );
    let dir = tree(&[("banner.py", &text)]);
    let (_, report, _) = scan_json(&["."], dir.path());
    assert_eq!(finding_keys(&report), Vec::<String>::new());
}

#[test]
fn decoded_secrets_are_redacted_in_both_forms() {
    let dir = tree(&[("k8s/secret.yaml", &kubernetes_secret())]);
    let out = common::tollgate().current_dir(dir.path()).args(["scan", "--format", "sarif", "."]).output().unwrap();
    let sarif = String::from_utf8_lossy(&out.stdout);
    assert!(!sarif.contains(AWS) && !sarif.contains(&b64(AWS)), "neither the key nor its base64 is printed");
}

/// A kubeconfig's `client-key-data` is a base64 PEM key: the rule for base64 PEM keys matches
/// it as written, and decoding finds the PEM key inside. One credential, one finding.
#[test]
fn a_blob_a_specific_rule_matched_whole_is_not_reported_again_decoded() {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let der: Vec<u8> = (0..600)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    let body = STANDARD.encode(der);
    let lines: Vec<&str> = body.as_bytes().chunks(64).map(|c| std::str::from_utf8(c).unwrap()).collect();
    let pem = format!("-----BEGIN RSA PRIVATE KEY-----\n{}\n-----END RSA PRIVATE KEY-----\n", lines.join("\n"));
    let config = format!(
        "apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    client-key-data: {}\ncurrent-context: prod\n",
        b64(&pem)
    );
    let dir = tree(&[(".kube/config", &config)]);
    let (_, report, _) = scan_json(&["--scanners", "secrets", "."], dir.path());
    assert_eq!(finding_keys(&report), [".kube/config:6:22 base64-pem-private-key"]);
}
