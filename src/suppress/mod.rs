//! Accepted findings: inline comments next to the code ([`inline`]) and the baseline file
//! ([`baseline`]). Suppressed findings are not dropped: reports list them (SARIF
//! `suppressions`) and the summary counts them; they only stop failing the gate.

pub mod baseline;
pub mod inline;

pub use baseline::{Baseline, BaselineOutcome};
pub use inline::{Block, Markers};
