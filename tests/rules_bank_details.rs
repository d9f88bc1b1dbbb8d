//! BC312–BC314 end to end: the Amazon deposit method against LianLian's receiving account,
//! US routing numbers, and national bank codes — code, field, line, column, severity, exit
//! status, messages, masking and fixes.

mod common;
use common::*;
use serde_json::json;

use common::diagnose_rule_fixture as run;

#[test]
fn bc312_account_number_differs_from_lianlian() {
    let (json, code) = run("BC312/fires.toml", &[]);
    let f = only(&json, "BC312");
    assert_eq!(
        place(f),
        ("amazon.deposit_method.account_number".into(), 20, 18)
    );
    assert_eq!(f["severity"], "error");
    // Both values are masked; LianLian's is named as the place the right one is shown.
    assert_eq!(
        f["message"],
        "`amazon.deposit_method.account_number` (88*******5687) differs from the account number of LianLian's receiving account, `lianlian.receiving_account.account_number` (88*******5678)"
    );
    assert_eq!(
        f["related"][0]["field"],
        "lianlian.receiving_account.account_number"
    );
    assert_eq!(
        f["remediation"][0],
        "Open LianLian Global › Receiving accounts, choose the account for this marketplace and copy its account number from the account details."
    );
    assert_eq!(f["fix"]["applicability"], "unsafe");
    assert_eq!(f["evidence"]["first_difference"], 12);
    assert_eq!(code, 1);

    let (json, _) = run("BC312/fires.toml", &["--show-values"]);
    assert_eq!(
        only(&json, "BC312")["fix"],
        json!({"applicability": "unsafe", "replacement": "8800012345678"})
    );
    let (json, _) = run("BC312/fires.toml", &["--lang", "zh"]);
    assert_eq!(
        only(&json, "BC312")["message"],
        "`amazon.deposit_method.account_number`（88*******5687）与连连收款账户的账号 `lianlian.receiving_account.account_number`（88*******5678）不一致"
    );
}

#[test]
fn bc312_names_lianlians_fedwire_number_typed_as_the_routing_number() {
    let (json, code) = run("BC312/fires-wire-number.toml", &[]);
    let f = only(&json, "BC312");
    assert_eq!(
        place(f),
        ("amazon.deposit_method.routing_number".into(), 16, 18)
    );
    assert_eq!(
        f["message"],
        "`amazon.deposit_method.routing_number` holds LianLian's wire (Fedwire) routing number; Amazon's form wants the ACH routing number, `lianlian.receiving_account.routing_number` (02***3150)"
    );
    let related: Vec<&str> = f["related"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["field"].as_str())
        .collect();
    assert_eq!(
        related,
        [
            "lianlian.receiving_account.routing_number",
            "lianlian.receiving_account.wire_routing_number"
        ]
    );
    // A Fedwire number is a valid routing number: BC313 has nothing to add.
    assert!(with_code(&json, "BC313").is_empty());
    assert_eq!(code, 1);
}

#[test]
fn bc312_compares_every_bank_field_of_a_deposit_method_entry() {
    let (json, _) = run("BC312/fires-jp-entry.toml", &["--show-values"]);
    let found: Vec<(String, u64, u64, String)> = with_code(&json, "BC312")
        .iter()
        .map(|f| {
            let (field, line, column) = place(f);
            (
                field,
                line,
                column,
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "amazon.deposit_methods[0].branch_code".to_string(),
                20,
                15,
                "`amazon.deposit_methods[0].branch_code` (132) differs from the branch code of LianLian's receiving account, `lianlian.receiving_account.branch_code` (123)".to_string()
            ),
            (
                "amazon.deposit_methods[0].account_type".to_string(),
                21,
                16,
                "`amazon.deposit_methods[0].account_type` (当座) differs from the account type of LianLian's receiving account, `lianlian.receiving_account.account_type` (普通)".to_string()
            ),
        ]
    );
}

#[test]
fn bc312_spacing_and_case_only_is_a_warning_with_a_safe_fix() {
    let (json, code) = run("BC312/fires-formatting.toml", &["--show-values"]);
    let found = with_code(&json, "BC312");
    assert_eq!(found.len(), 2, "{json:#}");
    for f in &found {
        assert_eq!(f["severity"], "warning");
        assert_eq!(f["fix"]["applicability"], "safe");
    }
    assert_eq!(found[0]["field"], "amazon.deposit_method.iban");
    assert_eq!(found[0]["fix"]["replacement"], "DE89370400440532013000");
    assert_eq!(
        found[1]["message"],
        "`amazon.deposit_method.swift_bic` differs from LianLian's `lianlian.receiving_account.swift_bic` only in spacing, case or an XXX branch code"
    );
    assert_eq!(code, 0);
}

