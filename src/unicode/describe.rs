//! Human-readable names of characters, for messages and evidence.

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use super::tables::is_noncharacter;

/// "U+200B ZERO WIDTH SPACE"; where Unicode gives no name, a label in angle brackets:
/// "U+0085 <control>", "U+E000 <private-use>", "U+0378 <unassigned>", "U+FDD0 <noncharacter>".
pub fn describe(ch: char) -> String {
    let cp = u32::from(ch);
    let label = match ch.general_category() {
        GeneralCategory::Control => "<control>".to_string(),
        GeneralCategory::PrivateUse => "<private-use>".to_string(),
        _ if is_noncharacter(ch) => "<noncharacter>".to_string(),
        GeneralCategory::Unassigned => "<unassigned>".to_string(),
        // Names come from Unicode 16.0; characters assigned later still need a label.
        _ => unicode_names2::name(ch).map_or_else(|| "<unnamed>".to_string(), |n| n.to_string()),
    };
    format!("U+{cp:04X} {label}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_fallback_labels() {
        assert_eq!(describe('\u{200B}'), "U+200B ZERO WIDTH SPACE");
        assert_eq!(describe('\u{410}'), "U+0410 CYRILLIC CAPITAL LETTER A");
        assert_eq!(describe('\u{85}'), "U+0085 <control>");
        assert_eq!(describe('\0'), "U+0000 <control>");
        assert_eq!(describe('\u{E000}'), "U+E000 <private-use>");
        assert_eq!(describe('\u{378}'), "U+0378 <unassigned>");
        assert_eq!(describe('\u{FDD0}'), "U+FDD0 <noncharacter>");
        assert_eq!(describe('\u{10FFFF}'), "U+10FFFF <noncharacter>");
        assert_eq!(describe('\u{4E2D}'), "U+4E2D CJK UNIFIED IDEOGRAPH-4E2D");
        assert_eq!(describe('\u{1F980}'), "U+1F980 CRAB");
    }
}
