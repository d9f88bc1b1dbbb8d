//! BC401–BC403 end to end: the registered address.

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
fn bc401_clean_full_width_digit_is_the_same_wording() {
    let (json, code) = run("BC401/clean.toml", &[]);
    assert!(with_code(&json, "BC401").is_empty(), "{json:#}");
    assert!(with_code(&json, "BC402").is_empty(), "{json:#}");
    assert_eq!(code, 0);
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
fn bc402_other_district() {
    let (json, code) = run("BC402/fires-district.toml", &[]);
    let f = only(&json, "BC402");
    assert_eq!(place(f), ("ozon.registered_address".into(), 7, 22));
    assert_eq!(f["severity"], "error");
    assert_eq!(
        f["message"],
        "`ozon.registered_address` is in another district (福田区) than the licence address \
         `seller.registered_address` (南山区)"
    );
    assert_eq!(
        f["evidence"],
        json!({"level": "district", "licence": "南山区", "other": "福田区"})
    );
    assert!(with_code(&json, "BC401").is_empty());
    assert_eq!(code, 1);
}

#[test]
fn bc402_other_city_in_both_languages() {
    let (json, code) = run("BC402/fires-city.toml", &[]);
    let f = only(&json, "BC402");
    assert_eq!(
        f["message"],
        "`ozon.registered_address` is in another city (广州市) than the licence address \
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
        "`ozon.registered_address` 位于 广州市，与营业执照地址 `seller.registered_address` 的城市（深圳市）不同"
    );
}

#[test]
fn bc402_clean() {
    let (json, code) = run("BC402/clean.toml", &[]);
    assert!(with_code(&json, "BC402").is_empty(), "{json:#}");
    assert!(with_code(&json, "BC401").is_empty(), "{json:#}");
    assert_eq!(code, 0);
}

#[test]
fn bc403_beijing_code_with_a_guangdong_address() {
    let (json, code) = run("BC403/fires.toml", &[]);
    let f = only(&json, "BC403");
    assert_eq!(place(f), ("seller.license_number".into(), 4, 18));
    assert_eq!(f["severity"], "warning");
    assert_eq!(
        f["message"],
        "`seller.license_number` carries region code 110108 (北京市), but the registered address is in 广东省"
    );
    assert_eq!(
        f["related"],
        json!([{"field": "seller.registered_address", "line": 5, "column": 22}])
    );
    assert_eq!(code, 0);

    let (json, _) = run("BC403/fires.toml", &["--lang", "zh"]);
    assert_eq!(
        only(&json, "BC403")["message"],
        "`seller.license_number` 的地区码为 110108（北京市），而注册地址位于 广东省"
    );
}

#[test]
fn bc403_clean_province_inferred_from_the_city() {
    // 440300 is Shenzhen; the address omits 广东省, which the resolver infers from 深圳市.
    let (json, code) = run("BC403/clean.toml", &[]);
    assert!(with_code(&json, "BC403").is_empty(), "{json:#}");
    assert_eq!(code, 0);
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
fn bc401_autonomous_region_and_prefecture_short_forms() {
    let (json, _) = run("BC401/fires-autonomous-region.toml", &[]);
    let f = only(&json, "BC401");
    assert_eq!(
        f["evidence"]["wording"],
        json!(["autonomous_region_shortened"])
    );
    assert_eq!(
        f["message"],
        "`ozon.registered_address` names the same place as `seller.registered_address` but is worded differently: the autonomous region's full name is shortened"
    );
    let (json, _) = run("BC401/fires-autonomous-region.toml", &["--lang", "zh"]);
    assert_eq!(
        only(&json, "BC401")["message"],
        "`ozon.registered_address` 与 `seller.registered_address` 指同一地点，但写法不同：自治区的全称被简写"
    );

    let (json, _) = run("BC401/fires-prefecture.toml", &[]);
    let f = only(&json, "BC401");
    assert_eq!(f["evidence"]["wording"], json!(["prefecture_shortened"]));
    assert_eq!(
        f["message"],
        "`ozon.registered_address` names the same place as `seller.registered_address` but is worded differently: the prefecture's name is shortened"
    );
    assert_eq!(
        f["remediation"][1],
        "Enter it on Ozon as: 四川省凉山彝族自治州西昌市长安街道1号"
    );
    assert!(with_code(&json, "BC402").is_empty(), "{json:#}");
}