#[test]
fn bc312_near_misses_stay_clean() {
    for rel in [
        "BC312/clean.toml",
        "BC312/clean-other-provider.toml",
        "BC312/clean-other-currency.toml",
    ] {
        let (json, code) = run(rel, &[]);
        assert_eq!(errors_and_warnings(&json), Vec::<String>::new(), "{rel}");
        assert_eq!(code, 0, "{rel}");
    }
}

#[test]
fn bc313_routing_numbers_that_are_not_aba_numbers() {
    let (json, code) = run("BC313/fires.toml", &[]);
    let found: Vec<(String, u64, u64, String)> = with_code(&json, "BC313")
        .iter()
        .map(|f| {
            let (field, line, column) = place(f);
            (
                field,
                line,
                column,
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "lianlian.receiving_account.routing_number".to_string(),
                6,
                27,
                "`lianlian.receiving_account.routing_number`: the check digit (the 9th) should be 4, found 0, so a digit is mistyped".to_string()
            ),
            (
                "lianlian.receiving_account.wire_routing_number".to_string(),
                7,
                32,
                "`lianlian.receiving_account.wire_routing_number`: the check digit (the 9th) should be 8, found 9, so a digit is mistyped".to_string()
            ),
            (
                "amazon.deposit_method.routing_number".to_string(),
                15,
                18,
                "`amazon.deposit_method.routing_number` holds a SWIFT/BIC code, not a 9-digit routing number".to_string()
            ),
        ]
    );
    // The check digit's place is pointed at, not only the value.
    assert_eq!(
        only_at(&json, "BC313", "lianlian.receiving_account.routing_number")["column"],
        27
    );
    assert_eq!(code, 1);
    let (json, _) = run("BC313/fires.toml", &["--lang", "zh"]);
    assert_eq!(
        only_at(&json, "BC313", "amazon.deposit_method.routing_number")["message"],
        "`amazon.deposit_method.routing_number` 填的是 SWIFT/BIC 代码，不是 9 位路由号"
    );
}

/// The finding of `code` at `field`.
fn only_at<'a>(json: &'a serde_json::Value, code: &str, field: &str) -> &'a serde_json::Value {
    let found: Vec<_> = with_code(json, code)
        .into_iter()
        .filter(|f| f["field"] == field)
        .collect();
    assert_eq!(found.len(), 1, "{code} at {field}: {json:#}");
    found[0]
}

#[test]
fn bc313_length_and_district_in_deposit_method_entries() {
    let (json, _) = run("BC313/fires-length.toml", &[]);
    let length = only_at(&json, "BC313", "amazon.deposit_methods[0].routing_number");
    assert_eq!(place(length).1, 8);
    assert_eq!(
        length["message"],
        "`amazon.deposit_methods[0].routing_number` has 8 characters; a US routing number has 9 digits"
    );
    let district = only_at(&json, "BC313", "amazon.deposit_methods[1].routing_number");
    assert_eq!(
        district["message"],
        "`amazon.deposit_methods[1].routing_number` starts with 45; a US routing number starts with its Federal Reserve district, 00–12, 21–32, 61–72 or 80"
    );
}

#[test]
fn bc313_near_misses_stay_clean() {
    // Valid ACH and Fedwire numbers; a Canadian routing number is not judged as an ABA one.
    for rel in ["BC313/clean.toml", "BC313/clean-not-us.toml"] {
        let (json, code) = run(rel, &[]);
        assert!(with_code(&json, "BC313").is_empty(), "{rel}: {json:#}");
        assert_eq!(code, 0, "{rel}");
    }
}

#[test]
fn bc314_sort_code_and_japanese_codes() {
    let (json, code) = run("BC314/fires.toml", &[]);
    let found: Vec<(String, String)> = with_code(&json, "BC314")
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "lianlian.receiving_account.sort_code".to_string(),
                "`lianlian.receiving_account.sort_code` has 5 digits; UK sort code: 6 digits"
                    .to_string()
            ),
            (
                "amazon.deposit_method.bank_code".to_string(),
                "`amazon.deposit_method.bank_code` has 3 digits; Japanese bank code: 4 digits"
                    .to_string()
            ),
            (
                "amazon.deposit_method.branch_code".to_string(),
                "`amazon.deposit_method.branch_code` has 4 digits; Japanese branch code: 3 digits"
                    .to_string()
            ),
            (
                "amazon.deposit_method.account_number".to_string(),
                "`amazon.deposit_method.account_number` has 8 digits; a Japanese account number has at most 7 (Amazon pads a shorter one with zeros)".to_string()
            ),
        ]
    );
    assert_eq!(code, 1);
    let (json, _) = run("BC314/fires.toml", &["--lang", "zh"]);
    assert_eq!(
        only_at(&json, "BC314", "amazon.deposit_method.bank_code")["message"],
        "`amazon.deposit_method.bank_code` 有 3 位数字；日本银行代码应为 4 位"
    );
}

