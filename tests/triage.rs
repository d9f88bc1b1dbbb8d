//! Symptom re-ranking: `--symptom TEXT` and `[incident]` move the causes that explain what the
//! seller saw to the top; scores and `symptom_match` are in the JSON.

mod common;
use common::*;
use serde_json::{Value, json};

/// Two errors: BC601 (high confidence, prior 0.7 → 0.7) and BC602 (low, prior 0.7 → 0.28).
const TWO_CAUSES: &str = "format = 1
[lianlian]
ozon_channel = \"not_opened\"
[ozon]
payment_method = \"bank_transfer_swift\"
";

/// (code, score, symptom_match) of a finding or a cause of the JSON output.
fn scored(item: &Value) -> (String, f64, bool) {
    (
        item["code"].as_str().unwrap_or_default().to_string(),
        item["score"].as_f64().unwrap_or(-1.0),
        item["symptom_match"].as_bool().unwrap_or(false),
    )
}

/// (rank, code, score, symptom_match) of the BC601 / BC602 findings, in rank order.
fn ranking(json: &Value) -> Vec<(u64, String, f64, bool)> {
    findings(json)
        .iter()
        .filter(|f| f["code"] == "BC601" || f["code"] == "BC602")
        .map(|f| {
            let (code, score, matched) = scored(f);
            (f["rank"].as_u64().unwrap_or(0), code, score, matched)
        })
        .collect()
}

#[test]
fn without_a_symptom_confidence_and_prior_decide() {
    let (json, _) = diagnose_text(TWO_CAUSES, &[]);
    assert_eq!(
        ranking(&json),
        vec![
            (1, "BC601".into(), 0.7, false),
            (2, "BC602".into(), 0.28, false)
        ]
    );
}

#[test]
fn a_missing_lianlian_option_puts_the_channel_first() {
    let (json, _) = diagnose_text(TWO_CAUSES, &["--symptom", "LianLian option missing"]);
    assert_eq!(
        ranking(&json),
        vec![
            (1, "BC602".into(), 0.84, true),
            (2, "BC601".into(), 0.7, false)
        ]
    );
}

#[test]
fn invalid_merchant_id_is_explained_by_merchant_id_causes_only() {
    // The message appears at the Merchant ID step only: a channel that is not open does not
    // explain it, in any language.
    for symptom in [
        "Invalid Merchant ID",
        "绑定时提示商户号无效",
        "Ошибка: неверный Merchant ID",
    ] {
        let (json, _) = diagnose_text(TWO_CAUSES, &["--symptom", symptom]);
        assert_eq!(
            ranking(&json),
            vec![
                (1, "BC601".into(), 0.7, false),
                (2, "BC602".into(), 0.28, false)
            ],
            "{symptom}"
        );
    }
}

#[test]
fn payouts_not_arriving_puts_the_payment_method_first() {
    let (json, _) = diagnose_text(
        TWO_CAUSES,
        &[
            "--symptom",
            "test payment succeeded but payouts do not arrive",
        ],
    );
    assert_eq!(
        ranking(&json),
        vec![
            (1, "BC601".into(), 2.1, true),
            (2, "BC602".into(), 0.28, false)
        ]
    );
}

#[test]
fn chinese_and_russian_symptoms_match_too() {
    for symptom in ["连连渠道未授权", "Канал LianLian не авторизован"] {
        let (json, _) = diagnose_text(TWO_CAUSES, &["--symptom", symptom]);
        assert_eq!(
            ranking(&json)[0],
            (1, "BC602".into(), 0.84, true),
            "{symptom}"
        );
    }
    let (json, _) = diagnose_text(TWO_CAUSES, &["--symptom", "деньги не пришли"]);
    assert_eq!(ranking(&json)[0], (1, "BC601".into(), 2.1, true));
}

#[test]
fn incident_error_message_reranks_without_a_flag() {
    let text = format!("{TWO_CAUSES}[incident]\nerror_message = \"LianLian: pending review\"\n");
    let (json, _) = diagnose_text(&text, &[]);
    assert_eq!(
        ranking(&json),
        vec![
            (1, "BC602".into(), 0.84, true),
            (2, "BC601".into(), 0.7, false)
        ]
    );
}

#[test]
fn incident_test_payment_succeeded_means_payouts_not_arriving() {
    let text = format!("{TWO_CAUSES}[incident]\ntest_payment = \"succeeded\"\n");
    let (json, _) = diagnose_text(&text, &[]);
    assert_eq!(ranking(&json)[0], (1, "BC601".into(), 2.1, true));
}

