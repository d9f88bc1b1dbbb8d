//! Shared helpers for integration tests: run the real binary and read its JSON output.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The `bindcheck` binary, with a fixed locale so the default language is English, and none
/// of the variables that change width or colour.
pub fn bindcheck() -> Command {
    let mut cmd = Command::cargo_bin("bindcheck").expect("binary builds");
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C");
    for variable in ["COLUMNS", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE"] {
        cmd.env_remove(variable);
    }
    cmd
}

/// A path under `fixtures/`.
pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(relative)
}

/// Output of `bindcheck diagnose --format json PATH ARGS...`: the JSON and the exit code.
pub fn diagnose_json(path: &Path, args: &[&str]) -> (Value, i32) {
    let output = bindcheck()
        .arg("diagnose")
        .arg(path)
        .args(["--format", "json", "--as-of", "2026-11-21"])
        .args(args)
        .output()
        .expect("runs");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): stdout={} stderr={}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (json, output.status.code().unwrap_or(-1))
}

/// `diagnose_json` of a rule fixture, `rel` relative to `fixtures/rules/` (e.g. `BC501/fires.toml`).
pub fn diagnose_rule_fixture(rel: &str, args: &[&str]) -> (Value, i32) {
    diagnose_json(&fixture(&format!("rules/{rel}")), args)
}

/// Same, for a profile given as text (written to a temporary file).
pub fn diagnose_text(text: &str, args: &[&str]) -> (Value, i32) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("profile.toml");
    std::fs::write(&path, text).expect("write");
    diagnose_json(&path, args)
}

/// The findings of the first file.
pub fn findings(json: &Value) -> &Vec<Value> {
    json["files"][0]["findings"]
        .as_array()
        .expect("findings array")
}

/// The findings with this code.
pub fn with_code<'a>(json: &'a Value, code: &str) -> Vec<&'a Value> {
    findings(json)
        .iter()
        .filter(|f| f["code"] == code)
        .collect()
}

/// The single finding with this code (panics with the whole output otherwise).
pub fn only<'a>(json: &'a Value, code: &str) -> &'a Value {
    let found = with_code(json, code);
    assert_eq!(found.len(), 1, "expected one {code}, got: {json:#}");
    found[0]
}

/// (field, line, column) of a finding.
pub fn place(finding: &Value) -> (String, u64, u64) {
    (
        finding["field"].as_str().unwrap_or_default().to_string(),
        finding["line"].as_u64().unwrap_or(0),
        finding["column"].as_u64().unwrap_or(0),
    )
}

/// Codes of all findings at error or warning severity.
pub fn errors_and_warnings(json: &Value) -> Vec<String> {
    findings(json)
        .iter()
        .filter(|f| f["severity"] == "error" || f["severity"] == "warning")
        .map(|f| format!("{} {} {}", f["code"], f["field"], f["message"]))
        .collect()
}

/// The codes of a rule family, from the registry.
pub fn family_codes(family: bindcheck::rules::Family) -> Vec<&'static str> {
    bindcheck::rules::RULES
        .iter()
        .filter(|r| r.family == family)
        .map(|r| r.code)
        .collect()
}

/// `bindcheck lint ARGS --format json --as-of 2026-11-21` run in `dir`: stdout, stderr and
/// exit code, as text.
pub fn lint_in(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let out = bindcheck()
        .current_dir(dir)
        .arg("lint")
        .args(args)
        .args(["--format", "json", "--as-of", "2026-11-21"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}
