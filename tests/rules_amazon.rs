//! BC801–BC806 (Amazon deposit changes, credentials, the [incident] rules).
//!
//! Each fixture's whole diagnosis is snapshotted by `tests/fixture_snapshots.rs`; the tests
//! here assert what a snapshot of a fixture cannot show: other flags (`--show-values`,
//! `--rules`, `--fail-on`, `--lang` on a near miss), profiles written inline, and properties
//! over several files.

mod common;
use common::*;

use common::diagnose_rule_fixture as run;

#[test]
fn clean_amazon_lianlian_example_has_no_error_or_warning() {
    let (json, code) = diagnose_json(&fixture("examples/amazon-lianlian-clean.toml"), &[]);
    assert_eq!(errors_and_warnings(&json), Vec::<String>::new());
    assert_eq!(code, 0);
}

#[test]
fn bc801_planned_change_three_days_before_the_end() {
    let (json, code) = run("BC801/fires.toml", &[]);
    let f = only(&json, "BC801");
    assert_eq!(place(f), ("amazon.deposit_change_date".into(), 5, 23));
    assert_eq!(f["severity"], "warning");
    assert_eq!(
        f["message"],
        "the deposit method is to change on 2026-11-25, 3 day(s) before the settlement period ends (2026-11-28); changes within 3 days of the end can hold the payout"
    );
    assert_eq!(f["related"][0]["field"], "amazon.settlement_period_end");
    assert_eq!(f["evidence"]["days_before_end"], 3);
    assert_eq!(code, 0);
}

#[test]
fn bc801_outside_the_window() {
    for rel in ["BC801/clean.toml", "BC801/clean-after-end.toml"] {
        let (json, _) = run(rel, &[]);
        assert!(with_code(&json, "BC801").is_empty(), "{rel}");
    }
}

#[test]
fn bc801_hold_days_from_the_rulepack() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("hold.toml");
    std::fs::write(&rules, "[rules.BC801.params]\nhold_days = 4\n").unwrap();
    let (json, _) = run("BC801/clean.toml", &["--rules", rules.to_str().unwrap()]);
    assert_eq!(only(&json, "BC801")["evidence"]["days_before_end"], 4);
}

#[test]
fn bc803_only_for_a_planned_change() {
    let (json, code) = run("BC803/fires.toml", &[]);
    let f = only(&json, "BC803");
    assert_eq!(place(f), ("amazon.support_notified".into(), 5, 20));
    assert_eq!(f["severity"], "info");
    assert_eq!(
        f["message"],
        "the deposit method is to change on 2026-12-10, and Amazon seller support has not been told"
    );
    assert_eq!(code, 0);
    for rel in ["BC803/clean-past.toml", "BC803/clean-notified.toml"] {
        let (json, _) = run(rel, &[]);
        assert!(with_code(&json, "BC803").is_empty(), "{rel}");
    }
}

