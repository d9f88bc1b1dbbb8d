//! Character classes and safe output.
//!
//! Pure functions behind rules BC201–BC206 (invisible, bidi, confusable, compatibility,
//! whitespace and broken characters: the scanner says what kind of character it found, the
//! rules decide codes and severities) and the escaper every renderer uses so that no control,
//! bidi, invisible or irregular whitespace character is ever written raw.

mod confusable;
mod describe;
mod escape;
mod fold;
mod mojibake;
mod phrase;
mod props;
mod scan;
mod tables;

pub use describe::{describe, describe_zh};
pub use escape::{
    escape, escape_keep_newlines, escape_keep_newlines_owned, escape_owned, is_hidden,
    is_irregular_space, is_unsafe_to_print, push_escape,
};
pub use fold::{Folded, fold, fold_lines};
pub use phrase::{phrase_form, phrase_occurs};
pub use scan::{apply_safe_fixes, apply_safe_fixes_iban, scan, scan_each, scan_iban};
pub use tables::{is_bidi_control, is_default_ignorable, is_noncharacter};

/// How strictly the characters of a value are judged: the character policy of a field class of
/// `docs/profile.md` (the profile schema's `FieldClass` says which policy a field gets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharPolicy {
    /// Merchant IDs, account numbers, IBANs, logins, tokens: ASCII only, no whitespace.
    Identifier,
    /// Legal names, account holder names, legal representative.
    Name,
    /// Registered addresses.
    Address,
    /// Incident descriptions and suppression reasons: not scanned.
    FreeText,
}

/// What the scanner saw at one place of a value. The scanner only says what it found; which
/// rule (BC201–BC206) reports it, and how severely, is decided by the character rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CharKind {
    /// A Default_Ignorable code point: zero-width space, BOM, soft hyphen, variation selector.
    DefaultIgnorable,
    /// Another format character (an Arabic number sign, an interlinear annotation mark).
    Format,
    /// A bidirectional control character.
    BidiControl,
    /// A letter of another script that looks like one of the value's own alphabet.
    Confusable,
    /// A compatibility form whose NFKC differs: a full-width letter or digit, ①, ℡.
    Compatibility,
    /// Whitespace at the start of the value.
    Leading,
    /// Whitespace at the end of the value.
    Trailing,
    /// Ordinary spaces beyond the one that separates two words.
    Doubled,
    /// An ordinary space inside an identifier, which has none.
    Space,
    /// Whitespace other than an ordinary space where one space belongs (NBSP, U+3000).
    IrregularSpace,
    /// Irregular whitespace between two Chinese characters, where Chinese text has none.
    CjkSpace,
    /// A tab.
    Tab,
    /// A line or paragraph break.
    LineBreak,
    /// A control character other than whitespace.
    Control,
    /// U+FFFD: a character lost in a wrong conversion.
    Replacement,
    /// A private-use code point.
    PrivateUse,
    /// A code point not assigned in Unicode.
    Unassigned,
    /// A noncharacter code point.
    Noncharacter,
    /// Text decoded with the wrong encoding (锟斤拷, Ã©).
    Mojibake,
}

impl CharKind {
    /// Every kind, in the order of this enum.
    pub const ALL: [CharKind; 19] = [
        CharKind::DefaultIgnorable,
        CharKind::Format,
        CharKind::BidiControl,
        CharKind::Confusable,
        CharKind::Compatibility,
        CharKind::Leading,
        CharKind::Trailing,
        CharKind::Doubled,
        CharKind::Space,
        CharKind::IrregularSpace,
        CharKind::CjkSpace,
        CharKind::Tab,
        CharKind::LineBreak,
        CharKind::Control,
        CharKind::Replacement,
        CharKind::PrivateUse,
        CharKind::Unassigned,
        CharKind::Noncharacter,
        CharKind::Mojibake,
    ];

    /// Stable snake_case name used in evidence and as the rulepack variant.
    pub fn as_str(self) -> &'static str {
        match self {
            CharKind::DefaultIgnorable => "default_ignorable",
            CharKind::Format => "format",
            CharKind::BidiControl => "bidi_control",
            CharKind::Confusable => "confusable",
            CharKind::Compatibility => "compatibility",
            CharKind::Leading => "leading",
            CharKind::Trailing => "trailing",
            CharKind::Doubled => "doubled",
            CharKind::Space => "space",
            CharKind::IrregularSpace => "irregular_space",
            CharKind::CjkSpace => "cjk_space",
            CharKind::Tab => "tab",
            CharKind::LineBreak => "line_break",
            CharKind::Control => "control",
            CharKind::Replacement => "replacement",
            CharKind::PrivateUse => "private_use",
            CharKind::Unassigned => "unassigned",
            CharKind::Noncharacter => "noncharacter",
            CharKind::Mojibake => "mojibake",
        }
    }
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
    /// What was found.
    pub kind: CharKind,
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
