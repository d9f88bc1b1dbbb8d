//! Rules run only for the flows their sources describe: the scope in the rulepack, what a
//! profile's flows are, what `explain` shows and what a ticket lists as checked.

mod common;
use common::*;
use serde_json::Value;

/// An Amazon-only seller whose LianLian account has received nothing yet.
const AMAZON_ONLY: &str = "format = 1

[lianlian]
merchant_id = \"LL2024SZXH0000000000A7K3\"
balance = \"0 CNY\"

[lianlian.receiving_account]
account_name = \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"
bank_country = \"US\"
currency = \"USD\"
account_number = \"8800012345678\"

[amazon]
seller_id = \"A3XH8KQ2ZL5T9M\"
marketplaces = [\"US\"]

[amazon.deposit_method]
provider = \"lianlian\"
account_holder_name = \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"
bank_country = \"US\"
account_number = \"8800012345678\"
";

fn codes(json: &Value) -> Vec<String> {
    findings(json)
        .iter()
        .map(|f| f["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn bc501_is_about_lianlian_on_ozon_not_amazon() {
    let (json, code) = diagnose_text(AMAZON_ONLY, &[]);
    assert!(!codes(&json).contains(&"BC501".to_string()), "{json:#}");
    // Nor is any LianLian-on-Ozon rule listed as not checked (BC004).
    for f in with_code(&json, "BC004") {
        let message = f["message"].as_str().unwrap_or_default();
        for ozon_rule in ["BC501", "BC602", "BC703"] {
            assert!(!message.contains(ozon_rule), "{message}");
        }
    }
    assert_eq!(code, 0);

    // The same balance with LianLian bound to Ozon is the seed's error.
    let on_ozon = format!("{AMAZON_ONLY}\n[ozon]\npayment_method = \"lianlian\"\n");
    let on_ozon = on_ozon.replace(
        "[amazon.deposit_method]\nprovider = \"lianlian\"",
        "[amazon.deposit_method]\nprovider = \"bank\"",
    );
    let (json, code) = diagnose_text(&on_ozon, &[]);
    let f = only(&json, "BC501");
    assert_eq!(place(f), ("lianlian.balance".into(), 5, 11));
    assert_eq!(code, 1);
}

#[test]
fn a_lianlian_account_described_alone_is_read_as_lianlian_on_ozon() {
    let (json, code) = diagnose_text("format = 1\n[lianlian]\nbalance = \"0 CNY\"\n", &[]);
    assert_eq!(only(&json, "BC501")["severity"], "error");
    assert_eq!(code, 1);
}

#[test]
fn the_amazon_ticket_does_not_list_ozon_rules_as_checked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("profile.toml");
    std::fs::write(&path, AMAZON_ONLY).unwrap();
    let out = bindcheck()
        .arg("ticket")
        .arg(&path)
        .args(["--as-of", "2026-11-21"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    // The e-mail names checks in plain words; the codes are below the cut.
    let checked: Vec<&str> = text
        .lines()
        .find_map(|l| l.strip_prefix("Checked without a problem: "))
        .map(|codes| codes.split(", ").collect())
        .unwrap_or_default();
    assert!(!checked.is_empty(), "{text}");
    assert!(
        checked.iter().all(|c| *c != "BC501" && *c != "BC703"),
        "{text}"
    );
    assert!(checked.contains(&"BC101"), "{text}");
    assert!(checked.contains(&"BC312"), "{text}");
    let email = text
        .split("----- not part of the e-mail -----")
        .next()
        .unwrap();
    assert!(
        !email.contains("Balance below the first verification payment"),
        "{text}"
    );
    assert!(
        email.contains("Deposit method differs from the LianLian receiving account"),
        "{text}"
    );
}

#[test]
fn explain_shows_the_scope_in_both_languages() {
    let text = |args: &[&str]| {
        let out = bindcheck().arg("explain").args(args).output().unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let en = text(&["BC501"]);
    assert!(
        en.contains("Applies to:\n  - `ozon-lianlian`: LianLian Global bound to an Ozon store\n"),
        "{en}"
    );
    let zh = text(&["BC501", "--lang", "zh"]);
    assert!(
        zh.contains("适用范围：\n  - `ozon-lianlian`：在 Ozon 店铺绑定连连国际\n"),
        "{zh}"
    );
    let json: Value = serde_json::from_str(&text(&["BC101", "--format", "json"])).unwrap();
    let scope: Vec<&str> = json["scope"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["flow"].as_str())
        .collect();
    assert_eq!(scope, ["ozon-lianlian", "amazon-lianlian"]);
    assert_eq!(
        json["scope"][1]["description"],
        "a LianLian Global account as the Amazon deposit method"
    );
}

#[test]
fn a_rulepack_can_widen_a_scope() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("everywhere.toml");
    std::fs::write(&rules, "[rules.BC501]\nscope = [\"any\"]\n").unwrap();
    let (json, code) = diagnose_text(AMAZON_ONLY, &["--rules", rules.to_str().unwrap()]);
    assert_eq!(only(&json, "BC501")["field"], "lianlian.balance");
    assert_eq!(code, 1);

    std::fs::write(&rules, "[rules.BC501]\nscope = [\"ebay\"]\n").unwrap();
    let profile = dir.path().join("profile.toml");
    std::fs::write(&profile, AMAZON_ONLY).unwrap();
    let out = bindcheck()
        .arg("diagnose")
        .arg(&profile)
        .arg("--rules")
        .arg(&rules)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown flow is a rulepack error"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unknown variant `ebay`") && stderr.contains("line 2, column 10"),
        "{stderr}"
    );
}

#[test]
fn every_rule_states_its_scope() {
    let out = bindcheck()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = rules
        .as_array()
        .or_else(|| rules["rules"].as_array())
        .unwrap();
    for rule in rules {
        let code = rule["code"].as_str().unwrap();
        let out = bindcheck()
            .args(["explain", code, "--format", "json"])
            .output()
            .unwrap();
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(
            !json["scope"].as_array().unwrap().is_empty(),
            "{code} has no scope"
        );
    }
}

/// Every profile the fixtures hold, with its flows.
fn fixture_profiles() -> Vec<(String, Vec<u8>, bindcheck::profile::flow::Flows)> {
    let pack = bindcheck::rulepack::RulePack::builtin().unwrap();
    let mut paths: Vec<std::path::PathBuf> = Vec::new();
    for folder in ["rules", "tickets", "examples"] {
        let root = fixture(folder);
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "toml") {
                    paths.push(path);
                }
            }
        }
    }
    paths.sort();
    let options = bindcheck::pipeline::AnalyzeOptions::default();
    paths
        .into_iter()
        .filter_map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            let shown = path.display().to_string();
            let analysis = bindcheck::pipeline::analyze(&shown, &bytes, &pack, &options).ok()?;
            let flows = bindcheck::profile::flow::Flows::of(&analysis.profile);
            Some((shown, bytes, flows))
        })
        .collect()
}

