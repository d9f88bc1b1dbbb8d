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
    let (json, code) = run("BC702/fires.toml", &[]);
    let f = only(&json, "BC702");
    assert_eq!(place(f), ("lianlian.license_number".into(), 7, 18));
    assert_eq!(
        f["message"],
        "`lianlian.license_number` (91************0Q3J) differs from `seller.license_number` (91************0Q2H), first at character 17"
    );
    assert_eq!(f["related"][0]["field"], "seller.license_number");
    assert_eq!(f["evidence"]["first_difference"], 17);
    assert!(!json.to_string().contains("91440300MA5FXH0Q3J"));
    assert_eq!(code, 1);
    let (json, _) = run("BC702/fires.toml", &["--show-values"]);
    assert_eq!(
        only(&json, "BC702")["message"],
        "`lianlian.license_number` (91440300MA5FXH0Q3J) differs from `seller.license_number` (91440300MA5FXH0Q2H), first at character 17"
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
