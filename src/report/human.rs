//! `--format human`: for a seller reading a terminal.
//!
//! A heading with the number of causes and findings, a summary table with one row per cause,
//! then each cause: its title, the source lines of its findings with a marker under each exact
//! place, the findings it explains, one set of numbered steps with one value to enter, and why
//! it is unlikely or what to fix first. Source lines are quoted with identifiers masked, secrets
//! hidden and invisible characters shown as `⟨U+200B⟩`. Each part is written by a function of
//! its own.

use super::{FileReport, HiddenValue, Renderer, Report, ReportCause, ReportFinding, Status, mask};
use crate::rulepack::{Lang, Severity};
use crate::source::SourceFile;
use crate::unicode::{escape, is_unsafe_to_print, push_escape};
use comfy_table::{ContentArrangement, Table, presets};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

pub struct Human;

struct Labels {
    no_problems: &'static str,
    /// `{causes}` and `{findings}` are filled with the counts.
    counts: fn(usize, usize) -> String,
    steps: &'static str,
    confidence: &'static str,
    score: &'static str,
    explains: &'static str,
    fix: &'static str,
    /// What the fix line says instead of a masked value.
    fix_masked: &'static str,
    /// Where a finding about `--symptom` text points.
    from_symptom: &'static str,
    unreadable: &'static str,
    not_checked: &'static str,
    columns: [&'static str; 6],
}

fn counts_en(causes: usize, findings: usize) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{} ({}), most likely first",
        plural(causes, "cause", "causes"),
        plural(findings, "finding", "findings")
    )
}

fn counts_zh(causes: usize, findings: usize) -> String {
    format!("{causes} 个原因（{findings} 条发现），按可能性从高到低排列")
}

const EN: Labels = Labels {
    no_problems: "no problems found",
    counts: counts_en,
    steps: "What to do",
    confidence: "confidence",
    score: "score",
    explains: "explains the reported symptom",
    fix: "fix",
    fix_masked: "the value is masked: run again with --show-values to see the value to enter",
    from_symptom: "given with --symptom",
    unreadable: "cannot be checked",
    not_checked: "Not checked (add these fields to check more)",
    columns: ["#", "severity", "code", "field", "line:col", "cause"],
};

const ZH: Labels = Labels {
    no_problems: "未发现问题",
    counts: counts_zh,
    steps: "处理步骤",
    confidence: "置信度",
    score: "得分",
    explains: "可解释所报告的症状",
    fix: "修复",
    fix_masked: "该值已遮盖：加上 --show-values 重新运行即可看到要填写的值",
    from_symptom: "来自 --symptom",
    unreadable: "无法检查",
    not_checked: "未检查（补充以下字段即可检查更多项目）",
    columns: ["#", "严重程度", "代码", "字段", "行:列", "原因"],
};

fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// A confidence or fix applicability (JSON keeps the English word) as the reader's language.
fn word(english: &'static str, lang: Lang) -> &'static str {
    match (lang, english) {
        (Lang::Zh, "high") => "高",
        (Lang::Zh, "medium") => "中",
        (Lang::Zh, "low") => "低",
        (Lang::Zh, "safe") => "安全",
        (Lang::Zh, "unsafe") => "需确认",
        _ => english,
    }
}

pub fn severity_label(severity: Severity, lang: Lang) -> &'static str {
    match (lang, severity) {
        (Lang::En, s) => s.as_str(),
        (Lang::Zh, Severity::Error) => "错误",
        (Lang::Zh, Severity::Warning) => "警告",
        (Lang::Zh, Severity::Info) => "提示",
    }
}

impl Renderer for Human {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        for file in &report.files {
            write_file(out, file, report)?;
        }
        Ok(())
    }
}

/// The code whose findings are listed under "not checked".
const NOT_CHECKED: &str = "BC004";

/// The findings of a cause, the leading one first.
fn findings_of<'a>(
    file: &'a FileReport,
    cause: &'a ReportCause,
) -> impl Iterator<Item = &'a ReportFinding> + 'a {
    cause
        .findings
        .iter()
        .filter_map(|rank| file.findings.get(rank.wrapping_sub(1)))
}

fn write_file(out: &mut dyn Write, file: &FileReport, report: &Report) -> io::Result<()> {
    let lang = report.options.lang;
    let l = labels(lang);
    // SPEC §1: what could not be checked is listed apart, not as a cause.
    let (not_checked, causes): (Vec<&ReportCause>, Vec<&ReportCause>) =
        file.causes.iter().partition(|c| c.code == NOT_CHECKED);
    write_heading(out, file, &causes, l)?;
    if !causes.is_empty() {
        writeln!(out, "{}", summary_table(file, &causes, lang))?;
    }
    for cause in &causes {
        writeln!(out)?;
        write_cause(out, file, cause, report)?;
    }
    write_not_checked(out, file, &not_checked, l)?;
    writeln!(out)
}

