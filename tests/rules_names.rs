//! BC101–BC103 end to end: names that must match character for character.

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
fn bc101_trailing_space() {
    let (json, code) = run("BC101/fires-trailing-space.toml", &[]);
    let f = only(&json, "BC101");
    assert_eq!(place(f), ("ozon.payout_account.account_name".into(), 7, 16));
    assert_eq!(f["evidence"]["kinds"], json!(["whitespace"]));
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .ends_with("(spaces): \"SHENZHEN XINGHE TECHNOLOGY CO., LTD. \" vs \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"; first difference at character 37"),
        "{f}"
    );
    let d = &f["evidence"]["differences"][0];
    assert_eq!(
        (&d["actual_index"], &d["actual_text"], &d["expected_text"]),
        (&json!(37), &json!(" "), &json!(""))
    );
    assert_eq!(code, 1);
}

#[test]
fn bc101_zero_width_space_written_as_escape_is_located_at_the_escape() {
    let (json, code) = run("BC101/fires-zwsp-escape.toml", &[]);
    let f = only(&json, "BC101");
    assert_eq!(place(f), ("ozon.payout_account.account_name".into(), 7, 16));
    assert_eq!(f["evidence"]["kinds"], json!(["invisible"]));
    // `account_name = "SHENZHEN XINGHE\u200B …`: the backslash of the escape is column 32.
    assert_eq!(
        f["evidence"]["first_difference"],
        json!({"index": 16, "line": 7, "column": 32})
    );
    let d = &f["evidence"]["differences"][0];
    assert_eq!(
        (&d["kind"], &d["column"]),
        (&json!("invisible"), &json!(32))
    );
    let message = f["message"].as_str().unwrap();
    assert!(message.contains("(invisible characters)"), "{message}");
    assert!(
        message.ends_with("first difference at character 16"),
        "{message}"
    );
    assert!(!message.contains('\u{200B}'), "{message}");
    assert_eq!(code, 1);
}

#[test]
fn bc101_full_width_letters() {
    let (json, _) = run("BC101/fires-fullwidth.toml", &[]);
    let f = only(&json, "BC101");
    assert_eq!(f["evidence"]["kinds"], json!(["width"]));
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("(full-width characters)"),
        "{f}"
    );
    assert_eq!(
        f["evidence"]["differences"][0]["actual_text"],
        "ＳＨＥＮＺＨＥＮ"
    );
}

#[test]
fn bc101_legal_form_limited_vs_co_ltd() {
    let (json, _) = run("BC101/fires-legal-form.toml", &[]);
    let f = only(&json, "BC101");
    assert_eq!(f["evidence"]["kinds"], json!(["legal_form"]));
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .ends_with("(legal form): \"SHENZHEN XINGHE TECHNOLOGY LIMITED\" vs \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"; first difference at character 28"),
        "{f}"
    );
}

