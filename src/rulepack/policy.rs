//! A rule's policy: severity, confidence, prior, symptoms, scope, parameters and its texts.

use super::*;

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
    /// Variants (or variant classes, the part before the dot) whose findings explain no
    /// symptom at all: a problem only of the profile's own copy of a value (BC201–BC206
    /// `issued`) is nothing any platform saw.
    pub silent_variants: Vec<String>,
    /// Rules whose causes must be fixed before this rule's cause can be (ranked first).
    pub prerequisites: Vec<String>,
    /// Flows this rule's cause is a prerequisite of: it ranks before the cause of every other
    /// rule whose scope names one of them (an entity that may not use a channel at all comes
    /// before every other fix of that channel).
    pub prerequisite_of: Vec<Flow>,
    /// What following the remediation does to the finding's value (see [`Remedy`]).
    pub remedy: Remedy,
    /// Its findings say that their field's value, judged after the character family's repairs
    /// (BC201–BC206), is still not a valid value of its kind: repairing the characters alone
    /// is then no fix.
    pub checks_value: bool,
    /// Source ids (see `[sources]`).
    pub sources: Vec<String>,
    /// The flows the rule's sources describe; the rule runs only for a profile describing one
    /// of them (`any`: every profile). See [`crate::profile::flow`].
    pub scope: Vec<Flow>,
    /// Thresholds and patterns the rule's logic reads.
    pub params: toml::Table,
    pub(super) en: T,
    pub(super) zh: T,
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

    /// The symptoms this rule explains for a finding of `variant` on `field`: its `symptoms`,
    /// then those of every `symptoms_by_field` pattern that matches; none for a
    /// `silent_variants` variant.
    pub fn symptoms_at<'a>(
        &'a self,
        field: &'a str,
        variant: &str,
    ) -> impl Iterator<Item = &'a String> + 'a {
        let silent = super::texts::variant_keys(variant)
            .any(|key| self.silent_variants.iter().any(|s| s == key));
        self.symptoms
            .iter()
            .chain(
                self.symptoms_by_field
                    .iter()
                    .filter(move |(pattern, _)| matches_wildcard(pattern, field))
                    .flat_map(|(_, symptoms)| symptoms.iter()),
            )
            .filter(move |_| !silent)
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
