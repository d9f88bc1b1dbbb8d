//! Escaping for every output: no control, bidi or invisible character is ever written raw.

use std::borrow::Cow;
use std::fmt::Write as _;

use unicode_properties::GeneralCategory;

use super::tables::{CJK_UNIFIED_IDEOGRAPHS, is_default_ignorable, is_noncharacter};

/// True for every char that must never be written raw to a terminal or report: what
/// [`is_hidden`] is true for, and every whitespace character other than the ASCII space
/// ([`is_irregular_space`]): a no-break or ideographic space printed raw looks like an
/// ordinary space, and a message saying that a value holds one would show nothing to look at.
///
/// One policy for every output, bindcheck's own texts included: those are written without such
/// characters (a test checks the rulepack), so escaping them can only ever show a value's.
/// U+FFFD is printable: it shows as a visible replacement mark.
pub fn is_unsafe_to_print(ch: char) -> bool {
    is_hidden(ch) || is_irregular_space(ch)
}

/// True for the chars a reader cannot see or that change what a terminal shows: C0/C1
/// controls and DEL, format characters (bidi controls, zero-width characters, soft hyphen,
/// tags), every other Default_Ignorable code point (variation selectors, Hangul fillers), line
/// and paragraph separators, private-use, unassigned and noncharacter code points.
pub fn is_hidden(ch: char) -> bool {
    matches!(
        super::props::category(ch),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::PrivateUse
            | GeneralCategory::Unassigned
            | GeneralCategory::Surrogate
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    ) || is_default_ignorable(ch)
        || is_noncharacter(ch)
}

/// True for Unicode whitespace other than the ASCII space: no-break spaces (U+00A0, U+202F),
/// the spaces of U+2000–U+200A, U+205F, the ideographic space U+3000, U+1680, line and
/// paragraph separators, NEL (U+0085) and the ASCII controls tab, line feed and the rest.
pub fn is_irregular_space(ch: char) -> bool {
    ch != ' ' && ch.is_whitespace()
}

/// Replaces each unsafe char with "⟨U+200B⟩": uppercase hex, at least 4 digits. Borrows when
/// nothing needs escaping.
///
/// Escaping is idempotent (`escape(escape(s)) == escape(s)`): a value passes through several
/// layers (message, report, final output) and must not be garbled by each of them. The price
/// is that a value that literally contains the text "⟨U+200B⟩" reads like an escape; the
/// bracket is a printable character, so nothing hidden can reach the terminal that way.
pub fn escape(s: &str) -> Cow<'_, str> {
    escape_with(s, false)
}

/// Same as [`escape`], but keeps '\n': for whole rendered outputs, which have line structure.
pub fn escape_keep_newlines(s: &str) -> Cow<'_, str> {
    escape_with(s, true)
}

/// [`escape`] of an owned string: the same string back when nothing needs escaping.
pub fn escape_owned(text: String) -> String {
    owned_with(text, false)
}

/// [`escape_keep_newlines`] of an owned string: the same string back when nothing needs
/// escaping.
pub fn escape_keep_newlines_owned(text: String) -> String {
    owned_with(text, true)
}

fn owned_with(text: String, keep_newlines: bool) -> String {
    if let Cow::Owned(clean) = escape_with(&text, keep_newlines) {
        return clean;
    }
    text
}

/// Appends the escape of `ch`: "⟨U+200B⟩", uppercase hex, at least 4 digits.
pub fn push_escape(out: &mut String, ch: char) {
    // Writing to a String cannot fail.
    let _ = write!(out, "⟨U+{:04X}⟩", u32::from(ch));
}

fn needs_escape(ch: char, keep_newlines: bool) -> bool {
    // Printable ASCII is most of every output, and Chinese text most of the rest: skip the
    // Unicode table lookups for both.
    if (' '..='~').contains(&ch) || CJK_UNIFIED_IDEOGRAPHS.contains(&ch) {
        return false;
    }
    !(keep_newlines && ch == '\n') && is_unsafe_to_print(ch)
}

/// Byte offset of the first char that needs escaping.
fn first_to_escape(s: &str, keep_newlines: bool) -> Option<usize> {
    first_not(
        s,
        |byte| (b' '..=b'~').contains(&byte) | (keep_newlines & (byte == b'\n')),
        |ch| !needs_escape(ch, keep_newlines),
    )
}

/// Byte offset of the first char that is not kept as it is: an ASCII byte is kept when `plain`
/// says so, any other char when `kept` does.
///
/// Printable ASCII makes up most of every output, so runs of it are skipped sixteen bytes at a
/// time with a branch-free test the compiler vectorises; only other bytes are decoded as chars.
pub(super) fn first_not(
    s: &str,
    plain: impl Fn(u8) -> bool,
    kept: impl Fn(char) -> bool,
) -> Option<usize> {
    const CHUNK: usize = 16;
    let bytes = s.as_bytes();
    let mut at = 0;
    loop {
        while let Some(chunk) = bytes.get(at..at + CHUNK) {
            if !chunk.iter().fold(true, |all, &byte| all & plain(byte)) {
                break;
            }
            at += CHUNK;
        }
        let &byte = bytes.get(at)?;
        if byte.is_ascii() {
            if !plain(byte) {
                return Some(at);
            }
            at += 1;
            continue;
        }
        let ch = s.get(at..).and_then(|rest| rest.chars().next())?;
        if !kept(ch) {
            return Some(at);
        }
        at += ch.len_utf8();
    }
}

