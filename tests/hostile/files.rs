//! Odd files and odd names: UTF-16 text, things that are not files, streams, and file names
//! built to drive a terminal or to collide.
//!
//! Files swapped after the walk (a FIFO or a symlink put in a walked file's place) cannot be
//! raced reliably through the binary; `src/input.rs` tests the reading function on a FIFO and
//! a symlink directly.

use super::*;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::Command;

const SECRET: &str = "hunter2hunter2XYZ";

fn python_with_password() -> String {
    format!("import os\npassword = \"{SECRET}\"\n")
}

/// `path:line:column rule` of each finding in a JSON report, sorted.
fn findings(run: &Run) -> Vec<String> {
    crate::common::finding_keys(&serde_json::from_str(&run.stdout).expect("a JSON report"))
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// Run `sh -c script` in `cwd` under `budget` (for stdin redirections and process substitution;
/// `exec` keeps tollgate the measured process).
fn run_shell(script: &str, cwd: &Path, budget: Budget) -> Run {
    let mut cmd = Command::new("bash");
    cmd.arg("-c").arg(script).current_dir(cwd).env("NO_COLOR", "1").env("TOLLGATE", binary());
    run_command(cmd, budget)
}

#[test]
fn utf16_and_utf8_bom_files_are_decoded_and_scanned_with_editor_positions() {
    let text = python_with_password();
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let mut utf8 = vec![0xEF, 0xBB, 0xBF];
    utf8.extend(text.as_bytes());
    let budget = Budget::default();
    let run =
        scan_tree(&[("plain.py", text.clone().into_bytes()), ("le.py", le), ("be.py", be), ("bom8.py", utf8)], budget);
    // Same line and column as the plain file: the positions an editor shows for the decoded text.
    let rule = "generic-password-assignment";
    assert_eq!(
        findings(&run),
        [
            format!("be.py:2:13 {rule}"),
            format!("bom8.py:2:13 {rule}"),
            format!("le.py:2:13 {rule}"),
            format!("plain.py:2:13 {rule}")
        ]
    );
    assert!(run.stdout.contains("\"skipped_binary\": 0") || run.stdout.contains("\"skipped_binary\":0"));
    run.assert_never_prints(SECRET);
}

#[test]
fn named_paths_that_are_not_files_or_directories_are_errors() {
    let dir = tree_bytes(&[("ok.py", b"x = 1\n".to_vec())]);
    mkfifo(&dir.path().join("pipe"));
    // Once each: a FIFO (hung or "scanned 0 files" before), a device, a path that is not there.
    for (path, what) in [("pipe", "a FIFO"), ("/dev/zero", "a character device"), ("missing.py", "No such file")] {
        let budget = Budget { wall: std::time::Duration::from_secs(30), rss_mib: 256 };
        let run = super::run(&["scan", "ok.py", path], dir.path(), budget);
        run.assert_within(budget, &[2]);
        assert!(run.stderr.contains(&format!("cannot scan {path}")), "{}", run.stderr);
        assert!(run.stderr.contains(what), "{}", run.stderr);
    }
}

#[test]
fn a_process_substitution_is_an_error_that_points_to_scan_dash() {
    let dir = tree_bytes(&[]);
    let budget = Budget { wall: std::time::Duration::from_secs(30), rss_mib: 256 };
    let run = run_shell("exec \"$TOLLGATE\" scan <(printf 'password = \"x\"\\n')", dir.path(), budget);
    run.assert_within(budget, &[2]);
    assert!(run.stderr.contains("cannot scan /dev/fd/"), "{}", run.stderr);
    assert!(run.stderr.contains("tollgate scan -"), "{}", run.stderr);
}

#[test]
fn scan_dash_reads_stdin_under_its_name_and_classifies_by_it() {
    let dir = tree_bytes(&[
        ("app.py", python_with_password().into_bytes()),
        (
            "sg.tf",
            b"resource \"aws_security_group\" \"bastion\" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    \
              protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n"
                .to_vec(),
        ),
    ]);
    let budget = Budget { wall: std::time::Duration::from_secs(30), rss_mib: 512 };
    let run = run_shell("exec \"$TOLLGATE\" scan - --format json < app.py", dir.path(), budget);
    run.assert_within(budget, &[0]);
    assert_eq!(findings(&run), ["<stdin>:2:13 generic-password-assignment"]);
    run.assert_never_prints(SECRET);

    // Named as Terraform, the stream gets the Terraform policies (TG-NET-001: SSH open to the world).
    let run = run_shell("exec \"$TOLLGATE\" scan - --stdin-name infra/sg.tf --format json < sg.tf", dir.path(), budget);
    run.assert_within(budget, &[1]);
    assert!(
        findings(&run).iter().any(|f| f.starts_with("infra/sg.tf:") && f.ends_with("TG-NET-001")),
        "{}",
        run.stdout
    );

    // `-` with other paths is a usage error.
    let run = run_shell("exec \"$TOLLGATE\" scan - app.py < app.py", dir.path(), budget);
    run.assert_within(budget, &[2]);
}

#[test]
fn an_endless_stdin_is_cut_at_the_size_limit() {
    let dir = tree_bytes(&[]);
    // Unbounded, this reads until memory runs out; bounded, it holds at most 4 MiB + 1 byte.
    let budget = Budget { wall: std::time::Duration::from_secs(30), rss_mib: 256 };
    let run = run_shell("exec \"$TOLLGATE\" scan - --max-file-size 4M --format json < /dev/zero", dir.path(), budget);
    run.assert_within(budget, &[0]);
    assert!(run.stdout.contains("<stdin>"), "listed as skipped too large: {}", run.stdout);
}

/// A file name that, printed raw, sets the terminal title, clears the screen and fakes a
/// second line.
const EVIL_NAME: &[u8] = b"evil\x1b]0;pwned\x07\x1b[2J\nfake.py";

#[test]
fn control_characters_in_names_and_lines_never_reach_the_terminal() {
    let dir = tree_bytes(&[]);
    let token = "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    std::fs::write(
        dir.path().join(OsStr::from_bytes(EVIL_NAME)),
        format!("token = \"{token}\" # \x1b]8;;http://evil\x07click\x1b]8;;\x07\n"),
    )
    .unwrap();
    let budget = Budget { wall: std::time::Duration::from_secs(30), rss_mib: 512 };
    for format in ["text", "github", "junit", "json"] {
        let run = super::run(&["scan", ".", "--format", format], dir.path(), budget);
        run.assert_within(budget, &[0, 1]);
        assert!(!run.stdout.contains('\x1b') && !run.stdout.contains('\x07'), "{format} prints raw control characters");
        assert!(!run.stdout.contains("\nfake.py"), "{format} lets a name start a new line");
        assert!(run.stdout.contains("evil"), "{format} names the file:\n{}", run.stdout);
        run.assert_never_prints(token);
    }
    let run = super::run(&["scan", "."], dir.path(), budget);
    assert!(run.stdout.contains("evil\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\nfake.py"), "{}", run.stdout);
}

