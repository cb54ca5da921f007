//! Runs one fuzz target: proptest generates cases from the target's seeds, each case is
//! written to disk and checked in a thread of its own under a time limit, and a failing case
//! is shrunk and kept under `target/fuzz-failures/` for replay.
//!
//! Why each piece is there:
//! - The case is written to `<target>-current/` *before* it runs, so a crash that takes the
//!   whole process down (a stack overflow aborts, an allocation failure aborts, the OOM killer
//!   kills) still leaves the input that did it on disk.
//! - A case runs in its own thread so a hang can be noticed: after `TOLLGATE_FUZZ_TIMEOUT`
//!   seconds the case fails as hung. A thread cannot be killed, so the hung one is left behind
//!   and every later case of the target passes without running; proptest then reports the hung
//!   input itself instead of spending the shrink on more hangs.
//! - A panic is caught by the thread and becomes the case's failure, with its message and
//!   location (and a backtrace under `RUST_BACKTRACE=1`); proptest shrinks it to a small input.
//!
//! Settings (environment): `TOLLGATE_FUZZ_CASES` cases per target, `TOLLGATE_FUZZ_SEED` the
//! run's seed (a number; each target mixes in its name), `TOLLGATE_FUZZ_TIMEOUT` seconds per
//! case, `TOLLGATE_FUZZ_OUT` where failures go, `TOLLGATE_FUZZ_REPLAY` a saved case directory to
//! check again instead of generating cases.

use crate::corpus::Seed;
use crate::mutate::{Case, cases};
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Once, mpsc};
use std::time::{Duration, Instant};

