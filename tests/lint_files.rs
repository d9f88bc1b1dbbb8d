//! `bindcheck lint` over files and folders: which files, in what order, exit codes,
//! suppressions and statistics, end to end.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

/// Runs `bindcheck lint ARGS --format json --as-of 2026-11-21` in `dir`: JSON, exit, stderr.
fn lint_json(dir: &Path, args: &[&str]) -> (Value, i32, String) {
    let (stdout, stderr, code) = lint_in(dir, args);
    let json = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {stdout} / {stderr}"));
    (json, code, stderr)
}

/// "path status code,code,…" per file.
fn summary(json: &Value) -> Vec<String> {
    json["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            let codes: Vec<&str> = f["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .map(|x| x["code"].as_str().unwrap_or("?"))
                .collect();
            format!(
                "{} {} {}",
                f["path"].as_str().unwrap_or("?"),
                f["status"].as_str().unwrap_or("?"),
                codes.join(",")
            )
        })
        .collect()
}

fn copy_fixture(name: &str, to: &Path) {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::copy(fixture(&format!("lint/{name}")), to).unwrap();
}

/// A folder with a clean, a faulty, a non-UTF-8 and a non-profile TOML file, plus files that
/// are never candidates.
fn batch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("profiles");
    copy_fixture("clean.toml", &p.join("clean.toml"));
    copy_fixture("faulty.toml", &p.join("faulty.toml"));
    copy_fixture("not-profile.toml", &p.join("notes.toml"));
    std::fs::write(
        p.join("bad.toml"),
        b"format = 1\n[seller]\nlegal_name = \"\xe6\xb7\xb1\xff\"\n",
    )
    .unwrap();
    // Never candidates: the configuration's name, and files that are not *.toml.
    std::fs::write(p.join("bindcheck.toml"), "format = 1\n").unwrap();
    std::fs::write(p.join("readme.txt"), "format = 1\n").unwrap();
    dir
}

#[test]
fn folder_reports_profiles_only_sorted_with_unreadable_as_findings() {
    let dir = batch();
    let (json, code, _) = lint_json(dir.path(), &["profiles"]);
    assert_eq!(
        summary(&json),
        [
            "profiles/bad.toml unreadable BC001",
            "profiles/clean.toml passed ",
            "profiles/faulty.toml failed BC003,BC002,BC004",
        ]
    );
    let bad = &json["files"][0]["findings"][0];
    assert_eq!(
        (bad["line"].as_u64(), bad["column"].as_u64()),
        (Some(3), Some(16))
    );
    assert_eq!(
        bad["message"],
        "not UTF-8: invalid byte 0xFF at byte offset 37; save the file as UTF-8"
    );
    let faulty = &json["files"][2]["findings"];
    assert_eq!(place(&faulty[0]), ("lianlian.balance".into(), 6, 11));
    assert_eq!(place(&faulty[1]), ("lianlian.merchant_di".into(), 5, 1));
    assert_eq!(
        json["summary"],
        serde_json::json!({"files": 3, "failed": 2, "errors": 2, "warnings": 1, "infos": 1})
    );
    assert_eq!(code, 2, "an unloadable file makes the exit code 2");
}

#[test]
fn exit_codes_without_unreadable_files() {
    let dir = batch();
    let p = Path::new("profiles");
    let (_, code, _) = lint_json(dir.path(), &[p.join("clean.toml").to_str().unwrap()]);
    assert_eq!(code, 0);
    let (_, code, _) = lint_json(dir.path(), &["profiles/clean.toml", "profiles/faulty.toml"]);
    assert_eq!(code, 1);
    let args = ["profiles/faulty.toml", "--fail-on", "never"];
    assert_eq!(lint_json(dir.path(), &args).1, 0);
}

#[test]
fn an_explicit_file_is_always_checked() {
    let dir = batch();
    let (json, code, _) = lint_json(dir.path(), &["profiles/notes.toml"]);
    assert_eq!(summary(&json), ["profiles/notes.toml unreadable BC005"]);
    assert_eq!(code, 2);
}

#[test]
fn a_missing_path_is_reported_and_the_rest_still_run() {
    let dir = batch();
    let (json, code, stderr) = lint_json(dir.path(), &["nowhere.toml", "profiles/clean.toml"]);
    // Not a finding about a profile (it is no BC001 "invalid TOML"): a path that is not there.
    assert_eq!(summary(&json), ["profiles/clean.toml passed "]);
    assert_eq!(stderr, "error: nowhere.toml: no such file or folder\n");
    assert_eq!(code, 2);
    let zh = bindcheck()
        .current_dir(dir.path())
        .args(["lint", "nowhere.toml", "--lang", "zh"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&zh.stderr),
        "错误：nowhere.toml：文件或文件夹不存在\n"
    );
    assert_eq!(zh.status.code(), Some(2));
}

