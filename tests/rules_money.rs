//! BC501–BC504: balances, thresholds and currencies.
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

#[test]
fn bc501_100_and_100_00_pass() {
    for rel in ["BC501/clean-100.00.toml", "BC501/clean-100.toml"] {
        let (json, code) = run(rel, &[]);
        assert!(with_code(&json, "BC501").is_empty(), "{rel}: {json:#}");
        assert_eq!(code, 0, "{rel}");
    }
}

#[test]
fn bc501_rulepack_overlay_changes_the_minimum() {
    let dir = tempfile::tempdir().unwrap();
    let lower = dir.path().join("lower.toml");
    std::fs::write(&lower, "[rules.BC501.params]\nminimum = \"50 CNY\"\n").unwrap();
    let (json, code) = run("BC501/fires.toml", &["--rules", lower.to_str().unwrap()]);
    assert!(with_code(&json, "BC501").is_empty(), "{json:#}");
    assert_eq!(code, 0);

    let higher = dir.path().join("higher.toml");
    std::fs::write(&higher, "[rules.BC501.params]\nminimum = \"200.50 CNY\"\n").unwrap();
    let (json, code) = run(
        "BC501/clean-100.toml",
        &["--rules", higher.to_str().unwrap()],
    );
    assert_eq!(
        only(&json, "BC501")["message"],
        "`lianlian.balance` is 100 CNY, below the 200.50 CNY the first verification payment needs"
    );
    assert_eq!(code, 1);
}

#[test]
fn bc502_clean_and_not_comparable() {
    let (json, code) = run("BC502/clean.toml", &[]);
    assert!(with_code(&json, "BC502").is_empty(), "{json:#}");
    assert_eq!(code, 0);

    let (json, _) = diagnose_text(
        "format = 1\n[lianlian]\nauto_withdraw_threshold = \"100 USD\"\n",
        &[],
    );
    let f = only(&json, "BC502");
    assert_eq!(f["severity"], "info");
    assert_eq!(
        f["message"],
        "`lianlian.auto_withdraw_threshold` is in USD, so it cannot be compared with the recommended 5000 CNY"
    );
}

#[test]
fn bc503_no_minimum_in_that_currency() {
    let (json, _) = run("BC503/fires-not-comparable.toml", &[]);
    let f = only(&json, "BC503");
    assert_eq!(
        f["message"],
        "`ozon.balance` is in CNY; payout minimums are known only for USD, EUR, so it cannot be compared"
    );
    assert_eq!(f["evidence"]["known_currencies"], json!(["USD", "EUR"]));
    // Its title says what happened: nothing was compared, so nothing is "below".
    assert_eq!(
        f["title"],
        "Not checked: balance in a currency with no known payout minimum"
    );
    let (json, _) = run("BC503/fires-not-comparable.toml", &["--lang", "zh"]);
    assert_eq!(
        only(&json, "BC503")["title"],
        "未检查：余额币种没有已知的最低付款金额"
    );
    assert_eq!(
        json["files"][0]["causes"][0]["title"],
        "未检查：余额币种没有已知的最低付款金额"
    );
    // A balance that was compared keeps the rule's title.
    let (json, _) = run("BC503/fires-ozon.toml", &[]);
    assert_eq!(
        only(&json, "BC503")["title"],
        "Balance below the payout minimum"
    );
}

#[test]
fn a_threshold_or_balance_in_another_currency_is_titled_not_checked() {
    let (json, _) = diagnose_text(
        "format = 1\n[lianlian]\nauto_withdraw_threshold = \"100 USD\"\nbalance = \"50 USD\"\n",
        &[],
    );
    assert_eq!(
        only(&json, "BC502")["title"],
        "Not checked: auto-withdraw threshold in another currency"
    );
    assert_eq!(
        only(&json, "BC501")["title"],
        "Not checked: balance in another currency than the verification payment"
    );
}

#[test]
fn bc504_eur_contract_currency_with_lianlian() {
    let (json, code) = run("BC504/fires-currency.toml", &[]);
    let f = only(&json, "BC504");
    assert_eq!(place(f), ("ozon.contract_currency".into(), 10, 21));
    assert_eq!(f["severity"], "error");
    assert_eq!(
        f["message"],
        "the contract currency is EUR; LianLian on Ozon is offered only for CNY, USD"
    );
    assert_eq!(
        f["related"],
        json!([{"field": "ozon.payment_method", "line": 11, "column": 18}])
    );
    assert_eq!(code, 1);

    let (json, _) = run("BC504/fires-currency.toml", &["--lang", "zh"]);
    assert_eq!(
        only(&json, "BC504")["message"],
        "合同币种为 EUR；Ozon 的连连收款仅支持 CNY、USD"
    );
}

