//! BC301–BC303 end to end: the LianLian Merchant ID.

mod common;
use bindcheck::rules::Family;
use common::*;
use serde_json::json;

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
fn bc301_dashes_on_ozon() {
    let (json, code) = run("BC301/fires-ozon-dash.toml", &[]);
    let f = only(&json, "BC301");
    assert_eq!(place(f), ("ozon.payout_account.merchant_id".into(), 4, 15));
    assert_eq!(
        f["evidence"]["not_letter_or_digit_positions"],
        json!([7, 12])
    );
    assert_eq!(f["evidence"]["length"], 26);
    assert_eq!(code, 1);
}

#[test]
fn bc301_clean() {
    let (json, code) = run("BC301/clean.toml", &[]);
    assert!(with_code(&json, "BC301").is_empty(), "{json:#}");
    assert_eq!(code, 0);
}

#[test]
fn bc301_leaves_a_pasted_zero_width_space_to_the_character_rules() {
    // 24 letters and digits plus U+200B: the ID itself has the right form.
    let (json, _) = run("BC301/clean-zwsp.toml", &[]);
    assert!(with_code(&json, "BC301").is_empty(), "{json:#}");
}

#[test]
fn bc302_email() {
    let (json, code) = run("BC302/fires-email.toml", &[]);
    let f = only(&json, "BC302");
    assert_eq!(place(f), ("ozon.payout_account.merchant_id".into(), 4, 15));
    assert_eq!(f["severity"], "error");
    assert_eq!(
        f["message"],
        "`ozon.payout_account.merchant_id` holds an e-mail address (se************.com), not a Merchant ID"
    );
    assert_eq!(f["evidence"], json!({"kind": "email"}));
    // An e-mail is not also reported as a malformed Merchant ID.
    assert!(with_code(&json, "BC301").is_empty());
    assert!(!json.to_string().contains("seller@example.com"));
    assert_eq!(code, 1);

    let (json, _) = run("BC302/fires-email.toml", &["--lang", "zh"]);
    assert_eq!(
        only(&json, "BC302")["message"],
        "`ozon.payout_account.merchant_id` 填写的是邮箱地址（se************.com），不是商户号"
    );
}

#[test]
fn bc302_phone() {
    let (json, code) = run("BC302/fires-phone.toml", &[]);
    let f = only(&json, "BC302");
    assert_eq!(place(f), ("lianlian.merchant_id".into(), 4, 15));
    assert_eq!(
        f["message"],
        "`lianlian.merchant_id` holds a phone number (+8*********8000), not a Merchant ID"
    );
    assert!(!json.to_string().contains("13800138000"));
    assert_eq!(code, 1);
}

#[test]
fn bc302_login() {
    let (json, code) = run("BC302/fires-login.toml", &[]);
    let f = only(&json, "BC302");
    assert_eq!(place(f), ("ozon.payout_account.merchant_id".into(), 8, 15));
    assert_eq!(
        f["message"],
        "`ozon.payout_account.merchant_id` holds the LianLian login (xi*****2024, same as \
         `lianlian.login`), not the Merchant ID"
    );
    assert_eq!(
        f["related"],
        json!([{"field": "lianlian.login", "line": 5, "column": 9}])
    );
    assert!(!json.to_string().contains("xinghe_2024"));
    assert_eq!(code, 1);
}

#[test]
fn bc302_clean() {
    let (json, code) = run("BC302/clean.toml", &[]);
    assert!(with_code(&json, "BC302").is_empty(), "{json:#}");
    assert_eq!(code, 0);
}

#[test]
fn bc303_one_character_differs() {
    let (json, code) = run("BC303/fires.toml", &[]);
    let f = only(&json, "BC303");
    assert_eq!(place(f), ("ozon.payout_account.merchant_id".into(), 7, 15));
    assert_eq!(f["severity"], "error");
    assert_eq!(
        f["message"],
        "`ozon.payout_account.merchant_id` (LL******************A7X3) differs from \
         `lianlian.merchant_id` (LL******************A7K3), first at character 23"
    );
    assert_eq!(
        f["related"],
        json!([{"field": "lianlian.merchant_id", "line": 4, "column": 15}])
    );
    assert_eq!(
        f["evidence"]["first_difference"],
        json!({"index": 23, "line": 7, "column": 38})
    );
    assert_eq!(code, 1);

    let (json, _) = run("BC303/fires.toml", &["--lang", "zh"]);
    assert_eq!(
        only(&json, "BC303")["message"],
        "`ozon.payout_account.merchant_id`（LL******************A7X3）与 `lianlian.merchant_id`\
         （LL******************A7K3）不一致，从第 23 个字符开始不同"
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
fn bc303_clean() {
    let (json, code) = run("BC303/clean.toml", &[]);
    assert!(with_code(&json, "BC303").is_empty(), "{json:#}");
    assert_eq!(code, 0);
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
