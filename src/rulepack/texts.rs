//! A rule's texts in one language, one text or several keyed by variant, parsed on first use.

use super::*;

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
pub(super) fn variant_keys(variant: &str) -> impl Iterator<Item = &str> {
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
    /// The title of a finding of one variant whose subject differs from the rule's: a
    /// minimum that could not be compared is not "below the minimum".
    pub titles: BTreeMap<String, String>,
    /// What the rule checks and why it matters (`explain`).
    pub why: String,
    /// Where sources disagree, which one bindcheck follows and why (`explain`).
    pub note: String,
    /// The finding's message; `{name}` placeholders are filled from the finding.
    pub message: Variants<String>,
    /// Numbered remediation steps.
    pub remediation: Variants<Vec<String>>,
}

impl Texts {
    /// The title of a finding of `variant`: its own (`titles`, tried as [`Variants::get`]
    /// tries keys), else the rule's.
    pub fn title_for(&self, variant: &str) -> &str {
        variant_keys(variant)
            .find_map(|key| self.titles.get(key))
            .map_or(self.title.as_str(), String::as_str)
    }
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
pub(super) enum RawTexts {
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
    pub(super) fn builtin(json: &'static str) -> Self {
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
    pub(super) fn get(&self) -> &Texts {
        self.parsed.get_or_init(|| self.parse().unwrap_or_default())
    }
}

/// Parses a rule's texts in both languages and checks they hold what every output needs.
pub(super) fn check_texts(code: &str, rule: &RulePolicy) -> Result<(), String> {
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
