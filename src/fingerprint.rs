//! Finding fingerprints: an identity that survives code moving and gives nothing away about
//! the secret it stands for.
//!
//! A fingerprint is HMAC-SHA256 over the length-prefixed (rule id, identity, file path),
//! truncated to 128 bits (32 hex digits); the line never enters, so baselines and GitHub alerts
//! survive code moving. A policy finding's identity is the JSON path it blames. A secret
//! finding's identity is a *digest of the secret*, because fingerprints travel where the code
//! does not (baselines, JSON and SARIF reports, code-scanning alerts), and a fast unsalted hash
//! of the secret let anyone holding one recover a short password by brute force:
//!
//! - **With a fingerprint key** (`--fingerprint-key`, `TOLLGATE_FINGERPRINT_KEY` or the config's
//!   `fingerprint-key`): the digest is HMAC-SHA256(key, secret), and the key also keys the outer
//!   HMAC. Without the key a fingerprint says nothing about the secret, however guessable, and
//!   costs one HMAC.
//! - **Without one**: the digest is PBKDF2-HMAC-SHA256 of the secret, salted with the rule and
//!   path, [`STRETCH_ROUNDS`] rounds. Every guess then costs the attacker as much as it cost us,
//!   per finding (the salt rules out one precomputed table for all); with the masked form
//!   showing nothing of a short secret, not even its length, an 8-character password is no
//!   longer a one-second search. Stretching cannot save a dictionary word; the key can.
//!
//! Nothing machine-, clone- or time-dependent enters, so a baseline written on a laptop matches
//! in CI as long as both use the same key, or none. Each distinct secret is stretched once per
//! file ([`SecretDigests`]), so a secret repeated a thousand times costs one stretch.

use ring::{hmac, pbkdf2};
use std::collections::HashMap;
use std::num::NonZeroU32;

/// PBKDF2 rounds for a secret's digest when no key is set. Each round is two SHA-256 blocks:
/// every guess at a fingerprint costs an attacker 256 blocks instead of one fast hash (~5000
/// times the old xxh3), on top of a search space the masked form no longer narrows. More rounds
/// would buy little against a dictionary word and cost a lot on hostile input: 128 rounds
/// measured ~0.04 ms a secret (ring, a shared 2-core VM), so a 420 KB file of 20,000 distinct
/// AWS key ids takes 0.85 s to scan, where it took 0.16 s without stretching; 1024 rounds
/// would make that ~7 s, and a 5 MB file over a minute. A key (one HMAC a finding) is the real
/// protection.
pub const STRETCH_ROUNDS: u32 = 128;

/// Separates tollgate's digests from any other use of the same key or secret, and versions
/// the construction: a change here changes every fingerprint.
const DOMAIN: &[u8] = b"tollgate fingerprint v2";

/// Computes fingerprints, keyed or not; built once per scan and shared by every worker.
#[derive(Clone, Default)]
pub struct Fingerprinter {
    key: Option<Vec<u8>>,
}

impl std::fmt::Debug for Fingerprinter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The key is a secret of its own.
        f.debug_struct("Fingerprinter").field("keyed", &self.key.is_some()).finish()
    }
}

impl Fingerprinter {
    /// Fingerprints keyed with `key` (an empty key counts as none).
    pub fn keyed(key: &[u8]) -> Fingerprinter {
        Fingerprinter { key: (!key.is_empty()).then(|| key.to_vec()) }
    }

    pub fn is_keyed(&self) -> bool {
        self.key.is_some()
    }

    /// The fingerprint of a policy finding: `identity` is the blamed JSON path.
    pub fn policy(&self, rule_id: &str, identity: &str, path: &str) -> String {
        self.combine(rule_id, identity.as_bytes(), path)
    }

    /// The fingerprint of a secret finding; `secret` is the normalised secret. Prefer
    /// [`SecretDigests`] when a file may hold the same secret more than once.
    pub fn secret(&self, rule_id: &str, secret: &[u8], path: &str) -> String {
        self.combine(rule_id, &self.digest(rule_id, secret, path), path)
    }

    /// The keyed or stretched digest standing for `secret`.
    fn digest(&self, rule_id: &str, secret: &[u8], path: &str) -> [u8; 32] {
        match &self.key {
            Some(key) => {
                let mut message = DOMAIN.to_vec();
                message.extend_from_slice(secret);
                tag(key, &message)
            }
            None => {
                let mut salt = Vec::with_capacity(DOMAIN.len() + rule_id.len() + path.len() + 24);
                for part in [DOMAIN, rule_id.as_bytes(), path.as_bytes()] {
                    length_prefixed(&mut salt, part);
                }
                stretch(secret, &salt, STRETCH_ROUNDS)
            }
        }
    }

