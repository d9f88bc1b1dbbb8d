//! Profiles are TOML 1.0. The parser reads TOML 1.1, so the syntax 1.1 added is refused here,
//! value by value, from the text each value was parsed from: `\e` and `\xHH` escapes, times
//! without seconds, and inline tables that span lines, hold comments or end in a comma. The
//! editors the README sets up (Taplo) and most other TOML readers are 1.0 only: a profile
//! bindcheck accepts must read the same in all of them. An integer prefix without digits
//! (`0x`), which no version allows, is refused here too.

use super::load::LoadErrorKind;
use crate::finding::Arg;

/// Syntax that is not TOML 1.0, at a byte offset of the text that was checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Violation {
    pub kind: LoadErrorKind,
    pub offset: usize,
    pub args: Vec<(&'static str, Arg)>,
}

impl Violation {
    fn new(kind: LoadErrorKind, offset: usize) -> Self {
        Violation {
            kind,
            offset,
            args: Vec::new(),
        }
    }

    fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, Arg::Text(value.into())));
        self
    }
}

/// A basic string (a value or a quoted key) written at `at` as `raw`, quotes included: an escape
/// TOML 1.1 added. Literal strings have no escapes.
pub(super) fn string(raw: &str, at: usize) -> Option<Violation> {
    if !raw.starts_with('"') || memchr::memchr(b'\\', raw.as_bytes()).is_none() {
        return None;
    }
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(b'e') => {
                return Some(
                    Violation::new(LoadErrorKind::Toml11Escape, at + i)
                        .with("escape", "\\e")
                        .with("instead", "\\u001B"),
                );
            }
            Some(b'x') => {
                let digits = raw.get(i + 2..i + 4).unwrap_or("");
                return Some(
                    Violation::new(LoadErrorKind::Toml11Escape, at + i)
                        .with("escape", format!("\\x{}", crate::unicode::escape(digits)))
                        .with(
                            "instead",
                            format!("\\u00{}", crate::unicode::escape(digits)),
                        ),
                );
            }
            _ => i += 2,
        }
    }
    None
}

/// A date-time or time written as `raw` at `at`: its time must have seconds.
pub(super) fn datetime(raw: &str, at: usize) -> Option<Violation> {
    let colon = raw.find(':')?;
    if raw.as_bytes().get(colon + 3) == Some(&b':') {
        return None;
    }
    let start = colon.saturating_sub(2);
    let time = raw.get(start..colon + 3).unwrap_or(raw);
    Some(
        Violation::new(LoadErrorKind::Toml11Time, at + start)
            .with("found", crate::unicode::escape(time))
            .with("instead", format!("{}:00", crate::unicode::escape(time))),
    )
}

/// An integer written as `raw` at `at`: a `0x`, `0o` or `0b` prefix needs digits after it.
pub(super) fn integer(raw: &str, at: usize) -> Option<Violation> {
    let unsigned = raw.trim_start_matches(['+', '-']);
    let digits = ["0x", "0o", "0b"]
        .iter()
        .find_map(|prefix| unsigned.strip_prefix(prefix))?;
    if digits.bytes().any(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    Some(Violation::new(LoadErrorKind::NoDigits, at).with("found", crate::unicode::escape(raw)))
}

/// An inline table written as `raw` (from `{` to `}`) at `at`, with everything nested in it:
/// in TOML 1.0 it stays on one line, holds no comment and has no comma before its `}`. Arrays
/// inside it may still span lines, hold comments and end in a comma.
pub(super) fn inline_table(raw: &str, at: usize) -> Option<Violation> {
    let bytes = raw.as_bytes();
    // The open brackets around the current byte: `{` or `[`.
    let mut open: Vec<u8> = Vec::new();
    // Where the last comma is, while only whitespace has followed it.
    let mut comma: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let in_table = open.last() == Some(&b'{');
        match b {
            b'"' | b'\'' => {
                i = string_end(bytes, i);
                comma = None;
                continue;
            }
            b'{' | b'[' => open.push(b),
            b']' => {
                open.pop();
            }
            b'}' => {
                if let Some(at_comma) = comma {
                    return Some(Violation::new(
                        LoadErrorKind::Toml11TrailingComma,
                        at + at_comma,
                    ));
                }
                open.pop();
            }
            b'#' | b'\n' | b'\r' if in_table => {
                return Some(Violation::new(LoadErrorKind::Toml11InlineLines, at + i));
            }
            b'#' => {
                // A comment inside an array runs to the end of its line.
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                continue;
            }
            b',' if in_table => {
                comma = Some(i);
                i += 1;
                continue;
            }
            _ => {}
        }
        if !matches!(b, b' ' | b'\t') {
            comma = None;
        }
        i += 1;
    }
    None
}

