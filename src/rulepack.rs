//! The rulepack: rule *policy* as data (documented per rule in `docs/rules/`).
//!
//! Thresholds, patterns, default severity, confidence, prior likelihood, the symptoms a rule
//! explains, its sources, and its message and remediation text in English and Chinese. The
//! built-in pack is a set of TOML files under `rulepack/` embedded in the binary, one per rule
//! family; `--rules FILE` is merged on top of it key by key, so a support team can change one
//! threshold without restating the rest.

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

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }
}

/// The two languages every text exists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// `--lang`, else `LC_ALL` / `LC_MESSAGES` / `LANG` (zh* → zh), else English.
    pub fn detect(explicit: Option<&str>) -> Lang {
        let from_env = || {
            ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .filter_map(|v| std::env::var(v).ok())
                .find(|v| !v.is_empty())
        };
        match explicit.map(str::to_string).or_else(from_env) {
            Some(v) if v.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }
}

/// One text or several keyed by variant (`default` required).
#[derive(Debug, Clone)]
pub enum Variants<T> {
    One(T),
    Many(BTreeMap<String, T>),
}

/// A string or a list is `One`, a table is `Many`. Written by hand rather than as an untagged
/// enum, which buffers every value and tries each variant: the rulepack is read at every
/// start-up and holds hundreds of these.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Variants<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{self, value};

        struct Visitor<T>(std::marker::PhantomData<T>);

        impl<'de, T: Deserialize<'de>> de::Visitor<'de> for Visitor<T> {
            type Value = Variants<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a text, a list of texts, or a table of them by variant")
            }

            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                T::deserialize(value::StrDeserializer::<E>::new(s)).map(Variants::One)
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                T::deserialize(value::SeqAccessDeserializer::new(seq)).map(Variants::One)
            }

            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                BTreeMap::deserialize(value::MapAccessDeserializer::new(map)).map(Variants::Many)
            }
        }

        deserializer.deserialize_any(Visitor(std::marker::PhantomData))
    }
}

impl<T> Default for Variants<T> {
    fn default() -> Self {
        Variants::Many(BTreeMap::new())
    }
}

impl<T> Variants<T> {
    /// The text for `variant`. A variant may be two-part, `class.kind` (the character rules
    /// use `identifier.leading`): then `class.kind`, `kind`, `class` and `default` are tried.
    pub fn get(&self, variant: &str) -> Option<&T> {
        match self {
            Variants::One(t) => Some(t),
            Variants::Many(map) => variant_keys(variant).find_map(|key| map.get(key)),
        }
    }

    /// The steps for `variant` on `platform`'s page (see [`crate::profile::flow::Platform`]):
    /// `platform.variant`, then `variant` as [`Variants::get`] tries it but for `default`,
    /// then `platform`, then `default`. A rule words its steps per platform only where they
    /// differ.
    pub fn get_for(&self, variant: &str, platform: Option<&str>) -> Option<&T> {
        let Variants::Many(map) = self else {
            return self.get(variant);
        };
        let specific = platform
            .filter(|_| variant != "default")
            .and_then(|p| map.get(&format!("{p}.{variant}")));
        specific
            .or_else(|| {
                variant_keys(variant)
                    .filter(|key| *key != "default")
                    .find_map(|key| map.get(key))
            })
            .or_else(|| platform.and_then(|p| map.get(p)))
            .or_else(|| map.get("default"))
    }

    pub fn keys(&self) -> Vec<&str> {
        match self {
            Variants::One(_) => vec!["default"],
            Variants::Many(map) => map.keys().map(String::as_str).collect(),
        }
    }

    pub fn values(&self) -> Vec<&T> {
        match self {
            Variants::One(t) => vec![t],
            Variants::Many(map) => map.values().collect(),
        }
    }
}

/// The keys tried, in order, for a variant (see [`Variants::get`]).
fn variant_keys(variant: &str) -> impl Iterator<Item = &str> {
    let (class, kind) = variant.split_once('.').unwrap_or((variant, ""));
    [variant, kind, class, "default"]
        .into_iter()
        .filter(|k| !k.is_empty())
}

/// A rule's texts in one language.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Texts {
    /// A short title for tables and `rules`.
    pub title: String,
    /// What the rule checks and why it matters (`explain`).
    pub why: String,
    /// Where sources disagree, which one bindcheck follows and why (`explain`).
    pub note: String,
    /// The finding's message; `{name}` placeholders are filled from the finding.
    pub message: Variants<String>,
    /// Numbered remediation steps.
    pub remediation: Variants<Vec<String>>,
}