    fn combine(&self, rule_id: &str, identity: &[u8], path: &str) -> String {
        let mut message = Vec::with_capacity(rule_id.len() + identity.len() + path.len() + 24);
        // Length-prefix each part so ("ab","c") and ("a","bc") differ.
        for part in [rule_id.as_bytes(), identity, path.as_bytes()] {
            length_prefixed(&mut message, part);
        }
        let tag = tag(self.key.as_deref().unwrap_or(DOMAIN), &message);
        tag[..16].iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// HMAC-SHA256 of `message` under `key`.
fn tag(key: &[u8], message: &[u8]) -> [u8; 32] {
    let tag = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, key), message);
    tag.as_ref().try_into().expect("HMAC-SHA256 is 32 bytes")
}

/// PBKDF2-HMAC-SHA256 of `secret` with `salt`, `rounds` rounds.
fn stretch(secret: &[u8], salt: &[u8], rounds: u32) -> [u8; 32] {
    let mut out = [0; 32];
    let rounds = NonZeroU32::new(rounds).expect("at least one round");
    pbkdf2::derive(pbkdf2::PBKDF2_HMAC_SHA256, rounds, salt, secret, &mut out);
    out
}

fn length_prefixed(out: &mut Vec<u8>, part: &[u8]) {
    out.extend_from_slice(&(part.len() as u64).to_le_bytes());
    out.extend_from_slice(part);
}

/// Secret fingerprints for one file, each distinct (rule, secret) digested once.
pub struct SecretDigests<'f> {
    fingerprints: &'f Fingerprinter,
    path: &'f str,
    seen: HashMap<(String, Vec<u8>), String>,
}

impl<'f> SecretDigests<'f> {
    pub fn new(fingerprints: &'f Fingerprinter, path: &'f str) -> Self {
        SecretDigests { fingerprints, path, seen: HashMap::new() }
    }

    pub fn fingerprint(&mut self, rule_id: &str, secret: &[u8]) -> String {
        if let Some(fp) = self.seen.get(&(rule_id.to_string(), secret.to_vec())) {
            return fp.clone();
        }
        let fp = self.fingerprints.secret(rule_id, secret, self.path);
        self.seen.insert((rule_id.to_string(), secret.to_vec()), fp.clone());
        fp
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_unambiguous_and_stable() {
        let f = Fingerprinter::default();
        let a = f.policy("r", "ab", "c");
        assert_ne!(a, f.policy("r", "a", "bc"));
        assert_eq!(a, f.policy("r", "ab", "c"));
        assert_eq!(a.len(), 32);
        assert_eq!(f.secret("r", b"hunter22", "p"), f.secret("r", b"hunter22", "p"));
        assert_ne!(f.secret("r", b"hunter22", "p"), f.secret("r", b"hunter23", "p"));
        assert_ne!(f.secret("r", b"hunter22", "p"), f.secret("r", b"hunter22", "q"));
    }

    #[test]
    fn a_key_changes_every_fingerprint() {
        let plain = Fingerprinter::default();
        let keyed = Fingerprinter::keyed(b"team key");
        assert!(keyed.is_keyed() && !Fingerprinter::keyed(b"").is_keyed());
        assert_ne!(plain.secret("r", b"hunter22", "p"), keyed.secret("r", b"hunter22", "p"));
        assert_ne!(plain.policy("r", "a/b", "p"), keyed.policy("r", "a/b", "p"));
        assert_ne!(keyed.secret("r", b"hunter22", "p"), Fingerprinter::keyed(b"other").secret("r", b"hunter22", "p"));
        assert!(!format!("{keyed:?}").contains("team key"));
    }

    #[test]
    fn the_unkeyed_secret_digest_is_pbkdf2_not_a_fast_hash() {
        // One round of a fast hash would equal the single-round PBKDF2; the real digest must not.
        let f = Fingerprinter::default();
        let mut salt = Vec::new();
        for part in [DOMAIN, b"r".as_slice(), b"p".as_slice()] {
            length_prefixed(&mut salt, part);
        }
        let one_round = stretch(b"hunter22", &salt, 1);
        let stretched = stretch(b"hunter22", &salt, STRETCH_ROUNDS);
        assert_eq!(f.digest("r", b"hunter22", "p"), stretched);
        assert_ne!(stretched, one_round);
    }

    #[test]
    fn digests_are_cached_per_secret() {
        let f = Fingerprinter::default();
        let mut d = SecretDigests::new(&f, "p");
        let a = d.fingerprint("r", b"s3cr3t-value");
        assert_eq!(a, d.fingerprint("r", b"s3cr3t-value"));
        assert_eq!(a, f.secret("r", b"s3cr3t-value", "p"));
        assert_eq!(d.seen.len(), 1);
    }
}
