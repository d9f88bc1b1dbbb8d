//! Sweeps whole classes of code points through `scan`, checks the lists other tools use, and
//! property-tests the engine on arbitrary input.

use bindcheck::unicode::{
    CharKind, CharPolicy, apply_safe_fixes, escape, escape_keep_newlines, is_bidi_control,
    is_default_ignorable, is_noncharacter, is_unsafe_to_print, scan,
};
use proptest::prelude::*;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

const CLASSES: [CharPolicy; 3] = [
    CharPolicy::Identifier,
    CharPolicy::Name,
    CharPolicy::Address,
];

/// "AB12" + ch + "CD34": the char sits at index 4.
fn probe(ch: char) -> String {
    format!("AB12{ch}CD34")
}

/// The (code, kind) of the single issue at index 4, failing on anything else.
fn single_at_4(ch: char, class: CharPolicy) -> (&'static str, &'static str) {
    let found = scan(&probe(ch), class);
    assert_eq!(
        found.len(),
        1,
        "U+{:04X} in {class:?}: {found:?}",
        u32::from(ch)
    );
    assert_eq!(
        found[0].char_index,
        4,
        "U+{:04X} in {class:?}",
        u32::from(ch)
    );
    assert_eq!(found[0].ch, ch);
    (
        bindcheck::rules::character_code(found[0].kind),
        found[0].kind.as_str(),
    )
}

fn all_chars() -> impl Iterator<Item = char> {
    (0..=0x10FFFFu32).filter_map(char::from_u32)
}

#[test]
fn every_default_ignorable_is_bc201_or_bc202() {
    let members: Vec<char> = all_chars().filter(|&c| is_default_ignorable(c)).collect();
    // 4,174 code points in Unicode 16.0 DerivedCoreProperties.txt.
    assert_eq!(members.len(), 4174);
    for class in CLASSES {
        for &ch in &members {
            let expected = if is_bidi_control(ch) {
                ("BC202", "bidi_control")
            } else {
                ("BC201", "default_ignorable")
            };
            assert_eq!(single_at_4(ch, class), expected, "U+{:04X}", u32::from(ch));
        }
    }
}

#[test]
fn every_bidi_control_is_bc202() {
    let members: Vec<char> = all_chars().filter(|&c| is_bidi_control(c)).collect();
    assert_eq!(members.len(), 12);
    for class in CLASSES {
        for &ch in &members {
            assert_eq!(single_at_4(ch, class), ("BC202", "bidi_control"));
        }
    }
}

#[test]
fn every_separator_and_whitespace_control_is_bc205() {
    let members: Vec<char> = all_chars()
        .filter(|&c| {
            matches!(
                c.general_category(),
                GeneralCategory::SpaceSeparator
                    | GeneralCategory::LineSeparator
                    | GeneralCategory::ParagraphSeparator
            ) || (c.is_whitespace() && c.is_control())
        })
        .filter(|&c| c != ' ')
        .collect();
    // 16 Zs other than U+0020, Zl, Zp, and TAB LF VT FF CR NEL.
    assert_eq!(members.len(), 24);
    for class in CLASSES {
        for &ch in &members {
            let kind = match ch {
                '\t' => "tab",
                '\n' | '\u{B}' | '\u{C}' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                    "line_break"
                }
                _ => "irregular_space",
            };
            assert_eq!(
                single_at_4(ch, class),
                ("BC205", kind),
                "U+{:04X}",
                u32::from(ch)
            );
        }
    }
    assert_eq!(single_at_4(' ', CharPolicy::Identifier), ("BC205", "space"));
    assert_eq!(scan(&probe(' '), CharPolicy::Name), vec![]);
}

#[test]
fn every_other_control_is_bc206() {
    let members: Vec<char> = all_chars()
        .filter(|&c| c.is_control() && !c.is_whitespace())
        .collect();
    // 65 Cc minus the 6 whitespace controls.
    assert_eq!(members.len(), 59);
    for class in CLASSES {
        for &ch in &members {
            assert_eq!(
                single_at_4(ch, class),
                ("BC206", "control"),
                "U+{:04X}",
                u32::from(ch)
            );
        }
    }
}

