//! `init`, `explain` and `rules`, end to end.

mod common;
use common::*;

#[test]
fn init_templates_diagnose_clean_in_both_languages() {
    for platform in ["ozon-lianlian", "ozon-global-pay", "amazon-lianlian"] {
        for lang in ["en", "zh"] {
            let out = bindcheck()
                .args(["init", "--platform", platform, "--lang", lang])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0));
            let template = String::from_utf8(out.stdout).unwrap();
            assert!(template.starts_with("# bindcheck"), "{template}");
            if lang == "zh" {
                assert!(template.contains("营业执照"), "{template}");
            }
            // Diagnosed as of today (the template dates itself), with no finding at all.
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("p.toml");
            std::fs::write(&path, &template).unwrap();
            let out = bindcheck()
                .arg("diagnose")
                .arg(&path)
                .args(["--format", "json", "--fail-on", "info"])
                .output()
                .unwrap();
            let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(
                findings(&json),
                &Vec::<serde_json::Value>::new(),
                "{platform} {lang}"
            );
            assert_eq!(out.status.code(), Some(0), "{platform} {lang}");
        }
    }
}

#[test]
fn explain_by_code_and_by_name_shows_sources_and_confidence() {
    let by_code = bindcheck().args(["explain", "BC301"]).output().unwrap();
    let by_name = bindcheck()
        .args(["explain", "merchant-id-format"])
        .output()
        .unwrap();
    assert_eq!(by_code.status.code(), Some(0));
    assert_eq!(by_code.stdout, by_name.stdout);
    let text = String::from_utf8(by_code.stdout).unwrap();
    assert!(text.starts_with("BC301 merchant-id-format: "), "{text}");
    assert!(text.contains("confidence: low"), "{text}");
    assert!(text.contains("seed-ozon-lianlian-failures (low)"), "{text}");
    assert!(text.contains("pattern = \"^[A-Za-z0-9]{24}$\""), "{text}");

    let zh = bindcheck()
        .args(["explain", "BC301", "--lang", "zh", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&zh.stdout).unwrap();
    assert_eq!(json["code"], "BC301");
    assert_eq!(json["confidence"], "low");
    assert_eq!(json["title"], "商户号格式不符");
}

#[test]
fn explain_fills_remediation_steps_with_the_rules_parameters() {
    let text = bindcheck()
        .args(["explain", "BC501"])
        .output()
        .unwrap()
        .stdout;
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains("1. Top up the LianLian account to at least 100 CNY (LianLian Global"),
        "{text}"
    );
    // An overlay's threshold is the one shown.
    let dir = tempfile::tempdir().unwrap();
    let overlay = dir.path().join("pack.toml");
    std::fs::write(&overlay, "[rules.BC501.params]\nminimum = \"200 CNY\"\n").unwrap();
    let json = bindcheck()
        .args([
            "explain", "BC501", "--lang", "zh", "--format", "json", "--rules",
        ])
        .arg(&overlay)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        json["remediation"][0],
        "为连连账户充值至至少 200 CNY（连连国际 › 账户 › 充值）。"
    );
    // A placeholder no parameter fills stays a visible slot.
    let text = bindcheck()
        .args(["explain", "BC101"])
        .output()
        .unwrap()
        .stdout;
    assert!(String::from_utf8(text).unwrap().contains('<'));
}

#[test]
fn explain_unknown_rule_exits_2() {
    let out = bindcheck().args(["explain", "BC999"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no rule `BC999`"));
}

#[test]
fn rules_lists_the_whole_catalogue() {
    let out = bindcheck()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = list.iter().map(|r| r["code"].as_str().unwrap()).collect();
    assert_eq!(codes.len(), bindcheck::rules::RULES.len());
    assert!(codes.contains(&"BC901"));
    assert!(
        list.iter()
            .all(|r| !r["sources"].as_array().unwrap().is_empty())
    );
}

#[test]
fn malformed_rulepack_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.toml");
    std::fs::write(&rules, "[rules.BC501]\nsevrity = \"error\"\n").unwrap();
    let out = bindcheck()
        .args(["diagnose"])
        .arg(fixture("examples/ozon-lianlian-clean.toml"))
        .arg("--rules")
        .arg(&rules)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("rules.toml"), "{stderr}");
    assert!(stderr.contains("sevrity"), "{stderr}");
    assert!(stderr.contains("line 2, column 1"), "{stderr}");

    std::fs::write(&rules, "[rules.BC999]\nprior = 0.5\n").unwrap();
    let out = bindcheck()
        .args(["rules", "--rules"])
        .arg(&rules)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("BC999"));
}
