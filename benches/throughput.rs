//! Secrets-engine throughput over a generated mixed source corpus with sparse secrets, with
//! the full built-in rule set. Run with `cargo bench --bench throughput`; divan reports time
//! and bytes/s per benchmark.

#[path = "support/corpus.rs"]
mod corpus;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use rayon::prelude::*;
use std::sync::LazyLock;
use tollgate::analyse::{AnalyseOptions, Engines, FileInput, Scratch, analyse};
use tollgate::classify::classify;
use tollgate::model::DiagnosticLevel;
use tollgate::policy::{PolicySet, builtin_sources};
use tollgate::secrets::{SecretScanner, builtin_specs};

const CORPUS_BYTES: usize = 32 << 20;

static CORPUS: LazyLock<Vec<(String, String)>> = LazyLock::new(|| corpus::generate(42, CORPUS_BYTES));
static ENGINES: LazyLock<Engines> = LazyLock::new(|| {
    Engines::new(
        SecretScanner::new(builtin_specs().expect("built-in rules parse")).expect("built-in rules compile"),
        PolicySet::new(&builtin_sources()).expect("built-in policies compile"),
    )
});

const OPTS: AnalyseOptions = AnalyseOptions { redact: true, parse_errors: DiagnosticLevel::Warning };

/// Every engine over one in-memory file, as a scan worker runs it (minus the file read).
fn analyse_bytes(path: &str, text: &str, engines: &Engines, scratch: &mut Scratch) -> usize {
    let bytes = text.as_bytes();
    let file = FileInput { display: path, fs_path: None, bytes, kind: classify(path, bytes) };
    analyse(&file, engines, scratch, OPTS).findings.len()
}

fn total_bytes() -> usize {
    CORPUS.iter().map(|(_, t)| t.len()).sum()
}

fn main() {
    divan::main();
}

/// One thread, the whole corpus: the engine's own speed.
#[divan::bench(sample_count = 10)]
fn secrets_single_thread(bencher: Bencher) {
    let engines = &*ENGINES;
    bencher.counter(BytesCount::new(total_bytes())).bench(|| {
        let mut scratch = engines.scratch();
        CORPUS.iter().map(|(path, text)| analyse_bytes(path, text, engines, &mut scratch)).sum::<usize>()
    });
}

/// All cores via rayon, as `tollgate scan` runs (without file I/O).
#[divan::bench(sample_count = 10)]
fn secrets_parallel(bencher: Bencher) {
    let engines = &*ENGINES;
    bencher.counter(BytesCount::new(total_bytes())).bench(|| {
        CORPUS
            .par_iter()
            .map_init(|| engines.scratch(), |scratch, (path, text)| analyse_bytes(path, text, engines, scratch))
            .sum::<usize>()
    });
}

/// Start-up cost paid by every invocation (pre-commit hooks feel this): parse and compile the
/// built-in rules and build the keyword automaton.
#[divan::bench(sample_count = 20)]
fn compile_rules() -> SecretScanner {
    SecretScanner::new(black_box(builtin_specs().expect("parse"))).expect("compile")
}
