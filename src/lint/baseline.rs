//! Baselines: the findings a team has accepted for now, so CI fails only on new ones.
//!
//! An entry is keyed by the finding's fingerprint (code, file path, key path, value; see
//! [`crate::report::fingerprint`]), never by line numbers: reordering a profile or adding
//! comments keeps the baseline valid, while changing the value the finding is about makes it a
//! new finding. Paths are relative to the baseline file's folder ([`relative_path`]), so a
//! baseline matches whichever folder `lint` runs from and however the PATH arguments are
//! spelt.

use crate::report::words::say;
use crate::rulepack::Lang;
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
    entries: Vec<Entry>,
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

    /// How many entries are about one of the `checked` files (paths as the baseline writes
    /// them): only those can be found stale by a run that checked only these files.
    pub fn entries_about(&self, checked: &HashSet<String>) -> usize {
        self.entries
            .iter()
            .filter(|e| checked.contains(&e.path))
            .count()
    }

    /// The entries about files other than the `checked` ones, which a `--write-baseline` run
    /// over some files keeps: a pre-commit hook checks only the staged files.
    pub fn entries_not_about(&self, checked: &HashSet<String>) -> Vec<Entry> {
        self.entries
            .iter()
            .filter(|e| !checked.contains(&e.path))
            .cloned()
            .collect()
    }

    /// Parses baseline JSON.
    pub fn parse(text: &str, lang: Lang) -> Result<Self, String> {
        let file: File = serde_json::from_str(text).map_err(|e| {
            say(
                lang,
                format!("not a bindcheck baseline: {e}"),
                format!("不是 bindcheck 基线文件（解析器提示：“{e}”）"),
            )
        })?;
        if file.version != VERSION {
            let version = file.version;
            return Err(say(
                lang,
                format!(
                    "baseline version {version} is not supported (this bindcheck writes version {VERSION})"
                ),
                format!("不支持第 {version} 版基线（本版本 bindcheck 写入第 {VERSION} 版）"),
            ));
        }
        Ok(Baseline {
            fingerprints: file.entries.iter().map(|e| e.fingerprint.clone()).collect(),
            entries: file.entries,
        })
    }

    /// Reads a baseline file.
    pub fn load(path: &Path, lang: Lang) -> Result<Self, String> {
        let shown = crate::unicode::escape(&super::walk::display(path)).into_owned();
        let text = std::fs::read_to_string(path).map_err(|e| {
            let reason = io_reason(&e, lang);
            say(
                lang,
                format!("cannot read baseline {shown}: {reason}"),
                format!("无法读取基线 {shown}：{reason}"),
            )
        })?;
        let colon = crate::report::words::colon(lang);
        Self::parse(&text, lang).map_err(|e| format!("{shown}{colon}{e}"))
    }
}

/// `path` (relative to `cwd`, or absolute) as a baseline in `dir` names it: relative to `dir`
/// with `/` separators, `..` where the file is outside it. Lexical: links are not resolved.
pub fn relative_path(dir: &Path, cwd: &Path, path: &Path) -> String {
    let file = super::normalize(&cwd.join(path));
    let dir = super::normalize(&cwd.join(dir));
    let file_parts: Vec<_> = file.components().collect();
    let dir_parts: Vec<_> = dir.components().collect();
    let common = file_parts
        .iter()
        .zip(&dir_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = vec!["..".to_string(); dir_parts.len() - common];
    parts.extend(
        file_parts[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// The folder a baseline file's paths are relative to.
pub fn folder_of(file: &Path) -> std::path::PathBuf {
    match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => std::path::PathBuf::from("."),
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
pub fn write(path: &Path, entries: Vec<Entry>, lang: Lang) -> Result<(), String> {
    std::fs::write(path, to_json(entries)).map_err(|e| {
        let shown = crate::unicode::escape(&super::walk::display(path)).into_owned();
        let reason = io_reason(&e, lang);
        say(
            lang,
            format!("cannot write baseline {shown}: {reason}"),
            format!("无法写入基线 {shown}：{reason}"),
        )
    })
}

fn io_reason(error: &std::io::Error, lang: Lang) -> String {
    let term = crate::finding::Term::Io {
        kind: error.kind(),
        text: super::walk::io_message(error),
    };
    crate::report::words::term(&term, lang)
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
        let baseline = Baseline::parse(&json, Lang::En).unwrap();
        assert_eq!(baseline.len(), 2);
        assert!(baseline.contains("aa"));
        assert!(!baseline.contains("cc"));
    }

    #[test]
    fn paths_are_relative_to_the_baseline_folder() {
        let cwd = Path::new("/repo/profiles");
        assert_eq!(
            relative_path(Path::new("/repo"), cwd, Path::new("shop/a.toml")),
            "profiles/shop/a.toml"
        );
        assert_eq!(
            relative_path(Path::new(".."), cwd, Path::new("./shop/../b.toml")),
            "profiles/b.toml"
        );
        assert_eq!(
            relative_path(Path::new("/repo/ci"), cwd, Path::new("a.toml")),
            "../profiles/a.toml"
        );
        assert_eq!(
            relative_path(
                Path::new("."),
                Path::new("/repo"),
                Path::new("/repo/a.toml")
            ),
            "a.toml"
        );
    }

    #[test]
    fn rejects_other_versions_and_shapes() {
        assert_eq!(
            Baseline::parse("{\"version\": 2, \"entries\": []}", Lang::En).unwrap_err(),
            "baseline version 2 is not supported (this bindcheck writes version 1)"
        );
        assert!(
            Baseline::parse("[]", Lang::En)
                .unwrap_err()
                .starts_with("not a bindcheck baseline")
        );
    }
}
