//! Folding for recognising credentials: what a reader cannot see or tell apart is taken out.
//!
//! A key pasted with a zero-width space inside it, a key name typed in full-width letters
//! (`ｐａｓｓｗｏｒｄ`), or an output that shows an invisible character as `⟨U+200B⟩` must still be
//! recognised. Folding drops every character a reader cannot see (invisible, bidi, control;
//! see [`super::is_hidden`]) and applies NFKC to the rest (a no-break space folds to a space),
//! one character at a time, so a folded character always comes from one place of the original.

use super::is_hidden;
use super::tables::CJK_UNIFIED_IDEOGRAPHS;
use std::borrow::Cow;
use std::ops::Range;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Appends the folded form of `ch` to `out`: nothing for a character a reader cannot see,
/// else its NFKC form (lower-cased when `lower`).
fn push_folded(out: &mut String, ch: char, lower: bool) {
    if ch.is_ascii_graphic() || ch == ' ' {
        out.push(if lower { ch.to_ascii_lowercase() } else { ch });
        return;
    }
    if CJK_UNIFIED_IDEOGRAPHS.contains(&ch) {
        out.push(ch);
        return;
    }
    if is_hidden(ch) {
        return;
    }
    let mut push = |c: char| {
        if is_hidden(c) {
            return;
        }
        if lower {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    };
    // Most characters are their own NFKC (all of CJK): one table lookup says so.
    if is_nfkc_quick(std::iter::once(ch)) == IsNormalized::Yes {
        push(ch);
    } else {
        std::iter::once(ch).nfkc().for_each(push);
    }
}

/// `text` folded (see the module documentation), lower-cased when `lower`; borrowed when
/// folding changes nothing.
pub fn fold(text: &str, lower: bool) -> Cow<'_, str> {
    fold_with(text, lower, false)
}

/// [`fold`] of a whole text whose line ends separate its parts (the lines of a file), so they
/// are kept: borrowed for most files.
pub fn fold_lines(text: &str) -> Cow<'_, str> {
    fold_with(text, false, true)
}

fn fold_with(text: &str, lower: bool, keep_line_ends: bool) -> Cow<'_, str> {
    let kept = |ch: char| keep_line_ends && matches!(ch, '\n' | '\r');
    let plain = |byte: u8| {
        ((b' '..=b'~').contains(&byte) & !(lower & byte.is_ascii_uppercase()))
            | (keep_line_ends & ((byte == b'\n') | (byte == b'\r')))
    };
    let Some(first) = super::escape::first_not(text, plain, |ch| folds_to_itself(ch, lower)) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    for ch in text[first..].chars() {
        if kept(ch) {
            out.push(ch);
        } else {
            push_folded(&mut out, ch, lower);
        }
    }
    Cow::Owned(out)
}

/// Whether `ch` folds to itself (a line end does not: it is dropped). Printable ASCII and Chinese make up most of every profile:
/// they are answered without the Unicode tables.
fn folds_to_itself(ch: char, lower: bool) -> bool {
    if ch.is_ascii() {
        return (ch.is_ascii_graphic() || ch == ' ') && !(lower && ch.is_ascii_uppercase());
    }
    if CJK_UNIFIED_IDEOGRAPHS.contains(&ch) {
        return true;
    }
    let mut lowered = ch.to_lowercase();
    !is_hidden(ch)
        && is_nfkc_quick(std::iter::once(ch)) == IsNormalized::Yes
        && (!lower || (lowered.next() == Some(ch) && lowered.next().is_none()))
}

/// A text folded and lower-cased, with where each folded character came from: for finding a
/// folded pattern in an output and replacing the part of the output it came from. An escape
/// the output already shows (`⟨U+200B⟩`) is read as the character it stands for.
#[derive(Debug, Clone)]
pub struct Folded {
    /// The folded, lower-cased text.
    pub text: String,
    /// For each folded character: its byte offset in `text`, and the byte range of the
    /// original it came from. A last entry holds `text.len()`.
    starts: Vec<usize>,
    origins: Vec<Range<usize>>,
}

