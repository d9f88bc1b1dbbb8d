//! Text that fits the output's width: tables whose widest column wraps, paragraphs wrapped
//! with a hanging indent, and quoted source lines cut around the marker. Widths are display
//! columns (a CJK character counts two), never bytes or characters.

use super::style::Terminal;
use comfy_table::{ContentArrangement, Table, presets};
use unicode_width::UnicodeWidthStr;

/// A table drawn at most `terminal.width` columns wide; cells wrap as needed, the header is
/// bold when colour is on.
pub fn table<I, S>(terminal: Terminal, header: I) -> Table
where
    I: IntoIterator<Item = S>,
    S: Into<comfy_table::Cell>,
{
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(terminal.width).unwrap_or(u16::MAX));
    if terminal.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    let header: Vec<comfy_table::Cell> = header.into_iter().map(Into::into).collect();
    let header = header.into_iter().map(|cell| {
        if terminal.color {
            cell.add_attribute(comfy_table::Attribute::Bold)
        } else {
            cell
        }
    });
    table.set_header(header);
    table
}

/// Keeps the columns at `columns` as wide as their content, so that the others wrap.
pub fn keep_width(table: &mut Table, columns: &[usize]) {
    for &i in columns {
        if let Some(column) = table.column_mut(i) {
            column.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
        }
    }
}

/// A table cell in a severity's colour (when colour is on).
pub fn severity_cell(
    text: impl Into<String>,
    severity: crate::rulepack::Severity,
    terminal: Terminal,
) -> comfy_table::Cell {
    let cell = comfy_table::Cell::new(text.into());
    if !terminal.color {
        return cell;
    }
    let color = match severity {
        // The terminal's own red, yellow and blue, as the rest of the palette.
        crate::rulepack::Severity::Error => comfy_table::Color::DarkRed,
        crate::rulepack::Severity::Warning => comfy_table::Color::DarkYellow,
        crate::rulepack::Severity::Info => comfy_table::Color::DarkBlue,
    };
    cell.fg(color).add_attribute(comfy_table::Attribute::Bold)
}

/// Stands for a space inside a quotation while wrapping: a private-use character, which every
/// rendered text has escaped, so none is there already; one column wide, and no break
/// opportunity.
const HELD_SPACE: char = '\u{E000}';

/// `text` with the spaces inside `"…"`, `“…”` and `` `…` `` held together: a value the seller
/// copies (an account name, a command) stays on one line when it fits on one.
fn hold_quotations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut closing: Option<char> = None;
    for ch in text.chars() {
        match (closing, ch) {
            (Some(end), c) if c == end => closing = None,
            (None, '"') => closing = Some('"'),
            (None, '`') => closing = Some('`'),
            (None, '“') => closing = Some('”'),
            _ => {}
        }
        out.push(if closing.is_some() && ch == ' ' {
            HELD_SPACE
        } else {
            ch
        });
    }
    out
}

/// `text` wrapped to `width` columns: the first line starts with `first`, the others with
/// `rest` (a hanging indent). Chinese text breaks between characters, English between words,
/// a quotation only where it is longer than a line; a word longer than a line is split.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let held = hold_quotations(text);
    wrap_held(&held, width, first, rest).replace(HELD_SPACE, " ")
}

/// Above this many bytes a paragraph is wrapped line by line (first fit) rather than balanced
/// (optimal fit), whose tables cost memory and time by the word: a pasted value of a million
/// words is quoted whole where it is the value to enter.
const BALANCED_WRAP_BYTES: usize = 4096;

fn wrap_held(text: &str, width: usize, first: &str, rest: &str) -> String {
    let algorithm = if text.len() > BALANCED_WRAP_BYTES {
        textwrap::WrapAlgorithm::FirstFit
    } else {
        textwrap::WrapAlgorithm::new_optimal_fit()
    };
    let options = textwrap::Options::new(width.max(first.width() + 8))
        .wrap_algorithm(algorithm)
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(true)
        // `merchant-id-format`, `ozon-lianlian` and paths stay whole where they can.
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .word_separator(textwrap::WordSeparator::UnicodeBreakProperties);
    textwrap::fill(text, options)
}

/// A source line cut to at most `room` columns so that the marker stays visible: the part
/// around the marker, with `…` where text was left out. Returns the text and the marker's new
/// column. `caret_at` and `caret_width` are display columns in `line`.
pub fn fit_line(line: &str, caret_at: usize, caret_width: usize, room: usize) -> (String, usize) {
    if line.width() <= room || room < 8 {
        return (line.to_string(), caret_at);
    }
    // Keep a little text before the marker when it would otherwise fall off the right.
    let keep_before = room / 3;
    let start = if caret_at + caret_width + 2 <= room {
        0
    } else {
        caret_at.saturating_sub(keep_before)
    };
    let mut out = String::new();
    let mut column = 0;
    let mut used = 0;
    let mut new_caret = caret_at;
    if start > 0 {
        out.push('…');
        used = 1;
    }
    let mut cut_left = start > 0;
    for ch in line.chars() {
        let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if column < start {
            column += w;
            continue;
        }
        if cut_left {
            // The marker moves left by what was cut, plus the ellipsis.
            new_caret = caret_at + 1 - column;
            cut_left = false;
        }
        if used + w + 1 > room {
            out.push('…');
            return (out, new_caret);
        }
        out.push(ch);
        used += w;
        column += w;
    }
    (out, new_caret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_chinese_and_english_with_a_hanging_indent() {
        let text =
            "从连连国际 › 账户 › 账户信息 复制商户号，然后粘贴到 Ozon 卖家中心 › 设置 › 付款 中。";
        let wrapped = wrap(text, 30, "  1. ", "     ");
        for line in wrapped.lines() {
            assert!(line.width() <= 30, "{line:?}");
        }
        assert!(wrapped.starts_with("  1. 从连连国际"));
        assert!(wrapped.lines().skip(1).all(|l| l.starts_with("     ")));
        let english = wrap("one two three four five six seven", 12, "", "  ");
        assert_eq!(english, "one two\n  three four\n  five six\n  seven");
    }

    #[test]
    fn a_quoted_value_is_not_broken_where_it_fits_on_a_line() {
        let text = "使其与此完全一致：\"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"。然后保存";
        let wrapped = wrap(text, 50, "  ", "  ");
        assert!(
            wrapped
                .lines()
                .any(|l| l.contains("\"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"")),
            "{wrapped}"
        );
        assert!(wrapped.lines().all(|l| l.width() <= 50), "{wrapped}");
        assert_eq!(wrap("run `a b c` now", 80, "", ""), "run `a b c` now");
    }

    #[test]
    fn long_lines_are_cut_around_the_marker() {
        let line = format!("merchant_id = \"{}X\"", "a".repeat(100));
        let caret = line.find('X').unwrap();
        let (shown, at) = fit_line(&line, caret, 1, 40);
        assert!(shown.width() <= 40, "{shown}");
        assert!(shown.starts_with('…'));
        assert_eq!(shown.chars().nth(at), Some('X'), "{shown} {at}");
        let (shown, at) = fit_line(&line, 0, 1, 40);
        assert!(shown.width() <= 40 && shown.ends_with('…') && at == 0);
        assert_eq!(fit_line("short", 2, 1, 40), ("short".to_string(), 2));
    }
}
