//! The loading rules (BC001–BC006) and bad inputs of the profile format, end to end.

mod common;
use common::*;

#[test]
fn clean_examples_have_no_error_or_warning() {
    for name in ["ozon-lianlian-clean.toml", "ozon-global-pay-clean.toml"] {
        let (json, code) = diagnose_json(&fixture(&format!("examples/{name}")), &[]);
        assert_eq!(errors_and_warnings(&json), Vec::<String>::new(), "{name}");
        assert_eq!(code, 0, "{name}");
    }
}

#[test]
fn unknown_field_is_bc002_with_suggestion() {
    let (json, code) = diagnose_text("format = 1\n[lianlian]\nmerchant_di = \"x\"\n", &[]);
    let f = only(&json, "BC002");
    assert_eq!(place(f), ("lianlian.merchant_di".into(), 3, 1));
    assert_eq!(
        f["message"],
        "unknown field `lianlian.merchant_di`; did you mean `lianlian.merchant_id`?"
    );
    assert_eq!(f["severity"], "warning");
    assert_eq!(code, 0);
}

#[test]
fn money_as_float_is_bc003_naming_the_form() {
    let (json, code) = diagnose_text("format = 1\n[lianlian]\nbalance = 150.5\n", &[]);
    let f = only(&json, "BC003");
    assert_eq!(place(f), ("lianlian.balance".into(), 3, 11));
    assert!(
        f["message"].as_str().unwrap().contains("\"150.5 CNY\""),
        "{f}"
    );
    assert_eq!(code, 1);
}

#[test]
fn not_utf8_exits_2_with_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(
        &path,
        b"format = 1\n[seller]\nlegal_name = \"\xe6\xb7\xb1\xff\"\n",
    )
    .unwrap();
    let out = bindcheck().arg("diagnose").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.toml:3:16"), "{stderr}");
    assert!(stderr.contains("byte offset 37"), "{stderr}");
}