#[test]
fn bc504_clean() {
    // HK seller in CNY; and a DE seller whose Ozon pays out through Ozon Global Pay.
    for rel in ["BC504/clean.toml", "BC504/clean-ogp.toml"] {
        let (json, code) = run(rel, &[]);
        assert!(with_code(&json, "BC504").is_empty(), "{rel}: {json:#}");
        assert_eq!(code, 0, "{rel}");
    }
}

#[test]
fn clean_examples_have_no_money_findings() {
    for name in ["ozon-lianlian-clean.toml", "ozon-global-pay-clean.toml"] {
        let (json, _) = diagnose_json(&fixture(&format!("examples/{name}")), &[]);
        for c in family_codes(Family::Money) {
            assert!(with_code(&json, c).is_empty(), "{name} {c}");
        }
    }
}

/// Ozon's settlements page: a RUB contract can be changed through support. The remediation
/// says that, not that the currency cannot be changed.
#[test]
fn bc504_rub_contract_can_be_changed_through_support() {
    let (json, code) = run("BC504/fires-rub.toml", &[]);
    let f = only(&json, "BC504");
    assert_eq!(place(f), ("ozon.contract_currency".into(), 7, 21));
    assert_eq!(
        f["message"],
        "the contract currency is RUB; LianLian on Ozon is offered only for CNY, USD"
    );
    assert_eq!(
        f["remediation"][0],
        "Ask Ozon support (Seller Center › Support) to change the contract currency from RUB to CNY or USD: Ozon's settlements page says a RUB contract can be changed that way."
    );
    assert!(!f["remediation"].to_string().contains("cannot be changed"));
    assert_eq!(code, 1);
    let (json, _) = run("BC504/fires-rub.toml", &["--lang", "zh"]);
    assert_eq!(
        only(&json, "BC504")["remediation"][0],
        "联系 Ozon 客服（卖家中心 › 支持），申请把合同币种从 RUB 改为人民币或美元：Ozon 结算页面说明 RUB 合同可以这样更改。"
    );
    // EUR stays fixed at registration.
    let (json, _) = run("BC504/fires-currency.toml", &[]);
    assert!(
        only(&json, "BC504")["remediation"][1]
            .as_str()
            .unwrap()
            .contains("cannot be changed after registration")
    );
}

#[test]
fn bc505_usd_account_on_euro_marketplaces() {
    let (json, code) = run("BC505/fires.toml", &[]);
    let f = only(&json, "BC505");
    // LianLian's USD account is the deposit method: its currency is the receiving account's.
    assert_eq!(
        place(f),
        ("lianlian.receiving_account.currency".into(), 6, 12)
    );
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["related"][0]["field"], "amazon.marketplaces");
    assert_eq!(
        f["message"],
        "`lianlian.receiving_account.currency` is USD, but the deposit method is assigned to DE (EUR), FR (EUR): Amazon converts every payout (Amazon Currency Converter for Sellers) and charges for it in the exchange rate"
    );
    assert_eq!(
        f["evidence"]["marketplaces"],
        json!([{"marketplace": "DE", "currency": "EUR"}, {"marketplace": "FR", "currency": "EUR"}])
    );
    assert_eq!(code, 0);

    let (json, _) = run("BC505/fires-entry.toml", &[]);
    let f = only(&json, "BC505");
    assert_eq!(
        place(f),
        ("amazon.deposit_methods[1].currency".into(), 15, 12)
    );
    assert_eq!(
        f["related"][0]["field"],
        "amazon.deposit_methods[1].marketplaces"
    );
    let (json, _) = run("BC505/fires-entry.toml", &["--lang", "zh"]);
    assert_eq!(
        only(&json, "BC505")["message"],
        "`amazon.deposit_methods[1].currency` 为 USD，但该存款方式分配给了 DE (EUR)：亚马逊每次付款都要换汇（亚马逊卖家货币转换器），手续费计入汇率"
    );
    for rel in ["BC505/clean.toml", "BC505/clean-no-currency.toml"] {
        let (json, _) = run(rel, &[]);
        assert!(with_code(&json, "BC505").is_empty(), "{rel}: {json:#}");
    }
}

#[test]
fn bc506_ogp_does_not_settle_in_usd() {
    let (json, code) = run("BC506/fires.toml", &[]);
    let f = only(&json, "BC506");
    assert_eq!(place(f), ("ozon.contract_currency".into(), 4, 21));
    assert_eq!(f["confidence"], "low");
    assert_eq!(
        f["message"],
        "`ozon.contract_currency` is USD; Ozon's settlement guide says Ozon Global Pay does not settle in USD"
    );
    assert_eq!(code, 0);
    // EUR on Ozon Global Pay, and USD with LianLian, stay clean.
    for rel in ["BC506/clean.toml", "BC506/clean-lianlian.toml"] {
        let (json, _) = run(rel, &[]);
        assert!(with_code(&json, "BC506").is_empty(), "{rel}: {json:#}");
    }
}
