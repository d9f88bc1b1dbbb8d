//! The rulepack: rule *policy* as data (documented per rule in `docs/rules/`).
//!
//! Thresholds, patterns, default severity, confidence, prior likelihood, the symptoms a rule
//! explains, its sources, and its message and remediation text in English and Chinese. The
//! built-in pack is a set of TOML files under `rulepack/` embedded in the binary, one per rule
//! family; `--rules FILE` is merged on top of it key by key, so a support team can change one
//! threshold without restating the rest.

mod fields;
mod lang;
mod meta;
mod params;
mod policy;
mod template;
#[cfg(test)]
mod tests;
mod texts;
mod triage;
mod validate;

pub use fields::{AnswerWords, AskedWhen, FieldGuide, FieldLabel};
pub use lang::Lang;
pub use meta::{EvidenceLimits, Meta, Ranking, SourceRef, SourceText};
pub use policy::{Confidence, Remedy, RulePolicy, Severity, matches_wildcard};
pub use template::{fill, fill_marked, generic, placeholders};
pub use texts::{LazyTexts, Texts, Variants};
pub use triage::{Condition, ErrorCode, Fact, Symptom};

use params::compile;
use texts::{check_texts, variant_keys};

use crate::profile::{Flow, Flows, Money};
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// The built-in rulepack: the files under `rulepack/`, merged and stored as JSON by `build.rs`.
const BUILTIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/rulepack.json"));
/// (code, English texts, Chinese texts) of every built-in rule, as JSON, sorted by code; kept
/// apart from [`BUILTIN_JSON`] by build.rs so start-up does not even scan them.
const BUILTIN_TEXTS: &[(&str, &str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/rulepack_texts.rs"));

/// The on-disk shape of a rulepack file; every part optional so a file can override a piece.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[serde(bound(deserialize = "T: Deserialize<'de> + Default, F: Deserialize<'de> + Default"))]
struct PackFile<T = LazyTexts, F = Option<Box<serde_json::value::RawValue>>> {
    rulepack: Meta,
    ranking: Ranking,
    evidence: EvidenceLimits,
    sources: BTreeMap<String, SourceRef>,
    symptoms: BTreeMap<String, Symptom>,
    facts: BTreeMap<String, Fact>,
    error_codes: BTreeMap<String, ErrorCode>,
    /// Kept as JSON in a loaded pack (only `interview` reads them, and parsing them at every
    /// start-up would cost every other command); parsed when a rulepack file is checked.
    fields: F,
    answers: AnswerWords,
    rules: BTreeMap<String, RulePolicy<T>>,
}

/// The merged, validated rulepack.
#[derive(Debug, Clone)]
pub struct RulePack {
    pub meta: Meta,
    pub ranking: Ranking,
    pub evidence: EvidenceLimits,
    pub sources: BTreeMap<String, SourceRef>,
    pub symptoms: BTreeMap<String, Symptom>,
    pub facts: BTreeMap<String, Fact>,
    pub error_codes: BTreeMap<String, ErrorCode>,
    pub rules: BTreeMap<String, RulePolicy>,
    /// `[fields]`, unparsed until [`RulePack::field_guides`] is first asked.
    fields_json: Option<Box<serde_json::value::RawValue>>,
    field_guides: std::sync::OnceLock<BTreeMap<String, FieldGuide>>,
    /// `[answers]`: how sellers write answers.
    pub answers: AnswerWords,
    /// `pattern` / `*_pattern` params, compiled on first use: most runs need few of them, and
    /// compiling all at start-up costs more than checking a profile.
    /// `((code, key), regex)`; a list, as there are few and a lookup must not allocate.
    patterns: Vec<((String, String), std::sync::OnceLock<Regex>)>,
    /// `*_hints` params (literal strings a rule looks for) as one automaton each, built on
    /// first use like the patterns.
    literals: Vec<((String, String), std::sync::OnceLock<params::LiteralSet>)>,
    /// Each rule's scope as a set of flows, in the code order of `rules`: the rules stage asks
    /// which rules apply for every profile.
    scopes: Vec<Flows>,
    /// `[ranking] error_code_pattern`, compiled when a `--symptom` text is first read.
    error_code_regex: std::sync::OnceLock<Option<Regex>>,
}

/// A rulepack that cannot be used, with the file and place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("rulepack {origin}: {problem}")]
pub struct PolicyError {
    pub origin: String,
    pub problem: String,
}

impl PolicyError {
    fn new(origin: &str, problem: impl Into<String>) -> Self {
        PolicyError {
            origin: origin.to_string(),
            problem: problem.into(),
        }
    }
}

impl RulePack {
    /// The built-in rulepack.
    pub fn builtin() -> Result<Self, PolicyError> {
        Self::load(None)
    }

    /// The built-in rulepack with `overlay` (path, text) merged on top.
    pub fn load(overlay: Option<(&str, &str)>) -> Result<Self, PolicyError> {
        let origin = overlay.map_or("builtin", |(path, _)| path);
        let file: PackFile = match overlay {
            None => serde_json::from_str(BUILTIN_JSON).map(|mut file: PackFile| {
                for (code, rule) in &mut file.rules {
                    if let Ok(at) =
                        BUILTIN_TEXTS.binary_search_by(|(c, _, _)| c.cmp(&code.as_str()))
                    {
                        if let Some((_, en, zh)) = BUILTIN_TEXTS.get(at) {
                            rule.en = LazyTexts::builtin(en);
                            rule.zh = LazyTexts::builtin(zh);
                        }
                    }
                }
                file
            }),
            Some((origin, text)) => {
                let mut merged: serde_json::Value = serde_json::from_str(BUILTIN_JSON)
                    .map_err(|e| PolicyError::new("builtin", e.to_string()))?;
                // The overlay may reword a rule: merge it into the whole pack, texts included.
                for (code, en, zh) in BUILTIN_TEXTS {
                    if let Some(rule) = merged
                        .get_mut("rules")
                        .and_then(|rules| rules.get_mut(*code))
                        .and_then(serde_json::Value::as_object_mut)
                    {
                        for (lang, json) in [("en", en), ("zh", zh)] {
                            let texts = serde_json::from_str(json)
                                .map_err(|e| PolicyError::new("builtin", e.to_string()))?;
                            rule.insert(lang.to_string(), texts);
                        }
                    }
                }
                let table = serde_json::to_value(parse_file(origin, text)?)
                    .map_err(|e| PolicyError::new(origin, e.to_string()))?;
                merge(&mut merged, table);
                // Texts are kept as raw JSON, which only a JSON text can give.
                serde_json::from_str(&merged.to_string())
            }
        }
        .map_err(|e| PolicyError::new(origin, e.to_string()))?;
        let mut pack = RulePack {
            meta: file.rulepack,
            ranking: file.ranking,
            evidence: file.evidence,
            sources: file.sources,
            symptoms: file.symptoms,
            facts: file.facts,
            error_codes: file.error_codes,
            scopes: file
                .rules
                .values()
                .map(|r| Flows::scope(&r.scope))
                .collect(),
            rules: file.rules,
            fields_json: file.fields,
            field_guides: std::sync::OnceLock::new(),
            answers: file.answers,
            patterns: Vec::new(),
            literals: Vec::new(),
            error_code_regex: std::sync::OnceLock::new(),
        };
        // Phrases are matched in phrase form; brought to it once here.
        for symptom in pack.symptoms.values_mut() {
            for phrase in &mut symptom.phrases {
                *phrase = crate::unicode::phrase_form(phrase);
            }
        }
        pack.validate(origin, overlay.is_some())?;
        Ok(pack)
    }

    /// The compiled `[ranking] error_code_pattern`; `None` when the pack sets none.
    pub fn error_code_pattern(&self) -> Option<&Regex> {
        if self.ranking.error_code_pattern.is_empty() {
            return None;
        }
        self.error_code_regex
            .get_or_init(|| compile(&self.ranking.error_code_pattern).ok())
            .as_ref()
    }

    /// The error codes that `text` writes in words (`[ranking] error_code_spellings`), as the
    /// codes they stand for, in order of appearance.
    pub fn spelled_error_codes(&self, text: &str) -> Vec<String> {
        let mut found: Vec<(usize, String)> = Vec::new();
        for spelling in &self.ranking.error_code_spellings {
            let Ok(pattern) = compile(&spelling.pattern) else {
                continue;
            };
            for captures in pattern.captures_iter(text) {
                let mut code = String::new();
                captures.expand(&spelling.code, &mut code);
                let start = captures.get(0).map_or(0, |m| m.start());
                found.push((start, code));
            }
        }
        found.sort_by_key(|(start, _)| *start);
        found.into_iter().map(|(_, code)| code).collect()
    }

    pub fn rule(&self, code: &str) -> Option<&RulePolicy> {
        self.rules.get(code)
    }

    /// Each rule's scope, in the code order of [`RulePack::rules`].
    pub fn scopes(&self) -> &[Flows] {
        &self.scopes
    }
}

fn parse_file(origin: &str, text: &str) -> Result<toml::Table, PolicyError> {
    // Deserializing the file on its own first gives errors with its own line and column.
    if let Err(e) = toml::from_str::<PackFile<Texts, BTreeMap<String, FieldGuide>>>(text) {
        let place = e
            .span()
            .map(|s| {
                let p = crate::source::SourceFile::new(origin, text.to_string()).position(s.start);
                format!(" at line {}, column {}", p.line, p.column)
            })
            .unwrap_or_default();
        return Err(PolicyError::new(
            origin,
            format!("{}{place}", e.message().trim()),
        ));
    }
    toml::from_str(text)
        .map_err(|e: toml::de::Error| PolicyError::new(origin, e.message().to_string()))
}

/// Merges `overlay` into `base`: tables key by key, everything else replaced.
fn merge(base: &mut serde_json::Value, overlay: serde_json::Value) {
    match (base, overlay) {
        (serde_json::Value::Object(existing), serde_json::Value::Object(incoming)) => {
            for (key, value) in incoming {
                match existing.get_mut(&key) {
                    Some(slot) => merge(slot, value),
                    None => {
                        existing.insert(key, value);
                    }
                }
            }
        }
        (slot, value) => *slot = value,
    }
}
