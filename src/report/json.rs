//! `--format json` (schema_version 1, documented in `docs/output.md` from [`KEYS`]): each
//! file's `causes` in rank order, then its `findings` in the order of their causes.
//!
//! Written in pieces — the head, one object per file, the summary — so `lint` can stream any
//! number of files; `render` writes the same pieces for a whole report.

use super::{FileReport, Renderer, Report, Summary};
use serde::Serialize;
use serde_json::json;
use std::io::{self, Write};

pub struct Json;

/// Every key the JSON report writes, by its path (`[]` for an array's items), with what it
/// means. `docs/output.md` is generated from this table, and a test checks that reports of
/// every fixture write exactly these keys (the keys inside `evidence` are each rule's own).
pub const KEYS: &[(&str, &str)] = &[
    (
        "schema_version",
        "`1`. Raised only when a key is removed or changes meaning; new keys may be added without it.",
    ),
    ("tool", "The program that wrote the report."),
    ("tool.name", "`\"bindcheck\"`."),
    ("tool.version", "Its version."),
    ("rulepack", "The rulepack the profiles were checked with."),
    (
        "rulepack.id",
        "`\"builtin\"`, or the `id` of a rulepack given with `--rules`.",
    ),
    ("rulepack.version", "Its version."),
    (
        "files",
        "One entry per profile, in the order of their paths.",
    ),
    (
        "files[].path",
        "The path as given on the command line or found under a folder.",
    ),
    (
        "files[].status",
        "`passed`: nothing at or above `--fail-on`; `failed`: something is; `unreadable`: the file could not be read or loaded (its one finding says why).",
    ),
    (
        "files[].causes",
        "The causes in rank order, most likely first. Findings that one fix removes together are one cause.",
    ),
    ("files[].causes[].rank", "1 for the first cause."),
    ("files[].causes[].code", "The code of its leading finding."),
    (
        "files[].causes[].title",
        "The leading finding's rule title, in the report's language.",
    ),
    (
        "files[].causes[].severity",
        "`error`, `warning` or `info`: the highest of its findings.",
    ),
    (
        "files[].causes[].score",
        "The highest score of its findings (see the ranking formula in the README).",
    ),
    (
        "files[].causes[].symptom_match",
        "Whether it explains a reported symptom (`--symptom`, `[incident]`).",
    ),
    (
        "files[].causes[].findings",
        "The `rank`s of the findings it explains.",
    ),
    (
        "files[].causes[].remediation",
        "Numbered steps, in the report's language.",
    ),
    (
        "files[].causes[].fix",
        "The value to enter, as in `findings[].fix`; `null` when there is none.",
    ),
    (
        "files[].causes[].fix.applicability",
        "As `findings[].fix.applicability`.",
    ),
    (
        "files[].causes[].fix.replacement",
        "As `findings[].fix.replacement`.",
    ),
    ("files[].causes[].fix.masked", "As `findings[].fix.masked`."),
    (
        "files[].causes[].fixes",
        "Every value the cause enters, one per field, `fix` first: one action may enter values in several fields (an account copied wrong, one name entered as the legal name and as the payee). Empty when there is none.",
    ),
    (
        "files[].causes[].fixes[].field",
        "The field the value goes in, as `findings[].field`.",
    ),
    (
        "files[].causes[].fixes[].applicability",
        "As `findings[].fix.applicability`.",
    ),
    (
        "files[].causes[].fixes[].replacement",
        "As `findings[].fix.replacement`.",
    ),
    (
        "files[].causes[].fixes[].masked",
        "As `findings[].fix.masked`.",
    ),
    (
        "files[].causes[].unlikely",
        "Why a reported fact makes the cause unlikely (\"unlikely: the test payment succeeded\"), or `null`.",
    ),
    (
        "files[].causes[].ruled_out_by",
        "The ids of those facts (`[facts]` of the rulepack).",
    ),
    (
        "files[].causes[].fix_first",
        "Ranks of the causes to fix before this one.",
    ),
    (
        "files[].causes[].fix_before",
        "Ranks of the causes that wait for this one.",
    ),
    (
        "files[].causes[].notes",
        "The order of fixing, said in words.",
    ),
    (
        "files[].findings",
        "Every finding, in the order of their causes.",
    ),
    ("files[].findings[].rank", "1 for the first finding."),
    ("files[].findings[].cause", "The `rank` of its cause."),
    (
        "files[].findings[].code",
        "The rule code (`BC201`); see `docs/rules/`.",
    ),
    (
        "files[].findings[].name",
        "The rule name (`invisible-character`).",
    ),
    (
        "files[].findings[].severity",
        "`error`, `warning` or `info`.",
    ),
    (
        "files[].findings[].confidence",
        "`high`, `medium` or `low`: how well the rule's sources back it.",
    ),
    (
        "files[].findings[].score",
        "weight(confidence) × prior × symptom boost, rounded.",
    ),
    (
        "files[].findings[].symptom_match",
        "Whether it explains a reported symptom.",
    ),
    (
        "files[].findings[].field",
        "The dotted TOML key path (`ozon.payout_account.merchant_id`); `amazon.deposit_methods[1].provider` for an entry of an array of tables; `--symptom` for an error code given there; empty for a file that could not be loaded.",
    ),
    ("files[].findings[].line", "1-based line of the start."),
    (
        "files[].findings[].column",
        "1-based column of the start, in Unicode scalar values (not bytes, not UTF-16). A value's finding starts at its opening quote; a character's (BC2xx) at the character, or at the escape (`\\u200B`) that spells it.",
    ),
    ("files[].findings[].end_line", "Line of the end."),
    ("files[].findings[].end_column", "Column just past the end."),
    (
        "files[].findings[].related",
        "Other places the finding compares with.",
    ),
    ("files[].findings[].related[].field", "Their key path."),
    ("files[].findings[].related[].line", "Their line."),
    ("files[].findings[].related[].column", "Their column."),
    (
        "files[].findings[].title",
        "The rule title, in the report's language.",
    ),
    (
        "files[].findings[].message",
        "What is wrong here, in the report's language. Identifiers are masked (first 2 and last 4 characters) unless `--show-values`; secrets never appear.",
    ),
    (
        "files[].findings[].remediation",
        "Numbered steps, in the report's language.",
    ),
    (
        "files[].findings[].evidence",
        "Machine-readable detail of the rule (positions, kinds, code points); never a raw identifier. Each rule's examples in `docs/rules/` show its keys.",
    ),
    (
        "files[].findings[].fix",
        "A value that fixes the finding, or `null`.",
    ),
    (
        "files[].findings[].fix.applicability",
        "`safe`: `lint --fix` applies it; `unsafe`: shown, never applied automatically (a look-alike letter could be meant); `none`.",
    ),
    (
        "files[].findings[].fix.replacement",
        "The value to enter, escaped, never masked: left out when values are masked.",
    ),
    (
        "files[].findings[].fix.masked",
        "`true` when the replacement is left out because values are masked (`--show-values` shows it); absent otherwise.",
    ),
    (
        "files[].findings[].fingerprint",
        "Stable across edits that do not touch the finding: derived from the code, the path, the key path and the value, not from line numbers. Used by baselines and SARIF.",
    ),
    ("summary", "Totals over the files."),
    ("summary.files", "Files reported."),
    ("summary.failed", "Files not `passed`."),
    ("summary.errors", "Findings at `error`."),
    ("summary.warnings", "Findings at `warning`."),
    ("summary.infos", "Findings at `info`."),
];

/// Writes `value` pretty-printed, with every line after the first indented by `indent`
/// spaces, so it nests inside the document. The indent is written by the formatter as each
/// line starts, so every byte is written once (bench/README.md).
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
