//! tollgate: a DevSecOps scanner and pipeline gate.
//!
//! The modules follow the data flow of a scan:
//! [`discover`] (which files) → [`classify`] (what kind, from the [`kinds`] registry) → [`analyse`] ([`secrets`]; the kind
//! parses with a [`syntax`] reader and adds [`facets`], then [`policy`]; then [`redact`], the one place secrets are masked) → [`locate`] (where each
//! finding is) → [`suppress`] (inline markers, the baseline) → [`report`] (one writer per format)
//! → [`gate`] (the exit code). [`model`] holds the result types every layer shares and imports
//! nothing of ours; [`scan::run`] is the whole scan as one call, which [`cli`] (the command line),
//! the tests and the benches make; [`fingerprint`] is a finding's identity. [`upload`] sends a
//! SARIF report to GitHub code scanning, with the line fingerprints of [`linehash`]; the URIs
//! and fingerprint keys SARIF writer and readers share are in [`sarif_location`].

pub mod analyse;
pub mod catalog;
pub mod changes;
pub mod classify;
pub mod cli;
pub mod config;
pub mod discover;
pub mod escape;
pub mod facets;
pub mod fingerprint;
pub mod gate;
pub mod git;
pub mod history;
pub mod input;
pub mod kinds;
pub mod linehash;
pub mod locate;
pub mod merge;
pub mod model;
pub mod policy;
pub mod redact;
pub mod report;
pub mod sarif_location;
pub mod scan;
pub mod secrets;
pub mod shard;
pub mod source;
pub mod suppress;
pub mod syntax;
pub mod upload;
pub mod workflows;
