//! One profile through the stages: bytes → profile → findings → causes → ranking.
//!
//! The bytes come from the caller ([`crate::input`] reads a profile file); this module does no
//! input or output.
//!
//! `diagnose`, `lint` and `ticket` all call [`analyze`]; what they do with the ranked causes
//! (report, statistics, e-mail) is theirs.

use crate::finding::Finding;
use crate::profile::{self, LoadError, Profile, SecretPolicy};
use crate::rank::{self, Cause, Ranked, Reported};
use crate::redact::Secrets;
use crate::rulepack::{PolicyError, RulePack};
use crate::rules;

/// Options that change what is found or how it ranks.
#[derive(Debug, Clone, Default)]
pub struct AnalyzeOptions {
    /// "Today" for date rules; `None` = the system date.
    pub as_of: Option<jiff::civil::Date>,
    /// `--symptom TEXT`.
    pub symptom: Option<String>,
}

/// A checked and ranked profile.
#[derive(Debug)]
pub struct Analysis {
    pub profile: Profile,
    /// Every finding, in the order of its cause (`Ranked::cause`).
    pub ranked: Vec<Ranked>,
    /// The causes, in rank order; each names its findings by their rank.
    pub causes: Vec<Cause>,
    /// Findings hidden by `[[bindcheck.ignore]]`.
    pub suppressed: Vec<Finding>,
    /// The symptoms and facts reported with `--symptom` and in `[incident]`.
    pub reported: Reported,
}

/// Why a profile could not be analysed.
#[derive(Debug, thiserror::Error)]
pub enum AnalyzeError {
    /// Worded for a reader by [`crate::report::load_error_message`]; this is for logs.
    #[error("{}:{}:{}: {} ({})", .0.message_path, .0.error.position.line, .0.error.position.column, .0.error.code, .0.error.kind.variant())]
    Load(Box<LoadFailure>),
    #[error(transparent)]
    Policy(#[from] PolicyError),
}

#[derive(Debug)]
pub struct LoadFailure {
    pub message_path: String,
    pub error: LoadError,
}

pub fn analyze(
    path: &str,
    bytes: &[u8],
    pack: &RulePack,
    options: &AnalyzeOptions,
) -> Result<Analysis, AnalyzeError> {
    let secrets = SecretPolicy::new(pack)?;
    let (mut profile, issues) = profile::load(path, bytes, &secrets).map_err(|error| {
        AnalyzeError::Load(Box::new(LoadFailure {
            message_path: crate::unicode::escape(path).into_owned(),
            error,
        }))
    })?;
    if let Some(symptom) = &options.symptom {
        secrets.remember_shapes(symptom, profile.source.secrets_mut());
    }
    let checked = rules::check(&profile, &issues, pack, options.as_of)?;
    let reported = rank::reported(pack, options.symptom.as_deref(), &profile);
    let mut findings = checked.findings;
    findings.extend(unknown_symptom_codes(&reported, pack, &profile));
    withhold_fixes_of_secrets(&mut findings, profile.source.secrets());
    let mut recheck = |patched: &str| {
        let (patched, issues) = profile::load(path, patched.as_bytes(), &secrets).ok()?;
        rules::check(&patched, &issues, pack, options.as_of)
            .ok()
            .map(|c| c.findings)
    };
    let places = crate::cause::group(&findings, &profile, pack, &mut recheck);
    let (ranked, causes) = rank::rank(findings, places, pack, &reported);
    Ok(Analysis {
        profile,
        ranked,
        causes,
        suppressed: checked.suppressed,
        reported,
    })
}

/// A credential's remedy is to delete it: a fix that would rewrite a secret value, or enter
/// one, is dropped, so neither `--fix` nor any output ever writes it.
fn withhold_fixes_of_secrets(findings: &mut [Finding], secrets: &Secrets) {
    if secrets.is_empty() {
        return;
    }
    for finding in findings {
        if finding.fix.as_ref().is_some_and(|fix| secrets.touches(fix)) {
            finding.fix = None;
        }
    }
}

/// Where a finding about `--symptom` text points: the option, not a place in the file.
pub const SYMPTOM_FIELD: &str = "--symptom";

/// BC806 for each error code given with `--symptom` that the rulepack does not document, as
/// for `incident.error_code` (whose own check is the rule's): the code is reported, never
/// given a guessed meaning.
fn unknown_symptom_codes<'a>(
    reported: &'a Reported,
    pack: &'a RulePack,
    profile: &'a Profile,
) -> impl Iterator<Item = Finding> + 'a {
    let in_profile = profile.text("incident.error_code").map(str::trim);
    reported
        .symptom_codes
        .iter()
        .filter(move |code| {
            !pack
                .error_codes
                .keys()
                .any(|k| k.eq_ignore_ascii_case(code))
                && !in_profile.is_some_and(|c| c.eq_ignore_ascii_case(code))
        })
        .map(|code| {
            Finding::new("BC806", SYMPTOM_FIELD, 0..0)
                .text("code", code.clone())
                .evidence("source", SYMPTOM_FIELD)
                .fingerprint_value(code.clone())
        })
}