/// A rule's policy. `T` is how its texts are held: [`LazyTexts`] in a loaded pack, [`Texts`]
/// when a rulepack file is checked on its own (its errors then carry the file's positions).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[serde(bound(deserialize = "T: Deserialize<'de> + Default"))]
pub struct RulePolicy<T = LazyTexts> {
    pub severity: Option<Severity>,
    /// Severity for particular variants, e.g. BC205 `name = "warning"`.
    pub severity_variants: BTreeMap<String, Severity>,
    pub confidence: Option<Confidence>,
    /// Prior likelihood that this cause is behind a failed binding, 0..1.
    pub prior: Option<f64>,
    /// Symptom ids (see `[symptoms]`) this rule explains, wherever its finding is.
    pub symptoms: Vec<String>,
    /// Symptom ids this rule explains only when its finding is on a field matching the key, a
    /// dotted path in which `*` stands for any text (`"*merchant_id"`): an invisible character
    /// explains "Invalid Merchant ID" only in a Merchant ID.
    pub symptoms_by_field: BTreeMap<String, Vec<String>>,
    /// Rules whose causes must be fixed before this rule's cause can be (ranked first).
    pub prerequisites: Vec<String>,
    /// Flows this rule's cause is a prerequisite of: it ranks before the cause of every other
    /// rule whose scope names one of them (an entity that may not use a channel at all comes
    /// before every other fix of that channel).
    pub prerequisite_of: Vec<Flow>,
    /// What following the remediation does to the finding's value (see [`Remedy`]).
    pub remedy: Remedy,
    /// Source ids (see `[sources]`).
    pub sources: Vec<String>,
    /// The flows the rule's sources describe; the rule runs only for a profile describing one
    /// of them (`any`: every profile). See [`crate::profile::flow`].
    pub scope: Vec<Flow>,
    /// Thresholds and patterns the rule's logic reads.
    pub params: toml::Table,
    en: T,
    zh: T,
}

/// A rule's texts in one language, kept as JSON until first asked for: a run words the few
/// rules that found something, in one language, and reading every text of both languages
/// would cost more than checking a profile.
#[derive(Debug, Clone, Default)]
pub struct LazyTexts {
    raw: RawTexts,
    parsed: std::sync::OnceLock<Texts>,
}

/// Where a rule's unparsed texts are.
#[derive(Debug, Clone, Default)]
enum RawTexts {
    #[default]
    Missing,
    /// In the binary ([`BUILTIN_TEXTS`]).
    Builtin(&'static str),
    /// Read with a rulepack that overrides the built-in one.
    Read(Box<serde_json::value::RawValue>),
}

impl<'de> Deserialize<'de> for LazyTexts {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(LazyTexts {
            raw: RawTexts::Read(Deserialize::deserialize(deserializer)?),
            parsed: std::sync::OnceLock::new(),
        })
    }
}

impl LazyTexts {
    fn builtin(json: &'static str) -> Self {
        LazyTexts {
            raw: RawTexts::Builtin(json),
            parsed: std::sync::OnceLock::new(),
        }
    }

    fn parse(&self) -> Result<Texts, serde_json::Error> {
        match &self.raw {
            RawTexts::Missing => Ok(Texts::default()),
            RawTexts::Builtin(json) => serde_json::from_str(json),
            RawTexts::Read(raw) => serde_json::from_str(raw.get()),
        }
    }

    /// The texts; a rulepack whose texts do not parse never gets this far, as
    /// [`RulePack::load`] parses an overlay's texts at once and a test parses the built-in ones.
    fn get(&self) -> &Texts {
        self.parsed.get_or_init(|| self.parse().unwrap_or_default())
    }
}

impl RulePolicy {
    pub fn texts(&self, lang: Lang) -> &Texts {
        match lang {
            Lang::En => self.en.get(),
            Lang::Zh => self.zh.get(),
        }
    }

    pub fn severity_for(&self, variant: &str) -> Severity {
        variant_keys(variant)
            .find_map(|key| self.severity_variants.get(key).copied())
            .or(self.severity)
            .unwrap_or(Severity::Warning)
    }

    pub fn confidence(&self) -> Confidence {
        self.confidence.unwrap_or(Confidence::Low)
    }

    pub fn prior(&self) -> f64 {
        self.prior.unwrap_or(0.5)
    }

    /// The symptoms this rule explains for a finding on `field`: its `symptoms`, then those of
    /// every `symptoms_by_field` pattern that matches.
    pub fn symptoms_at<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a String> + 'a {
        self.symptoms.iter().chain(
            self.symptoms_by_field
                .iter()
                .filter(move |(pattern, _)| matches_wildcard(pattern, field))
                .flat_map(|(_, symptoms)| symptoms.iter()),
        )
    }

    /// Whether a finding of the rule, on some field, explains one of `symptoms`.
    pub fn could_explain(&self, symptoms: &std::collections::BTreeSet<String>) -> bool {
        self.symptoms
            .iter()
            .chain(self.symptoms_by_field.values().flatten())
            .any(|s| symptoms.contains(s))
    }
}

/// What following a rule's remediation does to the value its finding is about; findings on
/// one value with the same remedy are one cause (see `crate::cause`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Remedy {
    /// Enter the value of the finding's fix (when it has one).
    #[default]
    Enter,
    /// Delete the value from the profile (a stored secret, an obsolete credential).
    Remove,
}

