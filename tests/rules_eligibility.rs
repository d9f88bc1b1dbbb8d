//! BC701–BC706, including the rulepack override of the Hong Kong conflict and the
//! date rules against `--as-of`.
//!
//! Each fixture's whole diagnosis is snapshotted by `tests/fixture_snapshots.rs`; the tests
//! here assert what a snapshot of a fixture cannot show: other flags (`--show-values`,
//! `--rules`, `--fail-on`, `--lang` on a near miss), profiles written inline, and properties
//! over several files.

mod common;
use common::*;

use common::diagnose_rule_fixture as run;

#[test]
fn bc701_individual_business_on_lianlian_ozon() {
    let (json, code) = run("BC701/fires.toml", &[]);
    let f = only(&json, "BC701");
    assert_eq!(place(f), ("seller.entity_type".into(), 4, 15));
    assert_eq!(
        f["message"],
        "`seller.entity_type` is an individual business (个体工商户), which cannot bind LianLian on Ozon"
    );
    assert_eq!(f["confidence"], "medium");
    assert_eq!(code, 1);
}

#[test]
fn bc701_hk_company_follows_ozon_by_default_and_the_faq_on_request() {
    let (json, code) = run("BC701/clean-hk.toml", &[]);
    assert!(with_code(&json, "BC701").is_empty(), "{json:#}");
    assert_eq!(code, 0);
    let rules = fixture("rules/BC701/hk-ineligible.rules.toml");
    let (json, code) = run("BC701/clean-hk.toml", &["--rules", rules.to_str().unwrap()]);
    let f = only(&json, "BC701");
    assert_eq!(place(f), ("seller.entity_type".into(), 4, 15));
    assert_eq!(
        f["message"],
        "`seller.entity_type` is a company registered in Hong Kong, which cannot bind LianLian on Ozon"
    );
    assert_eq!(code, 1);
}

