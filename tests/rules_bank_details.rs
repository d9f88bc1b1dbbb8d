//! BC312–BC314, BC317: the Amazon deposit method against LianLian's receiving account,
//! US routing numbers, national bank codes, and the details a GB IBAN embeds — code, field, line, column, severity, exit
//! status, messages, masking and fixes.
//!
//! Each fixture's whole diagnosis is snapshotted by `tests/fixture_snapshots.rs`; the tests
//! here assert what a snapshot of a fixture cannot show: other flags (`--show-values`,
//! `--rules`, `--fail-on`, `--lang` on a near miss), profiles written inline, and properties
//! over several files.

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
        "`amazon.deposit_method.account_number` (88*******5687) differs from `lianlian.receiving_account.account_number` (88*******5678): digit(s) 12–13 differ, counting digits only"
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
        "`amazon.deposit_method.account_number`（88*******5687）与 `lianlian.receiving_account.account_number`（88*******5678）不一致：只数数字，第 12–13 位数字不同"
    );
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
                "`amazon.deposit_methods[0].branch_code` (132) differs from `lianlian.receiving_account.branch_code` (123): digit(s) 2–3 differ, counting digits only".to_string()
            ),
            (
                "amazon.deposit_methods[0].account_type".to_string(),
                21,
                16,
                "`amazon.deposit_methods[0].account_type` (a Japanese current account) differs from `lianlian.receiving_account.account_type` (a Japanese ordinary account)".to_string()
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
        "`amazon.deposit_method.swift_bic` differs from LianLian's `lianlian.receiving_account.swift_bic` only in spaces, dashes, case or an XXX branch code: the same account, written differently"
    );
    assert_eq!(code, 0);
}

/// (code, severity, field, line, column, safe fix) of every error and warning.
fn reported(json: &serde_json::Value) -> Vec<(String, String, String, u64, u64, String)> {
    findings(json)
        .iter()
        .filter(|f| f["severity"] != "info")
        .map(|f| {
            let (field, line, column) = place(f);
            let said = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
            assert_eq!(f["fix"]["applicability"], "safe", "{f}");
            (
                said(&f["code"]),
                said(&f["severity"]),
                field,
                line,
                column,
                said(&f["fix"]["replacement"]),
            )
        })
        .collect()
}

