//! Code point tables that the dependencies do not expose.

/// Default_Ignorable_Code_Point, from `DerivedCoreProperties.txt` of Unicode 16.0.0 (the property
/// has not changed since U+180F was added in 14.0; `unicode-security` 0.1.3 carries the same set
/// but keeps it private). Inclusive ranges, sorted, non-overlapping.
pub(crate) const DEFAULT_IGNORABLE: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
];

/// True for a Default_Ignorable_Code_Point.
pub fn is_default_ignorable(ch: char) -> bool {
    // Nothing below U+00AD is; most characters asked about are ASCII.
    u32::from(ch) >= 0xAD && in_ranges(ch, DEFAULT_IGNORABLE)
}

/// True for the bidirectional formatting controls that can reorder displayed text
/// (the set Trojan Source checkers and rustc's `text_direction_codepoint_*` lints look for,
/// plus the implicit marks LRM, RLM and ALM).
pub fn is_bidi_control(ch: char) -> bool {
    matches!(ch, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// True for the 66 noncharacters: U+FDD0–FDEF and the last two code points of every plane.
pub fn is_noncharacter(ch: char) -> bool {
    let cp = u32::from(ch);
    (0xFDD0..=0xFDEF).contains(&cp) || cp & 0xFFFE == 0xFFFE
}

pub(crate) fn in_ranges(ch: char, ranges: &[(u32, u32)]) -> bool {
    let cp = u32::from(ch);
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Letter scripts that BC203 compares; everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    Latin,
    Cyrillic,
    Greek,
    Other,
}

/// Script of a letter, by block. Coarse on purpose: only letters are passed in, and only the
/// three alphabets whose capitals look alike matter here.
pub(crate) fn letter_script(ch: char) -> Script {
    match u32::from(ch) {
        0x41..=0x5A
        | 0x61..=0x7A
        | 0xC0..=0x24F
        | 0x1E00..=0x1EFF
        | 0x2C60..=0x2C7F
        | 0xA720..=0xA7FF
        | 0xAB30..=0xAB6F => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        _ => Script::Other,
    }
}

/// The main block of CJK Unified Ideographs: every code point of it is an assigned letter
/// with no compatibility decomposition, the bulk of every Chinese name and address, so scans
/// and escaping skip their table lookups for it (their tests sweep the block).
pub(crate) const CJK_UNIFIED_IDEOGRAPHS: std::ops::RangeInclusive<char> = '\u{4E00}'..='\u{9FFF}';

/// Han ideographs, kana and Hangul syllables: text in which full-width forms are normal.
pub(crate) fn is_cjk(ch: char) -> bool {
    matches!(
        u32::from(ch),
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF
            | 0x20000..=0x3FFFF
    )
}

/// Compatibility characters that are ordinary in CJK text (full-width and half-width forms,
/// number forms such as Ⅱ, enclosed numbers, CJK symbols and squared units, vertical forms):
/// not reported in names and addresses that contain CJK text.
pub(crate) fn is_normal_in_cjk_text(ch: char) -> bool {
    matches!(
        u32::from(ch),
        0xFF00..=0xFFEF | 0x2150..=0x218F | 0x2460..=0x24FF | 0x3000..=0x33FF | 0xFE30..=0xFE4F
    )
}

/// Full-width digits and Latin letters (０–９, Ａ–Ｚ, ａ–ｚ).
pub(crate) fn is_fullwidth_alphanumeric(ch: char) -> bool {
    matches!(ch, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_ignorable_members_and_non_members() {
        for ch in [
            '\u{AD}',
            '\u{34F}',
            '\u{61C}',
            '\u{115F}',
            '\u{1160}',
            '\u{180E}',
            '\u{180F}',
            '\u{200B}',
            '\u{2065}',
            '\u{206F}',
            '\u{3164}',
            '\u{FE0F}',
            '\u{FEFF}',
            '\u{FFA0}',
            '\u{FFF8}',
            '\u{1BCA3}',
            '\u{1D17A}',
            '\u{E0001}',
            '\u{E0FFF}',
        ] {
            assert!(is_default_ignorable(ch), "{:04X}", u32::from(ch));
        }
        for ch in [
            'A',
            ' ',
            '\u{AC}',
            '\u{AE}',
            '\u{180A}',
            '\u{200A}',
            '\u{2010}',
            '\u{2070}',
            '\u{FFF9}',
            '\u{FFFD}',
            '\u{1D172}',
            '\u{1D17B}',
            '\u{E1000}',
            '\u{3163}',
        ] {
            assert!(!is_default_ignorable(ch), "{:04X}", u32::from(ch));
        }
    }

    #[test]
    fn noncharacters() {
        assert!(is_noncharacter('\u{FDD0}'));
        assert!(is_noncharacter('\u{FDEF}'));
        assert!(is_noncharacter('\u{FFFE}'));
        assert!(is_noncharacter('\u{10FFFF}'));
        assert!(is_noncharacter('\u{1FFFE}'));
        assert!(!is_noncharacter('\u{FDCF}'));
        assert!(!is_noncharacter('\u{FFFD}'));
        assert!(!is_noncharacter('\u{1FFFD}'));
    }
}
