//! Property tests for the classes of issue 11 that are open-ended: evidence stays bounded and
//! counts what it leaves out, whatever the value; syntax outside TOML 1.0 is refused exactly
//! where it is written; a safe fix changes the value and no other byte, whatever the line ends,
//! byte-order mark or final newline.

use bindcheck::lint::fix::{self, Edit};
use bindcheck::pipeline::{AnalyzeOptions, analyze};
use bindcheck::profile::credentials::SecretPolicy;
use bindcheck::profile::{LoadErrorKind, load};
use bindcheck::rulepack::RulePack;
use bindcheck::source::SourceFile;
use bindcheck::unicode::{CharPolicy, scan};
use proptest::prelude::*;
use std::sync::OnceLock;

fn pack() -> &'static RulePack {
    static PACK: OnceLock<RulePack> = OnceLock::new();
    PACK.get_or_init(|| RulePack::load(None).expect("built-in rulepack loads"))
}

/// The built-in rulepack's credential policy, which the loader takes.
fn secrets() -> SecretPolicy<'static> {
    SecretPolicy::new(pack()).expect("the built-in rulepack describes credentials")
}

fn options() -> AnalyzeOptions {
    AnalyzeOptions {
        as_of: Some(jiff::civil::date(2026, 11, 21)),
        symptom: None,
    }
}

/// Characters of every class the character rules report, and plain ones between them.
const UNITS: &[&str] = &[
    "a",
    "Z",
    " ",
    "  ",
    "\u{200B}",
    "\u{202E}",
    "\u{FEFF}",
    "\u{3000}",
    "\u{FF21}",
    "а",
    "Ω",
    "深",
    "锟斤拷",
    "Ã©",
    "\t",
    "\u{1}",
    "\u{E000}",
    "\u{378}",
    ".",
    "-",
];

fn value() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(proptest::sample::select(UNITS), 1..12),
        1usize..400,
    )
        .prop_map(|(units, times)| units.concat().repeat(times))
}