fn escape_with(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    let Some(first) = first_to_escape(s, keep_newlines) else {
        return Cow::Borrowed(s);
    };
    let (clean, rest) = s.split_at(first);
    let mut out = String::with_capacity(s.len() + 16);
    out.push_str(clean);
    for ch in rest.chars() {
        if needs_escape(ch, keep_newlines) {
            push_escape(&mut out, ch);
        } else {
            out.push(ch);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_invisible_and_controls() {
        assert_eq!(escape("AB\u{200B}12"), "AB⟨U+200B⟩12");
        assert_eq!(escape("a\u{202E}b\tc\n"), "a⟨U+202E⟩b⟨U+0009⟩c⟨U+000A⟩");
        assert_eq!(escape("\u{E0041}"), "⟨U+E0041⟩");
        assert_eq!(escape("x\u{7F}\u{85}"), "x⟨U+007F⟩⟨U+0085⟩");
        assert_eq!(escape("p\u{2028}q"), "p⟨U+2028⟩q");
        assert_eq!(escape("⟨U+200B⟩"), "⟨U+200B⟩");
        let once = escape("a\u{200B}\u{202E}b").into_owned();
        assert_eq!(escape(&once), once);
    }

    #[test]
    fn keeps_printable_text_borrowed() {
        for s in [
            "深圳市星河科技有限公司",
            "Müller GmbH",
            "a\u{FFFD}b",
            "阿卜杜·热合曼",
        ] {
            assert!(matches!(escape(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn cjk_fast_path_agrees_with_the_tables() {
        for ch in CJK_UNIFIED_IDEOGRAPHS {
            assert!(!is_unsafe_to_print(ch), "{:04X}", u32::from(ch));
        }
    }

    #[test]
    fn byte_scan_agrees_with_char_scan() {
        for s in [
            "",
            "abc",
            "a\u{200B}",
            "中文\u{202E}x",
            "x\ny",
            "\u{7F}",
            "é\u{85}",
            "深圳\t",
        ] {
            for keep in [false, true] {
                let by_char = s
                    .char_indices()
                    .find(|(_, c)| needs_escape(*c, keep))
                    .map(|(i, _)| i);
                assert_eq!(first_to_escape(s, keep), by_char, "{s:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn byte_scan_agrees_on_any_text(s in "(?s).{0,40}", keep: bool) {
            let by_char = s.char_indices().find(|(_, c)| needs_escape(*c, keep)).map(|(i, _)| i);
            proptest::prop_assert_eq!(first_to_escape(&s, keep), by_char);
        }
    }

    #[test]
    fn keep_newlines_variant() {
        assert_eq!(
            escape_keep_newlines("a\nb\r\n\u{200D}"),
            "a\nb⟨U+000D⟩\n⟨U+200D⟩"
        );
    }

    #[test]
    fn whole_output_pass_keeps_value_escapes() {
        let value = escape("AB\u{200B}");
        assert_eq!(value, "AB⟨U+200B⟩");
        assert_eq!(escape_keep_newlines(&value), value);
    }

    #[test]
    fn unsafe_set() {
        for ch in [
            '\0', '\u{1F}', '\u{7F}', '\u{9F}', '\u{AD}', '\u{600}', '\u{FE0F}', '\u{3164}',
            '\u{E000}', '\u{378}', '\u{FFFF}', '\u{2029}',
        ] {
            assert!(is_unsafe_to_print(ch), "{:04X}", u32::from(ch));
        }
        for ch in ['a', ' ', '\u{FFFD}', '\u{B7}', '\u{301}', '中', '、', '（'] {
            assert!(!is_unsafe_to_print(ch), "{:04X}", u32::from(ch));
        }
    }

    #[test]
    fn every_whitespace_but_the_ascii_space_is_escaped() {
        for ch in [
            '\u{A0}', '\u{1680}', '\u{2000}', '\u{2007}', '\u{200A}', '\u{202F}', '\u{205F}',
            '\u{3000}', '\u{2028}', '\u{2029}', '\u{85}', '\t',
        ] {
            assert!(is_unsafe_to_print(ch), "{:04X}", u32::from(ch));
            assert!(is_irregular_space(ch), "{:04X}", u32::from(ch));
        }
        assert_eq!(escape("A\u{A0}B\u{3000}C"), "A⟨U+00A0⟩B⟨U+3000⟩C");
        assert_eq!(escape_keep_newlines("a\u{202F}b\n"), "a⟨U+202F⟩b\n");
        assert!(!is_irregular_space(' '));
        assert!(!is_hidden('\u{A0}'));
    }
}
