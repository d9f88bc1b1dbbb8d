//! `--format json` (SPEC §4, schema_version 1): each file's `causes` in rank order, then its
//! `findings` in the order of their causes.
//!
//! Written in pieces — the head, one object per file, the summary — so `lint` can stream any
//! number of files; `render` writes the same pieces for a whole report.

use super::{FileReport, Renderer, Report, Summary};
use serde::Serialize;
use serde_json::json;
use std::io::{self, Write};

pub struct Json;

/// Writes `value` pretty-printed, with every line after the first indented by `indent`
/// spaces, so it nests inside the document. The indent is written by the formatter as each
/// line starts: re-indenting serde_json's pretty output afterwards meant a second pass over
/// every byte and two writes per line, a tenth of lint's JSON cost.
fn nested(out: &mut dyn Write, value: &impl Serialize, indent: usize) -> io::Result<()> {
    let mut text = Vec::with_capacity(4096);
    let mut serializer = serde_json::Serializer::with_formatter(
        &mut text,
        Indented {
            base: indent,
            level: 0,
            has_value: false,
        },
    );
    value.serialize(&mut serializer)?;
    out.write_all(&text)
}

/// serde_json's `PrettyFormatter` (two spaces a level) with `base` more spaces before the
/// indentation of every line after the first.
struct Indented {
    base: usize,
    level: usize,
    has_value: bool,
}

/// Enough spaces for any indent the reports reach, so a line's indent is one write.
const SPACES: &[u8; 64] = b"                                                                ";

impl Indented {
    #[inline]
    fn newline<W: ?Sized + Write>(&self, writer: &mut W, separator: &[u8]) -> io::Result<()> {
        writer.write_all(separator)?;
        let mut width = self.base + 2 * self.level;
        while width > 0 {
            let chunk = width.min(SPACES.len());
            writer.write_all(SPACES.get(..chunk).unwrap_or_default())?;
            width -= chunk;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.level = self.level.saturating_sub(1);
        if self.has_value {
            self.newline(writer, b"\n")?;
        }
        writer.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.newline(writer, if first { b"\n" } else { b",\n" })
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.level = self.level.saturating_sub(1);
        if self.has_value {
            self.newline(writer, b"\n")?;
        }
        writer.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.newline(writer, if first { b"\n" } else { b",\n" })
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// One entry of `files`, serialized straight from the report (no intermediate JSON value).
#[derive(Serialize)]
struct FileOut<'a> {
    path: std::borrow::Cow<'a, str>,
    status: super::Status,
    causes: &'a [super::ReportCause],
    findings: &'a [super::ReportFinding],
}

fn file_value(file: &FileReport) -> FileOut<'_> {
    FileOut {
        path: crate::unicode::escape(&file.path),
        status: file.status,
        causes: &file.causes,
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