#[test]
fn bc101_amazon_holder_name_when_provider_is_lianlian() {
    let (json, code) = run("BC101/fires-amazon.toml", &[]);
    let f = only(&json, "BC101");
    assert_eq!(
        place(f),
        ("amazon.deposit_method.account_holder_name".into(), 8, 23)
    );
    assert_eq!(f["severity"], "error");
    assert!(
        f["remediation"][1].as_str().unwrap().starts_with(
            "Paste it into Seller Central › Settings › Deposit Methods › Account holder name"
        ),
        "{f}"
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
fn bc102_youxian_gongsi_for_youxian_zeren_gongsi() {
    let (json, code) = run("BC102/fires-ogp-legal-form.toml", &[]);
    let f = only(&json, "BC102");
    assert_eq!(place(f), ("ozon_global_pay.account_name".into(), 7, 16));
    assert_eq!(f["severity"], "error");
    assert_eq!(
        f["message"],
        "`ozon_global_pay.account_name` differs from the legal name in `seller.legal_name` \
         (legal form): \"深圳市星河科技有限公司\" vs \"深圳市星河科技有限责任公司\"; first \
         difference at character 10"
    );
    assert_eq!(
        f["evidence"]["differences"][0],
        json!({"kind": "legal_form", "expected_index": 8, "actual_index": 8,
               "expected_text": "有限责任公司", "actual_text": "有限公司", "line": 7, "column": 24})
    );
    assert_eq!(
        f["remediation"][1],
        "Make the Ozon Global Pay settlement account name read exactly: \"深圳市星河科技有限责任公司\"."
    );
    assert_eq!(code, 1);

    let (json, _) = run("BC102/fires-ogp-legal-form.toml", &["--lang", "zh"]);
    assert_eq!(
        only(&json, "BC102")["message"],
        "`ozon_global_pay.account_name` 与 `seller.legal_name` 中的注册名称不一致（公司类型写法）：\
         \"深圳市星河科技有限公司\" 对比 \"深圳市星河科技有限责任公司\"；从第 10 个字符开始不同"
    );
}

#[test]
fn bc102_limited_for_co_ltd_on_ozon() {
    let (json, code) = run("BC102/fires-ozon-limited.toml", &[]);
    let f = only(&json, "BC102");
    assert_eq!(place(f), ("ozon.payout_account.account_name".into(), 7, 16));
    assert_eq!(
        f["related"],
        json!([{"field": "ozon.legal_name", "line": 4, "column": 14}])
    );
    assert_eq!(f["evidence"]["kinds"], json!(["legal_form"]));
    assert_eq!(code, 1);
}

#[test]
fn bc102_punctuation() {
    let (json, _) = run("BC102/fires-ozon-punctuation.toml", &[]);
    let f = only(&json, "BC102");
    assert_eq!(f["evidence"]["kinds"], json!(["whitespace", "punctuation"]));
    assert_eq!(f["evidence"]["first_difference"]["index"], 16);
}

#[test]
fn bc102_amazon_bank_holder_vs_business_name() {
    let (json, code) = run("BC102/fires-amazon-bank.toml", &[]);
    let f = only(&json, "BC102");
    assert_eq!(
        place(f),
        ("amazon.deposit_method.account_holder_name".into(), 8, 23)
    );
    assert!(
        f["evidence"]["kinds"]
            .as_array()
            .unwrap()
            .contains(&json!("other"))
    );
    assert_eq!(code, 1);
}

#[test]
fn bc102_clean() {
    let (json, code) = run("BC102/clean.toml", &[]);
    assert!(with_code(&json, "BC102").is_empty(), "{json:#}");
    assert_eq!(code, 0);
}

#[test]
fn bc102_not_compared_with_a_chinese_ozon_legal_name() {
    // BC103 already says the Ozon legal name must be Latin; BC102 would tell the seller to
    // copy the Chinese name into the payout form.
    let (json, _) = run("BC102/clean-chinese-ozon-legal-name.toml", &[]);
    assert!(with_code(&json, "BC102").is_empty(), "{json:#}");
    assert_eq!(only(&json, "BC103")["field"], "ozon.legal_name");
}

#[test]
fn bc103_han_letters_in_ozon_legal_name() {
    let (json, code) = run("BC103/fires-han.toml", &[]);
    let f = only(&json, "BC103");
    // `legal_name = "Shenzhen 星河…`: the first Han letter is char 10, column 14 + 10.
    assert_eq!(place(f), ("ozon.legal_name".into(), 7, 24));
    assert_eq!(f["severity"], "error");
    assert_eq!(
        f["message"],
        "`ozon.legal_name` contains 2 non-Latin letter(s) (first: \"星\", Chinese (Han) script, at \
         character 10); this form accepts Latin letters only"
    );
    assert_eq!(
        f["remediation"][0],
        "Use the company's English name: \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\" (from `seller.legal_name_en`)."
    );
    assert_eq!(f["evidence"]["positions"], json!([10, 11]));
    assert_eq!(code, 1);

    let (json, _) = run("BC103/fires-han.toml", &["--lang", "zh"]);
    assert_eq!(
        only(&json, "BC103")["message"],
        "`ozon.legal_name` 含有 2 个非拉丁字母（第一个：第 10 个字符 \"星\"，汉字）；该表单只接受拉丁字母"
    );
}

#[test]
fn bc103_cyrillic_payout_name_without_suggestion() {
    let (json, code) = run("BC103/fires-payout-no-suggestion.toml", &[]);
    let f = only(&json, "BC103");
    assert_eq!(place(f), ("ozon.payout_account.account_name".into(), 4, 17));
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("(first: \"О\", Cyrillic script, at character 1)"),
        "{f}"
    );
    assert!(f["related"].as_array().unwrap().is_empty());
    assert!(f["fix"].is_null());
    assert_eq!(code, 1);
}

#[test]
fn bc103_clean_accented_latin() {
    let (json, code) = run("BC103/clean.toml", &[]);
    assert!(with_code(&json, "BC103").is_empty(), "{json:#}");
    assert_eq!(code, 0);
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

/// A Cyrillic letter that looks Latin is named as a look-alike character, not as a missing
/// legal form, spaces or punctuation.
#[test]
fn bc101_look_alike_letters_are_named_as_such() {
    let (json, code) = run("BC101/fires-look-alike.toml", &[]);
    let f = only(&json, "BC101");
    assert_eq!(f["evidence"]["kinds"], json!(["look_alike"]));
    assert_eq!(
        f["message"],
        "`ozon.payout_account.account_name` differs from `lianlian.receiving_account.account_name` (look-alike character from another alphabet): \"SHENZHEN XINGHE TE\u{0421}HNOLOGY \u{0421}O., LTD.\" vs \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"; first difference at character 19"
    );
    assert_eq!(
        f["evidence"]["differences"][0],
        json!({"kind": "look_alike", "expected_index": 19, "actual_index": 19,
               "expected_text": "C", "actual_text": "\u{0421}", "line": 8, "column": 35})
    );
    assert_eq!(code, 1);
    let (json, _) = run("BC101/fires-look-alike.toml", &["--lang", "zh"]);
    assert!(
        only(&json, "BC101")["message"]
            .as_str()
            .unwrap()
            .contains("（形近字符（其他文字的字母））"),
        "{json:#}"
    );
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
        "`ozon.legal_name` differs from the licence's Latin name `seller.legal_name_en` (legal form): \"SHENZHEN XINGHE TECHNOLOGY LTD\" vs \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"; first difference at character 28"
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
        "`ozon.legal_name` 与营业执照英文名称 `seller.legal_name_en` 不一致（公司类型写法）：\"SHENZHEN XINGHE TECHNOLOGY LTD\" 对比 \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"；从第 28 个字符开始不同"
    );
    for rel in ["BC104/clean.toml", "BC104/clean-chinese.toml"] {
        let (json, _) = run(rel, &[]);
        assert!(with_code(&json, "BC104").is_empty(), "{rel}");
    }
}
