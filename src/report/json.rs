//! `--format json` (SPEC §4, schema_version 1).

use super::{Renderer, Report, Status};
use crate::rulepack::Severity;
use serde_json::json;
use std::io::{self, Write};

pub struct Json;

/// The whole report as a JSON value (shared with `jsonl`-style consumers and tests).
pub fn to_value(report: &Report) -> serde_json::Value {
    let files: Vec<_> = report
        .files
        .iter()
        .map(|f| {
            json!({
                "path": crate::unicode::escape(&f.path),
                "status": f.status,
                "findings": f.findings,
            })
        })
        .collect();
    json!({
        "schema_version": 1,
        "tool": {"name": "bindcheck", "version": env!("CARGO_PKG_VERSION")},
        "rulepack": {"id": report.rulepack_id, "version": report.rulepack_version},
        "files": files,
        "summary": {
            "files": report.files.len(),
            "failed": report.files.iter().filter(|f| f.status != Status::Passed).count(),
            "errors": report.count(Severity::Error),
            "warnings": report.count(Severity::Warning),
            "infos": report.count(Severity::Info),
        }
    })
}

impl Renderer for Json {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &to_value(report))?;
        writeln!(out)
    }
}
