//! Hand-built reports for the renderers' unit tests: one profile with findings of every
//! severity (a message carrying `%`, `,` and `:`, a path with a space), one unreadable file.

use super::{
    FileReport, RelatedPosition, RenderOptions, Renderer, Report, ReportCause, ReportFinding,
    Status, build_unreadable,
};
use crate::profile::{LoadError, LoadErrorKind};
use crate::rulepack::{Lang, RulePack, Severity};
use crate::source::Position;
use serde_json::Map;

pub fn options() -> RenderOptions {
    RenderOptions {
        lang: Lang::En,
        show_values: false,
        explain_rank: false,
    }
}

#[allow(clippy::too_many_arguments)]
pub fn finding(
    rank: usize,
    code: &'static str,
    name: &'static str,
    severity: Severity,
    field: &str,
    (line, column, end_column): (usize, usize, usize),
    message: &str,
    fingerprint: &str,
) -> ReportFinding {
    ReportFinding {
        rank,
        cause: rank,
        code,
        name,
        severity,
        confidence: "high",
        score: 0.5,
        symptom_match: false,
        field: field.to_string(),
        line,
        column,
        end_line: line,
        end_column,
        related: Vec::new(),
        title: format!("{name} title"),
        message: message.to_string(),
        remediation: vec!["First step.".to_string(), "Second step.".to_string()],
        evidence: Map::new(),
        fix: None,
        fingerprint: fingerprint.to_string(),
        score_explanation: String::new(),
        span: 0..1,
    }
}

/// `shops/a b.toml` with a warning, an error (with a related field) and an info, then an
/// unreadable `broken.toml`.
pub fn sample_report() -> Report {
    let pack = RulePack::builtin().expect("builtin rulepack loads");
    let mut report = Report::new(&pack, options()).with_catalogue(&pack, &super::Sarif);
    let mut error = finding(
        2,
        "BC003",
        "invalid-value",
        Severity::Error,
        "lianlian.kyc_level",
        (4, 13, 20),
        "expected an integer, found a string",
        "00000000000000b2",
    );
    error.related.push(RelatedPosition {
        field: "lianlian.merchant_id".to_string(),
        line: 3,
        column: 15,
    });
    report.files.push(with_own_causes(FileReport {
        path: "shops/a b.toml".to_string(),
        status: Status::Failed,
        causes: Vec::new(),
        findings: vec![
            finding(
                1,
                "BC002",
                "unknown-field",
                Severity::Warning,
                "lianlian.merchant_di",
                (3, 1, 12),
                "unknown field `lianlian.merchant_di`; 100%, a:b",
                "00000000000000a1",
            ),
            error,
            finding(
                3,
                "BC004",
                "not-checked",
                Severity::Info,
                "lianlian.merchant_id",
                (4, 1, 11),
                "`lianlian.merchant_id` is missing",
                "00000000000000c3",
            ),
        ],
        source: None,
        masked: Vec::new(),
        nothing_checked: false,
        fail_on: Some(Severity::Warning),
    }));
    let load_error = LoadError {
        kind: LoadErrorKind::NotToml,
        code: "BC001",
        args: vec![("detail", crate::finding::Arg::Text("expected `=`".into()))],
        position: Position { line: 2, column: 9 },
        offset: 19,
    };
    report.files.push(build_unreadable(
        "broken.toml",
        &load_error,
        &pack,
        options(),
    ));
    report
}

/// `file` with one cause per finding, of the finding's rank (as `finding` numbers them).
pub fn with_own_causes(mut file: FileReport) -> FileReport {
    file.causes = file
        .findings
        .iter()
        .map(|f| ReportCause {
            rank: f.cause,
            code: f.code,
            title: f.title.clone(),
            severity: f.severity,
            score: f.score,
            symptom_match: f.symptom_match,
            findings: vec![f.rank],
            remediation: f.remediation.clone(),
            fix: f.fix.clone(),
            fixes: f
                .fix
                .iter()
                .map(|fix| super::CauseFix {
                    field: f.field.clone(),
                    fix: fix.clone(),
                })
                .collect(),
            fix_from: f.fix.as_ref().map(|_| f.rank),
            unlikely: None,
            ruled_out_by: Vec::new(),
            fix_first: Vec::new(),
            fix_before: Vec::new(),
            notes: Vec::new(),
            score_explanation: String::new(),
        })
        .collect();
    file
}

/// A checked profile without findings.
pub fn clean_file(path: &str) -> FileReport {
    FileReport {
        path: path.to_string(),
        status: Status::Passed,
        causes: Vec::new(),
        findings: Vec::new(),
        source: None,
        masked: Vec::new(),
        nothing_checked: false,
        fail_on: Some(Severity::Error),
    }
}

/// What a renderer writes, as text.
pub fn render(renderer: &dyn Renderer, report: &Report) -> String {
    let mut out = Vec::new();
    renderer.render(report, &mut out).expect("renders");
    String::from_utf8(out).expect("UTF-8")
}
