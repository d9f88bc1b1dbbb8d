use super::*;

use crate::rules::character_code;
use CharPolicy::{Address, FreeText, Identifier, Name};

/// (code, kind, char_index, char_len, suggestion) of each issue: what a user sees.
fn brief(
    value: &str,
    class: CharPolicy,
) -> Vec<(&'static str, &'static str, usize, usize, Option<String>)> {
    scan(value, class)
        .into_iter()
        .map(|i| {
            (
                character_code(i.kind),
                i.kind.as_str(),
                i.char_index,
                i.char_len,
                i.suggestion,
            )
        })
        .collect()
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

#[test]
fn no_false_alarms_on_ordinary_values() {
    for (value, class) in [
        ("深圳市星河科技有限公司", Name),
        ("星河（深圳）科技有限公司", Name),
        ("SHENZHEN XINGHE TECHNOLOGY CO., LTD.", Name),
        ("Shenzhen Xinghe Technology Co., Ltd.", Name),
        ("阿卜杜·热合曼", Name),
        ("阿卜杜・热合曼", Name),
        ("广东省深圳市南山区粤海街道科技园路1号", Address),
        ("广东省深圳市南山区科技园Ⅱ期12栋（A座）", Address),
        ("Müller GmbH", Name),
        ("São Paulo Comércio Ltda", Name),
        ("Rua Augusta, nº 1500, 2º andar", Address),
        ("ООО Ромашка", Name),
        ("深圳ABC科技有限公司", Name),
        ("JOÃO DA SILVA", Name),
        ("A2EUQ1WTGCTBG2", Identifier),
        ("91440300MA5FXXXXXX", Identifier),
        ("LL20240101ABCDEF12345678", Identifier),
        ("seller@example.com", Identifier),
        ("", Identifier),
        ("", Name),
    ] {
        assert_eq!(scan(value, class), vec![], "{value:?} as {class:?}");
    }
}

#[test]
fn free_text_is_never_scanned() {
    assert_eq!(scan("  a\u{200B}\u{202E}\tb  ", FreeText), vec![]);
    assert_eq!(apply_safe_fixes("  a\u{200B}  ", FreeText), "  a\u{200B}  ");
}

#[test]
fn bc201_invisible() {
    assert_eq!(
        brief("AB\u{200B}12", Identifier),
        vec![("BC201", "default_ignorable", 2, 1, None)]
    );
    assert_eq!(
        brief("\u{FEFF}星河科技", Name),
        vec![("BC201", "default_ignorable", 0, 1, None)]
    );
    assert_eq!(
        brief("Xing\u{AD}he", Name),
        vec![("BC201", "default_ignorable", 4, 1, None)]
    );
    assert_eq!(
        brief("路1号\u{E0041}", Address),
        vec![("BC201", "default_ignorable", 3, 1, None)]
    );
    let found = scan("A\u{2061}B", Identifier);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].fix, FixSuggestion::Strip);
    assert_eq!(found[0].ch, '\u{2061}');
}

#[test]
fn bc201_other_format_characters() {
    assert_eq!(
        brief("12\u{600}3", Identifier),
        vec![("BC201", "format", 2, 1, None)]
    );
    assert_eq!(scan("12\u{600}3", Identifier)[0].fix, FixSuggestion::Strip);
    assert_eq!(scan("ab\u{FFF9}c", Name)[0].fix, FixSuggestion::None);
}

#[test]
fn bc202_bidi() {
    assert_eq!(
        brief("ACME\u{202E}DTL", Name),
        vec![("BC202", "bidi_control", 4, 1, None)]
    );
    for ch in ['\u{61C}', '\u{200E}', '\u{200F}', '\u{2066}', '\u{2069}'] {
        let value = format!("12{ch}34");
        assert_eq!(
            brief(&value, Identifier),
            vec![("BC202", "bidi_control", 2, 1, None)]
        );
    }
}

#[test]
fn bc203_confusable_in_identifier() {
    // Cyrillic А at 0, Greek Ο at 3, Cyrillic І (looks like I, skeleton 'l') at 5.
    assert_eq!(
        brief("\u{410}B1\u{39F}2\u{406}", Identifier),
        vec![
            ("BC203", "confusable", 0, 1, s("A")),
            ("BC203", "confusable", 3, 1, s("O")),
            ("BC203", "confusable", 5, 1, s("I")),
        ]
    );
    let found = scan("x\u{43E}", Identifier);
    assert_eq!(found[0].fix, FixSuggestion::Replace("o".to_string()));
    assert!(!found[0].fix.is_safe());
}

