//! `--format json` (SPEC §4, schema_version 1).
//!
//! Written in pieces — the head, one object per file, the summary — so `lint` can stream any
//! number of files; `render` writes the same pieces for a whole report.

use super::{FileReport, Renderer, Report, Summary};
use serde::Serialize;
use serde_json::json;
use std::io::{self, Write};

pub struct Json;

/// `value` pretty-printed, with every line after the first indented by `indent` spaces, so it
/// nests inside the document. Strings never hold raw newlines, so lines are safe to indent.
fn nested(value: &impl Serialize, indent: usize) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    Ok(text.replace('\n', &format!("\n{}", " ".repeat(indent))))
}

/// One entry of `files`, serialized straight from the report (no intermediate JSON value).
#[derive(Serialize)]
struct FileOut<'a> {
    path: std::borrow::Cow<'a, str>,
    status: super::Status,
    findings: &'a [super::ReportFinding],
}

fn file_value(file: &FileReport) -> FileOut<'_> {
    FileOut {
        path: crate::unicode::escape(&file.path),
        status: file.status,
        findings: &file.findings,
    }
}

impl Renderer for Json {
    fn streams(&self) -> bool {
        true
    }

    fn begin(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let tool = json!({"name": "bindcheck", "version": env!("CARGO_PKG_VERSION")});
        let rulepack = json!({"id": report.rulepack_id, "version": report.rulepack_version});
        write!(
            out,
            "{{\n  \"schema_version\": 1,\n  \"tool\": {},\n  \"rulepack\": {},\n  \"files\": [",
            nested(&tool, 2)?,
            nested(&rulepack, 2)?
        )
    }

    fn separator(&self) -> &'static str {
        ","
    }

    fn file(&self, _report: &Report, file: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        write!(out, "\n    {}", nested(&file_value(file), 4)?)
    }

    fn end(&self, _report: &Report, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let close = if summary.files == 0 { "]" } else { "\n  ]" };
        writeln!(out, "{close},\n  \"summary\": {}\n}}", nested(summary, 2)?)
    }
}