/// Whether `text` matches `pattern`, in which `*` stands for any run of characters (dots
/// included) and everything else for itself.
pub fn matches_wildcard(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        // No `*`: the whole text.
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Meta {
    pub id: String,
    pub version: String,
}

/// Weights of the ranking formula (see [`crate::rank`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Ranking {
    pub high: f64,
    pub medium: f64,
    pub low: f64,
    /// Multiplier for a finding whose rule explains the reported symptom.
    pub symptom_boost: f64,
    /// A word of `--symptom` text that matches this is read as an error code, as if it were
    /// `incident.error_code`.
    pub error_code_pattern: String,
}

impl Default for Ranking {
    fn default() -> Self {
        Ranking {
            high: 1.0,
            medium: 0.7,
            low: 0.4,
            symptom_boost: 3.0,
            error_code_pattern: String::new(),
        }
    }
}

/// How much evidence one finding carries.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EvidenceLimits {
    /// An evidence list (every occurrence of a character, every difference between two names,
    /// every position that is not a digit) keeps its first `max_items` entries; the finding's
    /// count says how many there were.
    pub max_items: usize,
}

impl Default for EvidenceLimits {
    fn default() -> Self {
        EvidenceLimits { max_items: 20 }
    }
}

impl EvidenceLimits {
    /// The first entries of `items` that a finding keeps.
    pub fn cap<T>(&self, items: impl IntoIterator<Item = T>) -> Vec<T> {
        items.into_iter().take(self.max_items).collect()
    }
}

impl Ranking {
    pub fn weight(&self, confidence: Confidence) -> f64 {
        match confidence {
            Confidence::High => self.high,
            Confidence::Medium => self.medium,
            Confidence::Low => self.low,
        }
    }
}

/// Where a rule's policy comes from: a source of `[sources]`, with its confidence.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SourceRef {
    pub title: String,
    pub confidence: Option<Confidence>,
    pub url: String,
    pub claims: String,
    /// The title and claims in Chinese.
    pub zh: SourceText,
}

/// A source's title and claims in one language.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SourceText {
    pub title: String,
    pub claims: String,
}

impl SourceRef {
    /// The title in `lang` (English where no Chinese is given).
    pub fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh if !self.zh.title.is_empty() => &self.zh.title,
            _ => &self.title,
        }
    }

    /// The claims in `lang` (English where no Chinese is given).
    pub fn claims(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh if !self.zh.claims.is_empty() => &self.zh.claims,
            _ => &self.claims,
        }
    }
}

/// Something a seller or support agent reports, and the words it is reported in.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Symptom {
    pub en: String,
    pub zh: String,
    /// Phrases that identify the symptom in `--symptom` or `[incident]` text, matched in
    /// phrase form ([`crate::unicode::phrase_form`]: case, width and spacing do not matter);
    /// brought to that form when the pack is loaded.
    pub phrases: Vec<String>,
    /// A symptom that says only that something failed ("binding failed"): it applies only
    /// when no other kind of symptom is reported, so "Binding failed: Invalid Merchant ID" is
    /// read as the Merchant ID symptom alone.
    pub fallback: bool,
}

/// Something reported about the incident that says which causes are likely: it holds when any
/// of its conditions does, then reports its `symptoms` and makes the rules in `rules_out`
/// unlikely, with `en` / `zh` as the reason shown ("unlikely: the test payment succeeded").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Fact {
    pub when: Vec<Condition>,
    pub symptoms: Vec<String>,
    pub rules_out: Vec<String>,
    pub en: String,
    pub zh: String,
    pub sources: Vec<String>,
}

impl Fact {
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// One way a [`Fact`] is established: `field` has the value `equals` (text) or at least
/// `at_least` (integer); or the symptom `symptom` is reported — in `field`'s text when a field
/// is named, anywhere otherwise.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Condition {
    pub field: Option<String>,
    pub equals: Option<String>,
    pub at_least: Option<i64>,
    pub symptom: Option<String>,
}

/// An error code whose meaning is documented by its platform.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ErrorCode {
    pub meaning: String,
    pub symptoms: Vec<String>,
    pub sources: Vec<String>,
}

/// Where a seller finds the value of one profile field (`[fields."lianlian.merchant_id"]`), in
/// both languages: the words `bindcheck interview` asks with. The platforms' pages change, so
/// these are data a rulepack can reword, not code.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FieldGuide {
    /// Where to find the value and what to do with it ("LianLian Global › Account › …: copy the
    /// Merchant ID and paste it here"). Empty for a credential, which is never asked for.
    pub en: String,
    pub zh: String,
    /// Source ids (see `[sources]`) for the page named, where there is one.
    pub sources: Vec<String>,
    /// How plain prose names the field ("the routing number in Amazon's deposit method").
    pub label: Option<FieldLabel>,
}

/// A field named in plain words, in both languages: a noun phrase that reads as the subject or
/// object of a sentence.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldLabel {
    pub en: String,
    pub zh: String,
}

