//! `--format json` (SPEC §4, schema_version 1).
//!
//! Written in pieces — the head, one object per file, the summary — so `lint` can stream any
//! number of files; `render` writes the same pieces for a whole report.

use super::{FileReport, Renderer, Report, Summary};
use serde::Serialize;
use serde_json::json;
use std::io::{self, Write};

pub struct Json;

/// Writes `value` pretty-printed, with every line after the first indented by `indent`
/// spaces, so it nests inside the document. JSON strings never hold a raw newline, so every
/// newline is one the pretty printer wrote between values.
fn nested(out: &mut dyn Write, value: &impl Serialize, indent: usize) -> io::Result<()> {
    let text = serde_json::to_vec_pretty(value)?;
    let indent = " ".repeat(indent);
    let mut line_start = 0;
    for newline in memchr::memchr_iter(b'\n', &text) {
        out.write_all(text.get(line_start..=newline).unwrap_or_default())?;
        out.write_all(indent.as_bytes())?;
        line_start = newline + 1;
    }
    out.write_all(text.get(line_start..).unwrap_or_default())
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
        write!(out, "{{\n  \"schema_version\": 1,\n  \"tool\": ")?;
        nested(out, &tool, 2)?;
        write!(out, ",\n  \"rulepack\": ")?;
        nested(out, &rulepack, 2)?;
        write!(out, ",\n  \"files\": [")
    }

    fn separator(&self) -> &'static str {
        ","
    }

    fn file(&self, _report: &Report, file: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        write!(out, "\n    ")?;
        nested(out, &file_value(file), 4)
    }

    fn end(&self, _report: &Report, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let close = if summary.files == 0 { "]" } else { "\n  ]" };
        write!(out, "{close},\n  \"summary\": ")?;
        nested(out, summary, 2)?;
        writeln!(out, "\n}}")
    }
}