#[test]
fn distinct_non_utf8_names_stay_distinct_for_the_baseline() {
    let dir = tree_bytes(&[]);
    let content = python_with_password();
    std::fs::write(dir.path().join(OsStr::from_bytes(b"caf\xe9.py")), &content).unwrap();
    let budget = Budget { wall: std::time::Duration::from_secs(30), rss_mib: 512 };
    let run = super::run(&["scan", ".", "--write-baseline", "baseline.json"], dir.path(), budget);
    run.assert_within(budget, &[0]);

    // Another file whose name differs only in a byte that is not UTF-8: lossy conversion made
    // both `caf\u{FFFD}.py`, and the baseline entry for one accepted the other.
    std::fs::write(dir.path().join(OsStr::from_bytes(b"caf\xe8.py")), &content).unwrap();
    let run = super::run(
        &["scan", ".", "--baseline", "baseline.json", "--fail-on", "medium", "--format", "json"],
        dir.path(),
        budget,
    );
    run.assert_within(budget, &[1]);
    assert_eq!(findings(&run), ["caf\\xe8.py:2:13 generic-password-assignment"]);
}

#[test]
fn staged_files_with_non_utf8_names_keep_the_same_identity_as_walked_ones() {
    let dir = tree_bytes(&[]);
    let name = OsStr::from_bytes(b"caf\xe9.py");
    std::fs::write(dir.path().join(name), python_with_password()).unwrap();
    let git = |args: &[&OsStr]| {
        let ok = Command::new("git").args(args).current_dir(dir.path()).output().expect("git").status.success();
        assert!(ok, "git {args:?}");
    };
    git(&[OsStr::new("init"), OsStr::new("-q")]);
    git(&[OsStr::new("add"), OsStr::new("--"), name]);
    let budget = Budget { wall: std::time::Duration::from_secs(30), rss_mib: 512 };
    let staged = super::run(&["scan", "--staged", "--format", "json"], dir.path(), budget);
    staged.assert_within(budget, &[0]);
    let walked = super::run(&["scan", ".", "--format", "json"], dir.path(), budget);
    assert_eq!(findings(&staged), ["caf\\xe9.py:2:13 generic-password-assignment"]);
    assert_eq!(findings(&staged), findings(&walked));
}
