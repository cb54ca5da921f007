//! Run the binary under a time and memory budget and report what happened.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The limits one hostile case runs under.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Killed (and the case fails as a hang) after this long.
    pub wall: Duration,
    /// The case fails when the process's peak resident set exceeds this many MiB.
    pub rss_mib: u64,
}

impl Default for Budget {
    fn default() -> Self {
        Budget { wall: Duration::from_secs(30), rss_mib: 1024 }
    }
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// The exit code; `None` when a signal ended it (a crash or our kill).
    pub code: Option<i32>,
    pub signal: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
    pub peak_rss_mib: u64,
    pub timed_out: bool,
}

impl Run {
    /// Assert that the run stayed within `budget`, did not crash, and exited with one of `codes`.
    #[track_caller]
    pub fn assert_within(&self, budget: Budget, codes: &[i32]) -> &Self {
        assert!(!self.timed_out, "hung: killed after {:?}\nstderr: {}", budget.wall, tail(&self.stderr));
        assert!(
            self.peak_rss_mib <= budget.rss_mib,
            "peak RSS {} MiB over the {} MiB budget\nstderr: {}",
            self.peak_rss_mib,
            budget.rss_mib,
            tail(&self.stderr)
        );
        assert!(self.signal.is_none(), "killed by signal {:?} (crash)\nstderr: {}", self.signal, tail(&self.stderr));
        let code = self.code.expect("an exit code");
        assert!(codes.contains(&code), "exit {code}, expected one of {codes:?}\nstderr: {}", tail(&self.stderr));
        self
    }

    /// Assert that `needle` appears in neither stdout nor stderr.
    #[track_caller]
    pub fn assert_never_prints(&self, needle: &str) -> &Self {
        for (name, text) in [("stdout", &self.stdout), ("stderr", &self.stderr)] {
            assert!(!text.contains(needle), "{name} prints `{needle}`:\n{}", tail(text));
        }
        self
    }
}

fn tail(text: &str) -> &str {
    let cut = text.len().saturating_sub(4000);
    let cut = (cut..text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
    &text[cut..]
}

/// The tollgate binary built for these tests.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_tollgate"))
}

/// Run `tollgate args...` in `cwd` under `budget`, with stdin closed.
pub fn run(args: &[&str], cwd: &Path, budget: Budget) -> Run {
    let mut cmd = Command::new(binary());
    cmd.args(args).current_dir(cwd).env("NO_COLOR", "1");
    run_command(cmd, budget)
}

/// Run a prepared command under `budget`: poll it with `wait4` so the kernel reports its peak
/// RSS, and kill it when the wall clock runs out.
pub fn run_command(mut cmd: Command, budget: Budget) -> Run {
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn tollgate");
    let pid = child.id() as libc::pid_t;
    // Drain the pipes on their own threads so a chatty child never blocks on a full pipe.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || read_all(&mut out));
    let err = std::thread::spawn(move || read_all(&mut err));
    let started = Instant::now();
    let mut timed_out = false;
    let (status, usage) = loop {
        let mut status = 0;
        // SAFETY: plain syscall on our own child's pid with valid out-pointers.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if done == pid {
            break (status, usage);
        }
        assert!(done == 0, "wait4 failed: {}", std::io::Error::last_os_error());
        if !timed_out && started.elapsed() > budget.wall {
            timed_out = true;
            // SAFETY: signalling our own child.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let elapsed = started.elapsed();
    // The child is reaped; keep std from waiting on it again.
    std::mem::forget(child);
    let (code, signal) = if libc::WIFEXITED(status) {
        (Some(libc::WEXITSTATUS(status)), None)
    } else {
        (None, libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status)))
    };
    Run {
        code,
        signal: if timed_out { None } else { signal },
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
        elapsed,
        // ru_maxrss is in KiB on Linux.
        peak_rss_mib: usage.ru_maxrss as u64 / 1024,
        timed_out,
    }
}

fn read_all(r: &mut impl std::io::Read) -> String {
    let mut buf = Vec::new();
    let _ = r.read_to_end(&mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// A temporary directory with `files` (path, bytes).
pub fn tree_bytes(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::TempDir::new().expect("temporary directory");
    for (path, bytes) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    dir
}

/// `tollgate scan . --format json` on `files` under `budget`, expecting exit 0 or 1 (a verdict).
#[track_caller]
pub fn scan_tree(files: &[(&str, Vec<u8>)], budget: Budget) -> Run {
    let dir = tree_bytes(files);
    let run = run(&["scan", ".", "--format", "json"], dir.path(), budget);
    run.assert_within(budget, &[0, 1]);
    run
}

#[test]
fn the_harness_reports_exit_codes_and_rss() {
    let dir = tree_bytes(&[("a.txt", b"hello\n".to_vec())]);
    let r = run(&["scan", "."], dir.path(), Budget::default());
    r.assert_within(Budget::default(), &[0]);
    assert!(r.peak_rss_mib > 0);
}
