//! `bindcheck.toml`: the lint configuration of a folder of profiles.
//!
//! ```toml
//! select = ["BC1", "BC3"]          # codes, names or code prefixes; default: every rule
//! ignore = ["BC004"]
//! fail-on = "warning"              # error | warning | info | never
//! rules = "policy/agency.toml"     # a rulepack, relative to this file
//!
//! [severity]
//! BC502 = "error"
//!
//! [[per-path]]
//! glob = "legacy/**"               # .gitignore syntax, relative to this file's folder
//! ignore = ["BC4"]
//! ```
//!
//! Found upward from the working directory, or named with `--config`. A key this version does
//! not know is an error with its line and column: a misspelt `ignore` silently doing nothing
//! would let the findings it was meant to hide fail CI, or worse, the reverse.

use crate::rulepack::Severity;
use crate::rules::{RULES, selects};
use crate::source::SourceFile;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name searched for.
pub const CONFIG_NAME: &str = "bindcheck.toml";

/// A `[[per-path]]` entry.
#[derive(Debug, Clone)]
pub struct PerPath {
    /// As written.
    pub glob: String,
    pub ignore: Vec<String>,
    matcher: ignore::overrides::Override,
}

impl PerPath {
    /// Whether `path` (absolute, or relative to the configuration's folder) matches the glob.
    pub fn matches(&self, path: &Path) -> bool {
        self.matcher.matched(path, false).is_whitelist()
    }
}

/// A loaded configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it was read from.
    pub path: PathBuf,
    /// Its folder: the base of `rules` and of per-path globs.
    pub dir: PathBuf,
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    /// Severity overrides, selector → severity.
    pub severity: Vec<(String, Severity)>,
    pub per_path: Vec<PerPath>,
    /// The rulepack, resolved against [`Config::dir`].
    pub rules: Option<PathBuf>,
    /// `Some(None)` is `fail-on = "never"`.
    pub fail_on: Option<Option<Severity>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    fail_on: Option<Spanned<String>>,
    rules: Option<String>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    per_path: Option<Vec<RawPerPath>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPerPath {
    glob: Spanned<String>,
    ignore: Vec<Spanned<String>>,
}

/// The nearest `bindcheck.toml` in `start` or one of its ancestors.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(CONFIG_NAME))
        .find(|candidate| candidate.is_file())
}

/// Reads and checks a configuration file.
pub fn load(path: &Path) -> Result<Config, String> {
    let shown = crate::unicode::escape(&super::walk::display(path)).into_owned();
    let bytes = std::fs::read(path)
        .map_err(|e| format!("cannot read {shown}: {}", super::walk::io_message(&e)))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{shown}: not UTF-8"))?;
    // Globs and `rules` are relative to the file's folder wherever bindcheck runs from.
    let absolute = std::path::absolute(path).map_err(|e| format!("{shown}: {e}"))?;
    let dir = absolute
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    parse(&shown, &dir, &text).map(|mut config| {
        config.path = path.to_path_buf();
        config
    })
}