#[test]
fn bc203_confusable_in_names() {
    // Cyrillic Х (U+0425) in a Latin name.
    assert_eq!(
        brief("SHENZHEN \u{425}INGHE", Name),
        vec![("BC203", "confusable", 9, 1, s("X"))]
    );
    // Latin 'o' in a Cyrillic name suggests Cyrillic 'о'.
    assert_eq!(
        brief("ООО Рoмашка", Name),
        vec![("BC203", "confusable", 5, 1, s("\u{43E}"))]
    );
    // A bilingual name is two words in two scripts, not a spoof.
    assert_eq!(brief("ВАСИЛИЙ PETROV", Name), vec![]);
    // One word mixing scripts is judged by that word's majority.
    assert_eq!(
        brief("ВАСИЛИЙ Реtrov", Name),
        vec![
            ("BC203", "confusable", 8, 1, s("P")),
            ("BC203", "confusable", 9, 1, s("e")),
        ]
    );
    // A Russian legal form beside a word only Cyrillic can spell (Ш) is Russian text, even
    // when the Latin transliteration holds more letters.
    assert_eq!(brief("ООО РОМАШКА ROMASHKA LLC", Name), vec![]);
    // The same legal form with nothing else in Cyrillic could be a disguised "OOO".
    assert_eq!(
        brief("ООО ROMASHKA LLC", Name),
        vec![
            ("BC203", "confusable", 0, 1, s("O")),
            ("BC203", "confusable", 1, 1, s("O")),
            ("BC203", "confusable", 2, 1, s("O")),
        ]
    );
    // A whole word spelled with Cyrillic look-alikes inside a Latin name.
    assert_eq!(
        brief("\u{410}\u{421}\u{41C}\u{415} TRADING LTD", Name),
        vec![
            ("BC203", "confusable", 0, 1, s("A")),
            ("BC203", "confusable", 1, 1, s("C")),
            ("BC203", "confusable", 2, 1, s("M")),
            ("BC203", "confusable", 3, 1, s("E")),
        ]
    );
    // Latin letters in a Han name are normal.
    assert_eq!(brief("深圳ABC科技有限公司", Name), vec![]);
    // No strict majority: nothing to judge against.
    assert_eq!(brief("\u{410}B", Name), vec![]);
}

#[test]
fn bc204_compatibility() {
    assert_eq!(
        brief("AB１2", Identifier),
        vec![("BC204", "compatibility", 2, 1, s("1"))]
    );
    assert_eq!(
        brief("ＡCME Ltd", Name),
        vec![("BC204", "compatibility", 0, 1, s("A"))]
    );
    assert_eq!(
        brief("No\u{2460}", Name),
        vec![("BC204", "compatibility", 2, 1, s("1"))]
    );
    assert_eq!(
        brief("\u{1D400}BC", Identifier),
        vec![("BC204", "compatibility", 0, 1, s("A"))]
    );
    assert_eq!(
        brief("Tel\u{2121}", Name),
        vec![("BC204", "compatibility", 3, 1, s("TEL"))]
    );
    assert_eq!(
        brief("Louis \u{216B}", Name),
        vec![("BC204", "compatibility", 6, 1, s("XII"))]
    );
    // Kangxi radical ⼴ (U+2F34) pasted from a PDF instead of 广 in a Chinese name.
    assert_eq!(
        brief("\u{2F34}东星河", Name),
        vec![("BC204", "compatibility", 0, 1, s("广"))]
    );
    // Full-width digits and brackets in a Chinese name are normal.
    assert_eq!(brief("星河（深圳）１号", Name), vec![]);
    // In a Chinese address the house, floor and building numbers are not: the licence prints
    // them half-width. Brackets, Roman numerals and enclosed numbers still are.
    assert_eq!(
        brief("科技园Ⅱ期１２栋（Ａ座）③", Address),
        vec![
            ("BC204", "compatibility", 5, 1, s("1")),
            ("BC204", "compatibility", 6, 1, s("2")),
            ("BC204", "compatibility", 9, 1, s("A")),
        ]
    );
    assert_eq!(brief("深南中路３０１８ｂ号", Address).len(), 5);
    assert_eq!(
        scan("AB１2", Identifier)[0].fix,
        FixSuggestion::Fold("1".to_string())
    );
}

