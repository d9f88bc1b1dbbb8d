//! BC601–BC608: Ozon's payment settings and LianLian's Ozon channel.
//!
//! Each fixture's whole diagnosis is snapshotted by `tests/fixture_snapshots.rs`; the tests
//! here assert what a snapshot of a fixture cannot show: other flags (`--show-values`,
//! `--rules`, `--fail-on`, `--lang` on a near miss), profiles written inline, and properties
//! over several files.

mod common;
use common::*;

use common::diagnose_rule_fixture as run;

#[test]
fn bc601_bank_transfer_suspended_for_hk_seller() {
    let (json, code) = run("BC601/fires-cn_hk.toml", &[]);
    let f = only(&json, "BC601");
    assert_eq!(place(f), ("ozon.payment_method".into(), 7, 18));
    assert_eq!(
        f["message"],
        "`ozon.payment_method` is bank transfer (SWIFT), which Ozon suspended for sellers from HK"
    );
    assert_eq!(f["related"][0]["field"], "seller.country");
    assert_eq!(code, 1);
}

#[test]
fn bc601_does_not_fire_for_lianlian_or_other_countries() {
    for rel in ["BC601/clean.toml", "BC601/clean-other-country.toml"] {
        let (json, code) = run(rel, &[]);
        assert!(with_code(&json, "BC601").is_empty(), "{rel}: {json:#}");
        assert_eq!(code, 0, "{rel}");
    }
}

#[test]
fn bc601_rulepack_can_follow_the_ogp_only_guides() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("ogp-only.toml");
    std::fs::write(
        &rules,
        "[rules.BC601.params]\nsuspended_methods = [\"bank_transfer_swift\", \"lianlian\"]\n",
    )
    .unwrap();
    let text = "format = 1\n[seller]\ncountry = \"CN\"\n[ozon]\npayment_method = \"lianlian\"\n";
    let (json, code) = diagnose_text(text, &["--rules", rules.to_str().unwrap()]);
    let f = only(&json, "BC601");
    assert_eq!(place(f), ("ozon.payment_method".into(), 5, 18));
    assert_eq!(
        f["message"],
        "`ozon.payment_method` is LianLian Global, which Ozon suspended for sellers from CN"
    );
    assert_eq!(code, 1);
    let (json, _) = diagnose_text(text, &[]);
    assert!(with_code(&json, "BC601").is_empty());
}

#[test]
fn bc602_channel_not_opened() {
    let (json, code) = run("BC602/fires.toml", &[]);
    let f = only(&json, "BC602");
    assert_eq!(place(f), ("lianlian.ozon_channel".into(), 4, 16));
    assert_eq!(
        f["message"],
        "`lianlian.ozon_channel` is not opened yet: LianLian cannot receive Ozon payouts until the channel is opened"
    );
    assert_eq!(f["confidence"], "low");
    assert_eq!(code, 1);
    let (json, _) = run("BC602/clean.toml", &[]);
    assert!(with_code(&json, "BC602").is_empty());
}

#[test]
fn bc603_unauthorized_and_pending_review_have_their_own_texts() {
    let (json, code) = run("BC603/fires.toml", &[]);
    let f = only(&json, "BC603");
    assert_eq!(place(f), ("lianlian.ozon_channel".into(), 4, 16));
    assert_eq!(
        f["message"],
        "`lianlian.ozon_channel` is opened but not authorised (未授权): the authorisation of LianLian on Ozon was not completed"
    );
    assert_eq!(code, 1);
    let (json, _) = run("BC603/fires-pending.toml", &[]);
    let f = only(&json, "BC603");
    assert_eq!(
        f["message"],
        "`lianlian.ozon_channel` is under review: LianLian is still reviewing the channel"
    );
    assert_eq!(
        f["remediation"][0],
        "Wait for LianLian's review to finish (LianLian Global › Store management shows the status)."
    );
    let (json, _) = run("BC603/clean.toml", &[]);
    assert!(with_code(&json, "BC603").is_empty());
}

#[test]
fn bc606_manual_review_categories() {
    let (json, code) = run("BC606/fires.toml", &[]);
    let f = only(&json, "BC606");
    assert_eq!(place(f), ("ozon.manual_review_categories".into(), 4, 28));
    assert_eq!(
        f["message"],
        "2 categor(ies) of the store are under manual review on Ozon (cosmetics, food); payouts may wait for the review"
    );
    assert_eq!(f["evidence"]["count"], 2);
    assert_eq!(code, 0);
    let (json, _) = run("BC606/clean.toml", &[]);
    assert!(with_code(&json, "BC606").is_empty());
}

#[test]
fn bc607_payout_fell_back_to_bank_transfer() {
    let (json, code) = run("BC607/fires.toml", &[]);
    let f = only(&json, "BC607");
    assert_eq!(place(f), ("incident.payout_status".into(), 10, 17));
    assert_eq!(f["severity"], "warning");
    assert_eq!(code, 0);
    for rel in ["BC607/clean.toml", "BC607/clean-no-lianlian.toml"] {
        let (json, _) = run(rel, &[]);
        assert!(with_code(&json, "BC607").is_empty(), "{rel}");
    }
}

#[test]
fn bc607_pattern_reads_chinese_and_russian_statuses() {
    for status in ["通过电汇处理中", "Выплата: банковский перевод"] {
        let text = format!(
            "format = 1\n[ozon]\npayment_method = \"lianlian\"\n[incident]\npayout_status = \"{status}\"\n"
        );
        let (json, _) = diagnose_text(&text, &[]);
        assert_eq!(place(only(&json, "BC607")).1, 5, "{status}");
    }
}

