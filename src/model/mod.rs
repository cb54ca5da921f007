//! The result types of a scan, shared by every layer: what the engines produce ([`Finding`],
//! [`Region`], [`Severity`]), what went wrong with the scan itself ([`Diagnostic`]), what is
//! known about each rule ([`RuleInfo`]), and the whole result ([`ScanReport`], [`ScanStats`]).
//!
//! This module imports nothing else of tollgate's: engines, suppression, the gate and the report
//! writers all depend on it, never the other way round, so a writer can be read (and tested)
//! without knowing how a finding was made.

pub mod diagnostic;
pub mod finding;
pub mod report;
pub mod rule;

pub use diagnostic::{Diagnostic, DiagnosticLevel};
pub use finding::{CommitInfo, Engine, Finding, Region, Severity, Suppression, SuppressionKind};
pub use report::{BaselineEntry, BaselineOutcome, HistoryScope, ScanReport, ScanStats};
pub use rule::{Category, Confidence, RuleInfo};
