//! Baselines: the findings a team has accepted for now, so CI fails only on new ones.
//!
//! An entry is keyed by the finding's fingerprint (code, file path, key path, value; see
//! [`crate::report::fingerprint`]), never by line numbers: reordering a profile or adding
//! comments keeps the baseline valid, while changing the value the finding is about makes it a
//! new finding. Paths are as given on the command line, so run `lint` from the same folder with
//! the same PATH arguments that wrote the baseline.

use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;

/// The baseline file format version.
pub const VERSION: u32 = 1;

/// One accepted finding. `code`, `path` and `field` are for the humans reviewing the file;
/// only `fingerprint` is matched.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    pub code: String,
    pub path: String,
    pub field: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    entries: Vec<Entry>,
}

/// A loaded baseline.
#[derive(Debug, Default, Clone)]
pub struct Baseline {
    fingerprints: HashSet<String>,
}

impl Baseline {
    /// Whether a finding with this fingerprint is accepted.
    pub fn contains(&self, fingerprint: &str) -> bool {
        self.fingerprints.contains(fingerprint)
    }

    /// How many entries it holds.
    pub fn len(&self) -> usize {
        self.fingerprints.len()
    }

    /// Whether it holds no entry.
    pub fn is_empty(&self) -> bool {
        self.fingerprints.is_empty()
    }

    /// Parses baseline JSON.
    pub fn parse(text: &str) -> Result<Self, String> {
        let file: File =
            serde_json::from_str(text).map_err(|e| format!("not a bindcheck baseline: {e}"))?;
        if file.version != VERSION {
            return Err(format!(
                "baseline version {} is not supported (this bindcheck writes version {VERSION})",
                file.version
            ));
        }
        Ok(Baseline {
            fingerprints: file.entries.into_iter().map(|e| e.fingerprint).collect(),
        })
    }

    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Self, String> {
        let shown = crate::unicode::escape(&super::walk::display(path)).into_owned();
        let text = std::fs::read_to_string(path).map_err(|e| {
            format!(
                "cannot read baseline {shown}: {}",
                super::walk::io_message(&e)
            )
        })?;
        Self::parse(&text).map_err(|e| format!("{shown}: {e}"))
    }
}

/// The JSON of a baseline holding `entries` (sorted, without duplicates, so that the file only
/// changes when the findings do).
pub fn to_json(mut entries: Vec<Entry>) -> String {
    entries.sort();
    entries.dedup();
    let file = File {
        version: VERSION,
        entries,
    };
    // Serialising plain strings and integers cannot fail.
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes a baseline file.
pub fn write(path: &Path, entries: Vec<Entry>) -> Result<(), String> {
    std::fs::write(path, to_json(entries)).map_err(|e| {
        format!(
            "cannot write baseline {}: {}",
            crate::unicode::escape(&super::walk::display(path)),
            super::walk::io_message(&e)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(fp: &str) -> Entry {
        Entry {
            fingerprint: fp.into(),
            code: "BC002".into(),
            path: "p.toml".into(),
            field: "seller.x".into(),
        }
    }

    #[test]
    fn round_trips_sorted_and_deduplicated() {
        let json = to_json(vec![entry("bb"), entry("aa"), entry("bb")]);
        assert_eq!(json.matches("\"fingerprint\"").count(), 2);
        assert!(json.find("\"aa\"") < json.find("\"bb\""));
        let baseline = Baseline::parse(&json).unwrap();
        assert_eq!(baseline.len(), 2);
        assert!(baseline.contains("aa"));
        assert!(!baseline.contains("cc"));
    }

    #[test]
    fn rejects_other_versions_and_shapes() {
        assert_eq!(
            Baseline::parse("{\"version\": 2, \"entries\": []}").unwrap_err(),
            "baseline version 2 is not supported (this bindcheck writes version 1)"
        );
        assert!(
            Baseline::parse("[]")
                .unwrap_err()
                .starts_with("not a bindcheck baseline")
        );
    }
}
