//! BC301–BC303: the LianLian Merchant ID.
//!
//! Each fixture's whole diagnosis is snapshotted by `tests/fixture_snapshots.rs`; the tests
//! here assert what a snapshot of a fixture cannot show: other flags (`--show-values`,
//! `--rules`, `--fail-on`, `--lang` on a near miss), profiles written inline, and properties
//! over several files.

mod common;
use bindcheck::rules::Family;
use common::*;

use common::diagnose_rule_fixture as run;

#[test]
fn bc301_one_character_short() {
    let (json, code) = run("BC301/fires-short.toml", &[]);
    let f = only(&json, "BC301");
    assert_eq!(place(f), ("lianlian.merchant_id".into(), 4, 15));
    assert_eq!(f["severity"], "error");
    assert_eq!(f["confidence"], "low");
    assert_eq!(
        f["message"],
        "`lianlian.merchant_id` (LL*****************0A7K, 23 characters) does not have the \
         expected form of a Merchant ID: exactly 24 ASCII letters and digits"
    );
    assert_eq!(code, 1);

    let (json, _) = run("BC301/fires-short.toml", &["--lang", "zh"]);
    assert_eq!(
        only(&json, "BC301")["message"],
        "`lianlian.merchant_id`（LL*****************0A7K，23 个字符）不符合商户号的预期格式：恰好 24 位 ASCII 字母和数字"
    );
}

#[test]
fn bc301_value_shown_only_with_show_values() {
    let (json, _) = run("BC301/fires-short.toml", &["--show-values"]);
    assert!(
        only(&json, "BC301")["message"]
            .as_str()
            .unwrap()
            .contains("(LL2024SZXH0000000000A7K, 23 characters)")
    );
}

#[test]
fn bc303_only_invisible_difference_says_so() {
    let text = "format = 1\n[lianlian]\nmerchant_id = \"LL2024SZXH0000000000A7K3\"\n\
                [ozon.payout_account]\nmerchant_id = \"LL2024SZXH\\u200B0000000000A7K3\"\n";
    let (json, _) = diagnose_text(text, &[]);
    let f = only(&json, "BC303");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("only by invisible characters or spaces, first at character 11"),
        "{f}"
    );
    // The value starts at column 16; its 11th character is the backslash of `\u200B`.
    assert_eq!(f["evidence"]["first_difference"]["column"], 26);
}

#[test]
fn bc303_does_not_offer_a_login_as_the_merchant_id() {
    let text = "format = 1\n[lianlian]\nmerchant_id = \"seller@example.com\"\n\
                [ozon.payout_account]\nmerchant_id = \"LL2024SZXH0000000000A7K3\"\n";
    let (json, _) = diagnose_text(text, &[]);
    assert!(with_code(&json, "BC303").is_empty(), "{json:#}");
    assert_eq!(only(&json, "BC302")["field"], "lianlian.merchant_id");
}

#[test]
fn clean_examples_have_no_merchant_id_findings() {
    for name in ["ozon-lianlian-clean.toml", "ozon-global-pay-clean.toml"] {
        let (json, _) = diagnose_json(&fixture(&format!("examples/{name}")), &[]);
        for code in family_codes(Family::MerchantId) {
            assert!(with_code(&json, code).is_empty(), "{name} {code}");
        }
    }
}
