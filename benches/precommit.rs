//! What a pre-commit run pays: the whole `tollgate scan --staged` process over ten staged files
//! (start-up, git calls, rule and policy compile, scan), the same scan in process, and the policy
//! compile on its own, for
//! the full built-in pack and per file kind (what a run compiles for the kinds it meets).
//! Run with `cargo bench --bench precommit`; needs `git` on PATH.

#[path = "support/corpus.rs"]
#[allow(dead_code)] // Shared with the throughput bench; this one generates single files.
mod corpus;

use divan::{Bencher, black_box};
use std::path::Path;
use std::process::Command;
use tempfile::TempDir;
use tollgate::gate::FailOn;
use tollgate::policy::metadata::KINDS;
use tollgate::policy::select::sources_for_kind;
use tollgate::policy::{PolicySet, builtin_sources};
use tollgate::scan::{self, Input, ScanRequest};

fn main() {
    // As the binary does (see src/main.rs): regorus' parser errors would otherwise each capture
    // a backtrace when RUST_BACKTRACE is set, and the compile benches would measure that.
    if std::env::var_os("RUST_LIB_BACKTRACE").is_none() {
        // SAFETY: before divan starts any thread.
        unsafe { std::env::set_var("RUST_LIB_BACKTRACE", "0") };
    }
    divan::main();
}

/// IaC files a commit might touch, from the checks' examples.
const IAC: &[&str] = &[
    "policies/common/network/TG-NET-001-restricted-port-open-to-world/examples/bad/security_group.tf",
    "policies/kubernetes/pod/TG-K8S-001-privileged-container/examples/bad/deployment.yaml",
    "policies/docker/dockerfile/TG-DOCKER-001-run-as-root/examples/bad/Dockerfile",
];

/// A git repository with ten staged files: generated source files (~6 KiB each), the first
/// `iac` of them replaced by the IaC fixtures.
fn staged_repo(iac: usize) -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    let git = |args: &[&str]| {
        let status = Command::new("git").args(args).current_dir(dir.path()).status().expect("git runs");
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    let mut rng = corpus::Rng::new(7);
    for n in 0..10 {
        let (path, text) = match IAC.get(n).filter(|_| n < iac) {
            Some(fixture) => {
                let name = Path::new(fixture).file_name().unwrap().to_string_lossy();
                (
                    format!("infra{n}/{name}"),
                    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture)).expect("fixture"),
                )
            }
            None => corpus::file(&mut rng, n, 6 << 10),
        };
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    git(&["add", "-A"]);
    dir
}

/// `tollgate scan --staged` as the hook runs it, 10 staged files of which `iac` are IaC.
#[divan::bench(args = [0, 3], sample_count = 30)]
fn scan_staged(bencher: Bencher, iac: usize) {
    let repo = staged_repo(iac);
    bencher.bench(|| {
        let out = Command::new(env!("CARGO_BIN_EXE_tollgate"))
            .args(["scan", "--staged", "--fail-on", "never", "--format", "json"])
            .current_dir(repo.path())
            .output()
            .expect("tollgate runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        out.stdout.len()
    });
}

/// The same scan as one library call ([`tollgate::scan::run`], which the binary makes): what a
/// pre-commit run costs without process start-up and report writing.
#[divan::bench(args = [0, 3], sample_count = 30)]
fn scan_staged_in_process(bencher: Bencher, iac: usize) {
    let repo = staged_repo(iac);
    let mut request = ScanRequest::new(Input::Staged, repo.path());
    request.fail_on = Some(FailOn::Never);
    bencher.bench(|| {
        let outcome = scan::run(&request).expect("the scan runs");
        outcome.report.files.len()
    });
}

/// Compiling every built-in policy and library (what `tollgate policies` and `explain` do).
#[divan::bench(sample_count = 10)]
fn compile_policies_all() -> PolicySet {
    PolicySet::new(black_box(&builtin_sources())).expect("compiles")
}

/// Compiling what one kind needs, as a scan does on the first file of that kind.
#[divan::bench(args = KINDS.iter().copied(), sample_count = 10)]
fn compile_policies_for(bencher: Bencher, kind: &str) {
    let sources = builtin_sources();
    bencher.bench(|| {
        let needed: Vec<_> = sources_for_kind(&sources, kind, None).into_iter().cloned().collect();
        PolicySet::new(&needed).expect("compiles")
    });
}
