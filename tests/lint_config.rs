//! `bindcheck.toml` and the selection flags, and baselines, end to end.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

fn lint_json(dir: &Path, args: &[&str]) -> (Value, i32, String) {
    let out = bindcheck()
        .current_dir(dir)
        .arg("lint")
        .args(args)
        .args(["--format", "json", "--as-of", "2026-11-21"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (json, out.status.code().unwrap_or(-1), stderr)
}

/// "path: CODE/severity …" per file.
fn codes(json: &Value) -> Vec<String> {
    json["files"]
        .as_array()
        .unwrap_or_else(|| panic!("no files in {json}"))
        .iter()
        .map(|f| {
            let list: Vec<String> = f["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| {
                    format!(
                        "{}/{}",
                        x["code"].as_str().unwrap(),
                        x["severity"].as_str().unwrap()
                    )
                })
                .collect();
            format!("{}: {}", f["path"].as_str().unwrap(), list.join(" "))
        })
        .collect()
}

/// A folder with `faulty.toml` (BC003 error, BC002 warning, one BC004 info) and a config.
fn setup(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("lint/faulty.toml"), dir.path().join("faulty.toml")).unwrap();
    std::fs::write(dir.path().join("bindcheck.toml"), config).unwrap();
    dir
}

const ALL: &str = "faulty.toml: BC003/error BC002/warning BC004/info";

#[test]
fn no_config_reports_everything() {
    let dir = setup("");
    assert_eq!(codes(&lint_json(dir.path(), &["faulty.toml"]).0), [ALL]);
}

#[test]
fn config_ignore_by_code_and_select_by_prefix_with_name_exception() {
    let dir = setup("ignore = [\"BC004\"]\n");
    assert_eq!(
        codes(&lint_json(dir.path(), &["."]).0),
        ["./faulty.toml: BC003/error BC002/warning"]
    );
    let dir = setup("select = [\"BC00\"]\nignore = [\"not-checked\"]\n");
    assert_eq!(
        codes(&lint_json(dir.path(), &["faulty.toml"]).0),
        ["faulty.toml: BC003/error BC002/warning"]
    );
}

#[test]
fn cli_flags_override_the_config() {
    let dir = setup("select = [\"BC003\"]\nfail-on = \"never\"\n");
    let (json, code, _) = lint_json(dir.path(), &["faulty.toml"]);
    // BC002 and BC003 say the file did not load properly: no selection hides them.
    assert_eq!(codes(&json), ["faulty.toml: BC003/error BC002/warning"]);
    assert_eq!(code, 0, "fail-on = never");
    let (json, code, _) = lint_json(
        dir.path(),
        &[
            "faulty.toml",
            "--select",
            "BC002,not-checked",
            "--fail-on",
            "warning",
        ],
    );
    assert_eq!(
        codes(&json),
        ["faulty.toml: BC003/error BC002/warning BC004/info"]
    );
    assert_eq!(code, 1);
}

#[test]
fn severity_overrides_rerank() {
    let dir = setup("[severity]\nBC00 = \"info\"\nBC002 = \"error\"\n");
    let (json, code, _) = lint_json(dir.path(), &["faulty.toml"]);
    assert_eq!(
        codes(&json),
        ["faulty.toml: BC002/error BC003/info BC004/info"]
    );
    assert_eq!(json["files"][0]["findings"][0]["rank"], 1);
    assert_eq!(json["summary"]["errors"], 1);
    assert_eq!(code, 1);
}

#[test]
fn per_path_ignores_follow_the_glob_relative_to_the_config() {
    let dir = setup("[[per-path]]\nglob = \"legacy/**\"\nignore = [\"BC0\"]\n");
    for sub in ["legacy/2023", "new"] {
        let to = dir.path().join(sub);
        std::fs::create_dir_all(&to).unwrap();
        std::fs::copy(fixture("lint/faulty.toml"), to.join("p.toml")).unwrap();
    }
    // Run from a subfolder: the config is found upward, and its globs stay relative to it.
    let (json, code, _) = lint_json(&dir.path().join("new"), &["../legacy", "."]);
    assert_eq!(
        codes(&json),
        [
            "./p.toml: BC003/error BC002/warning BC004/info",
            "../legacy/2023/p.toml: BC003/error BC002/warning",
        ]
    );
    assert_eq!(code, 1);
}

