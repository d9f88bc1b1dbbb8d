//! BC304–BC311: identifiers and their check digits.
//!
//! Each fixture's whole diagnosis is snapshotted by `tests/fixture_snapshots.rs`; the tests
//! here assert what a snapshot of a fixture cannot show: other flags (`--show-values`,
//! `--rules`, `--fail-on`, `--lang` on a near miss), profiles written inline, and properties
//! over several files.

mod common;
use common::*;
use serde_json::{Value, json};

fn run(rel: &str, args: &[&str]) -> (Value, i32) {
    diagnose_json(&fixture(rel), args)
}

/// (code, field, line, column, severity, message) of every finding of the BC3xx identifier
/// family, in rank order.
fn bc3(json: &Value) -> Vec<(String, String, u64, u64, String, String)> {
    findings(json)
        .iter()
        .filter(|f| {
            let code = f["code"].as_str().unwrap_or_default();
            ("BC304".."BC312").contains(&code)
        })
        .map(|f| {
            let (field, line, column) = place(f);
            (
                f["code"].as_str().unwrap_or_default().to_string(),
                field,
                line,
                column,
                f["severity"].as_str().unwrap_or_default().to_string(),
                f["message"].as_str().unwrap_or_default().to_string(),
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
    message: &str,
) -> (String, String, u64, u64, String, String) {
    (
        code.into(),
        field.into(),
        line,
        column,
        severity.into(),
        message.into(),
    )
}

#[test]
fn bc304_letter_first_uscc_passes_and_non_cn_is_not_checked() {
    for rel in ["rules/BC304/clean.toml", "rules/BC304/clean-not-cn.toml"] {
        let (json, _) = run(rel, &[]);
        assert_eq!(bc3(&json), vec![], "{rel}");
        // The fixture gives each account a different (valid) licence number on purpose, so
        // the only errors are BC702's, never a BC304.
        let errors: Vec<&str> = findings(&json)
            .iter()
            .filter(|f| f["severity"] == "error")
            .map(|f| f["code"].as_str().unwrap())
            .collect();
        assert!(errors.iter().all(|c| *c == "BC702"), "{rel}: {errors:?}");
    }
}

#[test]
fn bc304_position_is_that_of_the_value_as_written() {
    // A zero-width space before the bad character is BC201's finding; BC304 still names the
    // character by its place in the value as typed (11, not 10). It is a finding about the
    // value, so it points at the value's opening quote; only BC2xx point at characters.
    let (json, _) = diagnose_text(
        "format = 1\n[seller]\nlicense_number = \"9\u{200B}1440300MO5FXH0Q2H\"\n",
        &[],
    );
    let f = only(&json, "BC304");
    assert_eq!(place(f), ("seller.license_number".into(), 3, 18));
    assert_eq!(f["evidence"]["position"], 11);
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .starts_with("`seller.license_number`: character 11 is `O`"),
        "{f}"
    );
    only(&json, "BC201");
}

#[test]
fn bc305_empty_inn_means_none() {
    let (json, _) = diagnose_text("format = 1\n[ozon]\ninn = \"\"\n", &[]);
    assert_eq!(bc3(&json), vec![]);
}

#[test]
fn bc309_mismatch_is_an_error_formatting_a_warning() {
    let (json, code) = run("rules/BC309/fires.toml", &[]);
    assert_eq!(
        bc3(&json),
        vec![
            row(
                "BC309",
                "ozon.payout_account.account_number",
                12,
                18,
                "error",
                "`ozon.payout_account.account_number` (79****5512) differs from `lianlian.receiving_account.account_number` (79****5521): digit(s) 9–10 differ, counting digits only"
            ),
            row(
                "BC309",
                "ozon.payout_account.swift_bic",
                13,
                13,
                "warning",
                "`ozon.payout_account.swift_bic` differs from `lianlian.receiving_account.swift_bic` only in spaces, dashes, case or an XXX branch code: the same account, written differently"
            ),
            row(
                "BC309",
                "ozon.payout_account.iban",
                14,
                8,
                "warning",
                "`ozon.payout_account.iban` differs from `lianlian.receiving_account.iban` only in spaces, dashes, case or an XXX branch code: the same account, written differently"
            ),
        ]
    );
    let f = &findings(&json)[0];
    assert_eq!(
        f["related"],
        json!([{"field": "lianlian.receiving_account.account_number", "line": 4, "column": 18}])
    );
    assert_eq!(f["evidence"]["first_difference"], 9);
    assert_eq!(code, 1);

    let (shown, _) = run("rules/BC309/fires.toml", &["--show-values"]);
    assert_eq!(
        findings(&shown)[0]["remediation"][1],
        "In Ozon Seller Center › Settings › Payments, replace the account number with: 7963105521"
    );

    let (json, code) = run("rules/BC309/clean.toml", &[]);
    assert_eq!(bc3(&json), vec![]);
    assert_eq!(code, 0);
}

#[test]
fn bc309_not_compared_when_ozon_pays_elsewhere() {
    let (json, _) = diagnose_text(
        "format = 1\n[lianlian.receiving_account]\naccount_number = \"1\"\n[ozon]\npayment_method = \"ozon_global_pay\"\n[ozon.payout_account]\naccount_number = \"2\"\n",
        &[],
    );
    assert!(with_code(&json, "BC309").is_empty(), "{json:#}");
}

#[test]
fn bc310_marketplace_id_and_shape() {
    // A marketplace ID (here Amazon.ca's) is a common mistake for the Merchant Token.
    let (json, code) = run("rules/BC310/fires.toml", &[]);
    assert_eq!(
        bc3(&json),
        vec![row(
            "BC310",
            "amazon.seller_id",
            4,
            13,
            "error",
            "`amazon.seller_id` is the marketplace ID of Amazon CA, not a Seller ID"
        )]
    );
    assert_eq!(code, 1);
    let (json, _) = run("rules/BC310/fires-shape.toml", &[]);
    assert_eq!(
        bc3(&json),
        vec![row(
            "BC310",
            "amazon.seller_id",
            4,
            13,
            "error",
            "`amazon.seller_id` does not have the shape of an Amazon Seller ID (Merchant Token)"
        )]
    );
    let (zh, _) = run("rules/BC310/fires.toml", &["--lang", "zh"]);
    assert_eq!(
        only(&zh, "BC310")["message"],
        "`amazon.seller_id` 是亚马逊 CA 站点的编号，不是卖家编号"
    );
    let (json, code) = run("rules/BC310/clean.toml", &[]);
    assert_eq!(bc3(&json), vec![]);
    assert_eq!(code, 0);
}

#[test]
fn clean_examples_have_no_identifier_findings() {
    for name in ["ozon-lianlian-clean.toml", "ozon-global-pay-clean.toml"] {
        let (json, _) = run(&format!("examples/{name}"), &[]);
        assert_eq!(bc3(&json), vec![], "{name}");
    }
}

/// Every marketplace ID Amazon publishes is recognised, Ireland and South Africa included.
#[test]
fn bc310_knows_every_published_marketplace_id() {
    for (rel, marketplace) in [
        ("rules/BC310/fires-ireland.toml", "IE"),
        ("rules/BC310/fires-south-africa.toml", "ZA"),
    ] {
        let (json, code) = run(rel, &[]);
        let f = only(&json, "BC310");
        assert_eq!(
            f["message"],
            format!(
                "`amazon.seller_id` is the marketplace ID of Amazon {marketplace}, not a Seller ID"
            )
        );
        assert_eq!(f["evidence"]["marketplace"], marketplace);
        assert_eq!(code, 1);
    }
    let out = bindcheck()
        .args(["explain", "BC310", "--format", "json"])
        .output()
        .unwrap();
    let explained: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids = explained["params"]["marketplace_ids"].as_object().unwrap();
    assert_eq!(ids.len(), 23, "{ids:?}");
    let sources: Vec<&str> = explained["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert!(
        sources.contains(&"amazon-sp-api-marketplace-ids"),
        "{sources:?}"
    );
}

#[test]
fn bc315_ozon_client_id_is_a_number() {
    for rel in ["rules/BC315/fires.toml", "rules/BC315/fires-api-key.toml"] {
        let (json, code) = run(rel, &[]);
        let f = only(&json, "BC315");
        assert_eq!(place(f), ("ozon.seller_id".into(), 4, 13), "{rel}");
        assert!(
            f["message"]
                .as_str()
                .unwrap()
                .ends_with("is not an Ozon Client-Id: character 1 is not a digit, and the Client-Id is a number"),
            "{rel}: {}",
            f["message"]
        );
        assert_eq!(code, 1, "{rel}");
    }
    let (json, _) = run("rules/BC315/fires.toml", &["--lang", "zh"]);
    assert_eq!(
        only(&json, "BC315")["message"],
        "`ozon.seller_id`（LL******************A7K3）不是 Ozon Client-Id：第 1 个字符不是数字，而 Client-Id 是一个数字"
    );
    // Digits pass; a trailing space is BC205's finding alone.
    let (json, code) = run("rules/BC315/clean.toml", &[]);
    assert!(with_code(&json, "BC315").is_empty());
    assert_eq!(code, 0);
    let (json, _) = run("rules/BC315/clean-trailing-space.toml", &[]);
    assert!(with_code(&json, "BC315").is_empty());
    assert_eq!(with_code(&json, "BC205").len(), 1);
}

#[test]
fn bc316_ogp_iban_from_another_country_than_lithuania() {
    let (json, code) = run("rules/BC316/fires.toml", &[]);
    let f = only(&json, "BC316");
    assert_eq!(place(f), ("ozon_global_pay.iban".into(), 9, 8));
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["confidence"], "low");
    assert_eq!(
        f["message"],
        "`ozon_global_pay.iban` is an IBAN from DE; Ozon's settlement guide says an Ozon Global Pay settlement account has an IBAN from LT"
    );
    assert_eq!(code, 0);
    for rel in [
        "rules/BC316/clean.toml",
        "rules/BC316/clean-invalid-iban.toml",
    ] {
        let (json, _) = run(rel, &[]);
        assert!(with_code(&json, "BC316").is_empty(), "{rel}");
    }
}

/// `lint --fix` on a copy of `fixtures/<rel>`: the bytes before and after, and the output.
fn lint_fix_copy(rel: &str) -> (String, String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let before = std::fs::read_to_string(fixture(rel)).expect("reads");
    std::fs::write(dir.path().join("p.toml"), &before).expect("writes");
    let (out, err, _) = lint_in(dir.path(), &["p.toml", "--fix"]);
    let after = std::fs::read_to_string(dir.path().join("p.toml")).expect("reads");
    (before, after, format!("{out}{err}"))
}

/// Each cause as its codes, the leading one first.
fn cause_codes(json: &Value) -> Vec<Vec<String>> {
    let all = findings(json);
    json["files"][0]["causes"]
        .as_array()
        .expect("causes")
        .iter()
        .map(|c| {
            c["findings"]
                .as_array()
                .expect("finding ranks")
                .iter()
                .map(|r| {
                    all[r.as_u64().unwrap() as usize - 1]["code"]
                        .as_str()
                        .unwrap()
                        .to_string()
                })
                .collect()
        })
        .collect()
}

#[test]
fn a_caption_copied_with_the_client_id_is_dropped_by_a_safe_fix() {
    let (json, code) = run("causes/client-id-with-caption.toml", &["--show-values"]);
    assert_eq!(code, 1);
    assert_eq!(cause_codes(&json), [["BC315", "BC205"]]);
    let bc315 = only(&json, "BC315");
    assert_eq!(place(bc315), ("ozon.seller_id".into(), 5, 13));
    assert_eq!(
        bc315["message"],
        "`ozon.seller_id` (Client-Id: 2145873) has the caption `Client-Id:` copied with the Client-Id; the Client-Id is the number after it"
    );
    assert_eq!(
        bc315["fix"],
        json!({"applicability": "safe", "replacement": "2145873"})
    );
    // Removing the space alone would leave `Client-Id:2145873`: BC205 offers no fix.
    let bc205 = only(&json, "BC205");
    assert_eq!(bc205["fix"], Value::Null);
    assert!(
        !bc205["remediation"]
            .to_string()
            .contains("Client-Id:2145873")
    );
    let (before, after, out) = lint_fix_copy("causes/client-id-with-caption.toml");
    assert_eq!(
        after,
        before.replace("\"Client-Id: 2145873\"", "\"2145873\""),
        "{out}"
    );
    // The caption as written, a space inside it included, in either language.
    let (json, _) = run("rules/BC315/fires-caption.toml", &["--lang", "zh"]);
    assert_eq!(
        only(&json, "BC315")["message"],
        "`ozon.seller_id`（Cl***********5873）把标签 `Client ID:` 和 Client-Id 一起复制进来了；Client-Id 是标签后面的数字"
    );
}

#[test]
fn a_character_repair_that_leaves_an_invalid_value_is_no_fix() {
    // The marketplace ID with a line break: without the line break it is still the
    // marketplace ID. One cause, led by BC310; `lint --fix` writes nothing.
    let (json, code) = run(
        "causes/marketplace-id-with-line-break.toml",
        &["--show-values"],
    );
    assert_eq!(code, 1);
    assert_eq!(cause_codes(&json), [["BC310", "BC205"]]);
    let bc205 = only(&json, "BC205");
    assert_eq!(place(bc205), ("amazon.seller_id".into(), 6, 27));
    assert_eq!(bc205["fix"], Value::Null);
    assert_eq!(bc205["severity"], "warning");
    assert_eq!(
        bc205["remediation"][0],
        "Repairing these characters is not enough: without them the value still fails its own check (see the other finding on `amazon.seller_id`)."
    );
    let cause = &json["files"][0]["causes"][0];
    assert_eq!(cause["severity"], "error");
    assert_eq!(cause["fix"], Value::Null);
    let (before, after, out) = lint_fix_copy("causes/marketplace-id-with-line-break.toml");
    assert_eq!(after, before, "{out}");
    assert!(out.contains("fixed 0 values in 0 files"), "{out}");
    // The same line break after a real Merchant Token is a plain, safe fix.
    let (json, _) = diagnose_text(
        "format = 1\n[amazon]\nseller_id = \"A3K7QZ9XPL2M4N\\n\"\nmarketplaces = [\"US\"]\n",
        &["--show-values"],
    );
    assert!(with_code(&json, "BC310").is_empty());
    assert_eq!(
        only(&json, "BC205")["fix"],
        json!({"applicability": "safe", "replacement": "A3K7QZ9XPL2M4N"})
    );
}