#[test]
fn gitignore_is_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("profiles");
    copy_fixture("clean.toml", &p.join("keep.toml"));
    copy_fixture("faulty.toml", &p.join("skip.toml"));
    copy_fixture("faulty.toml", &p.join("drafts/old.toml"));
    std::fs::write(p.join(".gitignore"), "skip.toml\ndrafts/\n").unwrap();
    let (json, code, _) = lint_json(dir.path(), &["profiles"]);
    assert_eq!(summary(&json), ["profiles/keep.toml passed "]);
    assert_eq!(code, 0);
}

#[test]
fn output_is_identical_whatever_the_number_of_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("many");
    for i in 0..40 {
        let name = if i % 3 == 0 {
            "faulty.toml"
        } else {
            "clean.toml"
        };
        copy_fixture(name, &p.join(format!("sub{}/p{i:02}.toml", i % 4)));
    }
    let run = |jobs: &str| {
        bindcheck()
            .current_dir(dir.path())
            .args(["lint", "many", "--format", "json", "--as-of", "2026-11-21"])
            .args(["--jobs", jobs])
            .output()
            .unwrap()
    };
    let one = run("1");
    let two = run("2");
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&one.stdout).unwrap();
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(paths.len(), 40);
    assert_eq!(paths[0], "many/sub0/p00.toml");
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_skipped_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("profiles");
    copy_fixture("clean.toml", &p.join("a.toml"));
    std::os::unix::fs::symlink("..", p.join("up")).unwrap();
    std::os::unix::fs::symlink(".", p.join("self")).unwrap();
    let (json, code, stderr) = lint_json(dir.path(), &["profiles"]);
    // The file reached again through a link is checked once, under its own name.
    assert_eq!(summary(&json), ["profiles/a.toml passed "]);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("warning: skipped profiles/self: symbolic link loop back to profiles"),
        "{stderr}"
    );
    let (_, _, stderr) = lint_json(dir.path(), &["profiles", "--lang", "zh"]);
    assert!(
        stderr.contains("警告：已跳过 profiles/self：该符号链接循环指回上级文件夹 profiles"),
        "{stderr}"
    );
}

#[test]
fn suppressions_inside_profiles_apply_and_unused_ones_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("lint/faulty.toml")).unwrap()
        + "\n[[bindcheck.ignore]]\ncode = \"unknown-field\"\nreason = \"renamed next week\"\n\
           \n[[bindcheck.ignore]]\ncode = \"BC5\"\nreason = \"old\"\n";
    std::fs::write(dir.path().join("p.toml"), text).unwrap();
    let (json, code, _) = lint_json(dir.path(), &["p.toml"]);
    assert_eq!(summary(&json), ["p.toml failed BC003,BC006,BC004"]);
    let unused = only(&json, "BC006");
    assert_eq!(place(unused), ("bindcheck.ignore".into(), 13, 1));
    assert_eq!(code, 1);
}