#[test]
fn bc701_explain_states_the_conflict() {
    let out = bindcheck()
        .args(["explain", "BC701", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let note = json["note"].as_str().unwrap_or_default();
    assert!(note.contains("bindcheck follows Ozon"), "{json:#}");
    assert!(note.contains("lianlian_ozon_ineligible"), "{json:#}");
}

#[test]
fn bc702_masks_both_licence_numbers() {
    let (json, code) = run("BC702/fires-other-company.toml", &[]);
    let f = only(&json, "BC702");
    assert_eq!(place(f), ("lianlian.license_number".into(), 8, 18));
    assert_eq!(
        f["message"],
        "`lianlian.license_number` (91************7R5T) differs from `seller.license_number` (91************0Q2H), first at character 8"
    );
    assert_eq!(f["related"][0]["field"], "seller.license_number");
    assert_eq!(f["evidence"]["first_difference"], 8);
    assert_eq!(
        f["remediation"][0],
        "Check which licence each account was opened with."
    );
    assert_eq!(f["fix"], serde_json::Value::Null);
    assert!(!json.to_string().contains("91440304MA5G3N7R5T"));
    assert_eq!(code, 1);
    let (json, _) = run("BC702/fires-other-company.toml", &["--show-values"]);
    assert_eq!(
        only(&json, "BC702")["message"],
        "`lianlian.license_number` (91440304MA5G3N7R5T) differs from `seller.license_number` (91440300MA5FXH0Q2H), first at character 8"
    );
}

#[test]
fn bc702_a_mistyped_licence_number_is_a_typo_with_the_value_to_type() {
    // One letter O for the digit 0: masked alike, the two values show where they differ.
    let (json, code) = run("BC702/fires-letter-o.toml", &[]);
    assert_eq!(code, 1);
    let f = only(&json, "BC702");
    assert_eq!(place(f), ("ozon.license_number".into(), 12, 18));
    assert_eq!(
        f["message"],
        "`ozon.license_number` (91**O*********7R5T) is the seller's licence number `seller.license_number` (91**0*********7R5T) mistyped: 1 character(s) differ, first character 5, `O` where the licence has `0`; not another company's licence"
    );
    assert_eq!(f["fix"]["applicability"], "unsafe");
    let cause = &json["files"][0]["causes"][0];
    assert_eq!(cause["code"], "BC702");
    assert_eq!(
        cause["findings"].as_array().unwrap().len(),
        2,
        "BC304 on the same value joins the cause: {cause:#}"
    );
    let (json, _) = run("BC702/fires-letter-o.toml", &["--show-values"]);
    let f = only(&json, "BC702");
    assert_eq!(
        f["remediation"][0],
        "Retype the licence number exactly as the business licence prints it (营业执照, line 统一社会信用代码): 91440304MA5G3N7R5T"
    );
    assert_eq!(f["fix"]["replacement"], "91440304MA5G3N7R5T");
    let (json, _) = run("BC702/fires-letter-o.toml", &["--lang", "zh"]);
    assert_eq!(
        only(&json, "BC702")["message"],
        "`ozon.license_number`（91**O*********7R5T）是卖家执照号码 `seller.license_number`（91**0*********7R5T）的笔误：有 1 个字符不同，第一处是第 5 个字符，执照上是 `0`，这里是 `O`；并不是另一家公司的执照"
    );
    // Two characters swapped (an invalid check character) is a typo too.
    let (json, _) = diagnose_json(&fixture("causes/uscc-transposed.toml"), &[]);
    assert_eq!(only(&json, "BC702")["evidence"]["differences"], 2);
}

#[test]
fn bc304_a_lower_case_licence_number_is_the_same_code_in_capitals() {
    let (json, _) = diagnose_text(
        "format = 1\n[seller]\ncountry = \"CN\"\nlicense_number = \"91440300ma5fxh0q2h\"\n",
        &["--show-values"],
    );
    let f = only(&json, "BC304");
    assert_eq!(place(f), ("seller.license_number".into(), 4, 18));
    assert_eq!(f["severity"], "warning");
    assert_eq!(
        f["message"],
        "`seller.license_number` is written in lower case; the same Unified Social Credit Code in capitals is 91440300MA5FXH0Q2H"
    );
    assert_eq!(
        f["fix"],
        serde_json::json!({"applicability": "safe", "replacement": "91440300MA5FXH0Q2H"})
    );
}

#[test]
fn bc705_expired_yesterday_but_not_today() {
    let (json, code) = run("BC705/fires.toml", &[]);
    let f = only(&json, "BC705");
    assert_eq!(place(f), ("seller.license_expires".into(), 4, 19));
    assert_eq!(
        f["message"],
        "`seller.license_expires` is 2026-11-20, before today (2026-11-21)"
    );
    assert_eq!(code, 1);
    let (json, _) = run("BC705/clean-today.toml", &[]);
    assert!(with_code(&json, "BC705").is_empty());
    // --as-of moves "today": the same profile passes a day earlier.
    let out = bindcheck()
        .arg("diagnose")
        .arg(fixture("rules/BC705/fires.toml"))
        .args(["--format", "json", "--as-of", "2026-11-20"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(with_code(&json, "BC705").is_empty(), "{json:#}");
}

#[test]
fn bc707_individual_business_cannot_open_ogp() {
    let (json, code) = run("BC707/fires.toml", &[]);
    let f = only(&json, "BC707");
    assert_eq!(place(f), ("seller.entity_type".into(), 4, 15));
    assert_eq!(f["confidence"], "low");
    assert_eq!(
        f["message"],
        "`seller.entity_type` is an individual business (个体工商户); Ozon's settlement guide says Ozon Global Pay accounts are not opened for it"
    );
    assert_eq!(code, 1);
    // An enterprise on OGP, and a Hong Kong company on LianLian, are not concerned.
    for rel in ["BC707/clean.toml", "BC707/clean-lianlian.toml"] {
        let (json, _) = run(rel, &[]);
        assert!(with_code(&json, "BC707").is_empty(), "{rel}: {json:#}");
    }
}

#[test]
fn bc708_no_inn_with_ogp_is_an_info() {
    let (json, code) = run("BC708/fires.toml", &[]);
    let f = only(&json, "BC708");
    assert_eq!(place(f), ("ozon.inn".into(), 4, 7));
    assert_eq!(f["severity"], "info");
    assert_eq!(
        f["message"],
        "`ozon.inn` is empty: Ozon's settlement guide says an Ozon Global Pay settlement without an INN in Ozon's legal information risks an anti-money-laundering hold"
    );
    assert_eq!(code, 0);
    // No INN in the profile at all is no INN known: said at the [ozon] table.
    let (json, code) = run("BC708/fires-absent.toml", &[]);
    let f = only(&json, "BC708");
    assert_eq!(place(f), ("ozon.inn".into(), 15, 1));
    assert_eq!(f["severity"], "info");
    assert_eq!(
        f["message"],
        "the profile has no `ozon.inn`: Ozon's settlement guide says an Ozon Global Pay settlement without an INN in Ozon's legal information risks an anti-money-laundering hold"
    );
    assert_eq!(code, 0);
    for rel in [
        "BC708/clean.toml",
        "BC708/clean-lianlian.toml",
        "BC708/clean-lianlian-absent.toml",
    ] {
        let (json, _) = run(rel, &[]);
        assert!(with_code(&json, "BC708").is_empty(), "{rel}: {json:#}");
    }
}

#[test]
fn bc709_individual_business_licence_with_entity_type_enterprise() {
    let (json, code) = run("BC709/fires.toml", &[]);
    let f = only(&json, "BC709");
    assert_eq!(place(f), ("seller.entity_type".into(), 4, 15));
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["related"][0]["field"], "seller.license_number");
    assert_eq!(
        f["message"],
        "`seller.entity_type` is a company registered in mainland China (有限公司, 股份有限公司), but `seller.license_number` starts with 92: it is registered as an individual business (个体工商户)"
    );
    assert_eq!(
        f["remediation"][1],
        "Set `seller.entity_type = \"individual_business\"` if the licence says so, or correct `seller.license_number` if the number was mistyped; which payout channels the company may use depends on it."
    );
    assert!(
        with_code(&json, "BC304").is_empty(),
        "a valid USCC: {json:#}"
    );
    assert_eq!(code, 0);
    let (json, _) = run("BC709/fires.toml", &["--lang", "zh"]);
    assert_eq!(
        only(&json, "BC709")["message"],
        "`seller.entity_type` 为在中国大陆注册的公司（有限公司、股份有限公司），但 `seller.license_number` 以 92 开头：登记的是个体工商户"
    );
    for rel in ["BC709/clean.toml", "BC709/clean-individual.toml"] {
        let (json, _) = run(rel, &[]);
        assert!(with_code(&json, "BC709").is_empty(), "{rel}: {json:#}");
    }
}
