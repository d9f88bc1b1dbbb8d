//! The pack's metadata, the ranking weights, evidence limits and sources.

use super::*;

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
    /// Other ways `--symptom` text writes an error code ("Error 4007"), each with the code it
    /// stands for.
    pub error_code_spellings: Vec<CodeSpelling>,
}

/// A way of writing an error code in words: text matching `pattern` is the code `code`, in
/// which `$1`, `$name`… are the pattern's groups.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CodeSpelling {
    pub pattern: String,
    pub code: String,
}

impl Default for Ranking {
    fn default() -> Self {
        Ranking {
            high: 1.0,
            medium: 0.7,
            low: 0.4,
            symptom_boost: 3.0,
            error_code_pattern: String::new(),
            error_code_spellings: Vec::new(),
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