#[test]
fn statistics_table_counts_findings_and_files_per_rule() {
    let dir = batch();
    copy_fixture("faulty.toml", &dir.path().join("profiles/faulty2.toml"));
    let out = bindcheck()
        .current_dir(dir.path())
        .args(["lint", "profiles", "--statistics", "--as-of", "2026-11-21"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "| Code  | Name          | Severity | Count | Files |\n\
         |-------|---------------|----------|-------|-------|\n\
         | BC002 | unknown-field | warning  |     2 |     2 |\n\
         | BC003 | invalid-value | error    |     2 |     2 |\n\
         | BC004 | not-checked   | info     |     2 |     2 |\n\
         | BC001 | invalid-toml  | error    |     1 |     1 |\n\
         7 findings in 4 files\n"
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn statistics_json() {
    let dir = batch();
    let (json, _, _) = lint_json(
        dir.path(),
        &["profiles", "--statistics", "--ignore", "BC004"],
    );
    assert_eq!(
        json,
        serde_json::json!({
            "schema_version": 1,
            "files": 3,
            "findings": 3,
            "rules": [
                {"code": "BC001", "name": "invalid-toml", "severity": "error", "count": 1, "files": 1},
                {"code": "BC002", "name": "unknown-field", "severity": "warning", "count": 1, "files": 1},
                {"code": "BC003", "name": "invalid-value", "severity": "error", "count": 1, "files": 1},
            ]
        })
    );
}

#[test]
fn profiles_only_skips_named_files_that_are_not_profiles() {
    let dir = batch();
    let args = [
        "profiles/notes.toml",
        "profiles/bindcheck.toml",
        "profiles/clean.toml",
        "--profiles-only",
    ];
    let (json, code, _) = lint_json(dir.path(), &args);
    assert_eq!(summary(&json), ["profiles/clean.toml passed "]);
    assert_eq!(code, 0);
}

#[test]
fn progress_is_shown_when_asked_and_never_mixed_into_stdout() {
    let dir = batch();
    let count = |json: &Value| json["files"].as_array().expect("files").len();
    let (json, _, stderr) = lint_json(dir.path(), &["profiles", "--progress", "always"]);
    // Progress counts the candidate files: the three reported plus notes.toml, which is read
    // before it turns out not to be a profile. The last count is always written, then the
    // line is cleared.
    let total = count(&json);
    assert_eq!(total, 3);
    let last = "\rchecked 4/4 files";
    assert!(stderr.contains(last), "{stderr:?}");
    assert!(stderr.ends_with("\r\u{1b}[2K"), "{stderr:?}");
    // Not a terminal: `auto` stays quiet, and so does `never`.
    for when in ["auto", "never"] {
        let (json, _, stderr) = lint_json(dir.path(), &["profiles", "--progress", when]);
        assert_eq!(count(&json), total);
        assert!(!stderr.contains("checked"), "{when}: {stderr:?}");
    }
}

#[test]
fn json_stays_valid_when_the_first_file_found_is_not_a_profile() {
    // Files are rendered on worker threads; the comma between two files must still only go
    // between files that are reported.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-other-tool.toml"), "[tool]\nx = 1\n").unwrap();
    copy_fixture("clean.toml", &dir.path().join("b.toml"));
    copy_fixture("faulty.toml", &dir.path().join("c.toml"));
    let (json, _, _) = lint_json(dir.path(), &["."]);
    let paths: Vec<&str> = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(paths, ["./b.toml", "./c.toml"]);
    assert_eq!(json["summary"]["files"], 2);
}

/// An empty, blank or comment-only `*.toml` in a linted folder is a profile that lost its
/// content: reported (BC005, exit 2) as `diagnose` reports it. Other tools' TOML is still
/// skipped.
#[test]
fn empty_profiles_in_a_folder_are_reported_other_tools_toml_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("profiles");
    std::fs::create_dir_all(&p).unwrap();
    copy_fixture("clean.toml", &p.join("clean.toml"));
    std::fs::write(p.join("empty.toml"), "").unwrap();
    std::fs::write(p.join("blank.toml"), "\n\n   \r\n").unwrap();
    std::fs::write(
        p.join("comments.toml"),
        "# shop 7, to be filled in\n# [seller]\n",
    )
    .unwrap();
    std::fs::write(p.join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
    std::fs::write(
        p.join("pyproject.toml"),
        "[project]\nname = \"x\"\n[tool.black]\nline-length = 88\n",
    )
    .unwrap();
    std::fs::write(p.join("settings.toml"), "title = \"agency\"\n").unwrap();
    std::fs::write(p.join("bindcheck.toml"), "").unwrap();
    let (json, code, _) = lint_json(dir.path(), &["profiles"]);
    assert_eq!(
        summary(&json),
        [
            "profiles/blank.toml unreadable BC005",
            "profiles/clean.toml passed ",
            "profiles/comments.toml unreadable BC005",
            "profiles/empty.toml unreadable BC005",
        ]
    );
    let empty = &json["files"][3]["findings"][0];
    assert_eq!(
        (empty["line"].as_u64(), empty["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(
        empty["message"],
        "`format` is missing: add `format = 1` as the first line"
    );
    assert_eq!(code, 2);
}

/// A profile broken before its first key (a second byte-order mark, a NUL and a control from
/// a bad export, a zero-width space) is reported from a folder as it is when named, not
/// skipped as another tool's TOML.
#[test]
fn profiles_broken_before_their_first_key_are_reported_from_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("profiles");
    std::fs::create_dir_all(&p).unwrap();
    std::fs::write(p.join("bom2.toml"), "\u{FEFF}\u{FEFF}format = 1\n").unwrap();
    std::fs::write(p.join("bom2-seller.toml"), "\u{FEFF}\u{FEFF}[seller]\n").unwrap();
    std::fs::write(p.join("nul.toml"), "\u{0}\u{1}format = 1\n").unwrap();
    std::fs::write(p.join("zwsp.toml"), "format = 1\n\u{200B}[seller]\n").unwrap();
    std::fs::write(p.join("Cargo.toml"), "\u{FEFF}\u{FEFF}[package]\n").unwrap();
    let (json, code, _) = lint_json(dir.path(), &["profiles"]);
    assert_eq!(
        summary(&json),
        [
            "profiles/bom2-seller.toml unreadable BC001",
            "profiles/bom2.toml unreadable BC001",
            "profiles/nul.toml unreadable BC001",
            "profiles/zwsp.toml unreadable BC001",
        ]
    );
    let places: Vec<(u64, u64)> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let finding = &f["findings"][0];
            (
                finding["line"].as_u64().unwrap(),
                finding["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(places, [(1, 1), (1, 1), (1, 1), (2, 1)]);
    assert_eq!(code, 2);
}