/// A TOML basic string holding `value`, with every control written as an escape.
fn basic(value: &str) -> String {
    fix::basic_string(value)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Each character finding lists at most `[evidence] max_items` occurrences, the first ones
    /// in order, and its count is the number the scan finds.
    #[test]
    fn evidence_is_capped_and_counts_everything(value in value()) {
        let text = format!("format = 1\n[seller]\nlegal_name = {}\n", basic(&value));
        let analysis = analyze("p.toml", text.as_bytes(), pack(), &options()).unwrap();
        let keep = pack().evidence.max_items;
        let issues = scan(&value, CharPolicy::Name);
        for ranked in &analysis.ranked {
            let finding = &ranked.finding;
            if !finding.code.starts_with("BC2") || finding.field != "seller.legal_name" {
                continue;
            }
            let of_code: Vec<_> = issues.iter().filter(|i| bindcheck::rules::character_code(i.kind) == finding.code).collect();
            let occurrences = finding.evidence["occurrences"].as_array().unwrap();
            prop_assert_eq!(finding.evidence["count"].as_u64(), Some(of_code.len() as u64));
            prop_assert_eq!(occurrences.len(), of_code.len().min(keep));
            for (shown, issue) in occurrences.iter().zip(&of_code) {
                prop_assert_eq!(shown["position"].as_u64(), Some(issue.char_index as u64 + 1));
            }
        }
    }

    /// A `\e` or `\xHH` escape anywhere in a string value or a quoted key is BC001 at its
    /// backslash; the same text with `\u001B` / `\u00HH` loads.
    #[test]
    fn toml_1_1_escapes_are_refused_at_their_backslash(
        before in "[a-zA-Z0-9 深]{0,30}",
        after in "[a-zA-Z0-9 深]{0,30}",
        hex in "[0-9A-F]{2}",
        use_e in any::<bool>(),
        in_key in any::<bool>(),
    ) {
        let (escape, instead) = if use_e {
            ("\\e".to_string(), "\\u001B".to_string())
        } else {
            (format!("\\x{hex}"), format!("\\u00{hex}"))
        };
        let line = |esc: &str| if in_key {
            format!("\"{before}{esc}{after}\" = 1\n")
        } else {
            format!("legal_name = \"{before}{esc}{after}\"\n")
        };
        let text = format!("format = 1\n[seller]\n{}", line(&escape));
        let error = load("p.toml", text.as_bytes(), &secrets()).unwrap_err();
        let at = text.find('\\').unwrap();
        prop_assert_eq!(error.kind, LoadErrorKind::Toml11Escape);
        prop_assert_eq!(error.offset, at);
        prop_assert_eq!(error.position, SourceFile::new("p.toml", text.clone()).position(at));
        let fixed = format!("format = 1\n[seller]\n{}", line(&instead));
        prop_assert!(load("p.toml", fixed.as_bytes(), &secrets()).is_ok());
    }

    /// A time without seconds, in a date-time or alone, is BC001 where its hours start; with
    /// seconds it loads.
    #[test]
    fn times_without_seconds_are_refused_where_they_are(
        hour in 0u8..24, minute in 0u8..60, offset in proptest::option::of(-12i8..14),
        date in any::<bool>(), pad in "[ \t]{0,3}",
    ) {
        let zone = offset.map_or(String::new(), |h| format!("{h:+03}:00"));
        let prefix = if date { "2026-11-20T" } else { "" };
        let zone = if date { zone } else { String::new() };
        let text = format!("format = 1\n[incident]\nx ={pad} {prefix}{hour:02}:{minute:02}{zone}\n");
        let error = load("p.toml", text.as_bytes(), &secrets()).unwrap_err();
        let at = text.find(&format!("{hour:02}:{minute:02}")).unwrap();
        prop_assert_eq!((error.kind, error.offset), (LoadErrorKind::Toml11Time, at));
        let with_seconds = text.replacen(&format!("{hour:02}:{minute:02}"), &format!("{hour:02}:{minute:02}:00"), 1);
        prop_assert!(load("p.toml", with_seconds.as_bytes(), &secrets()).is_ok(), "{}", with_seconds);
    }

    /// A comma before the closing brace of an inline table, or a line break inside one, is
    /// BC001 at that comma or line break, however deep the table is nested.
    #[test]
    fn inline_tables_are_one_line_without_a_trailing_comma(
        keys in proptest::collection::vec("[a-z]{1,6}", 1..5),
        depth in 1usize..4,
        break_line in any::<bool>(),
    ) {
        let mut keys = keys;
        keys.sort();
        keys.dedup();
        let pairs: Vec<String> = keys.iter().map(|k| format!("{k} = \"v,}}\"")).collect();
        let inner = if break_line {
            format!("{{ {} }}", pairs.join(",\n  "))
        } else {
            format!("{{ {}, }}", pairs.join(", "))
        };
        let nested = (1..depth).fold(inner, |table, _| format!("{{ t = {table} }}"));
        let text = format!("format = 1\nx = {nested}\n");
        let x_line = text.find("x = ").unwrap();
        if break_line && keys.len() == 1 {
            prop_assert!(load("p.toml", text.as_bytes(), &secrets()).is_ok(), "{}", text);
        } else if break_line {
            let error = load("p.toml", text.as_bytes(), &secrets()).unwrap_err();
            prop_assert_eq!(error.kind, LoadErrorKind::Toml11InlineLines);
            prop_assert_eq!(error.offset, x_line + text[x_line..].find('\n').unwrap());
        } else {
            let error = load("p.toml", text.as_bytes(), &secrets()).unwrap_err();
            prop_assert_eq!(error.kind, LoadErrorKind::Toml11TrailingComma);
            prop_assert_eq!(error.offset, text.rfind(", }").unwrap());
        }
    }

    /// A safe fix changes the value and no other byte, for any line ends, byte-order mark,
    /// comment after the value and presence of a final newline.
    #[test]
    fn a_fix_changes_the_value_and_nothing_else(
        crlf in any::<bool>(), bom in any::<bool>(), final_newline in any::<bool>(),
        comment in proptest::option::of("[a-z 深]{0,12}"),
        at in 0usize..20,
    ) {
        let id = "LL2024SZXH0000000000A7K3";
        let dirty_id = format!("{}\u{200B}{}", &id[..at], &id[at..]);
        let comment = comment.map_or(String::new(), |c| format!("  # {c}"));
        let body = |mid: &str| {
            let mut text = format!("format = 1\n\n[lianlian]\nmerchant_id = \"{mid}\"{comment}\nkyc_level = 3");
            if final_newline {
                text.push('\n');
            }
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            format!("{}{text}", if bom { "\u{FEFF}" } else { "" })
        };
        let (dirty, clean) = (body(&dirty_id), body(id));
        let start = dirty.find("merchant_id = ").unwrap() + "merchant_id = ".len();
        let end = start + dirty[start + 1..].find('"').unwrap() + 2;
        let edit = Edit { field: "lianlian.merchant_id".into(), span: start..end, replacement: id.into() };
        let (fixed, applied) = fix::apply(&dirty, &[edit]).unwrap();
        prop_assert_eq!(applied, 1);
        prop_assert_eq!(fixed, clean);
    }
}