fn write_heading(
    out: &mut dyn Write,
    file: &FileReport,
    causes: &[&ReportCause],
    l: &Labels,
) -> io::Result<()> {
    let path = escape(&file.path);
    if file.status == Status::Unreadable {
        writeln!(out, "{path}: {}", l.unreadable)
    } else if causes.is_empty() {
        writeln!(out, "{path}: {}", l.no_problems)
    } else {
        let findings = causes.iter().map(|c| c.findings.len()).sum();
        writeln!(out, "{path}: {}", (l.counts)(causes.len(), findings))
    }
}

fn summary_table(file: &FileReport, causes: &[&ReportCause], lang: Lang) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(110)
        .set_header(labels(lang).columns);
    for cause in causes {
        let Some(lead) = findings_of(file, cause).next() else {
            continue;
        };
        let code = match cause.findings.len() {
            1 => cause.code.to_string(),
            n => format!("{} +{}", cause.code, n - 1),
        };
        table.add_row([
            cause.rank.to_string(),
            severity_label(cause.severity, lang).to_string(),
            code,
            lead.field.clone(),
            position(lead),
            cause.title.clone(),
        ]);
    }
    table
}

/// `line:col` of a finding in the file; empty for one about `--symptom`.
fn position(f: &ReportFinding) -> String {
    if about_symptom(f) {
        String::new()
    } else {
        format!("{}:{}", f.line, f.column)
    }
}

fn about_symptom(f: &ReportFinding) -> bool {
    f.field == crate::pipeline::SYMPTOM_FIELD
}

fn write_cause(
    out: &mut dyn Write,
    file: &FileReport,
    cause: &ReportCause,
    report: &Report,
) -> io::Result<()> {
    let lang = report.options.lang;
    let l = labels(lang);
    let findings: Vec<&ReportFinding> = findings_of(file, cause).collect();
    let Some(lead) = findings.first() else {
        return Ok(());
    };
    writeln!(
        out,
        "{}. {}[{}] {}: {}",
        cause.rank,
        severity_label(cause.severity, lang),
        cause.code,
        lead.name,
        cause.title
    )?;
    write_location(out, file, lead, l)?;
    write_quotes(out, file, &findings)?;
    if let [only] = findings.as_slice() {
        writeln!(out, "   {}", only.message)?;
    } else {
        for f in &findings {
            let at = match position(f) {
                p if p.is_empty() => f.field.clone(),
                p => format!("{}, {p}", f.field),
            };
            writeln!(out, "   - {} {} ({at}): {}", f.code, f.name, f.message)?;
        }
    }
    for note in cause.unlikely.iter().chain(&cause.notes) {
        writeln!(out, "   {note}")?;
    }
    write_steps(out, cause, l, lang)?;
    write_meta(out, cause, lead, report, l)
}

fn write_location(
    out: &mut dyn Write,
    file: &FileReport,
    lead: &ReportFinding,
    l: &Labels,
) -> io::Result<()> {
    if about_symptom(lead) {
        return writeln!(out, "   --> {}", l.from_symptom);
    }
    let at = if lead.field.is_empty() {
        String::new()
    } else {
        format!(" ({})", lead.field)
    };
    writeln!(
        out,
        "   --> {}:{}:{}{at}",
        escape(&file.path),
        lead.line,
        lead.column
    )
}

/// The source lines of a cause's findings, each once, with a marker under every finding on it.
fn write_quotes(
    out: &mut dyn Write,
    file: &FileReport,
    findings: &[&ReportFinding],
) -> io::Result<()> {
    let Some(source) = &file.source else {
        return Ok(());
    };
    let mut lines: Vec<usize> = Vec::new();
    for f in findings.iter().filter(|f| !about_symptom(f)) {
        if !lines.contains(&f.line) {
            lines.push(f.line);
        }
    }
    for line in lines {
        let on_line: Vec<&ReportFinding> = findings
            .iter()
            .copied()
            .filter(|f| f.line == line && !about_symptom(f))
            .collect();
        let (text, markers) = quote_line(source, line, &on_line, &file.hidden);
        let number = line.to_string();
        let pad = " ".repeat(number.len());
        writeln!(out, "   {pad} |")?;
        writeln!(out, "   {number} | {text}")?;
        writeln!(out, "   {pad} | {}", marker_line(&markers))?;
    }
    Ok(())
}

/// Carets at each (display column, width), left to right; an overlapping one is skipped.
fn marker_line(markers: &[(usize, usize)]) -> String {
    let mut sorted = markers.to_vec();
    sorted.sort_unstable();
    let mut line = String::new();
    let mut width = 0;
    for (at, len) in sorted {
        if at < width {
            continue;
        }
        line.push_str(&" ".repeat(at - width));
        line.push_str(&"^".repeat(len.max(1)));
        width = at + len.max(1);
    }
    line
}

fn write_steps(out: &mut dyn Write, cause: &ReportCause, l: &Labels, lang: Lang) -> io::Result<()> {
    if !cause.remediation.is_empty() {
        writeln!(out, "   {}:", l.steps)?;
        for (i, step) in cause.remediation.iter().enumerate() {
            writeln!(out, "     {}. {step}", i + 1)?;
        }
    }
    if let Some(fix) = &cause.fix {
        let value = fix.replacement.as_deref().unwrap_or(l.fix_masked);
        writeln!(
            out,
            "   {} ({}): {value}",
            l.fix,
            word(fix.applicability, lang)
        )?;
    }
    Ok(())
}

