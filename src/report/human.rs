//! `--format human`: for a seller reading a terminal.
//!
//! A heading with the number of causes and findings, a summary table with one row per cause,
//! then each cause: its title, the source lines of its findings with a marker under each exact
//! place, the findings it explains, one set of numbered steps with one value to enter, and why
//! it is unlikely or what to fix first. Source lines are quoted with identifiers masked, secrets
//! hidden and invisible characters shown as `⟨U+200B⟩`. Everything fits the output's width
//! ([`super::layout`]) and is coloured on a terminal ([`super::style`]). Each part is written
//! by a function of its own.

use super::layout::{fit_line, keep_width, severity_cell, table, wrap};
use super::style::{self, Terminal};
use super::words::{aside, colon};
use super::{CauseFix, FileReport, Renderer, Report, ReportCause, ReportFinding, Status, mask};
use crate::rulepack::{Lang, Severity};
use crate::rules::NOT_CHECKED;
use crate::source::{SourceFile, Span};
use crate::unicode::{escape, is_unsafe_to_print, push_escape};
use comfy_table::Table;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

pub struct Human;

struct Labels {
    no_problems: &'static str,
    nothing_checked: &'static str,
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
    nothing_checked: "nothing could be checked: the profile holds no values yet (`bindcheck init` writes a template to fill in)",
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
    nothing_checked: "没有可检查的内容：档案中还没有填写任何值（`bindcheck init` 可生成一份待填写的模板）",
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
    super::words::keyword(english, lang)
}

pub fn severity_label(severity: Severity, lang: Lang) -> &'static str {
    super::words::severity(severity, lang)
}

impl Renderer for Human {
    fn wants_source(&self) -> bool {
        true
    }

    fn wants_terminal(&self) -> bool {
        true
    }

    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        for file in &report.files {
            write_file(out, file, report)?;
        }
        Ok(())
    }
}

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
    let term = report.terminal;
    // What could not be checked is listed apart: it is not a cause of the failure.
    let (not_checked, causes): (Vec<&ReportCause>, Vec<&ReportCause>) =
        file.causes.iter().partition(|c| c.code == NOT_CHECKED);
    write_heading(out, file, &causes, l, lang, term)?;
    if !causes.is_empty() {
        writeln!(out, "{}", summary_table(file, &causes, lang, term))?;
    }
    for cause in &causes {
        writeln!(out)?;
        write_cause(out, file, cause, report)?;
    }
    write_not_checked(out, file, &not_checked, l, lang, term)?;
    writeln!(out)
}

fn write_heading(
    out: &mut dyn Write,
    file: &FileReport,
    causes: &[&ReportCause],
    l: &Labels,
    lang: Lang,
    term: Terminal,
) -> io::Result<()> {
    let status = if file.status == Status::Unreadable {
        l.unreadable.to_string()
    } else if causes.is_empty() && file.nothing_checked {
        l.nothing_checked.to_string()
    } else if causes.is_empty() {
        l.no_problems.to_string()
    } else {
        let findings = causes.iter().map(|c| c.findings.len()).sum();
        (l.counts)(causes.len(), findings)
    };
    let heading = format!("{}{}{status}", escape(&file.path), colon(lang));
    writeln!(
        out,
        "{}",
        term.paint(&wrap(&heading, term.width, "", "  "), style::heading())
    )
}

