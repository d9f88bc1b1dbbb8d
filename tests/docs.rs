//! The generated reference under `docs/` is current, and what it documents is what bindcheck
//! writes: every key of the JSON report is in the key table the docs are generated from.

mod common;
use bindcheck::rulepack::{Lang, RulePack};
use common::*;
use std::collections::BTreeSet;
use std::path::Path;

/// Fails when a rule, the rulepack, the schema table, a fixture or the JSON key table changed
/// without `cargo run -- docs`.
#[test]
fn docs_are_current() {
    let out = docs(Path::new(env!("CARGO_MANIFEST_DIR")), &["--check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn docs_check_names_a_stale_page_and_write_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &root.join("fixtures"),
    );
    let write = docs(root, &[]);
    assert_eq!(write.status.code(), Some(0));
    std::fs::write(root.join("docs/rules/BC501.md"), "edited by hand\n").unwrap();
    std::fs::write(root.join("docs/rules/BC999.md"), "a removed rule\n").unwrap();
    let check = docs(root, &["--check"]);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&check.stderr),
        "docs/ is stale; regenerate it with `cargo run -- docs`:\n  rules/BC501.md\n  rules/BC999.md\n"
    );
    let again = docs(root, &[]);
    assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        format!(
            "2 of {} pages under {}/docs rewritten\n",
            pages(),
            root.display()
        )
    );
    assert!(!root.join("docs/rules/BC999.md").exists());
    let check = docs(root, &["--check"]);
    assert_eq!(check.status.code(), Some(0));
}

#[test]
fn docs_refuses_a_folder_that_is_not_a_checkout() {
    let dir = tempfile::tempdir().unwrap();
    let out = docs(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a bindcheck checkout"));
    assert!(!dir.path().join("docs").exists());
}

/// `bindcheck docs --root ROOT ARGS...`.
fn docs(root: &Path, args: &[&str]) -> std::process::Output {
    bindcheck()
        .arg("docs")
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

/// The profile page, the output page, the rule index and one page per rule.
fn pages() -> usize {
    3 + bindcheck::rules::RULES.len()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// The keys of `value` by path, `[]` for array items; inside `evidence` none (each rule's own).
fn keys(value: &serde_json::Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                out.insert(path.clone());
                if !path.ends_with(".evidence") {
                    keys(item, &path, out);
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                keys(item, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

/// Every rule fixture and example through `diagnose --format json` (with and without
/// `--show-values`, and with a symptom some fact rules out): the keys written are exactly the
/// documented ones.
#[test]
fn the_json_report_writes_exactly_the_documented_keys() {
    let mut found = BTreeSet::new();
    let mut profiles = Vec::new();
    for code in bindcheck::rules::RULES {
        profiles.extend(bindcheck::docs::fixture_files(&fixture("rules").join(code.code)).unwrap());
    }
    profiles.push(fixture("examples/ozon-lianlian-failing.toml"));
    assert!(profiles.len() > 150, "{}", profiles.len());
    for path in &profiles {
        for args in [
            &[][..],
            &[
                "--show-values",
                "--symptom",
                "Invalid Merchant ID; test payment succeeded",
            ][..],
        ] {
            let (json, _) = diagnose_json(path, args);
            keys(&json, "", &mut found);
        }
    }
    let documented: BTreeSet<String> = bindcheck::report::JSON_KEYS
        .iter()
        .map(|(key, _)| key.to_string())
        .collect();
    assert_eq!(found, documented);
}

/// The examples the rule reference shows are the fixtures' real diagnoses.
#[test]
fn rule_pages_show_the_diagnosis_of_their_fixtures() {
    let pack = RulePack::builtin().unwrap();
    let page =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules/BC303.md"))
            .unwrap();
    let path = "fixtures/rules/BC303/fires.toml";
    let bytes = std::fs::read(fixture("rules/BC303/fires.toml")).unwrap();
    let diagnosis = bindcheck::docs::diagnosis(path, &bytes, &pack, Lang::En);
    assert!(
        diagnosis.contains("BC303 error · ozon.payout_account.merchant_id 7:15-7:41"),
        "{diagnosis}"
    );
    assert!(page.contains(&diagnosis), "{page}");
}
