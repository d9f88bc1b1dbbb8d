//! One profile through the stages: bytes → profile → findings → ranking.
//!
//! `diagnose`, `lint` and `ticket` all call [`analyze`]; what they do with the ranked findings
//! (report, statistics, e-mail) is theirs.

use crate::profile::{self, LoadError, Profile};
use crate::rank::{self, Ranked};
use crate::rulepack::{PolicyError, RulePack};
use crate::rules;
use std::collections::BTreeSet;

/// Options that change what is found or how it ranks.
#[derive(Debug, Clone, Default)]
pub struct AnalyzeOptions {
    /// "Today" for date rules; `None` = the system date.
    pub as_of: Option<jiff::civil::Date>,
    /// `--symptom TEXT`.
    pub symptom: Option<String>,
}

impl AnalyzeOptions {
    pub fn today(&self) -> jiff::civil::Date {
        self.as_of.unwrap_or_else(|| jiff::Zoned::now().date())
    }
}

/// A checked and ranked profile.
#[derive(Debug)]
pub struct Analysis {
    pub profile: Profile,
    pub ranked: Vec<Ranked>,
    /// Findings hidden by `[[bindcheck.ignore]]`.
    pub suppressed: Vec<crate::finding::Finding>,
    pub symptoms: BTreeSet<String>,
}

/// Why a profile could not be analysed.
#[derive(Debug, thiserror::Error)]
pub enum AnalyzeError {
    #[error("{}:{}:{}: {}", .0.message_path, .0.error.position.line, .0.error.position.column, .0.error.message)]
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
    let (profile, issues) = profile::load(path, bytes).map_err(|error| {
        AnalyzeError::Load(Box::new(LoadFailure {
            message_path: crate::unicode::escape(path).into_owned(),
            error,
        }))
    })?;
    let checked = rules::check(&profile, &issues, pack, options.today())?;
    let symptoms = rank::reported_symptoms(pack, options.symptom.as_deref(), &profile);
    let ranked = rank::rank(checked.findings, pack, &symptoms);
    Ok(Analysis {
        profile,
        ranked,
        suppressed: checked.suppressed,
        symptoms,
    })
}