/// Remediation names the platform the finding is about: a profile about Amazon alone is never
/// told to go to Ozon's pages, nor one about Ozon alone to Seller Central's — in English and
/// Chinese, over every fixture (issue 14: BC805 sent an Amazon seller to the Ozon site, BC311
/// an Ozon Global Pay seller to LianLian's receiving account page).
#[test]
fn steps_name_only_the_platforms_the_profile_is_about() {
    use bindcheck::profile::flow::Flow;
    let pack = bindcheck::rulepack::RulePack::builtin().unwrap();
    let ozon_words = regex::Regex::new(r"Ozon").unwrap();
    let amazon_words = regex::Regex::new(r"Seller Central|Amazon|亚马逊|卖家平台").unwrap();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for (path, bytes, flows) in fixture_profiles() {
        for lang in [bindcheck::rulepack::Lang::En, bindcheck::rulepack::Lang::Zh] {
            let file = bindcheck::docs::file_report(&path, &bytes, &pack, lang).unwrap();
            for finding in &file.findings {
                checked += 1;
                let steps = finding.remediation.join(" ");
                let foreign = [
                    (flows.contains(Flow::Ozon), &ozon_words),
                    (flows.contains(Flow::Amazon), &amazon_words),
                ]
                .into_iter()
                .any(|(about, words)| !about && words.is_match(&steps));
                if foreign {
                    wrong.push(format!("{path} {} {lang:?}: {steps}", finding.code));
                }
            }
        }
    }
    assert!(checked > 500, "{checked}");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// BC805 on an Amazon-only profile sends the seller to Seller Central; BC311 on an Ozon Global
/// Pay settlement account to the Ozon Global Pay account page.
#[test]
fn platform_steps_of_bc805_and_bc311() {
    let (json, _) = diagnose_json(&fixture("tickets/amazon-fallback.toml"), &[]);
    assert_eq!(
        only(&json, "BC805")["remediation"][0],
        "Clear the browser cache and cookies for Seller Central and for the payout provider's site, such as LianLian Global (or use a private window)."
    );
    let (json, _) = diagnose_json(&fixture("tickets/amazon-fallback.toml"), &["--lang", "zh"]);
    assert_eq!(
        only(&json, "BC805")["remediation"][0],
        "清除亚马逊卖家平台和收款服务商网站（如连连国际）的浏览器缓存和 Cookie（或使用无痕窗口）。"
    );
    let (json, _) = diagnose_json(&fixture("tickets/ogp-rejected.toml"), &[]);
    assert_eq!(
        only(&json, "BC311")["remediation"][0],
        "Copy the settlement account's details again from the Ozon Global Pay account page (Ozon Seller Center › Finance › Ozon Global Pay), so that country, IBAN and SWIFT/BIC belong to the same account."
    );
}