/// The index just past the string that starts at `start` (a quote) in `bytes`.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let triple = bytes.get(start..start + 3) == Some(&[quote, quote, quote][..]);
    let mut i = start + if triple { 3 } else { 1 };
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\\' && quote == b'"' {
            i += 2;
            continue;
        }
        if b == quote {
            if !triple {
                return i + 1;
            }
            if bytes.get(i..i + 3) == Some(&[quote, quote, quote][..]) {
                // A closing delimiter may be preceded by up to two quotes of the content.
                let mut end = i + 3;
                while end < bytes.len() && bytes[end] == quote && end < i + 5 {
                    end += 1;
                }
                return end;
            }
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(v: Option<Violation>) -> Option<(LoadErrorKind, usize)> {
        v.map(|v| (v.kind, v.offset))
    }

    #[test]
    fn escapes_added_by_toml_1_1() {
        assert_eq!(
            kind(string(r#""a\eb""#, 10)),
            Some((LoadErrorKind::Toml11Escape, 12))
        );
        assert_eq!(
            kind(string(r#""\x41""#, 0)),
            Some((LoadErrorKind::Toml11Escape, 1))
        );
        assert_eq!(kind(string(r#""a\\e \u001B \t""#, 0)), None);
        assert_eq!(kind(string(r"'\e'", 0)), None);
        assert_eq!(
            kind(string("\"\"\"\n\\x00\"\"\"", 0)),
            Some((LoadErrorKind::Toml11Escape, 4))
        );
    }

    #[test]
    fn times_need_seconds() {
        assert_eq!(kind(datetime("2026-11-20T10:15:00+08:00", 0)), None);
        assert_eq!(kind(datetime("2026-11-20", 0)), None);
        assert_eq!(kind(datetime("10:15:30.5", 0)), None);
        let v = datetime("2026-11-20T10:15+08:00", 4).unwrap();
        assert_eq!((v.kind, v.offset), (LoadErrorKind::Toml11Time, 15));
        assert_eq!(v.args[0], ("found", Arg::Text("10:15".into())));
        assert_eq!(v.args[1], ("instead", Arg::Text("10:15:00".into())));
        assert_eq!(
            kind(datetime("10:15", 0)),
            Some((LoadErrorKind::Toml11Time, 0))
        );
    }

    #[test]
    fn radix_prefixes_need_digits() {
        for raw in ["0x", "0o", "0b", "+0x", "0x_"] {
            assert_eq!(
                kind(integer(raw, 3)),
                Some((LoadErrorKind::NoDigits, 3)),
                "{raw}"
            );
        }
        for raw in ["0x1F", "0o7", "0b1", "12", "-3", "0"] {
            assert_eq!(kind(integer(raw, 0)), None, "{raw}");
        }
    }

    #[test]
    fn inline_tables_stay_on_one_line() {
        assert_eq!(kind(inline_table("{ a = 1, b = \"x,}\" }", 0)), None);
        assert_eq!(
            kind(inline_table("{ a = [1,\n 2, # c\n], b = '#' }", 0)),
            None
        );
        assert_eq!(kind(inline_table("{ a = { b = 1 } }", 0)), None);
        assert_eq!(
            kind(inline_table("{ a = 1,\n b = 2 }", 5)),
            Some((LoadErrorKind::Toml11InlineLines, 13))
        );
        assert_eq!(
            kind(inline_table("{ a = 1 # c\n}", 0)),
            Some((LoadErrorKind::Toml11InlineLines, 8))
        );
        assert_eq!(
            kind(inline_table("{ a = 1, }", 0)),
            Some((LoadErrorKind::Toml11TrailingComma, 7))
        );
        assert_eq!(
            kind(inline_table("{ a = { b = 1, } }", 0)),
            Some((LoadErrorKind::Toml11TrailingComma, 13))
        );
        assert_eq!(kind(inline_table("{ a = \"\"\"x\ny\"\"\" }", 0)), None);
    }
}
