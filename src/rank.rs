//! Findings → ranked causes (SPEC §2 "Ranking").
//!
//! Order: severity (error, warning, info), then score (higher first), then position in the
//! file, then code, where
//!
//! ```text
//! score = weight(confidence) × prior × (symptom_boost if the rule explains a reported symptom)
//! ```
//!
//! - `weight(confidence)`: `[ranking]` `high` / `medium` / `low` of the rulepack (built in:
//!   1.0 / 0.7 / 0.4), for the rule's `confidence`;
//! - `prior`: the rule's `prior` (0..1), how often this cause is behind a failed binding;
//! - `symptom_boost`: `[ranking] symptom_boost` (built in: 3.0), applied once when any symptom in
//!   the rule's `symptoms` list was reported — never per symptom, so a rule that lists many
//!   symptoms does not outrank a precise one just by being vague.
//!
//! Severity is never overridden by a symptom: a matching warning stays below every error, since
//! an error blocks the binding whatever was reported. Scores are shown rounded to three
//! decimals (JSON `score`, `--explain-rank`); sorting uses the exact value.
//!
//! Reported symptoms ([`reported_symptoms`]) come from:
//! - `--symptom TEXT` and `incident.error_message` / `incident.payout_status`: every symptom of
//!   the rulepack's `[symptoms]` table with a phrase contained in the text (case-insensitive;
//!   phrases exist in English, Chinese and Russian);
//! - error codes (`incident.error_code`, or a code-shaped word in `--symptom`) that the
//!   rulepack's `[error_codes]` documents, matched case-insensitively — an undocumented code adds
//!   no symptom (it is reported as BC806 instead);
//! - situations: `incident.test_payment = "succeeded"` → `payout-not-arriving`, `"failed"` →
//!   `verification-payment-failed`, `incident.attempts ≥ 2` → `repeated-failures`.

use crate::finding::Finding;
use crate::profile::Profile;
use crate::rulepack::{Confidence, RulePack, Severity};
use std::collections::BTreeSet;

/// A finding with its place in the ranking.
#[derive(Debug, Clone)]
pub struct Ranked {
    pub finding: Finding,
    /// 1-based.
    pub rank: usize,
    pub severity: Severity,
    pub confidence: Confidence,
    pub score: f64,
    /// The reported symptoms this finding's rule explains.
    pub matched_symptoms: Vec<String>,
    /// The formula with its numbers, for `--explain-rank`.
    pub score_explanation: String,
}

/// The symptoms reported for a profile: from `--symptom` text and `[incident]`.
pub fn reported_symptoms(
    pack: &RulePack,
    symptom: Option<&str>,
    profile: &Profile,
) -> BTreeSet<String> {
    let mut found: BTreeSet<String> = BTreeSet::new();
    let mut add_text = |text: &str| {
        found.extend(pack.symptoms_in(text).into_iter().map(str::to_string));
    };
    if let Some(text) = symptom {
        add_text(text);
    }
    for path in ["incident.error_message", "incident.payout_status"] {
        if let Some(text) = profile.text(path) {
            add_text(text);
        }
    }
    let mut codes: Vec<&str> = profile.text("incident.error_code").into_iter().collect();
    if let Some(text) = symptom {
        codes.extend(text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')));
    }
    for code in codes {
        let code = code.trim();
        if code.is_empty() {
            continue;
        }
        if let Some((_, meaning)) = pack
            .error_codes
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(code))
        {
            found.extend(meaning.symptoms.iter().cloned());
        }
    }
    let has = |id: &str| pack.symptoms.contains_key(id);
    match profile.text("incident.test_payment") {
        Some("succeeded") if has("payout-not-arriving") => {
            found.insert("payout-not-arriving".into());
        }
        Some("failed") if has("verification-payment-failed") => {
            found.insert("verification-payment-failed".into());
        }
        _ => {}
    }
    if profile.integer("incident.attempts").is_some_and(|n| n >= 2) && has("repeated-failures") {
        found.insert("repeated-failures".into());
    }
    found
}

/// Ranks one profile's findings.
pub fn rank(findings: Vec<Finding>, pack: &RulePack, symptoms: &BTreeSet<String>) -> Vec<Ranked> {
    let mut ranked: Vec<Ranked> = findings
        .into_iter()
        .map(|finding| {
            let policy = pack.rule(finding.code);
            let severity = policy.map_or(Severity::Warning, |p| p.severity_for(finding.variant));
            let confidence = policy.map_or(Confidence::Low, |p| p.confidence());
            let prior = policy.map_or(0.5, |p| p.prior());
            let matched: Vec<String> = policy
                .map(|p| {
                    p.symptoms
                        .iter()
                        .filter(|s| symptoms.contains(*s))
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            let weight = pack.ranking.weight(confidence);
            let boost = if matched.is_empty() {
                1.0
            } else {
                pack.ranking.symptom_boost
            };
            let score = weight * prior * boost;
            let mut score_explanation =
                format!("{weight} ({}) × {prior} (prior)", confidence.as_str());
            if !matched.is_empty() {
                score_explanation
                    .push_str(&format!(" × {boost} (explains {})", matched.join(", ")));
            }
            score_explanation.push_str(&format!(" = {}", round(score)));
            Ranked {
                finding,
                rank: 0,
                severity,
                confidence,
                score,
                matched_symptoms: matched,
                score_explanation,
            }
        })
        .collect();
    ranked.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then(b.score.total_cmp(&a.score))
            .then(a.finding.span.start.cmp(&b.finding.span.start))
            .then(a.finding.code.cmp(b.finding.code))
    });
    for (i, r) in ranked.iter_mut().enumerate() {
        r.rank = i + 1;
    }
    ranked
}

/// Scores are shown with three decimals.
pub fn round(score: f64) -> f64 {
    (score * 1000.0).round() / 1000.0
}
