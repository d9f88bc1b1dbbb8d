//! BC401–BC403: the registered address.
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

const LICENCE: &str = "广东省深圳市南山区粤海街道科技园路1号";

#[test]
fn bc401_short_form_of_the_licence_address() {
    let (json, code) = run("BC401/fires-short-form.toml", &[]);
    let f = only(&json, "BC401");
    assert_eq!(place(f), ("ozon.registered_address".into(), 7, 22));
    assert_eq!(f["severity"], "warning");
    assert_eq!(
        f["message"],
        "`ozon.registered_address` names the same place as `seller.registered_address` but is \
         worded differently: the province is written without 省, the city is written without 市, \
         the district is written without 区/县/市, the street and number are missing"
    );
    assert_eq!(
        f["evidence"]["wording"],
        json!([
            "province_suffix_dropped",
            "city_suffix_dropped",
            "district_suffix_dropped",
            "less_specific_detail"
        ])
    );
    assert_eq!(
        f["related"],
        json!([{"field": "seller.registered_address", "line": 4, "column": 22}])
    );
    assert_eq!(
        f["remediation"][1],
        format!("Enter it on Ozon as: {LICENCE}")
    );
    assert_eq!(
        f["fix"],
        json!({"applicability": "unsafe", "replacement": LICENCE})
    );
    // A warning alone does not fail the run at the default --fail-on error.
    assert_eq!(code, 0);

    let (json, _) = run("BC401/fires-short-form.toml", &["--lang", "zh"]);
    let f = only(&json, "BC401");
    assert_eq!(
        f["message"],
        "`ozon.registered_address` 与 `seller.registered_address` 指同一地点，但写法不同：\
         省份少了“省”字、城市少了“市”字、区县少了“区”“县”“市”等字、缺少街道门牌"
    );
    assert_eq!(f["remediation"][1], format!("在 Ozon 上填写为：{LICENCE}"));
}

#[test]
fn bc401_fails_the_run_with_fail_on_warning() {
    let (_, code) = run("BC401/fires-short-form.toml", &["--fail-on", "warning"]);
    assert_eq!(code, 1);
}

#[test]
fn bc401_unresolvable_address_gives_no_finding() {
    let text = format!(
        "format = 1\n[seller]\nregistered_address = \"{LICENCE}\"\n\
         [ozon]\nregistered_address = \"Room 1, Keji Road, Nanshan\"\n"
    );
    let (json, _) = diagnose_text(&text, &[]);
    assert!(with_code(&json, "BC401").is_empty(), "{json:#}");
    assert!(with_code(&json, "BC402").is_empty(), "{json:#}");
}

#[test]
fn bc402_other_city_in_both_languages() {
    let (json, code) = run("BC402/fires-city.toml", &[]);
    let f = only(&json, "BC402");
    assert_eq!(
        f["message"],
        "`ozon.registered_address` is in another city (广州市) than \
         `seller.registered_address` (深圳市)"
    );
    assert_eq!(
        f["remediation"][1],
        format!("Enter the licence address on Ozon exactly: {LICENCE}")
    );
    assert_eq!(code, 1);

    let (json, _) = run("BC402/fires-city.toml", &["--lang", "zh"]);
    assert_eq!(
        only(&json, "BC402")["message"],
        "`ozon.registered_address` 位于 广州市，与 `seller.registered_address` 的城市（深圳市）不同"
    );
}

#[test]
fn bc403_only_for_chinese_registrations() {
    let text = "format = 1\n[seller]\ncountry = \"HK\"\nlicense_number = \"91110108MA5FXH0Q2A\"\n\
                registered_address = \"广东省深圳市南山区粤海街道科技园路1号\"\n";
    let (json, _) = diagnose_text(text, &[]);
    assert!(with_code(&json, "BC403").is_empty(), "{json:#}");
}

#[test]
fn clean_examples_have_no_address_findings() {
    for name in ["ozon-lianlian-clean.toml", "ozon-global-pay-clean.toml"] {
        let (json, code) = diagnose_json(&fixture(&format!("examples/{name}")), &[]);
        for c in family_codes(Family::Address) {
            assert!(with_code(&json, c).is_empty(), "{name} {c}");
        }
        assert_eq!(code, 0, "{name}");
    }
}

#[test]
fn bc401_a_town_without_its_suffix_is_not_called_a_district() {
    let (json, _) = run("BC401/fires-town.toml", &[]);
    let f = only(&json, "BC401");
    assert_eq!(
        f["message"],
        "`ozon.registered_address` names the same place as `seller.registered_address` but is \
         worded differently: the town is written without 镇"
    );
    assert_eq!(f["evidence"]["wording"], json!(["town_suffix_dropped"]));
    let (json, _) = run("BC401/fires-town.toml", &["--lang", "zh"]);
    assert!(
        only(&json, "BC401")["message"]
            .as_str()
            .is_some_and(|m| m.ends_with("镇名少了“镇”字")),
        "{json:#}"
    );
}
