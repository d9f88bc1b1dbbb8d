//! Two languages: for a profile firing many rules, `--lang en` and `--lang zh` give the same
//! codes, fields, positions and JSON keys with different messages; the locale picks the
//! language when `--lang` is absent.

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeSet;

const MANY: &str = "format = 1
[seller]
entity_type = \"individual_business\"
license_number = \"91440300MA5FXH0Q2H\"
license_expires = 2026-01-31
import_export_rights = false
[lianlian]
license_number = \"91440300MA5FXH0Q3J\"
kyc_level = 1
ozon_channel = \"suspended\"
api_key = \"never-printed-key\"
[ozon]
payment_method = \"bank_transfer_swift\"
default_payout_method = \"lianlian\"
operator_role = \"other\"
manual_review_categories = [\"cosmetics\"]
[ozon_global_pay]
status = \"pending\"
[amazon]
two_step_verification = false
primary_owner = false
settlement_period_end = 2026-11-28
deposit_change_date = 2026-11-26
support_notified = false
mws_auth_token = \"amzn.mws.4ea38b7b-f563-7709-4bae-87aea15c5bd9\"
[amazon.deposit_method]
provider = \"lianlian\"
document_date = 2025-01-01
[incident]
error_code = \"ERR_4007\"
attempts = 4
browser_cache_cleared = false
payout_status = \"Processing via Bank Transfer\"
";

/// The codes this profile must fire, all owned by the platform rules.
const EXPECTED: &[&str] = &[
    "BC601", "BC604", "BC605", "BC606", "BC607", "BC608", "BC701", "BC702", "BC703", "BC704",
    "BC705", "BC706", "BC801", "BC802", "BC803", "BC804", "BC805", "BC806", "BC901",
];

/// The profile, written once per test so that paths and fingerprints match between runs.
struct Profile {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
}

fn profile() -> Profile {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.toml");
    std::fs::write(&path, MANY).unwrap();
    Profile { _dir: dir, path }
}

fn run_at(p: &Profile, args: &[&str], lang_env: Option<&str>) -> Value {
    let mut cmd = bindcheck();
    if let Some(lang) = lang_env {
        cmd.env("LANG", lang);
    }
    let out = cmd
        .arg("diagnose")
        .arg(&p.path)
        .args(["--format", "json", "--as-of", "2026-11-21"])
        .args(args)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn run(args: &[&str], lang_env: Option<&str>) -> Value {
    run_at(&profile(), args, lang_env)
}

/// Everything about a finding except its language-dependent texts.
fn skeleton(json: &Value) -> Vec<Value> {
    findings(json)
        .iter()
        .map(|f| {
            let mut f = f.clone();
            if let Some(map) = f.as_object_mut() {
                for key in ["message", "remediation", "title"] {
                    map.remove(key);
                }
            }
            f
        })
        .collect()
}

fn keys(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let path = format!("{prefix}.{k}");
                out.insert(path.clone());
                // Finding arrays: keys, not indices.
                keys(v, &path, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| keys(i, prefix, out)),
        _ => {}
    }
}

#[test]
fn the_profile_fires_every_platform_rule() {
    let json = run(&["--lang", "en"], None);
    let codes: BTreeSet<&str> = findings(&json)
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    for code in EXPECTED {
        assert!(codes.contains(code), "{code} not fired: {codes:?}");
    }
}

#[test]
fn same_codes_fields_positions_and_keys_in_both_languages() {
    let p = profile();
    let en = run_at(&p, &["--lang", "en"], None);
    let zh = run_at(&p, &["--lang", "zh"], None);
    let (sen, szh) = (skeleton(&en), skeleton(&zh));
    assert_eq!(sen.len(), szh.len());
    for (e, z) in sen.iter().zip(&szh) {
        assert_eq!(e, z);
    }
    let (mut ken, mut kzh) = (BTreeSet::new(), BTreeSet::new());
    keys(&en, "", &mut ken);
    keys(&zh, "", &mut kzh);
    assert_eq!(ken, kzh);
    assert_eq!(en["summary"], zh["summary"]);
}

#[test]
fn messages_and_remediation_differ_and_zh_is_chinese() {
    let en = run(&["--lang", "en"], None);
    let zh = run(&["--lang", "zh"], None);
    let has_han = |s: &str| s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    // An English message may name a Chinese term in parentheses, as the licence prints it
    // ("an individual business (个体工商户)"); the rest is English.
    let aside = regex::Regex::new(r"\([^()]*\)").unwrap();
    for (e, z) in findings(&en).iter().zip(findings(&zh)) {
        let code = e["code"].as_str().unwrap_or_default();
        if !EXPECTED.contains(&code) {
            continue;
        }
        assert_ne!(e["message"], z["message"], "{code}");
        assert_ne!(e["remediation"], z["remediation"], "{code}");
        assert!(
            has_han(z["message"].as_str().unwrap_or_default()),
            "{code}: {z}"
        );
        let english = aside.replace_all(e["message"].as_str().unwrap_or_default(), "");
        assert!(!has_han(&english), "{code}: {e}");
        let steps = z["remediation"].as_array().map_or(0, Vec::len);
        assert_eq!(
            steps,
            e["remediation"].as_array().map_or(0, Vec::len),
            "{code}"
        );
        assert!(steps > 0, "{code}");
    }
}

#[test]
fn locale_picks_the_language_without_lang() {
    let p = profile();
    let zh = run_at(&p, &["--lang", "zh"], None);
    let en = run_at(&p, &["--lang", "en"], None);
    let same = |a: &Value, b: &Value| a == b;
    assert!(same(&run_at(&p, &[], Some("zh_CN.UTF-8")), &zh));
    assert!(same(&run_at(&p, &[], Some("C")), &en));
    assert!(same(&run_at(&p, &[], Some("en_US.UTF-8")), &en));
    // --lang wins over the locale.
    assert!(same(
        &run_at(&p, &["--lang", "en"], Some("zh_CN.UTF-8")),
        &en
    ));
    assert!(!same(&en, &zh));
}

#[test]
fn explain_shows_the_source_conflict_in_both_languages() {
    for (lang, needle) in [
        ("en", "bindcheck follows Ozon"),
        ("zh", "bindcheck 以 Ozon 为准"),
    ] {
        for code in ["BC601", "BC701"] {
            let out = bindcheck()
                .args(["explain", code, "--lang", lang])
                .output()
                .unwrap();
            // Paragraphs are wrapped to the output's width: read them as one line.
            let text = String::from_utf8_lossy(&out.stdout)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert!(text.contains(needle), "{code} {lang}: {text}");
        }
    }
}