/// Parses a rule's texts in both languages and checks they hold what every output needs.
fn check_texts(code: &str, rule: &RulePolicy) -> Result<(), String> {
    for (lang, lazy) in [(Lang::En, &rule.en), (Lang::Zh, &rule.zh)] {
        let l = lang.as_str();
        let at = |what: &str| format!("rules.{code}.{l}.{what}");
        let texts = lazy.parse().map_err(|e| format!("rules.{code}.{l}: {e}"))?;
        if texts.title.is_empty() {
            return Err(format!("{} is missing", at("title")));
        }
        if texts.message.get("default").is_none() {
            return Err(format!("{} needs a `default` message", at("message")));
        }
        if texts.remediation.get("default").is_none_or(Vec::is_empty) {
            return Err(format!("{} needs `default` steps", at("remediation")));
        }
        // Parsed now, so never again.
        let _ = lazy.parsed.set(texts);
    }
    Ok(())
}

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
    /// `pattern` / `*_pattern` params, compiled on first use: most runs need few of them, and
    /// compiling all at start-up costs more than checking a profile.
    /// `((code, key), regex)`; a list, as there are few and a lookup must not allocate.
    patterns: Vec<((String, String), std::sync::OnceLock<Regex>)>,
    /// `*_hints` params (literal strings a rule looks for) as one automaton each, built on
    /// first use like the patterns.
    literals: Vec<(
        (String, String),
        std::sync::OnceLock<aho_corasick::AhoCorasick>,
    )>,
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

    fn validate(&mut self, origin: &str, eager: bool) -> Result<(), PolicyError> {
        let err = |problem: String| PolicyError::new(origin, problem);
        if self.evidence.max_items == 0 {
            return Err(err(
                "evidence.max_items = 0 would leave every evidence list empty".into(),
            ));
        }
        for (code, rule) in &self.rules {
            let at = |what: &str| format!("rules.{code}.{what}");
            if rule.severity.is_none() {
                return Err(err(format!("{} is missing", at("severity"))));
            }
            if rule.confidence.is_none() {
                return Err(err(format!("{} is missing", at("confidence"))));
            }
            if rule.scope.is_empty() {
                return Err(err(format!(
                    "{} is missing (the flows the rule applies to, e.g. [\"ozon-lianlian\"] or [\"any\"])",
                    at("scope")
                )));
            }
            match rule.prior {
                Some(p) if (0.0..=1.0).contains(&p) => {}
                Some(p) => {
                    return Err(err(format!("{} = {p} is not between 0 and 1", at("prior"))));
                }
                None => return Err(err(format!("{} is missing", at("prior")))),
            }
            for source in &rule.sources {
                if !self.sources.contains_key(source) {
                    return Err(err(format!(
                        "{} names `{source}`, which is not in [sources]",
                        at("sources")
                    )));
                }
            }
            // Locations are worded only for a mistake: this runs for every rule at start-up.
            self.check_symptom_ids(|| at("symptoms"), &rule.symptoms)
                .map_err(err)?;
            for (pattern, symptoms) in &rule.symptoms_by_field {
                self.check_symptom_ids(
                    || at(&format!("symptoms_by_field.\"{pattern}\"")),
                    symptoms,
                )
                .map_err(err)?;
            }
            self.check_prerequisites(code, rule).map_err(err)?;
            // The built-in texts are checked by a unit test instead: parsing every text of both
            // languages at start-up would cost more than the check of a profile.
            if eager {
                check_texts(code, rule).map_err(err)?;
            }
            for (key, value) in &rule.params {
                if key == "pattern" || key.ends_with("_pattern") {
                    let Some(text) = value.as_str() else {
                        return Err(err(format!(
                            "{} must be a string",
                            at(&format!("params.{key}"))
                        )));
                    };
                    let cell = std::sync::OnceLock::new();
                    // Built-in patterns are compiled by a unit test; a user's rulepack is
                    // checked now, so a bad pattern is reported before any profile is read.
                    if eager {
                        let regex = compile(text)
                            .map_err(|e| err(format!("{} {e}", at(&format!("params.{key}")))))?;
                        let _ = cell.set(regex);
                    }
                    self.patterns.push(((code.clone(), key.clone()), cell));
                }
                if key.ends_with("_hints") {
                    let cell = std::sync::OnceLock::new();
                    self.literals.push(((code.clone(), key.clone()), cell));
                }
            }
        }
        for (code, meaning) in &self.error_codes {
            self.check_symptom_ids(|| format!("error_codes.{code}.symptoms"), &meaning.symptoms)
                .map_err(err)?;
        }
        self.validate_facts().map_err(err)?;
        // The built-in guides are checked by a unit test, like the built-in texts.
        if eager {
            self.validate_field_guides().map_err(err)?;
        }
        if eager && !self.ranking.error_code_pattern.is_empty() {
            compile(&self.ranking.error_code_pattern)
                .map_err(|e| err(format!("ranking.error_code_pattern {e}")))?;
        }
        Ok(())
    }

    /// A rule's `prerequisites` name other rules, and its `prerequisite_of` flows, not `any`.
    fn check_prerequisites(&self, code: &str, rule: &RulePolicy) -> Result<(), String> {
        let at = |what: &str| format!("rules.{code}.{what}");
        if let Some(prerequisite) = rule
            .prerequisites
            .iter()
            .find(|p| *p == code || !self.rules.contains_key(*p))
        {
            return Err(format!(
                "{} names `{prerequisite}`, which is not another rule",
                at("prerequisites")
            ));
        }
        if rule.prerequisite_of.contains(&Flow::Any) {
            return Err(format!(
                "{} names `any`: name the flows whose rules wait for this one",
                at("prerequisite_of")
            ));
        }
        Ok(())
    }

    fn check_symptom_ids(
        &self,
        at: impl FnOnce() -> String,
        symptoms: &[String],
    ) -> Result<(), String> {
        match symptoms.iter().find(|s| !self.symptoms.contains_key(*s)) {
            Some(unknown) => Err(format!(
                "{} names `{unknown}`, which is not in [symptoms]",
                at()
            )),
            None => Ok(()),
        }
    }

    /// Every fact's conditions name a field of the format, one test each, and known symptoms;
    /// its `rules_out` names rules; it has a reason in both languages when it rules one out.
    fn validate_facts(&self) -> Result<(), String> {
        for (id, fact) in &self.facts {
            let at = |what: &str| format!("facts.{id}.{what}");
            if fact.when.is_empty() {
                return Err(format!("{} needs at least one condition", at("when")));
            }
            for condition in &fact.when {
                if let Some(field) = &condition.field
                    && crate::profile::schema::field(field).is_none()
                {
                    return Err(format!(
                        "{} names `{field}`, which is not a field of the profile format",
                        at("when")
                    ));
                }
                let tests = [
                    condition.equals.is_some(),
                    condition.at_least.is_some(),
                    condition.symptom.is_some(),
                ];
                let one_test = tests.iter().filter(|t| **t).count() == 1;
                let needs_field = condition.equals.is_some() || condition.at_least.is_some();
                if !one_test || (needs_field && condition.field.is_none()) {
                    return Err(format!(
                        "{}: each condition is `field` with `equals` or `at_least`, or `symptom` (with or without `field`)",
                        at("when")
                    ));
                }
                if let Some(symptom) = &condition.symptom {
                    self.check_symptom_ids(|| at("when"), std::slice::from_ref(symptom))?;
                }
            }
            self.check_symptom_ids(|| at("symptoms"), &fact.symptoms)?;
            if let Some(source) = fact.sources.iter().find(|s| !self.sources.contains_key(*s)) {
                return Err(format!(
                    "{} names `{source}`, which is not in [sources]",
                    at("sources")
                ));
            }
            if let Some(code) = fact.rules_out.iter().find(|c| !self.rules.contains_key(*c)) {
                return Err(format!(
                    "{} names `{code}`, which is not a rule",
                    at("rules_out")
                ));
            }
            if !fact.rules_out.is_empty() && (fact.en.is_empty() || fact.zh.is_empty()) {
                return Err(format!(
                    "facts.{id} rules out rules, so it needs `en` and `zh` reasons"
                ));
            }
        }
        Ok(())
    }

    /// Every `[fields]` entry names a field of the format and a known source, in both languages.
    fn validate_field_guides(&self) -> Result<(), String> {
        let guides = self.parse_field_guides()?;
        for (path, guide) in &guides {
            let at = format!("fields.\"{path}\"");
            if crate::profile::schema::field(path).is_none() {
                return Err(format!(
                    "{at}: `{path}` is not a field of the profile format"
                ));
            }
            let credential = crate::profile::schema::field(path)
                .is_some_and(|f| f.class == crate::profile::schema::FieldClass::Secret);
            if !credential && (guide.en.trim().is_empty() || guide.zh.trim().is_empty()) {
                return Err(format!("{at} needs `en` and `zh`"));
            }
            if guide
                .label
                .as_ref()
                .is_some_and(|l| l.en.trim().is_empty() || l.zh.trim().is_empty())
            {
                return Err(format!("{at}.label needs `en` and `zh`"));
            }
            if let Some(source) = guide
                .sources
                .iter()
                .find(|s| !self.sources.contains_key(*s))
            {
                return Err(format!(
                    "{at}.sources names `{source}`, which is not in [sources]"
                ));
            }
        }
        let _ = self.field_guides.set(guides);
        Ok(())
    }

    fn parse_field_guides(&self) -> Result<BTreeMap<String, FieldGuide>, String> {
        match &self.fields_json {
            None => Ok(BTreeMap::new()),
            Some(raw) => serde_json::from_str(raw.get()).map_err(|e| format!("fields: {e}")),
        }
    }

    /// Where the value of each field is found (`[fields]`), by field path.
    pub fn field_guides(&self) -> &BTreeMap<String, FieldGuide> {
        self.field_guides
            .get_or_init(|| self.parse_field_guides().unwrap_or_default())
    }

    /// Where the value of the field at `path` is found, in `lang`.
    pub fn field_guide(&self, path: &str, lang: Lang) -> Option<&str> {
        let guide = self.field_guides().get(path)?;
        Some(if lang == Lang::En {
            &guide.en
        } else {
            &guide.zh
        })
    }

    /// How plain prose names the field at `path`, in `lang` (`[fields."…"] label`). An entry
    /// of `[[amazon.deposit_methods]]` (`amazon.deposit_methods[1].currency`) is named as the
    /// deposit method's field.
    pub fn field_label(&self, path: &str, lang: Lang) -> Option<&str> {
        let path = crate::profile::schema::without_entry(path);
        let path = crate::profile::schema::deposit_method_path(&path).unwrap_or(&path);
        let label = self.field_guides().get(path)?.label.as_ref()?;
        Some(if lang == Lang::En {
            &label.en
        } else {
            &label.zh
        })
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

    pub fn rule(&self, code: &str) -> Option<&RulePolicy> {
        self.rules.get(code)
    }

    /// Each rule's scope, in the code order of [`RulePack::rules`].
    pub fn scopes(&self) -> &[Flows] {
        &self.scopes
    }

    fn param(&self, code: &str, key: &str) -> Result<&toml::Value, PolicyError> {
        // A rule has a handful of params: comparing their keys is cheaper than hashing `key`
        // for the table's map, and this runs several times per rule per profile.
        self.rules
            .get(code)
            .and_then(|r| r.params.iter().find(|(k, _)| k.as_str() == key))
            .map(|(_, value)| value)
            .ok_or_else(|| {
                PolicyError::new("in use", format!("rules.{code}.params.{key} is missing"))
            })
    }

    fn param_error(code: &str, key: &str, expected: &str) -> PolicyError {
        PolicyError::new(
            "in use",
            format!("rules.{code}.params.{key} must be {expected}"),
        )
    }

    pub fn param_str(&self, code: &str, key: &str) -> Result<&str, PolicyError> {
        self.param(code, key)?
            .as_str()
            .ok_or_else(|| Self::param_error(code, key, "a string"))
    }

    pub fn param_money(&self, code: &str, key: &str) -> Result<Money, PolicyError> {
        self.param_str(code, key)?
            .parse()
            .map_err(|_| Self::param_error(code, key, "money like \"100 CNY\""))
    }

    pub fn param_integer(&self, code: &str, key: &str) -> Result<i64, PolicyError> {
        self.param(code, key)?
            .as_integer()
            .ok_or_else(|| Self::param_error(code, key, "an integer"))
    }

    pub fn param_strings(&self, code: &str, key: &str) -> Result<Vec<&str>, PolicyError> {
        let value = self.param(code, key)?;
        let strings: Option<Vec<&str>> = value
            .as_array()
            .map(|items| items.iter().map(toml::Value::as_str).collect())
            .unwrap_or(None);
        strings.ok_or_else(|| Self::param_error(code, key, "an array of strings"))
    }

    /// An array of arrays of strings (e.g. groups of equivalent legal forms).
    pub fn param_string_groups(
        &self,
        code: &str,
        key: &str,
    ) -> Result<Vec<Vec<String>>, PolicyError> {
        let value = self.param(code, key)?;
        let groups: Option<Vec<Vec<String>>> = value.as_array().and_then(|groups| {
            groups
                .iter()
                .map(|g| {
                    g.as_array()?
                        .iter()
                        .map(|s| s.as_str().map(str::to_string))
                        .collect()
                })
                .collect()
        });
        groups.ok_or_else(|| Self::param_error(code, key, "an array of arrays of strings"))
    }

    /// A compiled `pattern` / `*_pattern` parameter.
    pub fn param_regex(&self, code: &str, key: &str) -> Result<&Regex, PolicyError> {
        built_once(&self.patterns, code, key, "a regular expression", || {
            compile(self.param_str(code, key)?)
                .map_err(|e| PolicyError::new("in use", format!("rules.{code}.params.{key} {e}")))
        })
    }

    /// A `*_hints` parameter (an array of literal strings) as an automaton that finds any of
    /// them in one pass over a text.
    pub fn param_literals(
        &self,
        code: &str,
        key: &str,
    ) -> Result<&aho_corasick::AhoCorasick, PolicyError> {
        built_once(&self.literals, code, key, "an array of strings", || {
            // A handful of short literals, searched in short values: the automaton that is
            // cheapest to build is the right one (a DFA would cost more to build than a run
            // uses).
            aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
                .build(self.param_strings(code, key)?)
                .map_err(|e| PolicyError::new("in use", format!("rules.{code}.params.{key}: {e}")))
        })
    }

    /// The symptom ids whose phrases occur in `text` (in phrase form, see
    /// [`crate::unicode::phrase_form`]); a fallback symptom only when no other is found.
    pub fn symptoms_in(&self, text: &str) -> Vec<&str> {
        let text = crate::unicode::phrase_form(text);
        let mut found: Vec<&str> = self
            .symptoms
            .iter()
            .filter(|(_, s)| {
                s.phrases
                    .iter()
                    .any(|p| crate::unicode::phrase_occurs(&text, p))
            })
            .map(|(id, _)| id.as_str())
            .collect();
        self.drop_fallbacks(&mut found);
        found
    }

    /// Leaves out the fallback symptoms among `symptoms` when another kind is among them.
    pub fn drop_fallbacks<S: AsRef<str>>(&self, symptoms: &mut Vec<S>) {
        let fallback = |id: &S| self.symptoms.get(id.as_ref()).is_some_and(|s| s.fallback);
        if symptoms.iter().any(|id| !fallback(id)) {
            symptoms.retain(|id| !fallback(id));
        }
    }
}