/// The file a check looks at, as written to its case directory.
pub struct Input {
    /// The case's file tree (the file and its unmutated siblings).
    pub tree: PathBuf,
    /// The mutated file's path inside `tree`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What a case showed: `Ok` with a short label for the run's tally (`parsed`, `parse error`),
/// or why it failed.
pub type Outcome = Result<&'static str, String>;

/// One fuzz target: a reader (or the whole scan), its seeds and the properties it must hold.
pub struct Target {
    pub name: &'static str,
    pub seeds: fn() -> Vec<Seed>,
    pub check: fn(&Input) -> Outcome,
    /// Cases in a default `cargo test` run.
    pub default_cases: u32,
}

struct Settings {
    cases: u32,
    seed: u64,
    timeout: Duration,
    out: PathBuf,
}

impl Settings {
    fn from_env(default_cases: u32) -> Settings {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let number = |name: &str| {
            var(name).map(|v| v.parse::<u64>().unwrap_or_else(|_| panic!("{name}={v} is not a whole number")))
        };
        Settings {
            cases: number("TOLLGATE_FUZZ_CASES").map_or(default_cases, |n| n as u32),
            seed: number("TOLLGATE_FUZZ_SEED").unwrap_or(0),
            timeout: Duration::from_secs(number("TOLLGATE_FUZZ_TIMEOUT").unwrap_or(10)),
            out: var("TOLLGATE_FUZZ_OUT")
                .map(PathBuf::from)
                .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures")),
        }
    }
}

/// Run `target` (or replay a saved case of it when `TOLLGATE_FUZZ_REPLAY` is set), panicking
/// with the saved case's location if any case fails.
pub fn fuzz(target: Target) {
    install_panic_hook();
    let settings = Settings::from_env(target.default_cases);
    if let Some(dir) = std::env::var_os("TOLLGATE_FUZZ_REPLAY") {
        return replay(&target, Path::new(&dir), settings.timeout);
    }
    let seeds = (target.seeds)();
    assert!(!seeds.is_empty(), "{}: no seeds", target.name);
    let current = settings.out.join(format!("{}-current", target.name));
    let hung = AtomicBool::new(false);
    let tally = Mutex::new(BTreeMap::<&'static str, u64>::new());
    let contained = Mutex::new(None::<PathBuf>);
    let slowest = Mutex::new((Duration::ZERO, String::new()));

    let config = Config {
        cases: settings.cases,
        failure_persistence: None,
        max_shrink_time: 120_000,
        max_shrink_iters: 4_096,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &rng_seed(&settings, &target)));
    let started = Instant::now();
    let result = runner.run(&cases(seeds.len()), |case| {
        if hung.load(Ordering::Relaxed) {
            return Ok(());
        }
        let input = materialise(&current, &case, &seeds, "running (if the process died, this case did it)")
            .map_err(|e| TestCaseError::fail(format!("cannot write the case: {e}")))?;
        let (path, size, began) = (input.path.clone(), input.bytes.len(), Instant::now());
        let verdict = run_with_timeout(target.check, input, settings.timeout);
        let took = began.elapsed();
        let mut slow = slowest.lock().unwrap();
        if took > slow.0 {
            *slow = (took, format!("{path} mutated to {size} bytes"));
        }
        drop(slow);
        match verdict {
            Ran { outcome: Ok(label), contained_panic } => {
                *tally.lock().unwrap().entry(label).or_default() += 1;
                if let Some(panic) = contained_panic {
                    // A panic the code caught itself (the YAML reader guards its parser): not a
                    // failure, but worth a look; keep the first.
                    let mut kept = contained.lock().unwrap();
                    if kept.is_none() {
                        *kept = save(&settings.out, &target, &case, &seeds, &format!("contained panic: {panic}")).ok();
                    }
                }
                Ok(())
            }
            Ran { outcome: Err(why), .. } => Err(TestCaseError::fail(why)),
            TimedOut => {
                hung.store(true, Ordering::Relaxed);
                Err(TestCaseError::fail(format!("hung: no answer after {:?}", settings.timeout)))
            }
        }
    });
    let tally = tally.into_inner().unwrap();
    // Shrinking runs cases too; after a hang none run.
    eprintln!(
        "fuzz {}: {} cases run ({} asked) from {} seeds in {:.1?} (seed {}): {tally:?}",
        target.name,
        tally.values().sum::<u64>(),
        settings.cases,
        seeds.len(),
        started.elapsed(),
        settings.seed
    );
    let (took, what) = slowest.into_inner().unwrap();
    eprintln!("fuzz {}: slowest case {took:.1?} ({what})", target.name);
    if let Some(dir) = contained.into_inner().unwrap() {
        eprintln!("fuzz {}: a panic was caught and contained; first case kept in {}", target.name, dir.display());
    }
    match result {
        Ok(()) => {
            let _ = fs::remove_dir_all(&current);
        }
        Err(TestError::Fail(why, case)) => {
            let saved = save(&settings.out, &target, &case, &seeds, why.message())
                .unwrap_or_else(|e| panic!("{}: {why}; the case could not be saved: {e}\n{case:#?}", target.name));
            let _ = fs::remove_dir_all(&current);
            panic!(
                "fuzz {}: {why}\nsaved in {dir}\nreplay: TOLLGATE_FUZZ_REPLAY={dir} cargo test --test fuzz {}",
                target.name,
                target.name,
                dir = saved.display()
            );
        }
        Err(TestError::Abort(why)) => panic!("fuzz {}: aborted: {why}", target.name),
    }
}

/// The proptest seed for this target: the run's seed mixed with the target's name, so targets
/// do not all start from the same stream.
fn rng_seed(settings: &Settings, target: &Target) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (i, chunk) in out.chunks_mut(8).enumerate() {
        let mut h = DefaultHasher::new();
        (settings.seed, target.name, i).hash(&mut h);
        chunk.copy_from_slice(&h.finish().to_le_bytes());
    }
    out
}

/// Write `case` to `dir` (replacing what was there): `tree/` holds the mutated file at its
/// seed's path and the seed's siblings; `case.txt` says which file is the mutated one, the
/// seed, the edits and `note`.
fn materialise(dir: &Path, case: &Case, seeds: &[Seed], note: &str) -> std::io::Result<Input> {
    let seed = case.seed(seeds);
    let (bytes, steps) = case.build(seeds);
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    let tree = dir.join("tree");
    for (path, content) in seed.siblings.iter().map(|(p, b)| (p, b.as_slice())).chain([(&seed.path, bytes.as_slice())])
    {
        let file = tree.join(path);
        fs::create_dir_all(file.parent().expect("a file has a parent"))?;
        fs::write(file, content)?;
    }
    let steps: String = steps.iter().map(|s| format!("- {s}\n")).collect();
    fs::write(dir.join("case.txt"), format!("file: {}\n{note}\n\nedits of the fixture:\n{steps}", seed.path))?;
    Ok(Input { tree, path: seed.path.clone(), bytes })
}

