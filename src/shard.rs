//! `scan --shard K/N`: one of N disjoint slices of a scan, so a CI matrix of N jobs scans
//! everything exactly once and `tollgate merge` puts the reports back together.
//!
//! A file belongs to shard `crc32(path) % N + 1`, its path as reported (relative to the scan
//! root, `/`-separated). CRC-32 (IEEE) is fixed by its standard, unlike std's `DefaultHasher`,
//! so every job of a matrix, on any platform or toolchain, agrees on the partition; and it
//! depends on the path alone, never on the order the walk yields files.
//!
//! A history scan partitions its blobs by the path each was first seen at, not by object id:
//! every shard walks the same commits and sees the same first sightings, and all versions of a
//! path land in one shard, so the "earliest commit per fingerprint" choice (fingerprints include
//! the path) is made within one shard exactly as a single process makes it.
//!
//! Only what is *reported* is sliced: context a file needs (a Terraform module's sibling files)
//! is still read from disk by the module cache, whichever shard owns those siblings.

use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// GitLab's variables for a job of a `parallel: N` job (1-based index).
pub const GITLAB_INDEX: &str = "CI_NODE_INDEX";
pub const GITLAB_TOTAL: &str = "CI_NODE_TOTAL";

/// Shard `index` (1-based) of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Shard {
    pub index: u32,
    pub total: u32,
}

impl Shard {
    /// Whether this shard reports the file displayed as `path`.
    pub fn owns(&self, path: &str) -> bool {
        self.total <= 1 || crc32fast::hash(path.as_bytes()) % self.total + 1 == self.index
    }

    /// The shard GitLab's `parallel:` variables describe, if both are set (and valid). A single
    /// job (`CI_NODE_TOTAL=1`) is no shard at all.
    pub fn from_gitlab_env(var: impl Fn(&str) -> Option<String>) -> Result<Option<Shard>, String> {
        let (Some(index), Some(total)) = (var(GITLAB_INDEX), var(GITLAB_TOTAL)) else { return Ok(None) };
        let shard: Shard = format!("{index}/{total}")
            .parse()
            .map_err(|e| format!("{GITLAB_INDEX}={index} and {GITLAB_TOTAL}={total}: {e}"))?;
        Ok((shard.total > 1).then_some(shard))
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.total)
    }
}

impl FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Shard, String> {
        let (k, n) = s.split_once('/').ok_or_else(|| format!("`{s}` is not K/N (such as 2/5)"))?;
        let number = |x: &str| x.trim().parse::<u32>().map_err(|_| format!("`{s}` is not K/N (such as 2/5)"));
        let (index, total) = (number(k)?, number(n)?);
        if total == 0 || index == 0 || index > total {
            return Err(format!("shard `{s}`: K must be between 1 and N (1-based), and N at least 1"));
        }
        Ok(Shard { index, total })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_checks_bounds() {
        assert_eq!("2/5".parse(), Ok(Shard { index: 2, total: 5 }));
        for bad in ["0/3", "4/3", "1/0", "x/2", "3"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn every_path_has_exactly_one_owner() {
        for total in 1..8 {
            for path in ["main.tf", "a/b/c.yml", "Dockerfile", "src/é.py"] {
                let owners = (1..=total).filter(|&index| Shard { index, total }.owns(path)).count();
                assert_eq!(owners, 1, "{path} in {total}");
            }
        }
    }

    #[test]
    fn the_hash_is_crc32() {
        // Fixed by the standard: jobs built by other toolchains must agree.
        assert_eq!(crc32fast::hash(b"123456789"), 0xcbf4_3926);
    }

    #[test]
    fn gitlab_variables() {
        let env = |i: &'static str, t: &'static str| {
            move |k: &str| match k {
                GITLAB_INDEX => Some(i.to_string()),
                GITLAB_TOTAL => Some(t.to_string()),
                _ => None,
            }
        };
        assert_eq!(Shard::from_gitlab_env(env("2", "3")), Ok(Some(Shard { index: 2, total: 3 })));
        assert_eq!(Shard::from_gitlab_env(env("1", "1")), Ok(None));
        assert!(Shard::from_gitlab_env(env("4", "3")).is_err());
        assert_eq!(Shard::from_gitlab_env(|_| None), Ok(None));
    }
}
