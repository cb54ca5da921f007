//! tollgate: a DevSecOps scanner and pipeline gate.
//!
//! The modules follow the data flow of a scan:
//! [`discover`] (which files) → [`classify`] (what kind) → [`analyse`] ([`secrets`]; [`parse`]
//! then [`policy`]; then [`redact`], the one place secrets are masked) → [`report`] (text, JSON,
//! SARIF) → [`gate`] (the exit code). [`scan`] ties them together, [`finding`] is the one result
//! type every engine produces, [`fingerprint`] its identity, and [`cli`] is the command line. [`upload`] sends a SARIF report to GitHub code scanning, with the line
//! fingerprints of [`linehash`].

pub mod analyse;
pub mod catalog;
pub mod changes;
pub mod classify;
pub mod cli;
pub mod config;
pub mod discover;
pub mod escape;
pub mod finding;
pub mod fingerprint;
pub mod gate;
pub mod git;
pub mod history;
pub mod input;
pub mod linehash;
pub mod parse;
pub mod policy;
pub mod redact;
pub mod report;
pub mod scan;
pub mod secrets;
pub mod source;
pub mod suppress;
pub mod upload;