#[test]
fn private_use_unassigned_and_noncharacters_are_bc206() {
    let private: Vec<char> = (0xE000..=0xF8FFu32)
        .chain(0xF0000..=0xFFFFD)
        .chain(0x100000..=0x10FFFD)
        .step_by(997)
        .filter_map(char::from_u32)
        .collect();
    let unassigned: Vec<char> = all_chars()
        .filter(|&c| {
            c.general_category() == GeneralCategory::Unassigned
                && !is_noncharacter(c)
                && !is_default_ignorable(c)
        })
        .step_by(4999)
        .collect();
    let nonchars: Vec<char> = all_chars().filter(|&c| is_noncharacter(c)).collect();
    assert_eq!(nonchars.len(), 66);
    assert!(private.len() > 100 && unassigned.len() > 100);
    for class in CLASSES {
        for &ch in &private {
            assert_eq!(single_at_4(ch, class), ("BC206", "private_use"));
        }
        for &ch in &unassigned {
            assert_eq!(
                single_at_4(ch, class),
                ("BC206", "unassigned"),
                "U+{:04X}",
                u32::from(ch)
            );
        }
        for &ch in &nonchars {
            assert_eq!(single_at_4(ch, class), ("BC206", "noncharacter"));
        }
    }
    assert_eq!(
        single_at_4('\u{FFFD}', CharPolicy::Name),
        ("BC206", "replacement")
    );
}

#[test]
fn every_full_width_ascii_form_is_bc204_with_its_ascii_suggestion() {
    for class in CLASSES {
        for cp in 0xFF01..=0xFF5Eu32 {
            let Some(ch) = char::from_u32(cp) else {
                continue;
            };
            let intended = char::from_u32(cp - 0xFEE0).map(String::from);
            let found = scan(&probe(ch), class);
            assert_eq!(found.len(), 1, "U+{cp:04X} {class:?}");
            assert_eq!(
                (
                    bindcheck::rules::character_code(found[0].kind),
                    found[0].char_index,
                    found[0].suggestion.clone()
                ),
                ("BC204", 4, intended),
                "U+{cp:04X} {class:?}"
            );
        }
    }
    // In Chinese text the same forms are how people type: no finding in a name, nor in an
    // address except for digits and letters (house numbers, building letters), which the
    // licence prints half-width.
    for cp in 0xFF01..=0xFF5Eu32 {
        let Some(ch) = char::from_u32(cp) else {
            continue;
        };
        let value = format!("深圳市{ch}南山区");
        assert_eq!(scan(&value, CharPolicy::Name), vec![], "U+{cp:04X}");
        let in_address: Vec<_> = scan(&value, CharPolicy::Address)
            .into_iter()
            .map(|issue| (issue.kind, issue.char_index, issue.suggestion))
            .collect();
        if ch.is_alphanumeric() {
            let intended = char::from_u32(cp - 0xFEE0).map(String::from);
            assert_eq!(
                in_address,
                vec![(CharKind::Compatibility, 3, intended)],
                "U+{cp:04X}"
            );
        } else {
            assert_eq!(in_address, vec![], "U+{cp:04X}");
        }
    }
}

/// Everything anti-trojan-source (docs/design.md), ESLint `no-irregular-whitespace`, rustc's
/// `text_direction_codepoint_in_literal` and clippy's `invisible_characters` report is caught.
#[test]
fn lists_of_other_tools_are_covered() {
    let anti_trojan_source = [
        0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068,
        0x2069, 0x200B, 0x200C, 0x200D, 0x2060, 0x2063, 0x00AD, 0x00A0, 0xFE00, 0xFE01, 0xFE02,
        0xFE03, 0xFE04, 0xFE05, 0xFE06, 0xFE07, 0xFE08, 0xFE09, 0xFE0A, 0xFE0B, 0xFE0C, 0xFE0D,
        0xFE0E, 0xFE0F, 0xFEFF, 0x180E,
    ];
    let eslint_irregular_whitespace = [
        0x000B, 0x000C, 0x00A0, 0x0085, 0x1680, 0x180E, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
        0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x200B, 0x2028, 0x2029, 0x202F, 0x205F,
        0x3000, 0xFEFF,
    ];
    let rustc_text_direction = [
        0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
    ];
    let clippy_invisible = [0x200B, 0x00AD, 0x2060];
    for cp in anti_trojan_source
        .iter()
        .chain(&eslint_irregular_whitespace)
        .chain(&rustc_text_direction)
        .chain(&clippy_invisible)
    {
        let Some(ch) = char::from_u32(*cp) else {
            panic!("bad code point {cp:04X}")
        };
        for class in CLASSES {
            let found = scan(&probe(ch), class);
            assert_eq!(
                found.iter().map(|i| i.char_index).collect::<Vec<_>>(),
                vec![4],
                "U+{cp:04X} in {class:?}"
            );
            assert_eq!(
                bindcheck::rules::lookup(bindcheck::rules::character_code(found[0].kind))
                    .map(|r| r.family),
                Some(bindcheck::rules::Family::Characters)
            );
        }
        assert!(
            is_unsafe_to_print(ch) || ch.is_whitespace(),
            "U+{cp:04X} printed raw"
        );
    }
}

