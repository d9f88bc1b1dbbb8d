//! `--format human`: for a seller reading a terminal.
//!
//! A summary table of the ranked causes, then each cause with the source line, a marker under
//! the exact place, and numbered remediation steps. Source lines are quoted with identifiers
//! masked, secrets hidden and invisible characters shown as `⟨U+200B⟩`.

use super::layout::{fit_line, keep_width, severity_cell, table, wrap};
use super::style::{self, Terminal};
use super::words::{aside, colon};
use super::{FileReport, HiddenValue, Renderer, Report, ReportFinding, Status, mask};
use crate::rulepack::{Lang, Severity};
use crate::source::SourceFile;
use crate::unicode::{escape, is_unsafe_to_print, push_escape};
use comfy_table::Table;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

pub struct Human;

struct Labels {
    no_problems: &'static str,
    nothing_checked: &'static str,
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
    nothing_checked: "nothing could be checked: the profile holds no values yet (`bindcheck init` writes a template to fill in)",
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
    nothing_checked: "没有可检查的内容：档案中还没有填写任何值（`bindcheck init` 可生成一份待填写的模板）",
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
    super::words::keyword(english, lang)
}

pub fn severity_label(severity: Severity, lang: Lang) -> &'static str {
    super::words::severity(severity, lang)
}

impl Renderer for Human {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let lang = report.options.lang;
        let l = labels(lang);
        let term = report.terminal;
        for file in &report.files {
            let path = escape(&file.path);
            // SPEC §1: what could not be checked is listed apart, not as a cause.
            let (not_checked, causes): (Vec<&ReportFinding>, Vec<&ReportFinding>) =
                file.findings.iter().partition(|f| f.code == NOT_CHECKED);
            let status = if file.status == Status::Unreadable {
                l.unreadable.to_string()
            } else if causes.is_empty() && file.nothing_checked {
                l.nothing_checked.to_string()
            } else if causes.is_empty() {
                l.no_problems.to_string()
            } else {
                format!("{} {}", causes.len(), l.causes)
            };
            let heading = format!("{path}{}{status}", colon(lang));
            writeln!(
                out,
                "{}",
                term.paint(&wrap(&heading, term.width, "", "  "), style::heading())
            )?;
            if !causes.is_empty() {
                writeln!(out, "{}", summary_table(&causes, lang, term))?;
            }
            for finding in &causes {
                writeln!(out)?;
                write_finding(out, file, finding, report, l)?;
            }
            if !not_checked.is_empty() {
                writeln!(out)?;
                let heading = format!("{}{}", l.not_checked, colon(lang).trim_end());
                writeln!(
                    out,
                    "{}",
                    term.paint(&wrap(&heading, term.width, "", ""), style::heading())
                )?;
                for f in not_checked {
                    let at = format!("{}:{}", f.line, f.column);
                    let item = format!("{}{}", f.message, aside(&at, lang));
                    writeln!(out, "{}", wrap(&item, term.width, "  - ", "    "))?;
                }
            }
            writeln!(out)?;
        }
        Ok(())
    }
}

/// The code whose findings are listed under "not checked".
const NOT_CHECKED: &str = "BC004";

fn summary_table(findings: &[&ReportFinding], lang: Lang, term: Terminal) -> Table {
    let mut table = table(term, labels(lang).columns);
    for f in findings {
        table.add_row([
            f.rank.to_string().into(),
            severity_cell(severity_label(f.severity, lang), f.severity, term),
            severity_cell(f.code, f.severity, term),
            f.field.clone().into(),
            format!("{}:{}", f.line, f.column).into(),
            f.title.clone().into(),
        ]);
    }
    // The cause column wraps; the field keeps its width when the terminal has room for it.
    let field_fits = term.width >= 100;
    keep_width(
        &mut table,
        if field_fits {
            &[0, 1, 2, 3, 4]
        } else {
            &[0, 1, 2, 4]
        },
    );
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
    let term = report.terminal;
    let width = term.width;
    let label = term.paint(
        &format!("{}[{}]", severity_label(f.severity, lang), f.code),
        style::severity(f.severity),
    );
    let title = term.paint(
        &format!("{}{}{}", f.name, colon(lang), f.title),
        style::heading(),
    );
    writeln!(
        out,
        "{}",
        wrap(
            &format!("{label} {title}"),
            width,
            &format!("{}. ", f.rank),
            "   "
        )
    )?;
    let at = if f.field.is_empty() {
        String::new()
    } else {
        aside(&f.field, lang)
    };
    let arrow = term.paint("-->", style::gutter());
    let place = format!("{arrow} {}:{}:{}", escape(&file.path), f.line, f.column);
    let place = wrap(&place, width, "   ", "       ");
    let last_line = place.lines().last().unwrap_or_default();
    // Measured without the palette's colour sequences.
    if textwrap::core::display_width(last_line) + at.width() <= width {
        writeln!(out, "{place}{at}")?;
    } else {
        writeln!(out, "{place}")?;
        writeln!(
            out,
            "{}",
            wrap(at.trim_start(), width, "       ", "       ")
        )?;
    }
    if let Some(source) = &file.source {
        let (text, caret_at, caret_width) = quote_line(source, f, &file.hidden);
        let number = f.line.to_string();
        let pad = " ".repeat(number.len());
        let room = width.saturating_sub(number.len() + 6);
        let (text, caret_at) = fit_line(&text, caret_at, caret_width, room);
        let bar = term.paint("|", style::gutter());
        writeln!(out, "   {pad} {bar}")?;
        writeln!(
            out,
            "   {} {bar} {text}",
            term.paint(&number, style::gutter())
        )?;
        let marker = "^".repeat(caret_width.max(1).min(room.saturating_sub(caret_at).max(1)));
        writeln!(
            out,
            "   {pad} {bar} {}{}",
            " ".repeat(caret_at),
            term.paint(&marker, style::severity(f.severity))
        )?;
    }
    writeln!(out, "{}", wrap(&f.message, width, "   ", "   "))?;
    if !f.remediation.is_empty() {
        let heading = format!("{}{}", l.steps, colon(lang).trim_end());
        writeln!(out, "   {}", term.paint(&heading, style::heading()))?;
        for (i, step) in f.remediation.iter().enumerate() {
            let number = format!("     {}. ", i + 1);
            let rest = " ".repeat(number.len());
            writeln!(out, "{}", wrap(step, width, &number, &rest))?;
        }
    }
    if let Some(fix) = &f.fix {
        let line = format!(
            "{}{}{}{}",
            l.fix,
            aside(word(fix.applicability, lang), lang),
            colon(lang),
            term.paint(&fix.replacement, style::value())
        );
        writeln!(out, "{}", wrap(&line, width, "   ", "     "))?;
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
    writeln!(
        out,
        "{}",
        term.paint(&wrap(&meta, width, "   ", "     "), style::dim())
    )
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
