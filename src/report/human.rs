//! `--format human`: for a seller reading a terminal.
//!
//! A summary table of the ranked causes, then each cause with the source line, a marker under
//! the exact place, and numbered remediation steps. Source lines are quoted with identifiers
//! masked, secrets hidden and invisible characters shown as `⟨U+200B⟩`.

use super::{FileReport, HiddenValue, Renderer, Report, ReportFinding, Status, mask};
use crate::rulepack::{Lang, Severity};
use crate::source::SourceFile;
use crate::unicode::{escape, is_unsafe_to_print, push_escape};
use comfy_table::{ContentArrangement, Table, presets};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

pub struct Human;

struct Labels {
    no_problems: &'static str,
    causes: &'static str,
    steps: &'static str,
    confidence: &'static str,
    score: &'static str,
    explains: &'static str,
    fix: &'static str,
    unreadable: &'static str,
    not_checked: &'static str,
    columns: [&'static str; 6],
}

const EN: Labels = Labels {
    no_problems: "no problems found",
    causes: "cause(s) found, most likely first",
    steps: "What to do",
    confidence: "confidence",
    score: "score",
    explains: "explains the reported symptom",
    fix: "fix",
    unreadable: "cannot be checked",
    not_checked: "Not checked (add these fields to check more)",
    columns: ["#", "severity", "code", "field", "line:col", "cause"],
};

const ZH: Labels = Labels {
    no_problems: "未发现问题",
    causes: "个原因，按可能性从高到低排列",
    steps: "处理步骤",
    confidence: "置信度",
    score: "得分",
    explains: "可解释所报告的症状",
    fix: "修复",
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
        let lang = report.options.lang;
        let l = labels(lang);
        for file in &report.files {
            let path = escape(&file.path);
            // SPEC §1: what could not be checked is listed apart, not as a cause.
            let (not_checked, causes): (Vec<&ReportFinding>, Vec<&ReportFinding>) =
                file.findings.iter().partition(|f| f.code == NOT_CHECKED);
            if file.status == Status::Unreadable {
                writeln!(out, "{path}: {}", l.unreadable)?;
            } else if causes.is_empty() {
                writeln!(out, "{path}: {}", l.no_problems)?;
            } else {
                writeln!(out, "{path}: {} {}", causes.len(), l.causes)?;
            }
            if !causes.is_empty() {
                writeln!(out, "{}", summary_table(&causes, lang))?;
            }
            for finding in &causes {
                writeln!(out)?;
                write_finding(out, file, finding, report, l)?;
            }
            if !not_checked.is_empty() {
                writeln!(out)?;
                writeln!(out, "{}:", l.not_checked)?;
                for f in not_checked {
                    writeln!(out, "  - {} ({}:{})", f.message, f.line, f.column)?;
                }
            }
            writeln!(out)?;
        }
        Ok(())
    }
}

/// The code whose findings are listed under "not checked".
const NOT_CHECKED: &str = "BC004";

fn summary_table(findings: &[&ReportFinding], lang: Lang) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(110)
        .set_header(labels(lang).columns);
    for f in findings {
        table.add_row([
            f.rank.to_string(),
            severity_label(f.severity, lang).to_string(),
            f.code.to_string(),
            f.field.clone(),
            format!("{}:{}", f.line, f.column),
            f.title.clone(),
        ]);
    }
    table
}

fn write_finding(
    out: &mut dyn Write,
    file: &FileReport,
    f: &ReportFinding,
    report: &Report,
    l: &Labels,
) -> io::Result<()> {
    let lang = report.options.lang;
    writeln!(
        out,
        "{}. {}[{}] {}: {}",
        f.rank,
        severity_label(f.severity, lang),
        f.code,
        f.name,
        f.title
    )?;
    let at = if f.field.is_empty() {
        String::new()
    } else {
        format!(" ({})", f.field)
    };
    writeln!(
        out,
        "   --> {}:{}:{}{at}",
        escape(&file.path),
        f.line,
        f.column
    )?;
    if let Some(source) = &file.source {
        let (text, caret_at, caret_width) = quote_line(source, f, &file.hidden);
        let number = f.line.to_string();
        let pad = " ".repeat(number.len());
        writeln!(out, "   {pad} |")?;
        writeln!(out, "   {number} | {text}")?;
        writeln!(
            out,
            "   {pad} | {}{}",
            " ".repeat(caret_at),
            "^".repeat(caret_width.max(1))
        )?;
    }
    writeln!(out, "   {}", f.message)?;
    if !f.remediation.is_empty() {
        writeln!(out, "   {}:", l.steps)?;
        for (i, step) in f.remediation.iter().enumerate() {
            writeln!(out, "     {}. {step}", i + 1)?;
        }
    }
    if let Some(fix) = &f.fix {
        writeln!(
            out,
            "   {} ({}): {}",
            l.fix,
            word(fix.applicability, lang),
            fix.replacement
        )?;
    }
    let mut meta = format!(
        "{} {} · {} {}",
        l.confidence,
        word(f.confidence, lang),
        l.score,
        f.score
    );
    if f.symptom_match {
        meta.push_str(&format!(" · {}", l.explains));
    }
    if report.options.explain_rank && !f.score_explanation.is_empty() {
        meta.push_str(&format!(" · {} = {}", l.score, f.score_explanation));
    }
    writeln!(out, "   {meta}")
}

/// The finding's source line as it may be shown, the display column of the marker and its
/// width. Identifier values are masked, secrets replaced, unsafe characters escaped; the
/// marker accounts for wide (CJK) characters and escapes.
fn quote_line(
    source: &SourceFile,
    f: &ReportFinding,
    hidden: &[HiddenValue],
) -> (String, usize, usize) {
    let line = source.line_text(f.line);
    let line_start = source.line_start(f.line).unwrap_or(source.text.len());
    let mut shown = String::new();
    let mut caret_at = None;
    let mut caret_width = 1;
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
        if offset == f.span.start {
            let piece = shown.get(before..).unwrap_or_default();
            caret_at = Some(shown.get(..before).unwrap_or_default().width());
            caret_width = piece.width().max(1);
        }
    }
    let caret_at = caret_at.unwrap_or_else(|| {
        // The span starts past the line (end of line) or on another line: point at the end.
        if f.span.start >= line_start + line.len() {
            shown.width()
        } else {
            0
        }
    });
    (shown, caret_at, caret_width)
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
