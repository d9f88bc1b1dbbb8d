//! BC101–BC103: names that must match character for character.
//!
//! Each fixture's whole diagnosis is snapshotted by `tests/fixture_snapshots.rs`; the tests
//! here assert what a snapshot of a fixture cannot show: other flags (`--show-values`,
//! `--rules`, `--fail-on`, `--lang` on a near miss), profiles written inline, and properties
//! over several files.

mod common;
use bindcheck::rules::Family;
use common::*;
use serde_json::json;

use common::diagnose_rule_fixture as run;

const LL_NAME: &str = "SHENZHEN XINGHE TECHNOLOGY CO., LTD.";

#[test]
fn bc101_case_only_difference() {
    let (json, code) = run("BC101/fires-case.toml", &[]);
    let f = only(&json, "BC101");
    assert_eq!(place(f), ("ozon.payout_account.account_name".into(), 7, 16));
    assert_eq!(f["severity"], "error");
    assert_eq!(
        f["message"],
        "`ozon.payout_account.account_name` differs from `lianlian.receiving_account.account_name` \
         (upper/lower case): \"Shenzhen Xinghe Technology Co., Ltd.\" vs \
         \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"; first difference at character 2"
    );
    assert_eq!(
        f["related"],
        json!([{"field": "lianlian.receiving_account.account_name", "line": 4, "column": 16}])
    );
    assert_eq!(f["evidence"]["kinds"], json!(["case"]));
    let diffs = f["evidence"]["differences"].as_array().unwrap();
    assert_eq!(diffs.len(), 5);
    assert_eq!(
        diffs[0],
        json!({"kind": "case", "expected_index": 2, "actual_index": 2, "expected_text": "HENZHEN",
               "actual_text": "henzhen", "line": 7, "column": 18})
    );
    assert_eq!(
        f["remediation"][1],
        format!(
            "Paste it into Ozon Seller Center › Settings › Payments › Account name so that it \
             reads exactly: \"{LL_NAME}\"."
        )
    );
    assert_eq!(
        f["fix"],
        json!({"applicability": "unsafe", "replacement": LL_NAME})
    );
    assert_eq!(code, 1);
}

#[test]
fn bc101_case_only_difference_in_chinese() {
    let (json, code) = run("BC101/fires-case.toml", &["--lang", "zh"]);
    let f = only(&json, "BC101");
    assert_eq!(
        f["message"],
        "`ozon.payout_account.account_name` 与 `lianlian.receiving_account.account_name` 不一致\
         （大小写）：\"Shenzhen Xinghe Technology Co., Ltd.\" 对比 \
         \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"；从第 2 个字符开始不同"
    );
    assert_eq!(
        f["remediation"][1],
        format!("粘贴到 Ozon 卖家中心 › 设置 › 付款 › 户名，使其与此完全一致：\"{LL_NAME}\"。")
    );
    assert_eq!(code, 1);
}

#[test]
fn bc101_clean() {
    for rel in ["BC101/clean.toml", "BC101/clean-amazon-bank.toml"] {
        let (json, code) = run(rel, &[]);
        assert!(with_code(&json, "BC101").is_empty(), "{rel}: {json:#}");
        assert_eq!(code, 0, "{rel}");
    }
}

#[test]
fn clean_examples_have_no_name_findings() {
    for name in [
        "ozon-lianlian-clean.toml",
        "ozon-global-pay-clean.toml",
        "amazon-lianlian-clean.toml",
        "amazon-lianlian-jp-clean.toml",
    ] {
        let (json, _) = diagnose_json(&fixture(&format!("examples/{name}")), &[]);
        for code in family_codes(Family::Names) {
            assert!(with_code(&json, code).is_empty(), "{name} {code}");
        }
    }
}

/// Two names that differ only by a no-break space do not print as two identical strings.
#[test]
fn bc101_no_break_space_is_shown_escaped() {
    let (json, _) = run("BC101/fires-no-break-space.toml", &[]);
    let f = only(&json, "BC101");
    assert_eq!(f["evidence"]["kinds"], json!(["whitespace"]));
    assert_eq!(
        f["message"],
        "`ozon.payout_account.account_name` differs from `lianlian.receiving_account.account_name` (spaces): \"SHENZHEN⟨U+00A0⟩XINGHE TECHNOLOGY CO., LTD.\" vs \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"; first difference at character 9"
    );
    // The value to enter is the name itself, not its escaped form.
    let (json, _) = run("BC101/fires-no-break-space.toml", &["--show-values"]);
    assert_eq!(only(&json, "BC101")["fix"]["replacement"], LL_NAME);
}

#[test]
fn bc102_ogp_latin_name_is_compared_with_the_latin_legal_name() {
    let (json, code) = run("BC102/fires-ogp-latin-abbreviated.toml", &[]);
    let f = only(&json, "BC102");
    assert_eq!(place(f), ("ozon_global_pay.account_name".into(), 14, 16));
    assert_eq!(f["related"][0]["field"], "seller.legal_name_en");
    assert_eq!(f["evidence"]["kinds"], json!(["legal_form"]));
    // The full name to enter, in Latin letters: never the Chinese licence name.
    assert_eq!(
        f["remediation"][1],
        format!("Make the Ozon Global Pay settlement account name read exactly: \"{LL_NAME}\".")
    );
    assert!(!f["remediation"].to_string().contains("深圳"));
    assert_eq!(code, 1);
    let (json, code) = run("BC102/clean-ogp-latin.toml", &[]);
    assert!(with_code(&json, "BC102").is_empty(), "{json:#}");
    assert_eq!(code, 0);
}

#[test]
fn bc104_abbreviated_legal_name_on_ozon() {
    let (json, code) = run("BC104/fires.toml", &[]);
    let f = only(&json, "BC104");
    assert_eq!(place(f), ("ozon.legal_name".into(), 8, 14));
    assert_eq!(f["severity"], "warning");
    assert_eq!(
        f["message"],
        "`ozon.legal_name` differs from `seller.legal_name_en` (legal form): \"SHENZHEN XINGHE TECHNOLOGY LTD\" vs \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"; first difference at character 28"
    );
    assert_eq!(
        f["remediation"][1],
        format!(
            "If the name registered on Ozon is abbreviated or different, ask Ozon support to correct it to: \"{LL_NAME}\" (attach the licence)."
        )
    );
    assert_eq!(code, 0);
    let (json, _) = run("BC104/fires.toml", &["--lang", "zh"]);
    assert_eq!(
        only(&json, "BC104")["message"],
        "`ozon.legal_name` 与 `seller.legal_name_en` 不一致（公司类型写法）：\"SHENZHEN XINGHE TECHNOLOGY LTD\" 对比 \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"；从第 28 个字符开始不同"
    );
    for rel in ["BC104/clean.toml", "BC104/clean-chinese.toml"] {
        let (json, _) = run(rel, &[]);
        assert!(with_code(&json, "BC104").is_empty(), "{rel}");
    }
}
