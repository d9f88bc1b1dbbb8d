//! What is reported about an incident: symptoms and their phrases, facts, documented error
//! codes.

use super::*;

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

impl RulePack {
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