/// Parses configuration text; errors read `PATH:LINE:COLUMN: problem`.
pub fn parse(shown: &str, dir: &Path, text: &str) -> Result<Config, String> {
    let source = SourceFile::new(shown, text.to_string());
    let at = |offset: usize, problem: String| {
        let p = source.position(offset);
        format!(
            "{shown}:{}:{}: {}",
            p.line,
            p.column,
            crate::unicode::escape(&problem)
        )
    };
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        at(offset, e.message().trim().replace('\n', " "))
    })?;
    let selectors = |list: Vec<Spanned<String>>| -> Result<Vec<String>, String> {
        list.into_iter()
            .map(|s| {
                let offset = s.span().start;
                let value = s.into_inner();
                if RULES.iter().any(|r| selects(&value, r)) {
                    Ok(value)
                } else {
                    Err(at(
                        offset,
                        format!("`{value}` is no rule code, name or code prefix"),
                    ))
                }
            })
            .collect()
    };
    let select = raw.select.map(selectors).transpose()?;
    let ignore = raw.ignore.map(selectors).transpose()?.unwrap_or_default();
    let fail_on = raw
        .fail_on
        .map(|s| match s.get_ref().as_str() {
            "never" => Ok(None),
            level => Severity::parse(level).map(Some).ok_or_else(|| {
                at(
                    s.span().start,
                    format!("fail-on must be error, warning, info or never, not `{level}`"),
                )
            }),
        })
        .transpose()?;
    let mut severity = Vec::new();
    for (key, value) in raw.severity.unwrap_or_default() {
        let selector = selectors(vec![key])?.pop().unwrap_or_default();
        let level = Severity::parse(value.get_ref()).ok_or_else(|| {
            at(
                value.span().start,
                format!(
                    "severity must be error, warning or info, not `{}`",
                    value.get_ref()
                ),
            )
        })?;
        severity.push((selector, level));
    }
    let mut per_path = Vec::new();
    for entry in raw.per_path.unwrap_or_default() {
        let glob_offset = entry.glob.span().start;
        let glob = entry.glob.into_inner();
        let mut builder = ignore::overrides::OverrideBuilder::new(dir);
        let matcher = builder
            .add(&glob)
            .and_then(|b| b.build())
            .map_err(|e| at(glob_offset, format!("invalid glob `{glob}`: {e}")))?;
        per_path.push(PerPath {
            glob,
            ignore: selectors(entry.ignore)?,
            matcher,
        });
    }
    Ok(Config {
        path: PathBuf::from(shown),
        dir: dir.to_path_buf(),
        select,
        ignore,
        severity,
        per_path,
        rules: raw.rules.map(|r| dir.join(r)),
        fail_on,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Config {
        parse("bindcheck.toml", Path::new("/p"), text).unwrap()
    }

    fn parse_err(text: &str) -> String {
        parse("bindcheck.toml", Path::new("/p"), text).unwrap_err()
    }

    #[test]
    fn reads_every_key() {
        let c = parse_ok(
            "select = [\"BC2\", \"merchant-id-format\"]\nignore = [\"BC004\"]\nfail-on = \"never\"\n\
             rules = \"r.toml\"\n[severity]\nBC502 = \"error\"\n[[per-path]]\nglob = \"legacy/**\"\nignore = [\"BC4\"]\n",
        );
        assert_eq!(
            c.select,
            Some(vec!["BC2".to_string(), "merchant-id-format".to_string()])
        );
        assert_eq!(c.ignore, vec!["BC004".to_string()]);
        assert_eq!(c.fail_on, Some(None));
        assert_eq!(c.rules, Some(PathBuf::from("/p/r.toml")));
        assert_eq!(c.severity, vec![("BC502".to_string(), Severity::Error)]);
        assert_eq!(c.per_path.len(), 1);
        assert!(c.per_path[0].matches(Path::new("/p/legacy/a/b.toml")));
        assert!(!c.per_path[0].matches(Path::new("/p/new/legacy.toml")));
    }

    #[test]
    fn unknown_key_has_line_and_column() {
        let e = parse_err("select = []\nignroe = [\"BC2\"]\n");
        assert!(
            e.starts_with("bindcheck.toml:2:1: unknown field `ignroe`"),
            "{e}"
        );
    }

    #[test]
    fn unknown_rule_and_bad_levels_are_errors() {
        assert_eq!(
            parse_err("ignore = [\"BC4\", \"BC99\"]\n"),
            "bindcheck.toml:1:18: `BC99` is no rule code, name or code prefix"
        );
        assert_eq!(
            parse_err("fail-on = \"fatal\"\n"),
            "bindcheck.toml:1:11: fail-on must be error, warning, info or never, not `fatal`"
        );
        assert_eq!(
            parse_err("[severity]\nBC502 = \"loud\"\n"),
            "bindcheck.toml:2:9: severity must be error, warning or info, not `loud`"
        );
        assert_eq!(
            parse_err("[severity]\nBC999 = \"error\"\n"),
            "bindcheck.toml:2:1: `BC999` is no rule code, name or code prefix"
        );
    }
}