#[test]
fn a_cause_that_explains_the_symptom_comes_before_errors_that_do_not() {
    // When a symptom is reported, the causes that explain it come first, then
    // severity. BC605 (warning) explains "payouts do not arrive"; BC602 (error) does not.
    let text = "format = 1
[lianlian]
ozon_channel = \"not_opened\"
[ozon]
payment_method = \"lianlian\"
default_payout_method = \"pingpong\"
";
    let order = |json: &Value| -> Vec<(String, bool)> {
        findings(json)
            .iter()
            .filter(|f| f["code"] == "BC602" || f["code"] == "BC605")
            .map(|f| {
                (
                    f["code"].as_str().unwrap_or_default().to_string(),
                    f["symptom_match"].as_bool().unwrap_or(false),
                )
            })
            .collect()
    };
    let (json, _) = diagnose_text(text, &["--symptom", "payouts do not arrive"]);
    assert_eq!(
        order(&json),
        vec![("BC605".to_string(), true), ("BC602".to_string(), false)]
    );
    // Without a symptom, severity decides.
    let (json, _) = diagnose_text(text, &[]);
    assert_eq!(
        order(&json),
        vec![("BC602".to_string(), false), ("BC605".to_string(), false)]
    );
}

#[test]
fn unknown_error_code_is_info_and_changes_no_score() {
    let text = format!("{TWO_CAUSES}[incident]\nerror_code = \"ERR_3021\"\n");
    let (json, code) = diagnose_text(&text, &[]);
    let f = only(&json, "BC806");
    assert_eq!(place(f), ("incident.error_code".into(), 7, 14));
    assert_eq!(f["severity"], "info");
    assert_eq!(
        f["message"],
        "the error code `ERR_3021` has no documented meaning; include it in the support ticket"
    );
    assert_eq!(
        ranking(&json),
        vec![
            (1, "BC601".into(), 0.7, false),
            (2, "BC602".into(), 0.28, false)
        ]
    );
    assert_eq!(code, 1);
    // The same code given as the symptom adds no meaning either.
    let (json, _) = diagnose_text(TWO_CAUSES, &["--symptom", "ERR_3021"]);
    assert_eq!(ranking(&json)[0], (1, "BC601".into(), 0.7, false));
}

#[test]
fn a_code_documented_by_a_rulepack_reranks() {
    let rules = fixture("rules/BC806/known-code.rules.toml");
    let rules = rules.to_str().unwrap();
    let text = format!("{TWO_CAUSES}[incident]\nerror_code = \"err_4007\"\n");
    let (json, _) = diagnose_text(&text, &["--rules", rules]);
    assert!(with_code(&json, "BC806").is_empty());
    assert_eq!(ranking(&json)[0], (1, "BC602".into(), 0.84, true));
    let (json, _) = diagnose_text(
        TWO_CAUSES,
        &["--rules", rules, "--symptom", "ERR_4007 on save"],
    );
    assert_eq!(ranking(&json)[0], (1, "BC602".into(), 0.84, true));
}

