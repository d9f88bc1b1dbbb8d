//! A profile's whole diagnosis as plain text: what the rule reference shows under each of a
//! rule's fixtures, and what the fixture snapshots record.

use crate::pipeline::{AnalyzeError, AnalyzeOptions, analyze};
use crate::report::{self, FileReport, FixOut, RenderOptions, ReportCause, ReportFinding};
use crate::rulepack::{Lang, PolicyError, RulePack};
use std::fmt::Write;

/// The date the examples are diagnosed on, so that date rules give the same result every day.
pub const AS_OF: jiff::civil::Date = jiff::civil::date(2026, 11, 21);

/// The diagnosis of the profile `bytes` (shown as `path`) in `lang`, with identifiers masked:
/// every cause in rank order with its title, severity, score, steps and fix, and under it each
/// of its findings with field, start and end position, message, related fields, evidence and
/// fix. A profile that cannot be checked gives its one load finding.
pub fn diagnosis(path: &str, bytes: &[u8], pack: &RulePack, lang: Lang) -> String {
    match file_report(path, bytes, pack, lang) {
        Ok(file) => file_text(&file),
        Err(e) => format!("rulepack error: {e}\n"),
    }
}

/// The report of the profile `bytes` (shown as `path`) as of [`AS_OF`], as `diagnose` builds
/// it, with identifiers masked; a profile that cannot be loaded gives its one load finding.
pub fn file_report(
    path: &str,
    bytes: &[u8],
    pack: &RulePack,
    lang: Lang,
) -> Result<FileReport, PolicyError> {
    let options = options(lang);
    let analyze_options = AnalyzeOptions {
        as_of: Some(AS_OF),
        symptom: None,
    };
    match analyze(path, bytes, pack, &analyze_options) {
        Ok(analysis) => Ok(report::build_file(
            &analysis.profile,
            &analysis.ranked,
            &analysis.causes,
            pack,
            options,
            Some(crate::rulepack::Severity::Error),
        )
        .with_source(&analysis.profile, options)),
        Err(AnalyzeError::Load(failure)) => Ok(report::build_unreadable(
            path,
            &failure.error,
            pack,
            options,
        )),
        Err(AnalyzeError::Policy(e)) => Err(e),
    }
}

/// How the examples are worded: in `lang`, identifiers masked, no ranking formula.
pub(super) fn options(lang: Lang) -> RenderOptions {
    RenderOptions {
        lang,
        show_values: false,
        explain_rank: false,
    }
}

fn file_text(file: &FileReport) -> String {
    let mut out = String::new();
    let status = serde_json::to_value(file.status).unwrap_or_default();
    let _ = writeln!(out, "status: {}", status.as_str().unwrap_or_default());
    if file.causes.is_empty() {
        for finding in &file.findings {
            out += &finding_text(finding, &[]);
        }
    }
    for cause in &file.causes {
        out += &cause_text(cause);
        for finding in file.findings.iter().filter(|f| f.cause == cause.rank) {
            out += &finding_text(finding, &cause.remediation);
        }
    }
    out
}

fn cause_text(cause: &ReportCause) -> String {
    let mut out = format!(
        "cause {} · {} {} · score {} · {}\n",
        cause.rank,
        cause.code,
        cause.severity.as_str(),
        cause.score,
        cause.title
    );
    for (i, step) in cause.remediation.iter().enumerate() {
        let _ = writeln!(out, "  {}. {step}", i + 1);
    }
    if let Some(fix) = &cause.fix {
        let _ = writeln!(out, "  fix: {}", fix_text(fix));
    }
    if let Some(unlikely) = &cause.unlikely {
        let _ = writeln!(out, "  {unlikely}");
    }
    for note in &cause.notes {
        let _ = writeln!(out, "  {note}");
    }
    out
}

/// A finding; its steps only where they differ from its cause's (`cause_steps`).
fn finding_text(finding: &ReportFinding, cause_steps: &[String]) -> String {
    let mut out = format!(
        "  finding {} · {} {} · {} {}:{}-{}:{}\n    {}\n",
        finding.rank,
        finding.code,
        finding.severity.as_str(),
        finding.field,
        finding.line,
        finding.column,
        finding.end_line,
        finding.end_column,
        finding.message
    );
    for related in &finding.related {
        let _ = writeln!(
            out,
            "    related: {} {}:{}",
            related.field, related.line, related.column
        );
    }
    if !finding.evidence.is_empty() {
        let evidence = serde_json::to_string(&finding.evidence).unwrap_or_default();
        let _ = writeln!(out, "    evidence: {evidence}");
    }
    if let Some(fix) = &finding.fix {
        let _ = writeln!(out, "    fix: {}", fix_text(fix));
    }
    if finding.remediation != cause_steps {
        for (i, step) in finding.remediation.iter().enumerate() {
            let _ = writeln!(out, "    {}. {step}", i + 1);
        }
    }
    out
}

fn fix_text(fix: &FixOut) -> String {
    match &fix.replacement {
        Some(value) => format!("{} {value:?}", fix.applicability),
        None if fix.masked => format!(
            "{} (value masked; --show-values shows it)",
            fix.applicability
        ),
        None => fix.applicability.to_string(),
    }
}