#[test]
fn clean_ozon_lianlian_example_has_no_platform_finding() {
    let (json, code) = diagnose_json(&fixture("examples/ozon-lianlian-clean.toml"), &[]);
    let platform: Vec<_> = findings(&json)
        .iter()
        .filter(|f| f["code"].as_str().is_some_and(|c| c >= "BC600"))
        .collect();
    assert!(platform.is_empty(), "{platform:?}");
    assert_eq!(code, 0);
}

#[test]
fn bc609_pending_explains_money_not_arriving() {
    let (json, code) = run("BC609/fires-pending.toml", &[]);
    let f = only(&json, "BC609");
    assert_eq!(f["severity"], "info");
    assert_eq!(
        f["message"],
        "`ozon_global_pay.status` is pending review: payouts wait until Ozon Global Pay has verified the settlement account"
    );
    assert_eq!(code, 0);
    let (json, code) = run(
        "BC609/fires-pending.toml",
        &["--symptom", "payout not arriving"],
    );
    assert_eq!(findings(&json)[0]["code"], "BC609");
    assert_eq!(code, 0);
    let (json, _) = run("BC609/clean.toml", &[]);
    assert!(with_code(&json, "BC609").is_empty());
}

/// A rejected settlement account is a cause the ticket names: it never says "found no error".
#[test]
fn bc609_the_ticket_of_a_rejected_account_names_it() {
    let out = bindcheck()
        .arg("ticket")
        .arg(fixture("rules/BC609/fires.toml"))
        .args(["--as-of", "2026-11-21"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("found no error"), "{text}");
    assert!(text.contains("[error] BC609"), "{text}");
}

/// LianLian bound, bank transfer left as the default, for a seller from a country for which
/// Ozon did not suspend bank transfer.
const OPEN_DEFAULT: &str = "format = 1
[seller]
country = \"KZ\"
[ozon]
payment_method = \"lianlian\"
default_payout_method = \"bank_transfer_swift\"
";

#[test]
fn bc605_never_makes_a_suspended_method_the_default() {
    // Bank transfer is bound by a seller from Mainland China: Ozon suspended it for them, so
    // the advice is to bind an open method first, never to make bank transfer the default.
    let (json, _) = run("BC605/fires-suspended.toml", &[]);
    let steps = only(&json, "BC605")["remediation"].clone();
    assert_eq!(
        steps[0],
        "Do not make bank transfer (SWIFT) the default: Ozon suspended it for sellers from CN. \
         First bind a method open to them in Ozon Seller Center › Settings › Contract: LianLian \
         (\"Go to LianLian Payment\") or Ozon Global Pay (see the cause for `ozon.payment_method`)."
    );
    let (json, _) = run("BC605/fires-suspended.toml", &["--lang", "zh"]);
    let steps = only(&json, "BC605")["remediation"].to_string();
    assert!(
        steps.contains("不要把银行电汇（SWIFT）设为默认方式"),
        "{steps}"
    );
    // A method open to the seller is still the one to make the default.
    let (json, _) = diagnose_text(OPEN_DEFAULT, &[]);
    assert_eq!(
        only(&json, "BC605")["remediation"][0],
        "In Ozon Seller Center › Finance › Payout settings, set the default payout method to the \
         method you bound (LianLian Global)."
    );
}

#[test]
fn bc605_a_default_suspended_for_the_sellers_country_is_an_error_that_names_it() {
    // LianLian is bound, but the default stayed on bank transfer, which Ozon suspended for
    // Hong Kong sellers: the payout is held, not merely sent elsewhere.
    let (json, code) = run("BC605/fires-default-suspended.toml", &[]);
    let causes = json["files"][0]["causes"].as_array().expect("causes");
    assert_eq!(causes[0]["code"], "BC605");
    assert_eq!(causes[0]["severity"], "error");
    assert_eq!(
        causes[0]["title"],
        "Default payout method is suspended for the seller's country"
    );
    let f = only(&json, "BC605");
    assert_eq!(
        f["message"],
        "`ozon.default_payout_method` is bank transfer (SWIFT), which Ozon suspended for sellers \
         from HK: payouts sent to it are held; the method bound, `ozon.payment_method`, is \
         LianLian Global"
    );
    assert_eq!(code, 1);
    let (json, _) = run("BC605/fires-default-suspended.toml", &["--lang", "zh"]);
    let f = only(&json, "BC605");
    assert!(
        f["message"]
            .as_str()
            .is_some_and(|m| m.contains("Ozon 已对 HK 卖家暂停该方式")),
        "{f:#}"
    );
    // A profile names no country for a Mainland China seller: the same holds.
    let (json, _) = run("BC605/fires.toml", &[]);
    assert_eq!(json["files"][0]["causes"][0]["severity"], "error");
    // For a seller from a country Ozon did not suspend it for, the same settings stay a warning.
    let (json, _) = diagnose_text(OPEN_DEFAULT, &[]);
    let cause = json["files"][0]["causes"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["code"] == "BC605"))
        .expect("a BC605 cause");
    assert_eq!(cause["severity"], "warning");
    assert_eq!(
        cause["title"],
        "Default payout method is not the bound method"
    );
}