/// The value of the parameter `code`.`key` among `cells` (registered when the pack was
/// loaded), built by `build` on first use.
fn built_once<'a, T>(
    cells: &'a [((String, String), std::sync::OnceLock<T>)],
    code: &str,
    key: &str,
    expected: &str,
    build: impl FnOnce() -> Result<T, PolicyError>,
) -> Result<&'a T, PolicyError> {
    let cell = cells
        .iter()
        .find(|((c, k), _)| c == code && k == key)
        .map(|(_, cell)| cell)
        .ok_or_else(|| RulePack::param_error(code, key, expected))?;
    if let Some(value) = cell.get() {
        return Ok(value);
    }
    let value = build()?;
    Ok(cell.get_or_init(|| value))
}

fn compile(pattern: &str) -> Result<Regex, String> {
    Regex::new(pattern).map_err(|e| {
        format!(
            "is not a valid regular expression: {}",
            e.to_string().lines().last().unwrap_or("")
        )
    })
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

/// Fills `{name}` placeholders from `args`; unknown placeholders are left as written.
pub fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    // Byte searches: the braces are ASCII (bench/README.md, "Why the code is shaped so").
    while let Some(open) = memchr::memchr(b'{', rest.as_bytes()) {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match memchr::memchr(b'}', after.as_bytes()) {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders a template uses.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

/// `template` as a text no finding fills (`explain`, SARIF rule help, the rule reference): a
/// placeholder named after one of the rule's scalar parameters shows the parameter's value
/// (`{minimum}` → 100 CNY), so the step reads as the seller will see it; any other placeholder
/// is shown as `<name>`.
pub fn generic(template: &str, params: &toml::Table) -> String {
    let args: Vec<(&str, String)> = placeholders(template)
        .into_iter()
        .map(|p| {
            let value = match params.get(p) {
                Some(toml::Value::String(s)) => s.clone(),
                Some(toml::Value::Integer(i)) => i.to_string(),
                Some(toml::Value::Float(f)) => f.to_string(),
                _ => format!("<{p}>"),
            };
            (p, value)
        })
        .collect();
    fill(template, &args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_file_has_the_rulepack_shape() {
        // build.rs only merges; this names the file, line and column of a mistake.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rulepack");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            parse_file(&path.display().to_string(), &text).unwrap();
        }
    }

    #[test]
    fn builtin_pack_loads_and_every_pattern_compiles() {
        let pack = RulePack::builtin().unwrap();
        for ((code, key), _) in &pack.patterns {
            pack.param_regex(code, key).unwrap();
        }
        assert!(pack.patterns.len() >= 5);
        assert_eq!(pack.meta.id, "builtin");
    }

    #[test]
    fn overlay_changes_one_value_and_keeps_the_rest() {
        let overlay = "[rules.BC501.params]\nminimum = \"50 CNY\"\n";
        let pack = RulePack::load(Some(("mine.toml", overlay))).unwrap();
        assert_eq!(
            pack.param_money("BC501", "minimum").unwrap().to_string(),
            "50 CNY"
        );
        assert!(!pack.rule("BC501").unwrap().texts(Lang::Zh).title.is_empty());
    }

    #[test]
    fn builtin_texts_are_complete_in_both_languages() {
        // Start-up leaves the built-in texts unparsed until they are needed; this is their check.
        let pack = RulePack::builtin().unwrap();
        assert!(pack.rules.len() >= 50);
        for (code, rule) in &pack.rules {
            check_texts(code, rule).unwrap();
        }
    }

    #[test]
    fn builtin_field_guides_are_complete() {
        let pack = RulePack::builtin().unwrap();
        pack.validate_field_guides().unwrap();
        assert!(pack.field_guides().len() > 50);
        let overlay = "[fields.\"lianlian.merchant_id\"]\nen = \"Mine\"\n";
        let pack = RulePack::load(Some(("mine.toml", overlay))).unwrap();
        assert_eq!(
            pack.field_guide("lianlian.merchant_id", Lang::En),
            Some("Mine")
        );
        assert!(
            !pack
                .field_guide("lianlian.merchant_id", Lang::Zh)
                .unwrap()
                .is_empty()
        );
        let e = RulePack::load(Some(("m.toml", "[fields.\"lianlian.nope\"]\nen = \"x\"\n")))
            .unwrap_err();
        assert!(e.problem.contains("lianlian.nope"), "{}", e.problem);
    }

    /// Every field a finding can name has a plain label in both languages, the Chinese one in
    /// Chinese; an entry of the deposit methods array is named as the deposit method's field,
    /// and an overlay that rewords a guide keeps the label.
    #[test]
    fn every_field_has_a_plain_label() {
        let pack = RulePack::builtin().unwrap();
        for spec in crate::profile::schema::FIELDS {
            if spec.path == "format" || spec.path.starts_with("bindcheck.") {
                continue;
            }
            let en = pack.field_label(spec.path, Lang::En).unwrap_or_default();
            let zh = pack.field_label(spec.path, Lang::Zh).unwrap_or_default();
            assert!(!en.is_empty() && !en.contains('_'), "{}: {en}", spec.path);
            assert!(
                zh.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
                "{}: {zh}",
                spec.path
            );
        }
        assert_eq!(
            pack.field_label("amazon.deposit_methods[2].routing_number", Lang::En),
            Some("the routing number in Amazon's deposit method")
        );
        let overlay = "[fields.\"lianlian.merchant_id\"]\nen = \"Mine\"\n";
        let pack = RulePack::load(Some(("mine.toml", overlay))).unwrap();
        assert_eq!(
            pack.field_label("lianlian.merchant_id", Lang::En),
            Some("LianLian's Merchant ID")
        );
    }

    #[test]
    fn overlay_texts_are_checked_at_load() {
        let e =
            RulePack::load(Some(("mine.toml", "[rules.BC501.zh]\ntitel = \"x\"\n"))).unwrap_err();
        assert!(e.problem.contains("titel"), "{}", e.problem);
        assert!(e.problem.contains("line 2, column 1"), "{}", e.problem);
        let e =
            RulePack::load(Some(("mine.toml", "[rules.BC501.en]\ntitle = \"\"\n"))).unwrap_err();
        assert!(
            e.problem.contains("rules.BC501.en.title is missing"),
            "{}",
            e.problem
        );
        let pack =
            RulePack::load(Some(("mine.toml", "[rules.BC501.en]\ntitle = \"Mine\"\n"))).unwrap();
        assert_eq!(pack.rule("BC501").unwrap().texts(Lang::En).title, "Mine");
    }

    #[test]
    fn malformed_overlay_names_file_line_and_column() {
        let e = RulePack::load(Some(("mine.toml", "[rules.BC501]\nsevrity = \"error\"\n")))
            .unwrap_err();
        assert_eq!(e.origin, "mine.toml");
        assert!(e.problem.contains("sevrity"), "{}", e.problem);
        assert!(e.problem.contains("line 2, column 1"), "{}", e.problem);

        let e = RulePack::load(Some(("mine.toml", "[rules.BC501\n"))).unwrap_err();
        assert!(e.problem.contains("line 1"), "{}", e.problem);

        let e = RulePack::load(Some(("m.toml", "[rules.BC301.params]\npattern = \"[\"\n")))
            .unwrap_err();
        assert!(
            e.problem.contains("rules.BC301.params.pattern"),
            "{}",
            e.problem
        );
    }

    #[test]
    fn prerequisites_name_other_rules_and_flows() {
        for (overlay, problem) in [
            (
                "[rules.BC602]\nprerequisites = [\"BC602\"]\n",
                "rules.BC602.prerequisites names `BC602`, which is not another rule",
            ),
            (
                "[rules.BC701]\nprerequisite_of = [\"any\"]\n",
                "rules.BC701.prerequisite_of names `any`: name the flows whose rules wait for this one",
            ),
        ] {
            let e = RulePack::load(Some(("m.toml", overlay))).unwrap_err();
            assert_eq!(e.problem, problem);
        }
        let pack = RulePack::load(Some((
            "m.toml",
            "[rules.BC703]\nprerequisite_of = [\"ozon-lianlian\"]\n",
        )))
        .unwrap();
        assert_eq!(
            pack.rule("BC703").unwrap().prerequisite_of,
            [Flow::OzonLianlian]
        );
    }

    #[test]
    fn symptoms_are_read_in_phrase_form_and_fallbacks_give_way() {
        let pack = RulePack::builtin().unwrap();
        assert_eq!(pack.symptoms_in("binding failed"), ["binding-rejected"]);
        assert_eq!(
            pack.symptoms_in("Binding failed again and again"),
            ["binding-rejected", "repeated-failures"]
        );
        for text in [
            "Binding failed: Invalid MerchantID",
            "绑定失败：商户 ID 无效",
            "Ошибка привязки: неверный Merchant ID, снова и снова",
        ] {
            assert_eq!(pack.symptoms_in(text), ["invalid-merchant-id"], "{text}");
        }
        let mut found = vec!["binding-rejected", "name-mismatch"];
        pack.drop_fallbacks(&mut found);
        assert_eq!(found, ["name-mismatch"]);
    }

    #[test]
    fn fill_replaces_known_placeholders_only() {
        let args = [("a", "1".to_string())];
        assert_eq!(fill("x {a} {b} {", &args), "x 1 {b} {");
        assert_eq!(placeholders("{a} and {b}"), ["a", "b"]);
    }
}