/// Keep `case` as `<out>/<target>-<hash of the input>/`.
fn save(out: &Path, target: &Target, case: &Case, seeds: &[Seed], why: &str) -> std::io::Result<PathBuf> {
    let mut h = DefaultHasher::new();
    (case.seed(seeds).path.as_str(), case.bytes(seeds)).hash(&mut h);
    let dir = out.join(format!("{}-{:016x}", target.name, h.finish()));
    materialise(&dir, case, seeds, why)?;
    Ok(dir)
}

/// Check a saved case again (the `file:` line of its `case.txt` names the mutated file).
fn replay(target: &Target, dir: &Path, timeout: Duration) {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if !name.starts_with(&format!("{}-", target.name)) {
        eprintln!("fuzz {}: {name} is another target's case; skipped", target.name);
        return;
    }
    let notes = fs::read_to_string(dir.join("case.txt")).expect("the case directory has a case.txt");
    let path = notes.lines().next().and_then(|l| l.strip_prefix("file: ")).expect("case.txt starts with `file: `");
    let tree = dir.join("tree");
    let bytes = fs::read(tree.join(path)).expect("the case's file is there");
    let input = Input { tree, path: path.to_string(), bytes };
    match run_with_timeout(target.check, input, timeout) {
        Ran { outcome: Ok(label), contained_panic } => {
            eprintln!("fuzz {}: {} passes ({label}); contained panic: {contained_panic:?}", target.name, dir.display())
        }
        Ran { outcome: Err(why), .. } => panic!("fuzz {}: {} fails: {why}", target.name, dir.display()),
        TimedOut => panic!("fuzz {}: {} hangs (no answer after {timeout:?})", target.name, dir.display()),
    }
}

enum Verdict {
    Ran { outcome: Outcome, contained_panic: Option<String> },
    TimedOut,
}
use Verdict::{Ran, TimedOut};

/// Run `check` on `input` in a thread of its own (named `fuzz-case`, with the default 2 MiB
/// stack of the scan's worker threads), waiting at most `timeout`.
fn run_with_timeout(check: fn(&Input) -> Outcome, input: Input, timeout: Duration) -> Verdict {
    let (send, receive) = mpsc::channel();
    std::thread::Builder::new()
        .name("fuzz-case".into())
        .spawn(move || {
            let outcome = std::panic::catch_unwind(|| check(&input));
            // A panic in a thread the case started (the scan's worker pool) is re-raised in
            // the case thread by rayon; its message was kept by the worker.
            let last = LAST_PANIC
                .with(|p| p.borrow_mut().take())
                .or_else(|| WORKER_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take());
            let verdict = match outcome {
                Ok(outcome) => Ran { outcome, contained_panic: last },
                Err(_) => Ran { outcome: Err(format!("panic: {}", last.unwrap_or_default())), contained_panic: None },
            };
            let _ = send.send(verdict);
        })
        .expect("spawn a case thread");
    receive.recv_timeout(timeout).unwrap_or(TimedOut)
}

thread_local! {
    /// The message, location and (under `RUST_BACKTRACE`) backtrace of this thread's last panic.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The last panic of an unnamed thread (a rayon worker of the scan a case runs). Targets may
/// run in parallel, so this can in rare cases name another target's panic; the saved input is
/// what counts.
static WORKER_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Record panics of case threads instead of printing them (a shrink may panic hundreds of
/// times) and remember those of unnamed worker threads; named threads (the test harness's)
/// keep the default behaviour.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = Arc::new(std::panic::take_hook());
        std::panic::set_hook(Box::new(move |info| {
            let thread = std::thread::current();
            let record = || format!("{info}\n{}", std::backtrace::Backtrace::capture());
            match thread.name() {
                Some("fuzz-case") => LAST_PANIC.with(|p| *p.borrow_mut() = Some(record())),
                None => *WORKER_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(record()),
                Some(_) => previous(info),
            }
        }));
    });
}
