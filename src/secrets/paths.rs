//! Path regexes, shared: a rule's `path` and its allowlists' `paths` name a few patterns that
//! many rules repeat (the presets' test-directory patterns are in 28 rules), and a file opens
//! windows for a dozen rules. So each distinct pattern is compiled once per process and
//! numbered, and a scan asks it once per file ([`PathVerdicts`]) instead of once per window:
//! asking the same regexes of the same path in every window cost 6% of a secrets-only scan.

use anyhow::Result;
use regex_automata::meta::Regex;
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

/// A compiled path pattern and its number among all the patterns this process compiled.
#[derive(Debug)]
pub struct PathRegex {
    id: usize,
    regex: Regex,
}

/// Every path pattern compiled so far, by its text. Rules compile lazily, on worker threads.
static COMPILED: LazyLock<Mutex<HashMap<String, Arc<PathRegex>>>> = LazyLock::new(Default::default);
/// How many patterns have a number (the next number).
static NUMBERED: AtomicUsize = AtomicUsize::new(0);

impl PathRegex {
    /// The compiled `pattern`, compiled by `compile` only the first time any rule names it.
    pub fn shared(pattern: &str, compile: impl FnOnce(&str) -> Result<Regex>) -> Result<Arc<PathRegex>> {
        intern(&COMPILED, pattern, || {
            // A pattern two threads compiled at once is numbered twice and one copy kept: the
            // other number is never asked, which costs a verdict slot, nothing else.
            Ok(Arc::new(PathRegex { id: NUMBERED.fetch_add(1, Ordering::Relaxed), regex: compile(pattern)? }))
        })
    }

    /// Does the pattern match `path`?
    pub fn is_match(&self, path: &str) -> bool {
        self.regex.is_match(path)
    }

    /// [`PathRegex::is_match`] for the file `verdicts` are about, asked at most once per file.
    pub fn is_match_in(&self, path: &str, verdicts: &PathVerdicts) -> bool {
        let Some(slot) = verdicts.answers.get(self.id) else {
            // Numbered after this file started (its rule compiled just now): ask directly.
            return self.is_match(path);
        };
        match slot.get() {
            UNKNOWN => {
                let matched = self.is_match(path);
                slot.set(if matched { MATCHED } else { UNMATCHED });
                matched
            }
            answer => answer == MATCHED,
        }
    }
}

/// What `make` builds for `key`, built only the first time the key is asked for and kept in
/// `interned` for the rest of the process. `make` runs outside the lock (rules compile on
/// several threads at once); if two threads make the same key, the first one stored is kept.
pub(super) fn intern<T: Clone>(
    interned: &Mutex<HashMap<String, T>>,
    key: &str,
    make: impl FnOnce() -> Result<T>,
) -> Result<T> {
    let lock = || interned.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(known) = lock().get(key) {
        return Ok(known.clone());
    }
    let made = make()?;
    Ok(lock().entry(key.to_string()).or_insert(made).clone())
}

const UNKNOWN: u8 = 0;
const MATCHED: u8 = 1;
const UNMATCHED: u8 = 2;

/// The path patterns' answers for one file, filled in as they are asked (one per worker
/// thread; cells, so the syntax gate's shared judge can ask too).
#[derive(Debug, Default)]
pub struct PathVerdicts {
    answers: Vec<Cell<u8>>,
}

impl PathVerdicts {
    /// Forget the last file's answers.
    pub fn new_file(&mut self) {
        let numbered = NUMBERED.load(Ordering::Relaxed);
        self.answers.iter_mut().for_each(|a| *a.get_mut() = UNKNOWN);
        self.answers.resize_with(numbered, || Cell::new(UNKNOWN));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(p: &str) -> Result<Regex> {
        Ok(Regex::new(p)?)
    }

    #[test]
    fn a_pattern_is_compiled_once_and_answered_once_per_file() {
        let first = PathRegex::shared(r"(?:^|/)unit-test-fixtures/", compile).unwrap();
        let again = PathRegex::shared(r"(?:^|/)unit-test-fixtures/", |_| panic!("compiled twice")).unwrap();
        assert!(Arc::ptr_eq(&first, &again));

        let mut verdicts = PathVerdicts::default();
        verdicts.new_file();
        let path = "a/unit-test-fixtures/x.env";
        assert!(first.is_match_in(path, &verdicts));
        // The answer is remembered for the file (whatever path is asked: it is the file's) ...
        assert!(first.is_match_in("src/main.rs", &verdicts));
        // ... and forgotten for the next.
        verdicts.new_file();
        assert!(!first.is_match_in("src/main.rs", &verdicts));
        // A pattern numbered after the file started is asked directly.
        let late = PathRegex::shared(r"\.late-pattern$", compile).unwrap();
        assert!(late.is_match_in("x.late-pattern", &verdicts));
        assert!(!late.is_match_in("x.rs", &verdicts));
    }
}
