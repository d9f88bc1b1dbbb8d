//! Steps about an Amazon deposit method name the provider that holds it: LianLian's pages only
//! for a LianLian account, the provider's own account for another payment service provider,
//! the bank for the company's bank account; steps about the store name no provider.

mod common;
use common::*;

use common::diagnose_rule_fixture as run;

/// The steps of every finding with `code`, in order.
fn steps(json: &serde_json::Value, code: &str) -> Vec<Vec<String>> {
    with_code(json, code)
        .iter()
        .map(|f| {
            f["remediation"]
                .as_array()
                .expect("steps")
                .iter()
                .map(|s| s.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn a_currency_account_is_opened_where_the_deposit_method_is_held() {
    let first =
        |rel: &str, lang: &str| steps(&run(rel, &["--lang", lang]).0, "BC505")[0][0].clone();
    assert_eq!(
        first("BC505/fires.toml", "en"),
        "In LianLian Global › Receiving accounts, open (or apply for) a receiving account in the marketplace's currency."
    );
    assert_eq!(
        first("BC505/fires-provider.toml", "en"),
        "In your Payoneer account, open (or apply for) a receiving account in the marketplace's currency."
    );
    assert_eq!(
        first("BC505/fires-bank.toml", "en"),
        "Open an account in the marketplace's currency at the company's bank, or with a payment service provider that offers one."
    );
    assert_eq!(
        first("BC505/fires-provider.toml", "zh"),
        "在您的Payoneer（派安盈）账户中，打开（或申请）该站点币种的收款账户。"
    );
    assert_eq!(
        first("BC505/fires-bank.toml", "zh"),
        "在公司的开户银行，或在提供该币种账户的支付服务商处，开立该站点币种的账户。"
    );
    // The message and severity do not change with the provider.
    let (json, _) = run("BC505/fires-bank.toml", &[]);
    assert_eq!(only(&json, "BC505")["severity"], "warning");
}

#[test]
fn a_new_bank_document_comes_from_whoever_holds_the_account() {
    let (json, _) = run("BC706/fires-provider.toml", &[]);
    let first: Vec<String> = steps(&json, "BC706")
        .into_iter()
        .map(|s| s[0].clone())
        .collect();
    assert_eq!(
        first,
        [
            "Download a new account statement or confirmation letter from your Payoneer account (PDF, not a screenshot).",
            "Ask the bank for a new account statement or confirmation letter (PDF, not a screenshot).",
        ]
    );
    let (json, _) = run("BC706/fires.toml", &[]);
    assert!(steps(&json, "BC706")[0][0].contains("LianLian Global"));
}

#[test]
fn telling_amazon_support_names_no_provider() {
    let (json, _) = run("BC803/fires.toml", &[]);
    for lang_steps in [
        steps(&json, "BC803"),
        steps(&run("BC803/fires.toml", &["--lang", "zh"]).0, "BC803"),
    ] {
        let text = lang_steps.concat().join(" ");
        assert!(
            !text.contains("LianLian") && !text.contains("连连"),
            "{text}"
        );
    }
}
