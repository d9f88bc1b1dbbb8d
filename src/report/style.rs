//! How output meets a terminal: its width, whether it takes colour, and the palette.
//!
//! The palette follows rustc and ruff: the severity word, the code and the marker under the
//! position in the severity's colour (error red, warning yellow, info blue), the gutter and
//! line numbers in blue, headings bold. Styles are written as SGR sequences only when
//! [`Terminal::color`] is on; [`escape_keep_styles`] then lets those sequences, and nothing
//! else unsafe, reach the terminal.

use crate::rulepack::Severity;
use anstyle::{AnsiColor, Style};

/// The width of output that does not go to a terminal (a pipe, a file): stable whatever
/// terminal the command happened to be started from.
pub const STABLE_WIDTH: usize = 100;

/// Narrower than this, tables and wrapped text could not show a word per line.
const MIN_WIDTH: usize = 20;

/// Where the output goes: how wide it may be, and whether it is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminal {
    /// Display columns (a CJK character counts two).
    pub width: usize,
    pub color: bool,
}

impl Default for Terminal {
    fn default() -> Self {
        Terminal::PLAIN
    }
}

impl Terminal {
    /// No colour, the stable width: what a pipe or a file gets.
    pub const PLAIN: Terminal = Terminal {
        width: STABLE_WIDTH,
        color: false,
    };

    /// The output's width: `COLUMNS` when set (the POSIX variable, also for piped output),
    /// else the terminal's own width, else [`STABLE_WIDTH`].
    pub fn width_for(columns: Option<&str>, terminal_width: Option<usize>) -> usize {
        columns
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|&c| c > 0)
            .or(terminal_width)
            .unwrap_or(STABLE_WIDTH)
            .max(MIN_WIDTH)
    }

    /// `text` in `style`, or as it is without colour.
    pub fn paint(&self, text: &str, style: Style) -> String {
        if self.color && !text.is_empty() {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }
}

/// The style of a severity word, its code and its marker.
pub fn severity(severity: Severity) -> Style {
    let color = match severity {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Blue,
    };
    Style::new().bold().fg_color(Some(color.into()))
}

/// Gutter, `-->` and line numbers, as rustc draws them.
pub fn gutter() -> Style {
    Style::new()
        .bold()
        .fg_color(Some(AnsiColor::BrightBlue.into()))
}

/// Headings and titles.
pub fn heading() -> Style {
    Style::new().bold()
}

/// A value the reader can copy (a fix's replacement).
pub fn value() -> Style {
    Style::new().fg_color(Some(AnsiColor::Green.into()))
}

/// Secondary detail (confidence, score).
pub fn dim() -> Style {
    Style::new().dimmed()
}

/// The length of the SGR sequence (`ESC [ params m`) at the start of `s`, if one is there.
fn sgr_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix("\u{1b}[")?;
    let params = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b';')
        .count();
    (rest.as_bytes().get(params) == Some(&b'm')).then_some(2 + params + 1)
}

/// Escapes every unsafe character as [`crate::unicode::escape_keep_newlines`] does, except
/// SGR sequences, which only set colours. Every text a renderer writes is escaped when the
/// report is built, so the only escape sequences left are the palette's own.
pub fn escape_keep_styles(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut plain_from = 0;
    let mut i = 0;
    while let Some(at) = text[i..].find('\u{1b}') {
        let start = i + at;
        match sgr_len(&text[start..]) {
            Some(len) => {
                out.push_str(&crate::unicode::escape_keep_newlines(
                    &text[plain_from..start],
                ));
                out.push_str(&text[start..start + len]);
                i = start + len;
                plain_from = i;
            }
            None => i = start + 1,
        }
    }
    out.push_str(&crate::unicode::escape_keep_newlines(&text[plain_from..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_prefers_columns_then_the_terminal() {
        assert_eq!(Terminal::width_for(Some("72"), Some(200)), 72);
        assert_eq!(Terminal::width_for(Some("wide"), Some(132)), 132);
        assert_eq!(Terminal::width_for(Some("0"), None), STABLE_WIDTH);
        assert_eq!(Terminal::width_for(None, None), STABLE_WIDTH);
        assert_eq!(Terminal::width_for(Some("3"), None), MIN_WIDTH);
    }

    #[test]
    fn paints_only_with_colour() {
        let plain = Terminal::PLAIN;
        assert_eq!(plain.paint("error", severity(Severity::Error)), "error");
        let colour = Terminal {
            color: true,
            ..plain
        };
        assert_eq!(
            colour.paint("error", severity(Severity::Error)),
            "\u{1b}[1m\u{1b}[31merror\u{1b}[0m"
        );
    }

    #[test]
    fn keeps_colours_and_escapes_everything_else() {
        let text = "\u{1b}[31mred\u{1b}[0m a\u{200B}b \u{1b}]0;title\u{7} \u{1b}[2J\n";
        assert_eq!(
            escape_keep_styles(text),
            "\u{1b}[31mred\u{1b}[0m a⟨U+200B⟩b ⟨U+001B⟩]0;title⟨U+0007⟩ ⟨U+001B⟩[2J\n"
        );
    }
}