#[test]
fn bc205_identifier_whitespace() {
    assert_eq!(
        brief(" AB12 ", Identifier),
        vec![
            ("BC205", "leading", 0, 1, None),
            ("BC205", "trailing", 5, 1, None)
        ]
    );
    assert_eq!(
        brief("AB 12", Identifier),
        vec![("BC205", "space", 2, 1, None)]
    );
    assert_eq!(
        brief("AB  12", Identifier),
        vec![("BC205", "space", 2, 2, None)]
    );
    assert_eq!(
        brief("AB\u{A0}12\t", Identifier),
        vec![
            ("BC205", "irregular_space", 2, 1, None),
            ("BC205", "tab", 5, 1, None)
        ]
    );
    assert_eq!(
        brief("AB\n", Identifier),
        vec![("BC205", "line_break", 2, 1, None)]
    );
}

#[test]
fn bc205_iban_groups() {
    assert_eq!(scan_iban("DE89 3704 0044 0532 0130 00"), vec![]);
    assert_eq!(scan_iban("DE89370400440532013000"), vec![]);
    assert_eq!(
        brief("DE89 3704", Identifier),
        vec![("BC205", "space", 4, 1, None)]
    );
    let found: Vec<_> = scan_iban("DE89  3704 00440532")
        .into_iter()
        .map(|i| (i.kind.as_str(), i.char_index, i.char_len))
        .collect();
    assert_eq!(found, vec![("doubled", 5, 1), ("space", 10, 1)]);
    assert_eq!(
        apply_safe_fixes_iban(" DE89  3704\u{A0}0044 "),
        "DE89 3704 0044"
    );
    assert_eq!(
        apply_safe_fixes("DE89 3704 0044", Identifier),
        "DE8937040044"
    );
}

#[test]
fn bc205_names_and_addresses() {
    assert_eq!(
        brief("  ACME  TRADING LTD ", Name),
        vec![
            ("BC205", "leading", 0, 2, None),
            ("BC205", "doubled", 7, 1, None),
            ("BC205", "trailing", 19, 1, None),
        ]
    );
    assert_eq!(
        brief("ACME    LTD", Name),
        vec![("BC205", "doubled", 5, 3, None)]
    );
    assert_eq!(
        brief("ACME\u{A0}LTD", Name),
        vec![("BC205", "irregular_space", 4, 1, s(" "))]
    );
    assert_eq!(
        brief("深圳市\u{3000}南山区", Address),
        vec![("BC205", "irregular_space", 3, 1, s(" "))]
    );
    assert_eq!(
        brief("Line 1\r\nLine 2", Address),
        vec![
            ("BC205", "line_break", 6, 1, s(" ")),
            ("BC205", "line_break", 7, 1, None)
        ]
    );
    assert_eq!(
        brief("A\u{A0} B", Name),
        vec![
            ("BC205", "irregular_space", 1, 1, s(" ")),
            ("BC205", "doubled", 2, 1, None)
        ]
    );
    assert_eq!(brief("A B", Name), vec![]);
}

#[test]
fn bc206_broken() {
    assert_eq!(
        brief("AB\u{0}1", Identifier),
        vec![("BC206", "control", 2, 1, None)]
    );
    assert_eq!(
        brief("AB\u{7F}", Identifier),
        vec![("BC206", "control", 2, 1, None)]
    );
    assert_eq!(
        brief("AB\u{9B}", Name),
        vec![("BC206", "control", 2, 1, None)]
    );
    assert_eq!(
        brief("星河\u{FFFD}技", Name),
        vec![("BC206", "replacement", 2, 1, None)]
    );
    assert_eq!(
        brief("王\u{E000}", Name),
        vec![("BC206", "private_use", 1, 1, None)]
    );
    assert_eq!(
        brief("A\u{378}", Name),
        vec![("BC206", "unassigned", 1, 1, None)]
    );
    assert_eq!(
        brief("A\u{FDD0}", Name),
        vec![("BC206", "noncharacter", 1, 1, None)]
    );
    assert_eq!(
        brief("深圳锟斤拷公司", Name),
        vec![("BC206", "mojibake", 2, 3, None)]
    );
    assert_eq!(
        brief("烫烫烫烫烫", Name),
        vec![("BC206", "mojibake", 0, 5, None)]
    );
    assert_eq!(
        brief("Caf\u{C3}\u{A9} Ltd", Name),
        vec![("BC206", "mojibake", 3, 2, s("é"))]
    );
    assert_eq!(
        brief("Don\u{E2}\u{20AC}\u{2122}t", Name),
        vec![("BC206", "mojibake", 3, 3, s("\u{2019}"))]
    );
    // The NBSP inside "Â\u{A0}" belongs to the mojibake, not to BC205.
    assert_eq!(
        brief("A\u{C2}\u{A0}B", Name),
        vec![("BC206", "mojibake", 1, 2, s("\u{A0}"))]
    );
    assert_eq!(brief("JOÃO", Name), vec![]);
}