/// The same bank number written with or without the spaces and dashes it is printed with, or
/// in lower case, is the same account: nothing when it is typed bare (the form a bank form
/// takes: Amazon's sort code field takes six digits), else a warning whose safe fix is the
/// bare, capitalised number. Never an error, and exit 0.
#[test]
fn formatting_only_bank_differences_are_warnings_with_the_bare_number() {
    let owned = |v: &[(&str, &str, &str, u64, u64, &str)]| -> Vec<_> {
        v.iter()
            .map(|(c, s, f, l, col, fix)| {
                (
                    c.to_string(),
                    s.to_string(),
                    f.to_string(),
                    *l,
                    *col,
                    fix.to_string(),
                )
            })
            .collect()
    };
    for rel in [
        "BC312/clean-sort-code-digits.toml",
        "BC309/clean-account-digits.toml",
    ] {
        let (json, code) = run(rel, &[]);
        assert_eq!(errors_and_warnings(&json), Vec::<String>::new(), "{rel}");
        assert_eq!(code, 0, "{rel}");
    }
    let (json, code) = run("BC312/fires-sort-code-dashes.toml", &["--show-values"]);
    assert_eq!(
        reported(&json),
        owned(&[
            (
                "BC312",
                "warning",
                "amazon.deposit_method.sort_code",
                19,
                13,
                "040605"
            ),
            (
                "BC205",
                "warning",
                "amazon.deposit_method.account_number",
                20,
                23,
                "41827365"
            ),
        ])
    );
    assert_eq!(code, 0);
    let (json, code) = run("BC309/fires-account-dash.toml", &["--show-values"]);
    assert_eq!(
        reported(&json),
        owned(&[
            (
                "BC309",
                "warning",
                "ozon.payout_account.account_number",
                14,
                18,
                "582114430"
            ),
            (
                "BC309",
                "warning",
                "ozon.payout_account.swift_bic",
                15,
                13,
                "DHBKHKHH"
            ),
            (
                "BC308",
                "warning",
                "ozon.payout_account.swift_bic",
                15,
                13,
                "DHBKHKHH"
            ),
        ])
    );
    assert_eq!(code, 0);
    let (json, code) = run("BC307/fires-lower-case.toml", &["--show-values"]);
    assert_eq!(
        reported(&json),
        owned(&[
            (
                "BC307",
                "warning",
                "ozon.payout_account.iban",
                9,
                8,
                "DE89370400440532013000"
            ),
            (
                "BC308",
                "warning",
                "ozon.payout_account.swift_bic",
                10,
                13,
                "DEUTDEFF"
            ),
        ])
    );
    assert_eq!(
        findings(&json)[0]["message"],
        "`ozon.payout_account.iban` is written in lower case; the same IBAN in capitals is DE89370400440532013000"
    );
    assert_eq!(code, 0);
    let (json, code) = run("BC205/fires-sort-code-groups.toml", &["--show-values"]);
    let grouped = only(&json, "BC205");
    assert_eq!(
        (
            grouped["severity"].as_str(),
            place(grouped),
            grouped["fix"]["replacement"].as_str()
        ),
        (
            Some("warning"),
            ("amazon.deposit_method.sort_code".into(), 18, 16),
            Some("040605")
        )
    );
    assert_eq!(
        grouped["message"],
        "`amazon.deposit_method.sort_code` is written in groups with spaces (first at character 3); the form takes the number without them"
    );
    assert!(with_code(&json, "BC312").is_empty(), "{json:#}");
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
fn bc313_near_misses_stay_clean() {
    // Valid ACH and Fedwire numbers; a Canadian routing number is not judged as an ABA one.
    for rel in ["BC313/clean.toml", "BC313/clean-not-us.toml"] {
        let (json, code) = run(rel, &[]);
        assert!(with_code(&json, "BC313").is_empty(), "{rel}: {json:#}");
        assert_eq!(code, 0, "{rel}");
    }
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

/// A bank's public codes name a bank, not an account: messages, fixes and the quoted source
/// line show them in full, so "310 differs from 0310" says what to fix; the account number of
/// the same profile stays masked, and two masked values that differ say where.
#[test]
fn bank_codes_are_shown_in_full_and_account_numbers_masked() {
    let (json, code) = run("BC312/fires-jp-bank-codes.toml", &[]);
    assert_eq!(code, 1);
    let messages: Vec<(&str, &str, Option<&str>)> = with_code(&json, "BC312")
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap(),
                f["message"].as_str().unwrap(),
                f["fix"]["replacement"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        messages,
        vec![
            (
                "amazon.deposit_method.bank_code",
                "`amazon.deposit_method.bank_code` (310) differs from `lianlian.receiving_account.bank_code` (0310), first at digit 1, counting digits only",
                Some("0310"),
            ),
            (
                "amazon.deposit_method.branch_code",
                "`amazon.deposit_method.branch_code` (1010) differs from `lianlian.receiving_account.branch_code` (101), first at digit 4, counting digits only",
                Some("101"),
            ),
            (
                "amazon.deposit_method.account_number",
                "`amazon.deposit_method.account_number` (11*0458) differs from `lianlian.receiving_account.account_number` (11*0448): digit(s) 6 differ, counting digits only",
                None,
            ),
        ]
    );
    let human = bindcheck()
        .arg("diagnose")
        .arg(fixture("rules/BC312/fires-jp-bank-codes.toml"))
        .output()
        .unwrap();
    let human = String::from_utf8_lossy(&human.stdout);
    assert!(human.contains("   22 | bank_code = \"310\"\n"), "{human}");
    assert!(
        human.contains("   25 | account_number = \"11*0458\"\n"),
        "{human}"
    );
}

/// Two licence numbers masked alike (`91************7R5T` twice) differ at a place the
/// message names.
#[test]
fn masked_licence_numbers_that_differ_say_where() {
    let (json, _) = diagnose_rule_fixture("BC702/fires-letter-o.toml", &[]);
    assert_eq!(
        only(&json, "BC702")["message"],
        "`ozon.license_number` (91**O*********7R5T) is the seller's licence number `seller.license_number` (91**0*********7R5T) mistyped: 1 character(s) differ, first character 5, `O` where the licence has `0`; not another company's licence"
    );
}

#[test]
fn bc317_sort_code_and_account_number_must_be_the_ibans() {
    let (json, code) = run("BC317/fires.toml", &["--show-values"]);
    let found: Vec<(String, u64, u64, String, String)> = with_code(&json, "BC317")
        .iter()
        .map(|f| {
            let (field, line, column) = place(f);
            let fix = f["fix"]["replacement"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            (
                field,
                line,
                column,
                f["severity"].as_str().unwrap().into(),
                fix,
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "lianlian.receiving_account.sort_code".into(),
                8,
                13,
                "error".into(),
                "04-06-05".into()
            ),
            (
                "lianlian.receiving_account.account_number".into(),
                9,
                18,
                "error".into(),
                "91827364".into()
            ),
        ]
    );
    let sort_code = with_code(&json, "BC317")
        .into_iter()
        .find(|f| f["field"] == "lianlian.receiving_account.sort_code")
        .unwrap();
    assert_eq!(
        sort_code["message"],
        "`lianlian.receiving_account.sort_code` (04-06-15) is not the sort code the GB IBAN in `lianlian.receiving_account.iban` carries in characters 9–14 (04-06-05)"
    );
    assert_eq!(
        sort_code["related"][0]["field"],
        "lianlian.receiving_account.iban"
    );
    assert_eq!(sort_code["confidence"], "high");
    assert_eq!(sort_code["fix"]["applicability"], "unsafe");
    assert_eq!(code, 1);
}

#[test]
fn bc317_is_silent_on_matching_details_and_on_an_invalid_iban() {
    for fixture in ["BC317/clean.toml", "BC317/clean-invalid-iban.toml"] {
        let (json, _) = run(fixture, &[]);
        assert!(with_code(&json, "BC317").is_empty(), "{fixture}: {json:#}");
    }
    // The invalid IBAN is reported for itself.
    let (json, _) = run("BC317/clean-invalid-iban.toml", &[]);
    assert!(!with_code(&json, "BC307").is_empty(), "{json:#}");
}

#[test]
fn bc312_same_iban_in_another_currency_is_the_currency_to_correct() {
    let (json, code) = run("BC312/fires-currency-same-iban.toml", &[]);
    assert_eq!(code, 1);
    let f = only(&json, "BC312");
    assert_eq!(place(f), ("amazon.deposit_method.currency".into(), 21, 12));
    assert_eq!(f["severity"], "error");
    assert_eq!(
        f["message"],
        "`amazon.deposit_method.currency` is USD, but this deposit method has the IBAN of LianLian's receiving account, which is in EUR: one account has one currency"
    );
    assert_eq!(
        f["remediation"][0],
        "In Seller Central › Settings › Deposit Methods, set the currency of this deposit method to EUR: the IBAN is that of your LianLian EUR receiving account."
    );
    assert_eq!(
        f["fix"],
        json!({"applicability": "unsafe", "replacement": "EUR"})
    );
    // The IBAN is named as what makes the two one account.
    let related: Vec<&str> = f["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        related,
        [
            "lianlian.receiving_account.currency",
            "lianlian.receiving_account.iban"
        ]
    );
    // BC505 (converted payouts) is the same mistake: one cause, and no step says to open an
    // account the seller has.
    let causes = json["files"][0]["causes"].as_array().unwrap();
    assert_eq!(causes.len(), 1, "{causes:#?}");
    assert_eq!(causes[0]["code"], "BC312");
    assert!(
        !causes[0]["remediation"]
            .to_string()
            .contains("open (or apply for)")
    );
    let (json, _) = run("BC312/fires-currency-same-iban.toml", &["--lang", "zh"]);
    assert_eq!(
        only(&json, "BC312")["remediation"][0],
        "在卖家平台 › 设置 › 存款方式 中，把该存款方式的币种改为 EUR：所填的IBAN属于您的连连 EUR 收款账户。"
    );
    // Another account number in another currency is another LianLian account: not compared.
    let (json, _) = run("BC312/clean-other-currency.toml", &[]);
    assert!(with_code(&json, "BC312").is_empty());
}

#[test]
fn bc505_advice_names_the_lianlian_account_the_seller_has() {
    let (json, code) = run("BC505/fires-have-account.toml", &[]);
    assert_eq!(code, 0);
    let f = only(&json, "BC505");
    assert_eq!(place(f), ("amazon.deposit_method.currency".into(), 20, 12));
    assert_eq!(f["severity"], "warning");
    assert_eq!(
        f["remediation"][0],
        "Your LianLian receiving account (`lianlian.receiving_account`) is in EUR already: there is no account to open."
    );
    // Without a LianLian account in the marketplace's currency, the advice is to open one.
    let (json, _) = run("BC505/fires.toml", &[]);
    assert_eq!(
        only(&json, "BC505")["remediation"][0],
        "In LianLian Global › Receiving accounts, open (or apply for) a receiving account in the marketplace's currency."
    );
}

#[test]
fn bc312_numbers_differ_by_digit_not_by_character_as_printed() {
    let (json, code) = run("BC312/fires-sort-code-digits-swapped.toml", &[]);
    assert_eq!(code, 1);
    let f = only(&json, "BC312");
    assert_eq!(place(f), ("amazon.deposit_method.sort_code".into(), 19, 13));
    assert_eq!(
        f["message"],
        "`amazon.deposit_method.sort_code` (040057) differs from `lianlian.receiving_account.sort_code` (040075): digit(s) 5–6 differ, counting digits only"
    );
    assert_eq!(f["evidence"]["first_difference"], 5);
    assert_eq!(
        f["fix"],
        json!({"applicability": "unsafe", "replacement": "040075"})
    );
    let (json, _) = run(
        "BC312/fires-sort-code-digits-swapped.toml",
        &["--lang", "zh"],
    );
    assert_eq!(
        only(&json, "BC312")["message"],
        "`amazon.deposit_method.sort_code`（040057）与 `lianlian.receiving_account.sort_code`（040075）不一致：只数数字，第 5–6 位数字不同"
    );
    // Two separate digits, and numbers of different lengths.
    let text = std::fs::read_to_string(fixture("rules/BC312/fires-sort-code-digits-swapped.toml"))
        .unwrap()
        .replace("sort_code = \"040057\"", "sort_code = \"140076\"");
    let (json, _) = diagnose_text(&text, &[]);
    assert!(
        only(&json, "BC312")["message"]
            .as_str()
            .unwrap()
            .ends_with(": digit(s) 1, 6 differ, counting digits only"),
        "{json:#}"
    );
}
