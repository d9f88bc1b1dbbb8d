//! Character classes and safe output.
//!
//! Pure functions behind rules BC201–BC206 (invisible, bidi, confusable, compatibility,
//! whitespace and broken characters) and the escaper every renderer uses so that no control,
//! bidi, invisible or irregular whitespace character is ever written raw.

mod confusable;
mod describe;
mod escape;
mod fold;
mod mojibake;
mod props;
mod scan;
mod tables;

pub use describe::{describe, describe_zh};
pub use escape::{
    escape, escape_keep_newlines, escape_keep_newlines_owned, escape_owned, is_hidden,
    is_irregular_space, is_unsafe_to_print, push_escape,
};
pub use fold::{Folded, fold, fold_lines};
pub use scan::{apply_safe_fixes, apply_safe_fixes_iban, scan, scan_each, scan_iban};
pub use tables::{is_bidi_control, is_default_ignorable, is_noncharacter};

/// Which character rules apply to a field (the field classes of `docs/profile.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldClass {
    /// Merchant IDs, account numbers, IBANs, logins, tokens: ASCII only, no whitespace.
    Identifier,
    /// Legal names, account holder names, legal representative.
    Name,
    /// Registered addresses.
    Address,
    /// Incident descriptions and suppression reasons: not scanned.
    FreeText,
}

/// How an issue can be fixed. The fix replaces the issue's span
/// (`char_index .. char_index + char_len`) of the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixSuggestion {
    /// Nothing can be done automatically (e.g. U+FFFD: the original character is lost).
    None,
    /// Safe: delete the span (invisible, bidi, superfluous whitespace, control characters).
    Strip,
    /// Safe: replace the span with this text (NFKC of a compatibility form, one ordinary space
    /// for irregular whitespace).
    Fold(String),
    /// Unsafe: replace the span with this text (a look-alike's intended letter, decoded
    /// mojibake); it changes what the value says, so it is only applied on request.
    Replace(String),
}

impl FixSuggestion {
    /// True for fixes that `--fix` may apply without asking.
    pub fn is_safe(&self) -> bool {
        matches!(self, FixSuggestion::Strip | FixSuggestion::Fold(_))
    }
}

/// One character-level finding in a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharIssue {
    /// "BC201" … "BC206".
    pub code: &'static str,
    /// Stable snake_case sub-kind: "default_ignorable", "format", "bidi_control", "confusable",
    /// "compatibility", "leading", "trailing", "doubled", "space", "irregular_space", "tab",
    /// "line_break", "control", "replacement", "private_use", "unassigned", "noncharacter",
    /// "mojibake".
    pub kind: &'static str,
    /// 0-based index, in chars of the value, where the issue starts.
    pub char_index: usize,
    /// How many chars the issue spans (1, or more for mojibake and runs of spaces).
    pub char_len: usize,
    /// The first offending char.
    pub ch: char,
    /// The intended text for the span, when known (e.g. "A" for Cyrillic А, "1" for "１",
    /// "é" for "Ã©"); None when the fix is to delete the span or nothing is known.
    pub suggestion: Option<String>,
    /// How to fix the span.
    pub fix: FixSuggestion,
}