#[test]
fn bc314_bsb_written_in_the_wrong_groups() {
    let (json, _) = run("BC314/fires-bsb.toml", &[]);
    let f = only(&json, "BC314");
    assert_eq!(place(f), ("amazon.deposit_method.bsb".into(), 9, 10));
    assert_eq!(
        f["message"],
        "`amazon.deposit_method.bsb`: character 3 is `-`; Australian BSB number: digits 0-9, written 123456 or 123-456"
    );
}

#[test]
fn bc314_near_misses_stay_clean() {
    // Valid codes; a Hong Kong bank code of 3 digits is not held to the Japanese shape.
    for rel in ["BC314/clean.toml", "BC314/clean-not-jp.toml"] {
        let (json, code) = run(rel, &[]);
        assert!(with_code(&json, "BC314").is_empty(), "{rel}: {json:#}");
        assert_eq!(code, 0, "{rel}");
    }
}

/// A JP and a US deposit method, with every new bank field, load with no unknown-field or
/// invalid-value finding and no finding at all.
#[test]
fn jp_and_us_deposit_method_examples_are_clean() {
    for name in [
        "amazon-lianlian-jp-clean.toml",
        "amazon-lianlian-clean.toml",
    ] {
        let (json, code) = diagnose_json(&fixture(&format!("examples/{name}")), &[]);
        assert_eq!(findings(&json), &Vec::<serde_json::Value>::new(), "{name}");
        assert_eq!(code, 0, "{name}");
    }
}

/// Any strings in any bank field of any number of deposit methods and of LianLian's account:
/// the analysis never panics, and every finding points inside the file.
mod properties {
    use bindcheck::pipeline::{AnalyzeOptions, analyze};
    use bindcheck::rulepack::RulePack;
    use proptest::prelude::*;

    const KEYS: [&str; 11] = [
        "bank_country",
        "routing_number",
        "wire_routing_number",
        "sort_code",
        "bsb",
        "bank_code",
        "branch_code",
        "account_number",
        "iban",
        "swift_bic",
        "currency",
    ];

    /// A TOML basic string holding `s` (escaped so any char survives).
    fn quoted(s: &str) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    /// A table with each key once (a repeated key would make the file unreadable TOML).
    fn table(header: &str, values: &[(usize, String)]) -> String {
        let mut out = format!("{header}\n");
        let mut written = Vec::new();
        for (key, value) in values {
            let key = KEYS[key % KEYS.len()];
            if !written.contains(&key) {
                written.push(key);
                out.push_str(&format!("{key} = {}\n", quoted(value)));
            }
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]
        #[test]
        fn deposit_methods_never_panic(
            lianlian in proptest::collection::vec((0usize..11, "[0-9A-Z \\-\u{200B}ＯС]{0,14}"), 0..6),
            methods in proptest::collection::vec(
                proptest::collection::vec((0usize..11, "\\PC{0,12}"), 0..6),
                0..3,
            ),
            provider in prop_oneof![Just("lianlian"), Just("bank")],
        ) {
            let mut text = String::from("format = 1\n[amazon]\nmarketplaces = [\"US\", \"JP\", \"DE\"]\n");
            text.push_str(&table("[lianlian.receiving_account]", &lianlian));
            for values in &methods {
                text.push_str(&table("[[amazon.deposit_methods]]", values));
                text.push_str(&format!("provider = \"{provider}\"\n"));
            }
            let pack = RulePack::builtin().unwrap();
            let options = AnalyzeOptions { as_of: Some(jiff::civil::date(2026, 11, 21)), symptom: None };
            let analysis = analyze("p.toml", text.as_bytes(), &pack, &options);
            prop_assert!(analysis.is_ok(), "{text}");
            for ranked in analysis.iter().flat_map(|a| &a.ranked) {
                prop_assert!(ranked.finding.span.end <= text.len(), "{text}");
            }
        }
    }
}
