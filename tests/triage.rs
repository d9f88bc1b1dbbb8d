//! Symptom re-ranking: `--symptom TEXT` and `[incident]` move the causes that explain what the
//! seller saw to the top; scores and `symptom_match` are in the JSON.

mod common;
use common::*;
use serde_json::Value;

/// Two errors: BC601 (high confidence, prior 0.7 → 0.7) and BC602 (low, prior 0.7 → 0.28).
const TWO_CAUSES: &str = "format = 1
[lianlian]
ozon_channel = \"not_opened\"
[ozon]
payment_method = \"bank_transfer_swift\"
";

/// (rank, code, score, symptom_match) of the BC601 / BC602 findings, in rank order.
fn ranking(json: &Value) -> Vec<(u64, String, f64, bool)> {
    findings(json)
        .iter()
        .filter(|f| f["code"] == "BC601" || f["code"] == "BC602")
        .map(|f| {
            (
                f["rank"].as_u64().unwrap_or(0),
                f["code"].as_str().unwrap_or_default().to_string(),
                f["score"].as_f64().unwrap_or(-1.0),
                f["symptom_match"].as_bool().unwrap_or(false),
            )
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
fn invalid_merchant_id_puts_the_channel_first() {
    let (json, _) = diagnose_text(TWO_CAUSES, &["--symptom", "Invalid Merchant ID"]);
    assert_eq!(
        ranking(&json),
        vec![
            (1, "BC602".into(), 0.84, true),
            (2, "BC601".into(), 0.7, false)
        ]
    );
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
    for symptom in ["绑定时提示商户号无效", "Ошибка: неверный Merchant ID"]
    {
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
    let text = format!("{TWO_CAUSES}[incident]\nerror_message = \"Invalid Merchant ID\"\n");
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
    // SPEC §2: when a symptom is reported, the causes that explain it come first, then
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