/// Strings that mix ASCII with every family of character the engine treats specially.
fn tricky_string() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        4 => prop::char::range('\u{20}', '\u{7E}'),
        1 => prop::char::range('\u{0}', '\u{A0}'),
        1 => prop::sample::select(vec![
            '\u{200B}', '\u{202E}', '\u{2066}', '\u{FEFF}', '\u{AD}', '\u{3000}', '\u{2028}',
            '\u{FFFD}', '\u{E000}', '\u{FDD0}', '\u{378}', '\u{410}', '\u{39F}', 'Ã', 'Â', 'â',
            '©', '€', '™', '锟', '斤', '拷', '烫', '屯', '深', '（', '１', 'Ａ', '\u{2460}',
            '\u{1D400}', '\u{2F34}', '¨', 'ª', '\u{E0041}', '\u{600}', '⟨', '\u{FFA0}', '\u{FE0F}',
        ]),
        1 => any::<char>(),
    ];
    prop::collection::vec(ch, 0..24).prop_map(|v| v.into_iter().collect())
}

fn any_class() -> impl Strategy<Value = CharPolicy> {
    prop::sample::select(vec![
        CharPolicy::Identifier,
        CharPolicy::Name,
        CharPolicy::Address,
        CharPolicy::FreeText,
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn scan_never_panics_and_issues_are_well_formed(
        value in prop_oneof![any::<String>(), tricky_string()],
        class in any_class(),
    ) {
        let chars: Vec<char> = value.chars().collect();
        let mut next_free = 0;
        for issue in scan(&value, class) {
            prop_assert!(issue.char_index >= next_free, "overlap or disorder");
            prop_assert!(issue.char_len >= 1);
            prop_assert_eq!(chars.get(issue.char_index).copied(), Some(issue.ch));
            next_free = issue.char_index + issue.char_len;
            prop_assert!(next_free <= chars.len());
        }
    }

    #[test]
    fn escape_output_is_printable(value in prop_oneof![any::<String>(), tricky_string()]) {
        let escaped = escape(&value);
        prop_assert!(!escaped.chars().any(is_unsafe_to_print), "{:?}", escaped);
        let kept = escape_keep_newlines(&value);
        prop_assert!(!kept.chars().any(|c| c != '\n' && is_unsafe_to_print(c)), "{:?}", kept);
        prop_assert_eq!(
            kept.chars().filter(|&c| c == '\n').count(),
            value.chars().filter(|&c| c == '\n').count()
        );
    }

    #[test]
    fn safe_fixes_are_idempotent_and_remove_invisible_and_bidi(
        value in prop_oneof![any::<String>(), tricky_string()],
        class in any_class(),
    ) {
        let once = apply_safe_fixes(&value, class);
        let twice = apply_safe_fixes(&once, class);
        prop_assert_eq!(&once, &twice);
        if class != CharPolicy::FreeText {
            for issue in scan(&once, class) {
                prop_assert!(
                    !matches!(issue.kind, CharKind::BidiControl | CharKind::DefaultIgnorable),
                    "{:?} left in {:?}", issue, once
                );
                prop_assert!(!issue.fix.is_safe(), "safe fix left: {:?} in {:?}", issue, once);
            }
        }
    }
}
