//! BC201–BC206: exact positions (escapes map to their backslash), severities per
//! field class, messages, evidence and fixes; plus an in-process sweep of every character class
//! through `merchant_id`.
//!
//! Each fixture's whole diagnosis is snapshotted by `tests/fixture_snapshots.rs`; the tests
//! here assert what a snapshot of a fixture cannot show: other flags (`--show-values`,
//! `--rules`, `--fail-on`, `--lang` on a near miss), profiles written inline, and properties
//! over several files.

mod common;
use bindcheck::pipeline::{AnalyzeOptions, analyze};
use bindcheck::rulepack::RulePack;
use bindcheck::rules::Family;
use common::*;
use serde_json::{Value, json};

fn run(rel: &str, args: &[&str]) -> (Value, i32) {
    diagnose_json(&fixture(rel), args)
}

/// Whether `code` is one of the character family's rules (BC201–BC206), by the registry.
fn is_character_rule(code: &str) -> bool {
    bindcheck::rules::lookup(code).is_some_and(|r| r.family == Family::Characters)
}

/// (code, field, line, column, severity) of every BC2xx finding, in rank order.
fn bc2(json: &Value) -> Vec<(String, String, u64, u64, String)> {
    findings(json)
        .iter()
        .filter(|f| is_character_rule(f["code"].as_str().unwrap_or_default()))
        .map(|f| {
            let (field, line, column) = place(f);
            (
                f["code"].as_str().unwrap_or_default().to_string(),
                field,
                line,
                column,
                f["severity"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn row(
    code: &str,
    field: &str,
    line: u64,
    column: u64,
    severity: &str,
) -> (String, String, u64, u64, String) {
    (code.into(), field.into(), line, column, severity.into())
}

fn finding<'a>(json: &'a Value, code: &str, field: &str) -> &'a Value {
    findings(json)
        .iter()
        .find(|f| f["code"] == code && f["field"] == field)
        .unwrap_or_else(|| panic!("no {code} at {field}: {json:#}"))
}

#[test]
fn bc201_points_at_the_escape_and_lists_every_occurrence() {
    let (json, code) = run("rules/BC201/fires.toml", &["--show-values"]);
    assert_eq!(
        bc2(&json),
        vec![
            row("BC201", "seller.legal_name_en", 4, 33, "error"),
            row("BC201", "ozon.payout_account.merchant_id", 7, 26, "error"),
        ]
    );
    let f = finding(&json, "BC201", "ozon.payout_account.merchant_id");
    assert_eq!(
        f["message"],
        "`ozon.payout_account.merchant_id` contains 2 invisible character(s), first U+200B ZERO WIDTH SPACE at character 11"
    );
    assert_eq!(f["evidence"]["count"], 2);
    assert_eq!(
        f["evidence"]["occurrences"],
        json!([
            {"line": 7, "column": 26, "position": 11, "length": 1,
             "character": "U+200B ZERO WIDTH SPACE", "kind": "default_ignorable"},
            {"line": 7, "column": 44, "position": 24, "length": 1,
             "character": "U+200B ZERO WIDTH SPACE", "kind": "default_ignorable"}
        ])
    );
    assert_eq!(
        f["fix"],
        json!({"applicability": "safe", "replacement": "LL2024SZXH0000000000A7K3"})
    );
    assert_eq!(
        f["remediation"][1],
        "The clean value is: LL2024SZXH0000000000A7K3"
    );
    assert_eq!(code, 1);
}

#[test]
fn bc203_lookalikes_are_an_unsafe_fix() {
    let (json, code) = run("rules/BC203/fires.toml", &["--show-values"]);
    assert_eq!(
        bc2(&json),
        vec![
            row("BC203", "ozon.payout_account.merchant_id", 4, 36, "error"),
            row("BC203", "ozon.legal_name", 7, 31, "error"),
            row("BC203", "ozon.registered_address", 8, 33, "warning"),
        ]
    );
    let f = finding(&json, "BC203", "ozon.payout_account.merchant_id");
    assert_eq!(
        f["message"],
        "`ozon.payout_account.merchant_id` contains 1 look-alike character(s), first U+0410 CYRILLIC CAPITAL LETTER A at character 21, which looks like \"A\""
    );
    assert_eq!(
        f["fix"],
        json!({"applicability": "unsafe", "replacement": "LL2024SZXH0000000000A7K3"})
    );
    assert_eq!(f["evidence"]["occurrences"][0]["suggestion"], "A");
    let name = finding(&json, "BC203", "ozon.legal_name");
    assert_eq!(name["evidence"]["count"], 2);
    assert_eq!(
        name["fix"]["replacement"],
        "SHENZHEN XINGHE TECHNOLOGY CO., LTD."
    );
    assert_eq!(code, 1);
}

#[test]
fn bc204_full_width_error_in_identifier_warning_in_name() {
    let (json, code) = run("rules/BC204/fires.toml", &["--show-values"]);
    assert_eq!(
        bc2(&json),
        vec![
            row("BC204", "ozon.payout_account.merchant_id", 4, 16, "error"),
            row("BC204", "seller.legal_name_en", 7, 18, "warning"),
        ]
    );
    let f = finding(&json, "BC204", "ozon.payout_account.merchant_id");
    assert_eq!(
        f["message"],
        "`ozon.payout_account.merchant_id` contains 2 compatibility character(s), first U+FF2C FULLWIDTH LATIN CAPITAL LETTER L at character 1 (intended: \"L\")"
    );
    assert_eq!(
        f["fix"],
        json!({"applicability": "safe", "replacement": "LL2024SZXH0000000000A7K3"})
    );
    assert_eq!(code, 1);
}

#[test]
fn clean_fixtures_have_no_character_findings() {
    for code in family_codes(Family::Characters) {
        let (json, status) = run(&format!("rules/{code}/clean.toml"), &[]);
        assert_eq!(bc2(&json), vec![], "{code}");
        assert_eq!(errors_and_warnings(&json), Vec::<String>::new(), "{code}");
        assert_eq!(status, 0, "{code}");
    }
}

#[test]
fn clean_examples_have_no_character_findings() {
    for name in ["ozon-lianlian-clean.toml", "ozon-global-pay-clean.toml"] {
        let (json, _) = run(&format!("examples/{name}"), &[]);
        assert_eq!(bc2(&json), vec![], "{name}");
    }
}

#[test]
fn free_text_and_secrets_are_not_scanned() {
    let (json, _) = diagnose_text(
        "format = 1\n[incident]\nerror_message = \"Invalid\\u200B Merchant ID\"\n[lianlian]\napi_key = \"sk_\\u200Blive\"\n",
        &[],
    );
    assert_eq!(bc2(&json), vec![]);
}

/// (code point, expected code) for every class the family knows.
const SWEEP: &[(u32, &str)] = &[
    // invisible (Default_Ignorable)
    (0x200B, "BC201"),
    (0x200C, "BC201"),
    (0x200D, "BC201"),
    (0x2060, "BC201"),
    (0xFEFF, "BC201"),
    (0x00AD, "BC201"),
    (0x034F, "BC201"),
    (0xFE0F, "BC201"),
    (0x115F, "BC201"),
    (0xE0041, "BC201"),
    // bidi controls
    (0x202A, "BC202"),
    (0x202B, "BC202"),
    (0x202C, "BC202"),
    (0x202D, "BC202"),
    (0x202E, "BC202"),
    (0x2066, "BC202"),
    (0x2067, "BC202"),
    (0x2068, "BC202"),
    (0x2069, "BC202"),
    (0x200E, "BC202"),
    (0x200F, "BC202"),
    (0x061C, "BC202"),
    // look-alikes from other scripts
    (0x0410, "BC203"),
    (0x0415, "BC203"),
    (0x041E, "BC203"),
    (0x0421, "BC203"),
    (0x0391, "BC203"),
    (0x039F, "BC203"),
    // compatibility forms
    (0xFF21, "BC204"),
    (0xFF11, "BC204"),
    (0x2460, "BC204"),
    (0x2121, "BC204"),
    // whitespace
    (0x0020, "BC205"),
    (0x00A0, "BC205"),
    (0x3000, "BC205"),
    (0x2003, "BC205"),
    (0x0009, "BC205"),
    (0x000A, "BC205"),
    (0x0085, "BC205"),
    (0x2028, "BC205"),
    // broken
    (0x0000, "BC206"),
    (0x0001, "BC206"),
    (0x007F, "BC206"),
    (0x0080, "BC206"),
    (0xFFFD, "BC206"),
    (0xE000, "BC206"),
    (0xF8FF, "BC206"),
    (0x10FFFD, "BC206"),
    (0x0378, "BC206"),
    (0xFFFF, "BC206"),
    (0xFDD0, "BC206"),
];

/// The BC2xx findings of `merchant_id = "LL2024SZ<ch>XH0000000000A7K3"` as (code, line, column,
/// position), loaded in-process.
fn sweep_one(pack: &RulePack, value_source: &str) -> Vec<(String, usize, usize, Value)> {
    let text = format!(
        "format = 1\n[lianlian]\nmerchant_id = \"LL2024SZ{value_source}XH0000000000A7K3\"\n"
    );
    let analysis = analyze(
        "sweep.toml",
        text.as_bytes(),
        pack,
        &AnalyzeOptions {
            as_of: Some("2026-11-21".parse().unwrap()),
            symptom: None,
        },
    )
    .unwrap_or_else(|e| panic!("{value_source:?}: {e}"));
    analysis
        .ranked
        .iter()
        .filter(|r| is_character_rule(r.finding.code))
        .map(|r| {
            assert_eq!(r.finding.field, "lianlian.merchant_id");
            let at = analysis.profile.source.position(r.finding.span.start);
            (
                r.finding.code.to_string(),
                at.line,
                at.column,
                r.finding.evidence["occurrences"][0]["position"].clone(),
            )
        })
        .collect()
}

#[test]
fn sweep_every_class_escaped_and_raw() {
    let pack = RulePack::builtin().unwrap();
    for &(cp, code) in SWEEP {
        let ch = char::from_u32(cp).unwrap();
        // Written as an escape: the finding points at the backslash (column 24, position 9).
        let escaped = if cp > 0xFFFF {
            format!("\\U{cp:08X}")
        } else {
            format!("\\u{cp:04X}")
        };
        assert_eq!(
            sweep_one(&pack, &escaped),
            vec![(code.to_string(), 3, 24, json!(9))],
            "U+{cp:04X} escaped"
        );
        // Written raw, where TOML allows it (not C0/C1 controls or DEL).
        if !ch.is_control() {
            assert_eq!(
                sweep_one(&pack, &ch.to_string()),
                vec![(code.to_string(), 3, 24, json!(9))],
                "U+{cp:04X} raw"
            );
        }
    }
}

#[test]
fn sweep_position_after_an_escape_counts_source_columns() {
    // `\u0041` is a harmless "A" spelled with 6 source columns: the zero-width space after it
    // is character 10 of the value but column 24 + 6 of the line.
    let pack = RulePack::builtin().unwrap();
    assert_eq!(
        sweep_one(&pack, "\\u0041\\u200B"),
        vec![("BC201".to_string(), 3, 30, json!(10))]
    );
}

/// The clean value for an address with an ideographic space between Chinese characters drops
/// it, instead of putting an ASCII space the licence does not have in its place.
#[test]
fn bc205_ideographic_space_between_chinese_characters_is_removed() {
    let (json, code) = run("rules/BC205/fires-ideographic-space-address.toml", &[]);
    let f = only(&json, "BC205");
    assert_eq!(place(f), ("ozon.registered_address".into(), 8, 32));
    assert_eq!(f["severity"], "warning");
    assert_eq!(
        f["message"],
        "`ozon.registered_address` contains U+3000 IDEOGRAPHIC SPACE between Chinese characters at character 10; Chinese text on the licence has no space there (1 whitespace problem(s) in all)"
    );
    let licence = "广东省深圳市南山区粤海街道科技园路1号";
    assert_eq!(
        f["fix"],
        json!({"applicability": "safe", "replacement": licence})
    );
    assert_eq!(
        f["remediation"][1],
        format!("The clean value is: {licence}")
    );
    assert_eq!(code, 0);
    // Between two Latin words it is still an irregular space, folded to an ordinary one.
    let (json, _) = diagnose_text(
        "format = 1\n[seller]\nlegal_name_en = \"SHENZHEN\\u3000XINGHE\"\n",
        &[],
    );
    let f = only(&json, "BC205");
    assert_eq!(f["fix"]["replacement"], "SHENZHEN XINGHE");
}

/// A character written as an escape is pointed at as the whole escape: `\u200B` spans six
/// columns, `\t` two, and a raw character one.
#[test]
fn a_character_finding_on_an_escape_spans_the_escape() {
    let (json, _) = diagnose_text(
        "format = 1\n[lianlian]\nmerchant_id = \"LL\\u200B2024\"\n[seller]\nlegal_name = \"深圳\\t市\u{200B}\"\n",
        &[],
    );
    let spans: Vec<(String, String, u64, u64, u64, u64)> = findings(&json)
        .iter()
        .filter(|f| matches!(f["code"].as_str(), Some("BC201" | "BC205")))
        .map(|f| {
            let n = |k: &str| f[k].as_u64().unwrap();
            (
                f["code"].as_str().unwrap().to_string(),
                f["field"].as_str().unwrap().to_string(),
                n("line"),
                n("column"),
                n("end_line"),
                n("end_column"),
            )
        })
        .collect();
    let row = |c: &str, f: &str, l, col, el, ec| (c.to_string(), f.to_string(), l, col, el, ec);
    let mut expected = vec![
        row("BC201", "lianlian.merchant_id", 3, 18, 3, 24),
        row("BC205", "seller.legal_name", 5, 17, 5, 19),
        row("BC201", "seller.legal_name", 5, 20, 5, 21),
    ];
    let mut spans = spans;
    spans.sort();
    expected.sort();
    assert_eq!(spans, expected);
}

#[test]
fn a_copy_artifact_in_an_issued_value_is_fixed_in_the_profile_and_not_at_the_provider() {
    // LianLian's Merchant ID with a trailing space in the profile; Ozon holds the clean ID.
    let (json, code) = run("rules/BC205/fires-issued-copy.toml", &["--show-values"]);
    assert_eq!(code, 0, "a warning: nothing any platform holds is wrong");
    assert!(
        with_code(&json, "BC303").is_empty(),
        "Ozon's ID is LianLian's"
    );
    let f = only(&json, "BC205");
    assert_eq!(place(f), ("lianlian.merchant_id".into(), 5, 40));
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["symptom_match"], false);
    assert_eq!(
        f["remediation"],
        json!([
            "This is the profile's copy of a value LianLian issued; LianLian's value has no such character, so nothing needs changing in LianLian.",
            "Fix the copy in this profile: retype it, or run `bindcheck lint --fix`. The clean value is: LL2024SZXH0000000000A7K3"
        ])
    );
    assert_eq!(
        f["fix"],
        json!({"applicability": "safe", "replacement": "LL2024SZXH0000000000A7K3"})
    );
    // The same copy beside a wrong Ozon value: the value to enter on Ozon is the clean ID.
    let text = std::fs::read_to_string(fixture("rules/BC205/fires-issued-copy.toml"))
        .unwrap()
        .replace(
            "merchant_id = \"LL2024SZXH0000000000A7K3\"",
            "merchant_id = \"\\u200BLL2024SZXH0000000000A7K3\"",
        );
    let (json, _) = diagnose_text(&text, &["--show-values"]);
    let bc303 = only(&json, "BC303");
    assert_eq!(bc303["fix"]["replacement"], "LL2024SZXH0000000000A7K3");
    assert!(
        bc303["remediation"]
            .to_string()
            .contains("replace the Merchant ID with: LL2024SZXH0000000000A7K3\""),
        "{bc303:#}"
    );
    let (json, _) = run("rules/BC205/fires-issued-copy.toml", &["--lang", "zh"]);
    assert_eq!(
        only(&json, "BC205")["remediation"][0],
        "这是档案中对连连所发值的副本；连连那边的值并没有这个字符，所以连连里无需任何修改。"
    );
}

#[test]
fn mojibake_in_a_compared_address_is_an_error_and_masks_agree() {
    let (json, code) = run("causes/mojibake-address-bidi-id.toml", &[]);
    assert_eq!(code, 1);
    let f = only(&json, "BC206");
    assert_eq!(place(f), ("ozon.registered_address".into(), 9, 42));
    assert_eq!(f["severity"], "error");
    let cause = json["files"][0]["causes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "BC206")
        .expect("BC206 leads a cause");
    assert_eq!(cause["severity"], "error");
    assert_eq!(
        cause["remediation"][0],
        "Do not copy the value from this file: retype it from the original document (the business licence, or the page of the account it belongs to)."
    );
    // The masked Client-Id reads the same in the source line and in the clean value.
    let out = bindcheck()
        .args(["diagnose", "--color", "never"])
        .arg(fixture("causes/mojibake-address-bidi-id.toml"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("seller_id = \"\\u202A21*5873\\u202C\""),
        "{text}"
    );
    assert!(text.contains("The clean value is: 21*5873 "), "{text}");
}