#[test]
fn issues_are_in_order_and_disjoint() {
    let found = scan(" \u{410}\u{200B}Ｂ\u{202E}\u{0} ", Identifier);
    let summary: Vec<_> = found
        .iter()
        .map(|i| (character_code(i.kind), i.char_index))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("BC205", 0),
            ("BC203", 1),
            ("BC201", 2),
            ("BC204", 3),
            ("BC202", 4),
            ("BC206", 5),
            ("BC205", 6),
        ]
    );
}

#[test]
fn safe_fixes() {
    assert_eq!(
        apply_safe_fixes(" A\u{200B}B１\u{202E}\u{0} ", Identifier),
        "AB1"
    );
    // The look-alike (unsafe) is left for the user to confirm.
    assert_eq!(apply_safe_fixes("\u{410}B", Identifier), "\u{410}B");
    assert_eq!(
        apply_safe_fixes("  ACME \u{200B} TRADING\u{A0}\u{A0}LTD\t", Name),
        "ACME TRADING LTD"
    );
    assert_eq!(
        apply_safe_fixes("深圳市\u{3000}南山区", Address),
        "深圳市 南山区"
    );
    assert_eq!(apply_safe_fixes("星河（深圳）", Name), "星河（深圳）");
    assert_eq!(apply_safe_fixes("Caf\u{C3}\u{A9}", Name), "Caf\u{C3}\u{A9}");
}

/// The shortcut for plain values must agree with the full scan: every ideograph it lets
/// through is clean on its own, beside ASCII letters and digits, and beside itself.
#[test]
fn plain_ideographs_are_clean_in_the_full_scan() {
    for cp in 0x4E00..=0x9FFF_u32 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        if !is_plain_ideograph(c) {
            continue;
        }
        for class in [Name, Address] {
            for value in [format!("{c}"), format!("A{c}1 b{c}{c}c"), format!("{c} x")] {
                assert!(is_plain(&value, false), "{cp:04X}");
                assert_eq!(
                    full_scan(&value, class, false),
                    vec![],
                    "U+{cp:04X} in {value:?}"
                );
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

    /// The shortcuts (plain values, single-script names) never change what the scan reports.
    #[test]
    fn shortcuts_agree_with_full_scan(
        value in "[a-cA-Cx 1.\u{4E00}\u{9FFF}锟斤拷烫屯丨\u{410}\u{430}\u{391}\u{3B1}éＡ１\u{200B}\u{3000}\t]{0,12}",
        class in proptest::sample::select(vec![Identifier, Name, Address]),
        iban: bool,
    ) {
        let iban = iban && class == Identifier;
        proptest::prop_assert_eq!(scan_impl(&value, class, iban), full_scan(&value, class, iban));
    }
}

/// The NFKC quick check answers "yes" only for characters that are their own NFKC, which is
/// what lets `compatibility_fold` skip the normaliser.
#[test]
fn nfkc_quick_yes_means_unchanged() {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};
    for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
        if is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes {
            let mut folded = std::iter::once(c).nfkc();
            assert_eq!(
                (folded.next(), folded.next()),
                (Some(c), None),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

    /// Without letters of two of the compared scripts no character can be judged a look-alike,
    /// which is why the per-word alphabets are not worked out then.
    #[test]
    fn single_script_values_have_no_lookalikes(
        value in "[a-cA-Cx 1.éÖ\u{410}\u{430}\u{416}\u{391}\u{3B1}\u{3A3}深ＡⅡ\u{301}]{0,12}",
        class in proptest::sample::select(vec![Name, Address]),
    ) {
        let chars: Vec<char> = value.chars().collect();
        if !mixes_scripts(&chars) {
            let ctx = Ctx { class, cjk_text: false, judge: judges(&chars) };
            for (i, &c) in chars.iter().enumerate() {
                proptest::prop_assert_eq!(confusable(c, i, &ctx), None, "{:?} at {}", value, i);
            }
        }
    }
}