#[test]
fn unknown_config_key_is_an_error_with_position() {
    let dir = setup("select = [\"BC1\"]\nignroe = [\"BC2\"]\n");
    let (_, code, stderr) = lint_json(dir.path(), &["faulty.toml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("bindcheck.toml:2:1: unknown key `ignroe`; did you mean `ignore`?"),
        "{stderr}"
    );
}

#[test]
fn explicit_config_and_bad_selectors() {
    let dir = setup("ignore = [\"BC9x\"]\n");
    let (_, code, stderr) = lint_json(dir.path(), &["faulty.toml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("bindcheck.toml:1:11: `BC9x` is no rule code, name or code prefix"),
        "{stderr}"
    );
    std::fs::write(dir.path().join("other.toml"), "ignore = [\"BC0\"]\n").unwrap();
    let (json, code, _) = lint_json(dir.path(), &["faulty.toml", "--config", "other.toml"]);
    assert_eq!(codes(&json), ["faulty.toml: BC003/error BC002/warning"]);
    assert_eq!(code, 1);
    let (_, code, stderr) = lint_json(
        dir.path(),
        &["faulty.toml", "--config", "other.toml", "--ignore", "BC77"],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--ignore `BC77`: no rule code, name or code prefix matches"),
        "{stderr}"
    );
}

#[test]
fn baseline_hides_known_findings_across_line_moves_but_not_new_ones() {
    let dir = setup("");
    let (json, code, stderr) = lint_json(
        dir.path(),
        &["faulty.toml", "--write-baseline", "baseline.json"],
    );
    assert_eq!(codes(&json), [ALL]);
    assert_eq!(code, 0, "writing the baseline is the job asked for");
    assert!(
        stderr.contains("wrote 3 baseline entries to baseline.json"),
        "{stderr}"
    );
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(written["version"], 1);
    let mut fields: Vec<String> = written["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{} {} {}", e["code"], e["path"], e["field"]))
        .collect();
    fields.sort();
    assert_eq!(
        fields,
        [
            "\"BC002\" \"faulty.toml\" \"lianlian.merchant_di\"",
            "\"BC003\" \"faulty.toml\" \"lianlian.balance\"",
            "\"BC004\" \"faulty.toml\" \"lianlian.merchant_id\"",
        ]
    );

    let (json, code, stderr) =
        lint_json(dir.path(), &["faulty.toml", "--baseline", "baseline.json"]);
    assert_eq!(codes(&json), ["faulty.toml: "]);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("3 findings hidden by the baseline"),
        "{stderr}"
    );

    // Move lines and add comments: every finding is still the same finding.
    std::fs::write(
        dir.path().join("faulty.toml"),
        "# moved around\nformat = 1\n\n\n[lianlian]\n# first\nkyc_level = 3\nbalance = 150.5  # float\n\
         \n# later\nmerchant_di = \"LL2024SZXH0000000000A7K3\"\n",
    )
    .unwrap();
    let (json, code, _) = lint_json(dir.path(), &["faulty.toml", "--baseline", "baseline.json"]);
    assert_eq!(codes(&json), ["faulty.toml: "]);
    assert_eq!(code, 0);

    // A different key is a different finding.
    std::fs::write(
        dir.path().join("faulty.toml"),
        "format = 1\n[lianlian]\nkyc_level = 3\nbalance = 150.5\nmerchantid = \"LL2024SZXH0000000000A7K3\"\n",
    )
    .unwrap();
    let (json, code, _) = lint_json(dir.path(), &["faulty.toml", "--baseline", "baseline.json"]);
    assert_eq!(codes(&json), ["faulty.toml: BC002/warning"]);
    assert_eq!(
        json["files"][0]["findings"][0]["field"],
        "lianlian.merchantid"
    );
    assert_eq!(code, 0);
}

#[test]
fn a_bad_baseline_is_an_error() {
    let dir = setup("");
    std::fs::write(
        dir.path().join("b.json"),
        "{\"version\": 9, \"entries\": []}",
    )
    .unwrap();
    let (_, code, stderr) = lint_json(dir.path(), &["faulty.toml", "--baseline", "b.json"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("b.json: baseline version 9 is not supported"),
        "{stderr}"
    );
}

/// A baseline entry is tied to the value: editing the value the finding is about makes it a
/// new finding. Needs a rule whose fingerprint holds the value (BC201).
#[test]
fn baseline_entry_no_longer_matches_once_the_value_changes() {
    let dir = setup("");
    let profile = |id: &str| {
        format!(
            "format = 1\n[lianlian]\nmerchant_id = \"{id}\"\nkyc_level = 3\nozon_channel = \"active\"\n"
        )
    };
    let path = dir.path().join("p.toml");
    std::fs::write(&path, profile("LL2024SZXH\u{200B}0000000000A7K3")).unwrap();
    let (json, _, _) = lint_json(dir.path(), &["p.toml", "--write-baseline", "b.json"]);
    assert_eq!(only(&json, "BC201")["field"], "lianlian.merchant_id");
    // Same value, new place: still baselined.
    std::fs::write(
        &path,
        format!("# moved\n\n{}", profile("LL2024SZXH\u{200B}0000000000A7K3")),
    )
    .unwrap();
    let (json, _, _) = lint_json(dir.path(), &["p.toml", "--baseline", "b.json"]);
    assert_eq!(codes(&json), ["p.toml: "]);
    // A different value with the same problem is a new finding.
    std::fs::write(&path, profile("LL2024SZXH0000000000\u{200B}A7K3")).unwrap();
    let (json, _, _) = lint_json(dir.path(), &["p.toml", "--baseline", "b.json"]);
    assert_eq!(
        place(only(&json, "BC201")),
        ("lianlian.merchant_id".into(), 3, 36)
    );
}