fn write_meta(
    out: &mut dyn Write,
    cause: &ReportCause,
    lead: &ReportFinding,
    report: &Report,
    l: &Labels,
) -> io::Result<()> {
    let lang = report.options.lang;
    let mut meta = format!(
        "{} {} · {} {}",
        l.confidence,
        word(lead.confidence, lang),
        l.score,
        cause.score
    );
    if cause.symptom_match {
        meta.push_str(&format!(" · {}", l.explains));
    }
    if report.options.explain_rank && !cause.score_explanation.is_empty() {
        meta.push_str(&format!(" · {} = {}", l.score, cause.score_explanation));
    }
    writeln!(out, "   {meta}")
}

fn write_not_checked(
    out: &mut dyn Write,
    file: &FileReport,
    not_checked: &[&ReportCause],
    l: &Labels,
) -> io::Result<()> {
    if not_checked.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{}:", l.not_checked)?;
    for f in not_checked.iter().flat_map(|c| findings_of(file, c)) {
        writeln!(out, "  - {} ({}:{})", f.message, f.line, f.column)?;
    }
    Ok(())
}

/// Line `number` of the source as it may be shown, and the display column and width of a
/// marker under each of `findings` (on that line). Identifier values are masked, secrets
/// replaced, unsafe characters escaped; markers account for wide (CJK) characters and escapes.
fn quote_line(
    source: &SourceFile,
    number: usize,
    findings: &[&ReportFinding],
    hidden: &[HiddenValue],
) -> (String, Vec<(usize, usize)>) {
    let line = source.line_text(number);
    let line_start = source.line_start(number).unwrap_or(source.text.len());
    let mut shown = String::new();
    let mut markers: Vec<Option<(usize, usize)>> = vec![None; findings.len()];
    let mut secret_written: Option<usize> = None;
    // The masked form of the identifier being quoted, by the start of its span.
    let mut masked: Option<(usize, Vec<char>)> = None;
    for (i, ch) in line.char_indices() {
        let offset = line_start + i;
        let inside = hidden
            .iter()
            .find(|h| offset > h.span.start && offset + 1 < h.span.end);
        let before = shown.len();
        match inside {
            Some(h) if h.secret => {
                if secret_written != Some(h.span.start) {
                    secret_written = Some(h.span.start);
                    shown.push_str(super::REDACTED);
                }
            }
            // Escapes (`\u200B`) and unsafe characters stay visible inside a masked value:
            // they are what a character finding points at, and they reveal nothing secret.
            Some(_) if is_unsafe_to_print(ch) || in_escape(source, offset) => {
                push_printable(&mut shown, ch)
            }
            Some(h) => {
                let start = h.span.start + 1;
                if masked.as_ref().is_none_or(|(at, _)| *at != start) {
                    let inner = source.text.get(start..h.span.end - 1).unwrap_or_default();
                    masked = Some((start, mask(inner).chars().collect()));
                }
                let index = source
                    .text
                    .get(start..offset)
                    .map_or(0, |s| s.chars().count());
                match masked.as_ref().and_then(|(_, m)| m.get(index)) {
                    Some('*') => shown.push('*'),
                    _ => push_printable(&mut shown, ch),
                }
            }
            None => push_printable(&mut shown, ch),
        }
        for (f, marker) in findings.iter().zip(markers.iter_mut()) {
            if offset == f.span.start {
                let piece = shown.get(before..).unwrap_or_default();
                let at = shown.get(..before).unwrap_or_default().width();
                *marker = Some((at, piece.width().max(1)));
            }
        }
    }
    let end = shown.width();
    let markers = findings
        .iter()
        .zip(markers)
        .map(|(f, marker)| {
            // The span starts past the line (end of line) or on another line: point at the
            // end, or at the start.
            marker.unwrap_or(if f.span.start >= line_start + line.len() {
                (end, 1)
            } else {
                (0, 1)
            })
        })
        .collect();
    (shown, markers)
}

/// Whether the byte at `offset` belongs to a `\uXXXX`, `\UXXXXXXXX`, `\xXX` or one-letter
/// escape in a TOML basic string.
fn in_escape(source: &SourceFile, offset: usize) -> bool {
    let bytes = source.text.as_bytes();
    (offset.saturating_sub(9)..=offset).any(|start| {
        if bytes.get(start) != Some(&b'\\') {
            return false;
        }
        let len = match bytes.get(start + 1) {
            Some(b'u') => 6,
            Some(b'U') => 10,
            Some(b'x') => 4,
            _ => 2,
        };
        offset < start + len
    })
}

/// Appends `ch`, or its escape when it must not be printed raw (tabs too: they would shift the
/// marker).
fn push_printable(out: &mut String, ch: char) {
    if is_unsafe_to_print(ch) || ch == '\t' {
        push_escape(out, ch);
    } else {
        out.push(ch);
    }
}
