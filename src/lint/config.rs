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

use crate::report::words::say;
use crate::rulepack::{Lang, Severity};
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

/// Reads and checks a configuration file; errors are worded in `lang`.
pub fn load(path: &Path, lang: Lang) -> Result<Config, String> {
    let shown = crate::unicode::escape(&super::walk::display(path)).into_owned();
    let bytes = std::fs::read(path).map_err(|e| {
        let reason = crate::report::words::term(
            &crate::finding::Term::Io {
                kind: e.kind(),
                text: super::walk::io_message(&e),
            },
            lang,
        );
        say(
            lang,
            format!("cannot read {shown}: {reason}"),
            format!("无法读取 {shown}：{reason}"),
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        say(
            lang,
            format!("{shown}: not UTF-8"),
            format!("{shown}：不是 UTF-8 编码"),
        )
    })?;
    // Globs and `rules` are relative to the file's folder wherever bindcheck runs from.
    let absolute = std::path::absolute(path).map_err(|e| format!("{shown}: {e}"))?;
    let dir = absolute
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    parse(&shown, &dir, &text, lang).map(|mut config| {
        config.path = path.to_path_buf();
        config
    })
}

/// The keys of the file's top level and of a `[[per-path]]` entry.
const TOP_KEYS: &[&str] = &[
    "select", "ignore", "fail-on", "rules", "severity", "per-path",
];
const PER_PATH_KEYS: &[&str] = &["glob", "ignore"];

/// The key `name` was probably meant to be: the same in kebab-case (`fail_on` → `fail-on`),
/// or a close spelling.
fn suggest(name: &str, keys: &[&'static str]) -> Option<&'static str> {
    let folded = name.to_lowercase().replace('_', "-");
    keys.iter()
        .map(|k| {
            let score = if *k == folded {
                1.0
            } else {
                strsim::jaro_winkler(&folded, k)
            };
            (score, *k)
        })
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// Where the configuration says something wrong: `PATH:LINE:COLUMN: problem`.
struct Errors<'a> {
    shown: &'a str,
    source: SourceFile,
    lang: Lang,
}

impl Errors<'_> {
    fn at(&self, offset: usize, en: String, zh: String) -> String {
        let p = self.source.position(offset);
        let colon = crate::report::words::colon(self.lang);
        let problem = say(self.lang, en, zh);
        format!(
            "{}:{}:{}{colon}{}",
            self.shown,
            p.line,
            p.column,
            crate::unicode::escape(&problem)
        )
    }

    fn line(&self, offset: usize) -> usize {
        self.source.position(offset).line
    }

    /// An unknown key, with the help a profile's unknown keys get.
    fn unknown_key(&self, name: &str, offset: usize, table: Option<(&str, usize)>) -> String {
        let name = crate::unicode::escape(name).into_owned();
        let Some((table, table_at)) = table else {
            return match suggest(&name, TOP_KEYS) {
                Some(key) => self.at(
                    offset,
                    format!("unknown key `{name}`; did you mean `{key}`?"),
                    format!("未知的键 `{name}`；您是否想写 `{key}`？"),
                ),
                None => self.at(
                    offset,
                    format!("unknown key `{name}`; the keys are select, ignore, fail-on, rules, [severity] and [[per-path]]"),
                    format!("未知的键 `{name}`；可用的键为 select、ignore、fail-on、rules、[severity] 和 [[per-path]]"),
                ),
            };
        };
        let line = self.line(table_at);
        if let Some(key) =
            suggest(&name, TOP_KEYS).filter(|k| !PER_PATH_KEYS.contains(k) || table == "severity")
        {
            // TOML puts every key after a table header into that table.
            return self.at(
                offset,
                format!("`{name}` belongs at the top of the file, but it follows the `{table}` table that starts on line {line}, so it is read as part of that table; move `{key}` above the first table"),
                format!("`{name}` 应写在文件顶部，但它位于第 {line} 行开始的 `{table}` 表之后，因此被当作该表的一部分；请把 `{key}` 移到第一个表之前"),
            );
        }
        match suggest(&name, PER_PATH_KEYS) {
            Some(key) => self.at(
                offset,
                format!("unknown key `{name}` in `{table}`; did you mean `{key}`?"),
                format!("`{table}` 中的未知键 `{name}`；您是否想写 `{key}`？"),
            ),
            None => self.at(
                offset,
                format!("unknown key `{name}` in `{table}`, which takes `glob` and `ignore`"),
                format!("`{table}` 中的未知键 `{name}`；该表只接受 `glob` 和 `ignore`"),
            ),
        }
    }
}

/// Names every key the format does not have, before the typed parse (whose messages cannot
/// say which table a key landed in).
fn check_keys(errors: &Errors<'_>, text: &str) -> Result<(), String> {
    use toml::de::{DeTable, DeValue};
    let Ok(root) = DeTable::parse(text) else {
        return Ok(()); // The typed parse reports the syntax error.
    };
    for (key, value) in root.get_ref().iter() {
        let name = key.get_ref().as_ref();
        if !TOP_KEYS.contains(&name) {
            return Err(errors.unknown_key(name, key.span().start, None));
        }
        match (name, value.get_ref()) {
            ("per-path", DeValue::Array(items)) => {
                for item in items.iter() {
                    if let DeValue::Table(entry) = item.get_ref() {
                        for (key, _) in entry.iter() {
                            let inner = key.get_ref().as_ref();
                            if !PER_PATH_KEYS.contains(&inner) {
                                let table = Some(("[[per-path]]", item.span().start));
                                return Err(errors.unknown_key(inner, key.span().start, table));
                            }
                        }
                    }
                }
            }
            ("severity", DeValue::Table(entries)) => {
                for (key, _) in entries.iter() {
                    let inner = key.get_ref().as_ref();
                    let is_rule = RULES.iter().any(|r| selects(inner, r));
                    if !is_rule && suggest(inner, TOP_KEYS).is_some() {
                        let table = Some(("[severity]", value.span().start));
                        return Err(errors.unknown_key(inner, key.span().start, table));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Parses configuration text; errors read `PATH:LINE:COLUMN: problem`, in `lang`.
pub fn parse(shown: &str, dir: &Path, text: &str, lang: Lang) -> Result<Config, String> {
    let errors = Errors {
        shown,
        source: SourceFile::new(shown, text.to_string()),
        lang,
    };
    check_keys(&errors, text)?;
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let detail = e.message().trim().replace('\n', " ");
        errors.at(
            offset,
            detail.clone(),
            format!("配置有误（解析器提示：“{detail}”）"),
        )
    })?;
    let selectors = |list: Vec<Spanned<String>>| -> Result<Vec<String>, String> {
        list.into_iter()
            .map(|s| {
                let offset = s.span().start;
                let value = s.into_inner();
                if RULES.iter().any(|r| selects(&value, r)) {
                    Ok(value)
                } else {
                    Err(errors.at(
                        offset,
                        format!("`{value}` is no rule code, name or code prefix"),
                        format!("`{value}` 不是规则代码、名称或代码前缀"),
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
                errors.at(
                    s.span().start,
                    format!("fail-on must be error, warning, info or never, not `{level}`"),
                    format!(
                        "`fail-on` 只能是 `error`、`warning`、`info` 或 `never`，不能是 `{level}`"
                    ),
                )
            }),
        })
        .transpose()?;
    let mut severity = Vec::new();
    for (key, value) in raw.severity.unwrap_or_default() {
        let selector = selectors(vec![key])?.pop().unwrap_or_default();
        let written = value.get_ref();
        let level = Severity::parse(written).ok_or_else(|| {
            errors.at(
                value.span().start,
                format!("severity must be error, warning or info, not `{written}`"),
                format!("严重程度只能是 `error`、`warning` 或 `info`，不能是 `{written}`"),
            )
        })?;
        severity.push((selector, level));
    }
    let mut per_path = Vec::new();
    for entry in raw.per_path.unwrap_or_default() {
        let glob_offset = entry.glob.span().start;
        let glob = entry.glob.into_inner();
        let mut builder = ignore::overrides::OverrideBuilder::new(dir);
        let matcher = builder.add(&glob).and_then(|b| b.build()).map_err(|e| {
            errors.at(
                glob_offset,
                format!("invalid glob `{glob}`: {e}"),
                format!("无效的通配符 `{glob}`（提示：“{e}”）"),
            )
        })?;
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
        parse("bindcheck.toml", Path::new("/p"), text, Lang::En).unwrap()
    }

    fn parse_err(text: &str) -> String {
        parse("bindcheck.toml", Path::new("/p"), text, Lang::En).unwrap_err()
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
    fn unknown_key_has_line_column_and_a_suggestion() {
        assert_eq!(
            parse_err("select = []\nignroe = [\"BC2\"]\n"),
            "bindcheck.toml:2:1: unknown key `ignroe`; did you mean `ignore`?"
        );
        assert_eq!(
            parse_err("fail_on = \"warning\"\n"),
            "bindcheck.toml:1:1: unknown key `fail_on`; did you mean `fail-on`?"
        );
        assert_eq!(
            parse_err("colour = true\n"),
            "bindcheck.toml:1:1: unknown key `colour`; the keys are select, ignore, fail-on, rules, [severity] and [[per-path]]"
        );
        assert_eq!(
            parse(
                "bindcheck.toml",
                Path::new("/p"),
                "fail_on = \"warning\"\n",
                Lang::Zh
            )
            .unwrap_err(),
            "bindcheck.toml:1:1：未知的键 `fail_on`；您是否想写 `fail-on`？"
        );
    }

    #[test]
    fn a_key_after_a_table_header_is_said_to_be_in_that_table() {
        assert_eq!(
            parse_err(
                "[[per-path]]\nglob = \"legacy/**\"\nignore = [\"BC4\"]\nfail-on = \"warning\"\n"
            ),
            "bindcheck.toml:4:1: `fail-on` belongs at the top of the file, but it follows the `[[per-path]]` table that starts on line 1, so it is read as part of that table; move `fail-on` above the first table"
        );
        assert_eq!(
            parse_err("[severity]\nBC502 = \"error\"\nselect = [\"BC5\"]\n"),
            "bindcheck.toml:3:1: `select` belongs at the top of the file, but it follows the `[severity]` table that starts on line 1, so it is read as part of that table; move `select` above the first table"
        );
        assert_eq!(
            parse_err("[[per-path]]\nglobs = \"legacy/**\"\n"),
            "bindcheck.toml:2:1: unknown key `globs` in `[[per-path]]`; did you mean `glob`?"
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