#[test]
fn bc804_mws_token_is_flagged_and_never_printed() {
    let token = "amzn.mws.4ea38b7b-f563-7709-4bae-87aea15c5bd9";
    let (json, code) = run("BC804/fires.toml", &["--show-values"]);
    let f = only(&json, "BC804");
    assert_eq!(place(f), ("amazon.mws_auth_token".into(), 5, 18));
    assert_eq!(f["severity"], "warning");
    assert_eq!(
        place(only(&json, "BC901")),
        ("amazon.mws_auth_token".into(), 5, 18)
    );
    assert!(!json.to_string().contains(token));
    assert!(!json.to_string().contains("4ea38b7b"));
    // A credential of the retired MWS grants no access: stored, it is no leak to stop on.
    assert_eq!(only(&json, "BC901")["severity"], "warning");
    assert_eq!(code, 0);
    let human = bindcheck()
        .arg("diagnose")
        .arg(fixture("rules/BC804/fires.toml"))
        .args(["--show-values", "--as-of", "2026-11-21"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("BC804"), "{text}");
    assert!(!text.contains("4ea38b7b"), "{text}");
    let (json, _) = run("BC804/clean.toml", &[]);
    assert!(with_code(&json, "BC804").is_empty());
}

#[test]
fn bc805_repeated_attempts_without_clearing_the_cache() {
    let (json, code) = run("BC805/fires.toml", &[]);
    let f = only(&json, "BC805");
    assert_eq!(place(f), ("incident.attempts".into(), 4, 12));
    assert_eq!(
        f["message"],
        "2 attempts were made without clearing the browser cache in between"
    );
    assert_eq!(f["related"][0]["line"], 5);
    assert_eq!(code, 0);
    for rel in ["BC805/clean-once.toml", "BC805/clean-cleared.toml"] {
        let (json, _) = run(rel, &[]);
        assert!(with_code(&json, "BC805").is_empty(), "{rel}");
    }
}

#[test]
fn bc806_code_is_escaped() {
    let (json, _) = diagnose_text(
        "format = 1\n[incident]\nerror_code = \"ERR\\u202E4007\"\n",
        &[],
    );
    let message = only(&json, "BC806")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(!message.contains('\u{202E}'), "{message}");
    assert!(message.contains("U+202E"), "{message}");
}

#[test]
fn bc806_a_documented_code_is_not_unknown() {
    let rules = fixture("rules/BC806/known-code.rules.toml");
    let (json, _) = run("BC806/fires.toml", &["--rules", rules.to_str().unwrap()]);
    assert!(with_code(&json, "BC806").is_empty(), "{json:#}");
}

#[test]
fn bc807_each_marketplace_without_a_deposit_method() {
    let (json, code) = run("BC807/fires.toml", &[]);
    let found: Vec<(String, u64, u64, String)> = with_code(&json, "BC807")
        .iter()
        .map(|f| {
            let (field, line, column) = place(f);
            (
                field,
                line,
                column,
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "amazon.marketplaces".to_string(),
                5,
                23,
                "Amazon CA is listed in `amazon.marketplaces`, but no deposit method described here is assigned to it".to_string()
            ),
            (
                "amazon.marketplaces".to_string(),
                5,
                29,
                "Amazon MX is listed in `amazon.marketplaces`, but no deposit method described here is assigned to it".to_string()
            ),
        ]
    );
    assert_eq!(with_code(&json, "BC807")[0]["severity"], "info");
    assert_eq!(code, 0);
    for rel in [
        "BC807/clean.toml",
        "BC807/clean-not-described.toml",
        "BC807/clean-gb-uk.toml",
    ] {
        let (json, _) = run(rel, &[]);
        assert!(with_code(&json, "BC807").is_empty(), "{rel}: {json:#}");
    }
}

/// Every deposit method is checked: a field of the n-th `[[amazon.deposit_methods]]` entry is
/// reported at its indexed path, line and column.
#[test]
fn deposit_method_entries_are_checked_one_by_one() {
    let text = "format = 1
[lianlian.receiving_account]
account_name = \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"
currency = \"USD\"

[amazon]
seller_id = \"A3XH8KQ2ZL5T9M\"
marketplaces = [\"US\", \"CA\"]

[[amazon.deposit_methods]]
marketplaces = [\"US\"]
provider = \"lianlian\"
account_holder_name = \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"
currency = \"USD\"
document_date = 2026-10-01

[[amazon.deposit_methods]]
marketplaces = [\"CA\"]
provider = \"lianlian\"
account_holder_name = \"SHENZHEN XINGHE TECHNOLOGY CO.,LTD.\"
document_date = 2025-01-02
";
    let (json, code) = diagnose_text(text, &[]);
    let holder = only(&json, "BC101");
    assert_eq!(
        place(holder),
        (
            "amazon.deposit_methods[1].account_holder_name".into(),
            20,
            23
        )
    );
    let old = only(&json, "BC706");
    assert_eq!(
        place(old),
        ("amazon.deposit_methods[1].document_date".into(), 21, 17)
    );
    // The second entry has no currency of its own: LianLian's USD account on Amazon.ca.
    let currency = only(&json, "BC505");
    assert_eq!(currency["field"], "lianlian.receiving_account.currency");
    assert!(currency["message"].as_str().unwrap().contains("CA (CAD)"));
    assert!(with_code(&json, "BC002").is_empty(), "{json:#}");
    assert_eq!(code, 1);
}

/// An unknown key in a deposit method is never suggested into another account.
#[test]
fn unknown_key_in_an_account_is_not_moved_to_another_account() {
    let (json, _) = diagnose_text(
        "format = 1\n[lianlian.receiving_account]\ndocument_date = 2026-01-01\n",
        &[],
    );
    let f = only(&json, "BC002");
    assert_eq!(
        f["message"],
        "unknown field `lianlian.receiving_account.document_date`"
    );
    assert!(!f["remediation"].to_string().contains("amazon"), "{f:#}");
}

/// GB and UK name one Amazon marketplace wherever the profile lists marketplaces: the store's
/// list and a deposit method's, each written either way.
#[test]
fn gb_and_uk_are_one_marketplace() {
    for (store, method) in [("GB", "UK"), ("UK", "GB"), ("GB", "GB")] {
        let text = format!(
            "format = 1\n[amazon]\nseller_id = \"A3QW8RZ5N1K0VE\"\nmarketplaces = [\"{store}\", \"DE\"]\n\
             [[amazon.deposit_methods]]\nmarketplaces = [\"{method}\", \"DE\"]\nprovider = \"lianlian\"\n\
             bank_country = \"GB\"\ncurrency = \"GBP\"\n"
        );
        let (json, _) = diagnose_text(&text, &[]);
        let codes: Vec<&str> = findings(&json)
            .iter()
            .filter_map(|f| f["code"].as_str())
            .filter(|c| matches!(*c, "BC807" | "BC505"))
            .collect();
        // DE is paid in GBP (BC505, converted); the UK marketplace is covered and in its currency.
        assert_eq!(codes, ["BC505"], "{store}/{method}: {json:#}");
        let converted = &only(&json, "BC505")["evidence"]["marketplaces"];
        assert_eq!(
            converted,
            &serde_json::json!([{"marketplace": "DE", "currency": "EUR"}])
        );
    }
}