fn summary_table(file: &FileReport, causes: &[&ReportCause], lang: Lang, term: Terminal) -> Table {
    let mut table = table(term, labels(lang).columns);
    for cause in causes {
        let Some(lead) = findings_of(file, cause).next() else {
            continue;
        };
        let code = match cause.findings.len() {
            1 => cause.code.to_string(),
            n => format!("{} +{}", cause.code, n - 1),
        };
        table.add_row([
            cause.rank.to_string().into(),
            severity_cell(severity_label(cause.severity, lang), cause.severity, term),
            severity_cell(code, cause.severity, term),
            lead.field.clone().into(),
            position(lead).into(),
            cause.title.clone().into(),
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
    let term = report.terminal;
    let width = term.width;
    let findings: Vec<&ReportFinding> = findings_of(file, cause).collect();
    let Some(lead) = findings.first() else {
        return Ok(());
    };
    let label = term.paint(
        &format!("{}[{}]", severity_label(cause.severity, lang), cause.code),
        style::severity(cause.severity),
    );
    let title = term.paint(
        &format!("{}{}{}", lead.name, colon(lang), cause.title),
        style::heading(),
    );
    let number = format!("{}. ", cause.rank);
    writeln!(
        out,
        "{}",
        wrap(&format!("{label} {title}"), width, &number, "   ")
    )?;
    write_location(out, file, lead, l, lang, term)?;
    write_quotes(out, file, &findings, cause.severity, term, lang)?;
    if let [only] = findings.as_slice() {
        writeln!(out, "{}", wrap(&only.message, width, "   ", "   "))?;
    } else {
        for f in &findings {
            let at = match position(f) {
                p if p.is_empty() => f.field.clone(),
                p => format!("{}, {p}", f.field),
            };
            let code = term.paint(f.code, style::severity(cause.severity));
            let item = format!(
                "{code} {}{}{}{}",
                f.name,
                aside(&at, lang),
                colon(lang),
                f.message
            );
            writeln!(out, "{}", wrap(&item, width, "   - ", "     "))?;
        }
    }
    for note in cause.unlikely.iter().chain(&cause.notes) {
        writeln!(out, "{}", wrap(note, width, "   ", "   "))?;
    }
    write_steps(out, cause, l, lang, term)?;
    write_meta(out, cause, lead, report, l)
}

fn write_location(
    out: &mut dyn Write,
    file: &FileReport,
    lead: &ReportFinding,
    l: &Labels,
    lang: Lang,
    term: Terminal,
) -> io::Result<()> {
    let width = term.width;
    let arrow = term.paint("-->", style::gutter());
    if about_symptom(lead) {
        return writeln!(out, "   {arrow} {}", l.from_symptom);
    }
    let at = if lead.field.is_empty() {
        String::new()
    } else {
        aside(&lead.field, lang)
    };
    let place = format!(
        "{arrow} {}:{}:{}",
        escape(&file.path),
        lead.line,
        lead.column
    );
    let place = wrap(&place, width, "   ", "       ");
    let last_line = place.lines().last().unwrap_or_default();
    // Measured without the palette's colour sequences.
    if textwrap::core::display_width(last_line) + at.width() <= width {
        writeln!(out, "{place}{at}")
    } else {
        writeln!(out, "{place}")?;
        writeln!(
            out,
            "{}",
            wrap(at.trim_start(), width, "       ", "       ")
        )
    }
}

/// The source lines of a cause's findings, each once, with a marker under every finding on it;
/// a line wider than the output is cut around its markers.
fn write_quotes(
    out: &mut dyn Write,
    file: &FileReport,
    findings: &[&ReportFinding],
    severity: Severity,
    term: Terminal,
    lang: Lang,
) -> io::Result<()> {
    let Some(source) = &file.source else {
        return Ok(());
    };
    let secret = super::words::secret_marker(lang);
    let mut lines: Vec<usize> = Vec::new();
    for f in findings.iter().filter(|f| !about_symptom(f)) {
        if !lines.contains(&f.line) {
            lines.push(f.line);
        }
    }
    let bar = term.paint("|", style::gutter());
    for line in lines {
        let on_line: Vec<&ReportFinding> = findings
            .iter()
            .copied()
            .filter(|f| f.line == line && !about_symptom(f))
            .collect();
        let (text, markers) = quote_line(source, line, &on_line, &file.masked, secret);
        let number = line.to_string();
        let pad = " ".repeat(number.len());
        let room = term.width.saturating_sub(number.len() + 6);
        let (text, markers) = fit_markers(&text, markers, room);
        writeln!(out, "   {pad} {bar}")?;
        writeln!(
            out,
            "   {} {bar} {text}",
            term.paint(&number, style::gutter())
        )?;
        writeln!(
            out,
            "   {pad} {bar} {}",
            marker_line(&markers, |carets| term
                .paint(carets, style::severity(severity)))
        )?;
    }
    Ok(())
}

/// A quoted line cut to `room` columns around its markers (see [`fit_line`]), with the
/// markers moved to where their characters are then shown.
fn fit_markers(
    text: &str,
    markers: Vec<(usize, usize)>,
    room: usize,
) -> (String, Vec<(usize, usize)>) {
    let first = markers.iter().map(|m| m.0).min().unwrap_or(0);
    let last = markers.iter().map(|m| m.0 + m.1).max().unwrap_or(first + 1);
    let (shown, moved_to) = fit_line(text, first, last - first, room);
    let visible = shown.width();
    let markers = markers
        .into_iter()
        .map(|(at, len)| (at + moved_to - first, len))
        .filter(|(at, _)| *at < visible.max(1))
        .map(|(at, len)| (at, len.min(visible.saturating_sub(at)).max(1)))
        .collect();
    (shown, markers)
}

/// Carets at each (display column, width), left to right, each run as `paint` styles it; an
/// overlapping one is skipped.
fn marker_line(markers: &[(usize, usize)], paint: impl Fn(&str) -> String) -> String {
    let mut sorted = markers.to_vec();
    sorted.sort_unstable();
    let mut line = String::new();
    let mut width = 0;
    for (at, len) in sorted {
        if at < width {
            continue;
        }
        line.push_str(&" ".repeat(at - width));
        line.push_str(&paint(&"^".repeat(len.max(1))));
        width = at + len.max(1);
    }
    line
}

fn write_steps(
    out: &mut dyn Write,
    cause: &ReportCause,
    l: &Labels,
    lang: Lang,
    term: Terminal,
) -> io::Result<()> {
    let width = term.width;
    if !cause.remediation.is_empty() {
        let heading = format!("{}{}", l.steps, colon(lang).trim_end());
        writeln!(out, "   {}", term.paint(&heading, style::heading()))?;
        for (i, step) in cause.remediation.iter().enumerate() {
            let number = format!("     {}. ", i + 1);
            let rest = " ".repeat(number.len());
            writeln!(out, "{}", wrap(step, width, &number, &rest))?;
        }
    }
    // One action may enter a value in several fields (an account copied wrong): each field's
    // value is shown, named by its field. The cause's own value comes first.
    let named = cause.fixes.len() > 1;
    for CauseFix { field, fix } in &cause.fixes {
        // A value too long to copy from a terminal is quoted like one in a message; JSON and
        // `--fix` carry it whole.
        let value = match fix.replacement.as_deref() {
            Some(value) => term.paint(&super::shorten(value, lang), style::value()),
            None => l.fix_masked.to_string(),
        };
        let field = match (named, lang) {
            (false, _) => String::new(),
            (true, Lang::En) => format!(" `{field}`"),
            (true, Lang::Zh) => format!("`{field}`"),
        };
        let line = format!(
            "{}{}{field}{}{value}",
            l.fix,
            aside(word(fix.applicability, lang), lang),
            colon(lang),
        );
        writeln!(out, "{}", wrap(&line, width, "   ", "     "))?;
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
    let term = report.terminal;
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
    writeln!(
        out,
        "{}",
        term.paint(&wrap(&meta, term.width, "   ", "     "), style::dim())
    )
}

fn write_not_checked(
    out: &mut dyn Write,
    file: &FileReport,
    not_checked: &[&ReportCause],
    l: &Labels,
    lang: Lang,
    term: Terminal,
) -> io::Result<()> {
    if not_checked.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    let heading = format!("{}{}", l.not_checked, colon(lang).trim_end());
    writeln!(
        out,
        "{}",
        term.paint(&wrap(&heading, term.width, "", ""), style::heading())
    )?;
    for f in not_checked.iter().flat_map(|c| findings_of(file, c)) {
        let at = format!("{}:{}", f.line, f.column);
        let item = format!("{}{}", f.message, aside(&at, lang));
        writeln!(out, "{}", wrap(&item, term.width, "  - ", "    "))?;
    }
    Ok(())
}

/// Line `number` of the source as it may be shown, and the display column and width of a
/// marker under each of `findings` (on that line). Secrets are replaced by `secret` (a finding
/// inside one points at it), identifier values in `masked` are masked, unsafe characters
/// escaped; markers account for wide (CJK) characters and escapes.
fn quote_line(
    source: &SourceFile,
    number: usize,
    findings: &[&ReportFinding],
    masked: &[Span],
    secret: &str,
) -> (String, Vec<(usize, usize)>) {
    let line = source.line_text(number);
    let line_start = source.line_start(number).unwrap_or(source.text.len());
    let hidden = source.secrets().ranges_in_source(line, line_start);
    let mut shown = String::new();
    let mut markers: Vec<Option<(usize, usize)>> = vec![None; findings.len()];
    // The masked form of the identifier being quoted, by the start of its span.
    let mut mask_of: Option<(usize, Vec<char>)> = None;
    // How far into that identifier the walk is, counted as it goes (a count from its start at
    // every character would be quadratic in its length): (start, offset, chars before offset).
    let mut counted: Option<(usize, usize, usize)> = None;
    for (i, ch) in line.char_indices() {
        let offset = line_start + i;
        if let Some(range) = hidden.iter().find(|r| r.contains(&i)) {
            if i == range.start {
                let at = shown.width();
                shown.push_str(secret);
                let place = (at, secret.width());
                let within = line_start + range.start..line_start + range.end;
                for (f, marker) in findings.iter().zip(markers.iter_mut()) {
                    if within.contains(&f.span.start) {
                        *marker = Some(place);
                    }
                }
            }
            continue;
        }
        let before = shown.len();
        match masked
            .iter()
            .find(|span| offset > span.start && offset + 1 < span.end)
        {
            // Escapes (`\u200B`) and unsafe characters stay visible inside a masked value:
            // they are what a character finding points at, and they reveal nothing secret.
            Some(_) if is_unsafe_to_print(ch) || in_escape(source, offset) => {
                push_printable(&mut shown, ch)
            }
            Some(span) => {
                let start = span.start + 1;
                // Masked as the value's visible characters alone, the escapes and unsafe
                // characters (shown as they are) left out: the mask every message shows for
                // the value with those removed.
                let visible = |from: usize, to: usize| {
                    source.text.get(from..to).map_or(0, |s| {
                        s.char_indices()
                            .filter(|&(i, c)| {
                                !is_unsafe_to_print(c) && !in_escape(source, from + i)
                            })
                            .count()
                    })
                };
                if mask_of.as_ref().is_none_or(|(at, _)| *at != start) {
                    let inner = source.text.get(start..span.end - 1).unwrap_or_default();
                    let shown_chars: String = inner
                        .char_indices()
                        .filter(|&(i, c)| !is_unsafe_to_print(c) && !in_escape(source, start + i))
                        .map(|(_, c)| c)
                        .collect();
                    mask_of = Some((start, mask(&shown_chars).chars().collect()));
                }
                let (from, chars_before) = match counted {
                    Some((at, counted_to, n)) if at == start && counted_to <= offset => {
                        (counted_to, n)
                    }
                    _ => (start, 0),
                };
                let index = chars_before + visible(from, offset);
                counted = Some((start, offset, index));
                match mask_of.as_ref().and_then(|(_, m)| m.get(index)) {
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