/// Each cause as (rank, leading code, symptom_match, unlikely).
fn cause_rows(json: &Value) -> Vec<(u64, String, bool, Option<String>)> {
    json["files"][0]["causes"]
        .as_array()
        .expect("causes")
        .iter()
        .filter(|c| c["code"] != "BC004")
        .map(|c| {
            (
                c["rank"].as_u64().unwrap_or(0),
                c["code"].as_str().unwrap_or_default().to_string(),
                c["symptom_match"].as_bool().unwrap_or(false),
                c["unlikely"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn row(
    rank: u64,
    code: &str,
    explains: bool,
    unlikely: Option<&str>,
) -> (u64, String, bool, Option<String>) {
    (
        rank,
        code.to_string(),
        explains,
        unlikely.map(str::to_string),
    )
}

/// A LianLian-on-Ozon profile with a 99 CNY balance, payouts defaulting to bank transfer.
const PAID_OUT: &str = "format = 1
[lianlian]
balance = \"99 CNY\"
ozon_channel = \"active\"
kyc_level = 3
[ozon]
payment_method = \"lianlian\"
default_payout_method = \"bank_transfer_swift\"
[incident]
test_payment = \"succeeded\"
payout_status = \"Processing via Bank Transfer\"
";

#[test]
fn a_test_payment_that_went_through_rules_out_the_balance_for_it() {
    // Issue 10: with "test payment succeeded" and a payout "Processing via Bank Transfer", a
    // 99 CNY balance (which would have made the test payment fail) ranked first.
    let (json, _) = diagnose_text(PAID_OUT, &[]);
    // The payout that went by bank transfer (BC607) is what the default payout method (BC605)
    // did: one cause.
    assert_eq!(
        cause_rows(&json),
        vec![
            row(1, "BC605", true, None),
            row(
                2,
                "BC501",
                false,
                Some(
                    "unlikely: a payout was already made (via bank transfer), so the binding itself went through; the test payment succeeded"
                )
            ),
        ]
    );
    assert_eq!(cause_codes(&json, 0), ["BC605", "BC607"]);
    let bc501 = &json["files"][0]["causes"][1];
    assert_eq!(
        bc501["ruled_out_by"],
        json!(["payout-via-bank-transfer", "test-payment-succeeded"])
    );
    // Never dropped, and worded in Chinese too.
    let (json, _) = diagnose_text(PAID_OUT, &["--lang", "zh"]);
    assert_eq!(
        cause_rows(&json)[1].3.as_deref(),
        Some("可能性低：已有一笔回款（经银行电汇）发出，说明绑定本身已完成；测试打款已成功")
    );
}

#[test]
fn a_ruled_out_cause_ranks_last_within_its_severity_and_is_not_boosted() {
    // BC501 and BC602 explain "test payment failed"-like symptoms but the test payment
    // succeeded; BC601 (an error the fact does not touch) ranks before them.
    let text = "format = 1
[lianlian]
balance = \"50 CNY\"
ozon_channel = \"not_opened\"
[ozon]
payment_method = \"bank_transfer_swift\"
";
    let (json, _) = diagnose_text(text, &["--symptom", "test payment succeeded"]);
    let unlikely = "unlikely: the test payment succeeded";
    assert_eq!(
        cause_rows(&json),
        vec![
            row(1, "BC601", true, None),
            row(2, "BC602", false, Some(unlikely)),
            row(3, "BC501", false, Some(unlikely)),
        ]
    );
    let bc602 = &findings(&json)
        .iter()
        .find(|f| f["code"] == "BC602")
        .expect("BC602")["score"];
    assert_eq!(bc602, 0.28);
    // The same fact from the profile's [incident].
    let with_incident = format!("{text}[incident]\ntest_payment = \"succeeded\"\n");
    let (json, _) = diagnose_text(&with_incident, &[]);
    assert_eq!(cause_rows(&json)[1], row(2, "BC602", false, Some(unlikely)));
}

#[test]
fn bank_transfer_in_the_reported_text_rules_nothing_out() {
    // Only a payout status says a payout was made; "bank transfer" in a description may be the
    // method the seller chose.
    let text = "format = 1
[lianlian]
balance = \"50 CNY\"
[incident]
test_payment = \"failed\"
";
    let (json, _) = diagnose_text(text, &["--symptom", "I chose bank transfer"]);
    // Not unlikely; and not lifted either: what the seller describes (read as the bank-transfer
    // symptom) outranks the symptom the failed test payment implies.
    assert_eq!(cause_rows(&json), vec![row(1, "BC501", false, None)]);
    let (json, _) = diagnose_text(text, &[]);
    assert_eq!(cause_rows(&json), vec![row(1, "BC501", true, None)]);
}

#[test]
fn invalid_merchant_id_does_not_lift_an_account_name_case_difference() {
    // Issue 10: "Invalid Merchant ID" boosted an account-name case difference above the
    // Merchant ID. The name mismatch explains no Merchant ID error.
    let text = "format = 1
[lianlian]
merchant_id = \"LL2024SZXH0000000000A7K3\"
[lianlian.receiving_account]
account_name = \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"
[ozon]
legal_name = \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"
[ozon.payout_account]
account_name = \"Shenzhen Xinghe Technology Co., Ltd.\"
merchant_id = \"LL2024SZXH0000000000A7K4\"
";
    let (json, _) = diagnose_text(text, &["--symptom", "Invalid Merchant ID"]);
    assert_eq!(
        cause_rows(&json),
        vec![row(1, "BC303", true, None), row(2, "BC102", false, None)]
    );
    // BC101 and BC102 name the same value to enter: one cause, not boosted.
    let name = &json["files"][0]["causes"][1];
    assert_eq!(name["findings"], json!([2, 3]));
    assert_eq!(name["score"], 0.8);
}

#[test]
fn a_failed_test_payment_puts_a_low_balance_first() {
    // Issue 10: "test payment failed" with a 50 CNY balance ranked two name findings above it.
    let text = "format = 1
[lianlian]
balance = \"50 CNY\"
[lianlian.receiving_account]
account_name = \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"
[ozon]
legal_name = \"SHENZHEN XINGHE TECHNOLOGY CO LTD\"
[ozon.payout_account]
account_name = \"Shenzhen Xinghe Technology Co., Ltd.\"
[incident]
test_payment = \"failed\"
";
    let (json, _) = diagnose_text(text, &[]);
    assert_eq!(
        cause_rows(&json),
        vec![
            row(1, "BC501", true, None),
            row(2, "BC102", false, None),
            row(3, "BC101", false, None),
        ]
    );
    let (json, _) = diagnose_text(
        &text.replace("test_payment = \"failed\"\n", ""),
        &["--symptom", "test payment failed"],
    );
    assert_eq!(cause_rows(&json)[0], row(1, "BC501", true, None));
}

#[test]
fn kyc_level_three_is_fixed_before_the_channel_can_be_opened() {
    let text = "format = 1
[lianlian]
kyc_level = 2
ozon_channel = \"not_opened\"
[ozon]
payment_method = \"lianlian\"
[incident]
error_message = \"test payment failed\"
";
    let (json, _) = diagnose_text(text, &[]);
    // BC602 explains the symptom and scores higher, but it cannot be fixed before BC703.
    assert_eq!(
        cause_rows(&json),
        vec![row(1, "BC703", false, None), row(2, "BC602", true, None)]
    );
    let causes = json["files"][0]["causes"].as_array().expect("causes");
    assert_eq!(causes[0]["fix_before"], json!([2]));
    assert_eq!(causes[1]["fix_first"], json!([1]));
    assert_eq!(
        causes[0]["notes"],
        json!([
            "Fix this first: cause 2 (LianLian Ozon channel not opened) can only be fixed after it."
        ])
    );
    assert_eq!(
        causes[1]["notes"],
        json!([
            "Fix cause 1 (KYC verification incomplete) first: this one cannot be fixed before it."
        ])
    );
    let (json, _) = diagnose_text(text, &["--lang", "zh"]);
    let causes = json["files"][0]["causes"].as_array().expect("causes");
    assert_eq!(
        causes[1]["notes"],
        json!(["请先处理原因 1（实名认证未完成）：它解决之前，此项无法完成。"])
    );
    assert_eq!(
        causes[0]["notes"],
        json!(["请先处理此项：原因 2（连连的 Ozon 渠道未开通）要等它解决后才能完成。"])
    );
}

#[test]
fn an_error_code_given_as_the_symptom_is_reported_like_incident_error_code() {
    let (json, _) = diagnose_text(TWO_CAUSES, &["--symptom", "ERR_4007 when saving"]);
    let f = only(&json, "BC806");
    assert_eq!(place(f), ("--symptom".into(), 1, 1));
    assert_eq!(f["severity"], "info");
    assert_eq!(
        f["message"],
        "the error code `ERR_4007` has no documented meaning; include it in the support ticket"
    );
    // It is reported once when the profile holds the same code.
    let text = format!("{TWO_CAUSES}[incident]\nerror_code = \"err_4007\"\n");
    let (json, _) = diagnose_text(&text, &["--symptom", "ERR_4007"]);
    assert_eq!(
        place(only(&json, "BC806")),
        ("incident.error_code".into(), 7, 14)
    );
    // A documented code is no BC806, and reports its symptoms (see the test above).
    let rules = fixture("rules/BC806/known-code.rules.toml");
    let (json, _) = diagnose_text(
        TWO_CAUSES,
        &["--rules", rules.to_str().unwrap(), "--symptom", "ERR_4007"],
    );
    assert!(with_code(&json, "BC806").is_empty());
    // Ordinary words are no error codes.
    let (json, _) = diagnose_text(TWO_CAUSES, &["--symptom", "binding failed on 2026-11-20"]);
    assert!(with_code(&json, "BC806").is_empty());
    // On a terminal it points at the option, not at a line of the file.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    std::fs::write(&path, TWO_CAUSES).unwrap();
    let out = bindcheck()
        .arg("diagnose")
        .arg(&path)
        .args(["--symptom", "ERR_4007"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("info[BC806] unknown-error-code: Error code with no known meaning\n   --> given with --symptom\n   the error code `ERR_4007`"),
        "{text}"
    );
}

/// A profile with one mistake of each kind a symptom can point at.
const MANY: &str = "format = 1
[seller]
legal_name = \"深圳市星河科技有限公司\"
registered_address = \"广东省深圳市南山区粤海街道科技园路1号\"
[lianlian]
merchant_id = \"LL2024SZXH0000000000A7K3\"
kyc_level = 3
balance = \"50 CNY\"
ozon_channel = \"pending_review\"
[lianlian.receiving_account]
account_name = \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"
[ozon]
legal_name = \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"
registered_address = \"广东深圳南山\"
payment_method = \"lianlian\"
default_payout_method = \"bank_transfer_swift\"
[ozon.payout_account]
account_name = \"Shenzhen Xinghe Technology Co., Ltd.\"
merchant_id = \"LL2024SZXH0000000000A7K4\"
[amazon]
two_step_verification = false
[amazon.deposit_method]
provider = \"lianlian\"
account_holder_name = \"SHENZHEN XINGHE TECHNOLOGY CO LTD\"
";

#[test]
fn each_symptom_is_explained_only_by_its_causes_which_come_first() {
    // (reported text, the causes that explain it as "CODE@field", in rank order)
    let cases: &[(&str, &[&str])] = &[
        (
            "Invalid Merchant ID",
            &["BC303@ozon.payout_account.merchant_id"],
        ),
        // The seller ID is Ozon's own number, not LianLian's Merchant ID.
        ("Неверный ID продавца", &[]),
        ("invalid seller ID", &[]),
        (
            "account name does not match",
            &[
                "BC102@ozon.payout_account.account_name",
                "BC101@amazon.deposit_method.account_holder_name",
            ],
        ),
        (
            "deposit method rejected",
            &[
                "BC101@amazon.deposit_method.account_holder_name",
                "BC802@amazon.two_step_verification",
            ],
        ),
        // A channel that is not authorised cannot carry the test payment either (the fact
        // "test payment succeeded" rules it out for the same reason).
        (
            "test payment failed",
            &["BC603@lianlian.ozon_channel", "BC501@lianlian.balance"],
        ),
        (
            "payouts do not arrive",
            &[
                "BC102@ozon.payout_account.account_name",
                "BC605@ozon.default_payout_method",
            ],
        ),
        (
            "Processing via Bank Transfer",
            &["BC605@ozon.default_payout_method"],
        ),
        ("pending review", &["BC603@lianlian.ozon_channel"]),
        (
            "rejected by risk control",
            &["BC401@ozon.registered_address"],
        ),
        (
            "binding failed",
            &[
                "BC102@ozon.payout_account.account_name",
                "BC303@ozon.payout_account.merchant_id",
                "BC101@amazon.deposit_method.account_holder_name",
                "BC603@lianlian.ozon_channel",
                "BC501@lianlian.balance",
                "BC401@ozon.registered_address",
            ],
        ),
        ("it keeps failing", &[]),
    ];
    for (symptom, expected) in cases {
        let (json, _) = diagnose_text(MANY, &["--symptom", symptom]);
        let all = findings(&json);
        let causes = json["files"][0]["causes"].as_array().expect("causes");
        let explaining: Vec<String> = causes
            .iter()
            .filter(|c| c["symptom_match"] == true)
            .map(|c| {
                let lead = &all[c["findings"][0].as_u64().unwrap_or(1) as usize - 1];
                format!(
                    "{}@{}",
                    c["code"].as_str().unwrap_or_default(),
                    lead["field"].as_str().unwrap_or_default()
                )
            })
            .collect();
        assert_eq!(&explaining, expected, "{symptom}");
        // They come first.
        for (i, cause) in causes.iter().take(expected.len()).enumerate() {
            assert_eq!(cause["symptom_match"], true, "{symptom}: cause {}", i + 1);
        }
    }
}

/// (leading code, score, symptom_match) of each cause of a profile under `fixtures/causes/`
/// diagnosed with `--symptom TEXT`, BC004 left out.
fn cause_scores(case: &str, symptom: &str) -> Vec<(String, f64, bool)> {
    let (json, _) = diagnose_json(&fixture(&format!("causes/{case}")), &["--symptom", symptom]);
    scored_causes(&json)
}

/// (leading code, score, symptom_match) of each cause of the first file, BC004 left out.
fn scored_causes(json: &Value) -> Vec<(String, f64, bool)> {
    json["files"][0]["causes"]
        .as_array()
        .expect("causes")
        .iter()
        .filter(|c| c["code"] != "BC004")
        .map(scored)
        .collect()
}

#[test]
fn a_telling_symptom_silences_the_generic_one_in_every_language() {
    // "Binding failed" alone boosts every cause that can make a binding fail: the name (BC102)
    // as much as the Merchant ID (BC303).
    assert_eq!(
        cause_scores("invalid-merchant-id.toml", "binding failed"),
        vec![
            ("BC102".to_string(), 2.4, true),
            ("BC303".to_string(), 2.4, true)
        ]
    );
    // Said together with "Invalid Merchant ID", it adds nothing: the Merchant ID cause alone
    // explains what was reported.
    for symptom in [
        "Binding failed: Invalid Merchant ID",
        "绑定失败：商户号无效",
        "Ошибка привязки: неверный Merchant ID",
    ] {
        assert_eq!(
            cause_scores("invalid-merchant-id.toml", symptom),
            vec![
                ("BC303".to_string(), 2.4, true),
                ("BC102".to_string(), 0.8, false)
            ],
            "{symptom}"
        );
    }
}

/// The causes of `fixtures/causes/invalid-merchant-id.toml` when the symptom lifts `lifted`
/// (BC303 or BC102) above the other: (code, score, symptom_match) of each.
fn lifted(lifted: &str) -> Vec<(String, f64, bool)> {
    let other = if lifted == "BC303" { "BC102" } else { "BC303" };
    vec![
        (lifted.to_string(), 2.4, true),
        (other.to_string(), 0.8, false),
    ]
}

#[test]
fn common_wordings_are_read_whatever_their_case_width_and_spacing() {
    let merchant_id_first = lifted("BC303");
    for symptom in [
        "Incorrect Merchant ID",
        "invalid MerchantID",
        "ＩＮＶＡＬＩＤ merchant\u{3000}id",
        "商户号不正确",
        "商户 ID 无效",
        "Неправильный MerchantID",
    ] {
        assert_eq!(
            cause_scores("invalid-merchant-id.toml", symptom),
            merchant_id_first,
            "{symptom}"
        );
    }
    for symptom in [
        "户名不匹配",
        "Account names do not match",
        "Имя не совпадает",
    ] {
        assert_eq!(
            cause_scores("invalid-merchant-id.toml", symptom),
            vec![
                ("BC102".to_string(), 2.4, true),
                ("BC303".to_string(), 0.8, false)
            ],
            "{symptom}"
        );
    }
    // A space the phrase does not have is not skipped: "I am locked" is no "aml" (blocked).
    assert_eq!(
        cause_scores("invalid-merchant-id.toml", "I am locked out")
            .iter()
            .filter(|c| c.2)
            .count(),
        0
    );
}

#[test]
fn a_finding_that_restates_the_payout_status_is_not_boosted_by_it() {
    // The payout status says "Processing via Bank Transfer". BC607 only repeats it; the
    // default payout method left on bank transfer (BC605) is what explains it, so BC607 is
    // part of that cause, not one of its own.
    let (json, _) = diagnose_json(&fixture("causes/fell-back-to-bank-transfer.toml"), &[]);
    assert_eq!(
        cause_rows(&json),
        vec![
            (1, "BC605".into(), true, None),
            (2, "BC606".into(), false, None),
        ]
    );
    assert_eq!(cause_codes(&json, 0), ["BC605", "BC607"]);
    assert_eq!(only(&json, "BC607")["score"], 0.24);
    assert_eq!(only(&json, "BC605")["score"], 0.6);
}

/// The codes of the findings of a cause (0-based), the leading one first.
fn cause_codes(json: &Value, cause: usize) -> Vec<String> {
    let all = findings(json);
    json["files"][0]["causes"][cause]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|rank| {
            let f = &all[rank.as_u64().unwrap_or(1) as usize - 1];
            f["code"].as_str().unwrap_or_default().to_string()
        })
        .collect()
}

#[test]
fn bank_transfer_chosen_while_binding_lianlian_is_one_cause_with_one_value() {
    // The payment method left on bank transfer while LianLian is bound (BC601) is why the
    // default payout method differs from it (BC605) and why the payout went by bank transfer
    // (BC607): one cause, fixed by choosing LianLian, with no step making bank transfer (which
    // Ozon suspended for Mainland China sellers) the default.
    let path = fixture("causes/swift-chosen-while-binding-lianlian.toml");
    for lang in ["en", "zh"] {
        let (json, code) = diagnose_json(&path, &["--lang", lang]);
        assert_eq!(code, 1);
        let causes = json["files"][0]["causes"].as_array().expect("causes");
        assert_eq!(causes.len(), 1, "{json:#}");
        assert_eq!(cause_codes(&json, 0), ["BC601", "BC607", "BC605"]);
        assert_eq!(
            causes[0]["fix"],
            json!({"applicability": "unsafe", "replacement": "lianlian"})
        );
        let steps = causes[0]["remediation"].to_string();
        assert!(steps.contains("Go to LianLian Payment"), "{steps}");
        for f in findings(&json) {
            let text = f["remediation"].to_string();
            assert!(
                !text.contains("default payout method to the method you bound (bank")
                    && !text.contains("设为已绑定的方式（银行"),
                "{text}"
            );
        }
    }
}

#[test]
fn an_ineligible_entity_comes_before_every_other_lianlian_on_ozon_fix() {
    let (json, _) = diagnose_json(&fixture("causes/individual-business.toml"), &[]);
    let causes = json["files"][0]["causes"].as_array().expect("causes");
    let rows: Vec<(String, Value, Value)> = causes
        .iter()
        .map(|c| {
            (
                c["code"].as_str().unwrap_or_default().to_string(),
                c["fix_first"].clone(),
                c["fix_before"].clone(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("BC701".into(), json!([]), json!([2, 3])),
            ("BC504".into(), json!([1]), json!([])),
            ("BC608".into(), json!([1]), json!([])),
        ]
    );
    assert_eq!(
        causes[1]["notes"],
        json!([
            "Fix cause 1 (Entity type not eligible for this channel) first: this one cannot be fixed before it."
        ])
    );
}

/// (leading code, score, symptom_match) of each cause of `fixtures/causes/invalid-merchant-id.toml`
/// (a Merchant ID with a hidden character, BC303, and an account name missing its full stop,
/// BC102) with `incident` appended, diagnosed with `args`; BC004 left out.
fn with_incident(incident: &str, args: &[&str]) -> Vec<(String, f64, bool)> {
    let base = std::fs::read_to_string(fixture("causes/invalid-merchant-id.toml")).expect("read");
    let (json, _) = diagnose_text(&format!("{base}\n[incident]\n{incident}"), args);
    scored_causes(&json)
}

#[test]
fn what_the_seller_saw_outranks_what_a_fact_implies() {
    let merchant_id_first = lifted("BC303");
    let name_first = lifted("BC102");
    // A test payment that succeeded implies "payouts do not arrive" (explained by the name), but
    // the message the seller saw is "Invalid Merchant ID": the Merchant ID cause alone is lifted.
    let seen = "error_message = \"Invalid Merchant ID\"\ntest_payment = \"succeeded\"\n";
    assert_eq!(with_incident(seen, &[]), merchant_id_first);
    // The same when the message comes from --symptom, in any language, or the fact from text.
    let fact = "test_payment = \"succeeded\"\n";
    for symptom in ["Invalid Merchant ID", "商户号无效", "неверный Merchant ID"] {
        assert_eq!(
            with_incident(fact, &["--symptom", symptom]),
            merchant_id_first,
            "{symptom}"
        );
    }
    assert_eq!(
        with_incident(
            "",
            &["--symptom", "Invalid Merchant ID, test payment succeeded"]
        ),
        merchant_id_first
    );
    // With nothing else reported, the implied symptom stands.
    assert_eq!(with_incident(fact, &[]), name_first);
    // A message that says only that binding failed is no more telling: the implied symptom
    // joins it, and both causes are lifted.
    let vague = "error_message = \"Binding failed\"\ntest_payment = \"succeeded\"\n";
    assert_eq!(
        with_incident(vague, &[]),
        vec![
            ("BC102".to_string(), 2.4, true),
            ("BC303".to_string(), 2.4, true)
        ]
    );
    // A failed test payment implies the test-payment symptom, which neither cause explains:
    // the reported message still decides.
    let failed = "error_message = \"Invalid Merchant ID\"\ntest_payment = \"failed\"\n";
    assert_eq!(with_incident(failed, &[]), merchant_id_first);
}

#[test]
fn payouts_not_arriving_is_read_in_the_words_sellers_use() {
    let name_first = lifted("BC102");
    for symptom in [
        "回款没到账",
        "没有收到回款",
        "money not arriving",
        "Платёж не пришёл",
        "платеж не пришел",
        "payment didn't arrive",
    ] {
        assert_eq!(
            cause_scores("invalid-merchant-id.toml", symptom),
            name_first,
            "{symptom}"
        );
    }
}

#[test]
fn an_error_code_written_in_words_is_the_code() {
    for symptom in [
        "Error 4007",
        "error code 4007",
        "got error code: 4007 on save",
        "错误码：4007",
        "绑定失败，错误 4007",
        "Ошибка 4007",
    ] {
        let (json, _) = diagnose_text(TWO_CAUSES, &["--symptom", symptom]);
        let unknown: Vec<&str> = with_code(&json, "BC806")
            .iter()
            .map(|f| f["message"].as_str().unwrap_or_default())
            .collect();
        assert_eq!(
            unknown,
            [
                "the error code `ERR_4007` has no documented meaning; include it in the support ticket"
            ],
            "{symptom}"
        );
        // Documented by a rulepack, it re-ranks like ERR_4007 itself.
        let rules = fixture("rules/BC806/known-code.rules.toml");
        let (json, _) = diagnose_text(
            TWO_CAUSES,
            &["--rules", rules.to_str().unwrap(), "--symptom", symptom],
        );
        assert!(with_code(&json, "BC806").is_empty(), "{symptom}");
        assert_eq!(
            ranking(&json)[0],
            (1, "BC602".into(), 0.84, true),
            "{symptom}"
        );
    }
    // A number that is no error code stays a number.
    for symptom in ["tried 4007 times", "error on 2026-11-20", "error 12"] {
        let (json, _) = diagnose_text(TWO_CAUSES, &["--symptom", symptom]);
        assert!(with_code(&json, "BC806").is_empty(), "{symptom}");
    }
}

/// A profile under `fixtures/causes/` without its `[incident]` table: what `--symptom` reports
/// is then the only symptom.
fn without_incident(case: &str) -> String {
    let text = std::fs::read_to_string(fixture(&format!("causes/{case}"))).expect("reads");
    match text.find("[incident]") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

#[test]
fn a_name_mismatch_is_read_in_the_words_each_platform_and_seller_uses() {
    // The name of the Ozon Global Pay account lacks the licence's legal form (BC102); the
    // profile files no INN (BC708, an info that explains an account hold).
    let profile = without_incident("ogp-name-abbreviated.toml");
    for symptom in [
        "结算账户审核被拒：账户名称与营业执照不一致",
        "账户名称与营业执照不一致",
        "与营业执照不一致",
        "账户名称与连连收款账户不一致",
        "户名与开户许可证不符",
        "Получатель не совпадает",
        "Наименование получателя не совпадает с юридическим наименованием",
        "The account name on file does not match the business licence",
        "Payee name is inconsistent with the legal name",
    ] {
        let (json, _) = diagnose_text(&profile, &["--symptom", symptom]);
        assert_eq!(
            scored_causes(&json),
            vec![
                ("BC102".to_string(), 2.4, true),
                ("BC708".to_string(), 0.08, false)
            ],
            "{symptom}"
        );
    }
    // A name that is right beside another value that differs is no name mismatch: the gap of a
    // phrase stays within one clause.
    let (json, _) = diagnose_text(&profile, &["--symptom", "名称正确，地址不一致"]);
    assert_eq!(scored_causes(&json)[0], ("BC102".to_string(), 0.8, false));
    // The same message in the profile's incident reads the same.
    let (json, _) = diagnose_json(&fixture("causes/ogp-name-abbreviated.toml"), &[]);
    assert_eq!(scored_causes(&json)[0], ("BC102".to_string(), 2.4, true));
}

#[test]
fn an_info_never_outranks_an_error_in_diagnose_nor_in_the_ticket() {
    // "钱没到账": the balance below the payout minimum (BC503, an info) and the missing INN
    // (BC708, an info) explain it; the missing import/export rights (BC704, an error) do not,
    // but they block Ozon Global Pay whatever was reported.
    let path = fixture("causes/ogp-no-import-export-rights.toml");
    let (json, _) = diagnose_json(&path, &[]);
    let causes = scored_causes(&json);
    let order: Vec<(&str, bool)> = causes.iter().map(|c| (c.0.as_str(), c.2)).collect();
    assert_eq!(order, [("BC704", false), ("BC503", true), ("BC708", true)]);
    // The info does not say that nothing is wrong beside the error.
    let steps = json["files"][0]["causes"][1]["remediation"].to_string();
    assert!(steps.contains("The balance itself is no error"), "{steps}");
    assert!(!steps.contains("Nothing is wrong"), "{steps}");
    for (lang, first) in [("en", "\n1. error[BC704]"), ("zh", "\n1. 错误[BC704]")] {
        let human = bindcheck()
            .arg("diagnose")
            .arg(&path)
            .args(["--as-of", "2026-11-21", "--lang", lang])
            .output()
            .unwrap();
        let human = String::from_utf8_lossy(&human.stdout);
        assert!(human.contains(first), "{human}");
        assert!(!human.contains("没有出错"), "{human}");
    }
    // The ticket leads with the same cause.
    let ticket = bindcheck()
        .arg("ticket")
        .arg(&path)
        .args(["--as-of", "2026-11-21"])
        .output()
        .unwrap();
    let ticket = String::from_utf8_lossy(&ticket.stdout);
    assert!(
        ticket.contains(
            "    1. Import/export rights missing for Ozon Global Pay (this blocks the binding or the payout)\n"
        ),
        "{ticket}"
    );
    // Without the error, the info that explains the symptom comes first.
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "import_export_rights = false",
        "import_export_rights = true",
    );
    let (json, _) = diagnose_text(&text, &[]);
    assert_eq!(scored_causes(&json)[0], ("BC503".to_string(), 1.5, true));
}

#[test]
fn a_missing_permission_is_read_as_the_operator_role_in_every_language() {
    // Ozon's own message, and the ways sellers retell it.
    let profile = without_incident("ozon-operator-role.toml");
    for symptom in [
        "Только пользователь с ролью Менеджер может подключить LianLian Pay",
        "Only a user with the Manager role can activate LianLian Pay",
        "permission denied",
        "没有权限",
        "只有管理员角色才能绑定",
        "Недостаточно прав",
    ] {
        let (json, _) = diagnose_text(&profile, &["--symptom", symptom]);
        let causes = scored_causes(&json);
        assert_eq!(causes[0].0, "BC608", "{symptom}");
        assert!(causes[0].2, "{symptom}");
    }
    let (json, _) = diagnose_text(&profile, &["--symptom", "shipping label printed"]);
    assert!(!scored_causes(&json)[0].2);
}

#[test]
fn payments_on_hold_are_the_amazon_deposit_symptom_in_every_language() {
    let profile = without_incident("amazon-2sv-off.toml");
    for symptom in [
        "payments on hold",
        "Disbursement on hold",
        "付款被暂停",
        "回款被冻结",
        "Выплаты приостановлены",
    ] {
        let (json, _) = diagnose_text(&profile, &["--symptom", symptom]);
        let matched: Vec<bool> = scored_causes(&json).iter().map(|c| c.2).collect();
        assert_eq!(matched, [true, true], "{symptom}");
    }
}