impl Folded {
    /// `original` folded and lower-cased, with the origin of each folded character.
    pub fn new(original: &str) -> Self {
        let mut folded = Folded {
            text: String::with_capacity(original.len()),
            starts: Vec::with_capacity(original.len() + 1),
            origins: Vec::with_capacity(original.len()),
        };
        let mut at = 0;
        while let Some(rest) = original.get(at..) {
            let Some(ch) = rest.chars().next() else { break };
            let (ch, len) = escaped_char(rest).unwrap_or((ch, ch.len_utf8()));
            let before = folded.text.len();
            push_folded(&mut folded.text, ch, true);
            for (offset, _) in folded.text[before..].char_indices() {
                folded.starts.push(before + offset);
                folded.origins.push(at..at + len);
            }
            at += len;
        }
        folded.starts.push(folded.text.len());
        folded
    }

    /// How many folded characters there are.
    pub fn len(&self) -> usize {
        self.origins.len()
    }

    /// Whether nothing is left after folding.
    pub fn is_empty(&self) -> bool {
        self.origins.is_empty()
    }

    /// The folded text of the characters `chars` (indices of folded characters).
    pub fn slice(&self, chars: Range<usize>) -> &str {
        match (self.starts.get(chars.start), self.starts.get(chars.end)) {
            (Some(&start), Some(&end)) => self.text.get(start..end).unwrap_or_default(),
            _ => "",
        }
    }

    /// The index of the folded character that starts at byte `offset` of `text`.
    pub fn char_at(&self, offset: usize) -> Option<usize> {
        self.starts[..self.len()].binary_search(&offset).ok()
    }

    /// The byte range of the original that the folded characters `chars` came from.
    pub fn origin(&self, chars: Range<usize>) -> Range<usize> {
        match (
            self.origins.get(chars.start),
            self.origins.get(chars.end.saturating_sub(1)),
        ) {
            (Some(first), Some(last)) if !chars.is_empty() => first.start..last.end,
            _ => 0..0,
        }
    }
}

/// The character an output escape at the start of `text` stands for (`⟨U+200B⟩`, 4 to 6
/// hexadecimal digits), and the escape's length in bytes.
fn escaped_char(text: &str) -> Option<(char, usize)> {
    let rest = text.strip_prefix("⟨U+")?;
    let digits = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
    if !(4..=6).contains(&digits) || !rest[digits..].starts_with('⟩') {
        return None;
    }
    let ch = u32::from_str_radix(&rest[..digits], 16)
        .ok()
        .and_then(char::from_u32)?;
    Some((ch, "⟨U+".len() + digits + '⟩'.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_invisible_and_folds_compatibility_forms() {
        assert_eq!(fold("pass\u{200B}word", false), "password");
        assert_eq!(fold("ｐａｓｓｗｏｒｄ", false), "password");
        assert_eq!(fold("AKIA\u{2060}X", false), "AKIAX");
        assert_eq!(fold("AKIA\u{2060}X", true), "akiax");
        assert!(matches!(fold("sk_live_abc", false), Cow::Borrowed(_)));
        assert!(matches!(fold("深圳市 Müller", false), Cow::Borrowed(_)));
        assert_eq!(fold("深圳市 Müller", true), "深圳市 müller");
        assert!(matches!(fold("SK", true), Cow::Owned(_)));
        assert_eq!(fold("a\tb\nc", false), "abc");
        assert_eq!(fold_lines("a\tb\r\nc\u{200B}"), "ab\r\nc");
        assert!(matches!(fold_lines("a = 1\n深圳\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn folded_text_maps_back_to_the_original() {
        let original = "x ⟨U+200B⟩Ａb\u{200D}C⟨U+0041⟩";
        let folded = Folded::new(original);
        assert_eq!(folded.text, "x abca");
        assert_eq!(folded.len(), 6);
        assert_eq!(folded.slice(2..5), "abc");
        let range = folded.origin(2..5);
        assert_eq!(&original[range], "Ａb\u{200D}C");
        assert_eq!(&original[folded.origin(5..6)], "⟨U+0041⟩");
        assert_eq!(folded.char_at(3), Some(3));
        assert_eq!(folded.origin(0..0), 0..0);
    }

    #[test]
    fn only_well_formed_escapes_are_read() {
        assert_eq!(
            escaped_char("⟨U+200B⟩rest"),
            Some(('\u{200B}', "⟨U+200B⟩".len()))
        );
        assert_eq!(escaped_char("⟨U+20⟩"), None);
        assert_eq!(escaped_char("⟨U+D800⟩"), None);
        assert_eq!(Folded::new("⟨U+20⟩").text, "⟨u+20⟩");
    }
}
