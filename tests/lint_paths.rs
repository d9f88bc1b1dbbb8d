//! `bindcheck lint` and the paths it is given: one file named several ways, outputs that
//! would replace a profile, folders with nothing to check, files in a folder that are not
//! TOML at all, and worker counts out of proportion.

mod common;
use common::*;
use serde_json::Value;

fn json(stdout: &str, stderr: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout} / {stderr}"))
}

/// A folder `p` with the faulty lint fixture and a clean one.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("p")).unwrap();
    for name in ["clean.toml", "faulty.toml"] {
        std::fs::copy(
            fixture(&format!("lint/{name}")),
            dir.path().join("p").join(name),
        )
        .unwrap();
    }
    dir
}

fn paths(json: &Value) -> Vec<String> {
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn one_file_named_several_ways_is_checked_once() {
    let dir = folder();
    let absolute = dir.path().join("p/faulty.toml");
    let (out, err, code) = lint_in(
        dir.path(),
        &[
            "p",
            "./p",
            "p/faulty.toml",
            "p/../p/faulty.toml",
            absolute.to_str().unwrap(),
        ],
    );
    let json = json(&out, &err);
    assert_eq!(code, 1, "{err}");
    assert_eq!(json["summary"]["files"], 2, "{out}");
    let mut names: Vec<String> = paths(&json)
        .iter()
        .map(|p| p.rsplit('/').next().unwrap().to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["clean.toml", "faulty.toml"], "{out}");
    // --fix reaches each file once: no "changed since it was read" race between two names.
    let (_, err, code) = lint_in(dir.path(), &["p", "./p", "p/faulty.toml", "--fix"]);
    assert_ne!(code, 2, "{err}");
    assert!(!err.contains("changed since it was read"), "{err}");
}

/// `--output-file` and `--write-baseline` naming a profile being checked: exit 2 with the
/// reason, and the profile keeps its bytes.
#[test]
fn an_output_never_replaces_a_profile_being_checked() {
    let dir = folder();
    let profile = dir.path().join("p/clean.toml");
    let before = std::fs::read(&profile).unwrap();
    for args in [
        ["p", "--output-file", "p/clean.toml"],
        ["p", "--output-file", "./p/../p/clean.toml"],
        ["p", "--write-baseline", "p/clean.toml"],
    ] {
        let (out, err, code) = lint_in(dir.path(), &args);
        assert_eq!(code, 2, "{args:?}: {out} {err}");
        assert!(
            err.contains("is one of the profiles being checked; write it to another file"),
            "{args:?}: {err}"
        );
        assert_eq!(std::fs::read(&profile).unwrap(), before, "{args:?}");
    }
    // Another name in the same folder is fine (a report, not a *.toml profile).
    let (_, err, code) = lint_in(dir.path(), &["p", "--output-file", "p/report.json"]);
    assert_eq!(code, 1, "{err}");
    assert!(dir.path().join("p/report.json").exists());
}

/// An empty folder, or a folder named `*.toml`, gives nothing to check: exit 2, not a pass.
#[test]
fn nothing_to_check_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    std::fs::create_dir(dir.path().join("dir.toml")).unwrap();
    for path in ["empty", "dir.toml"] {
        let (_, err, code) = lint_in(dir.path(), &[path]);
        assert_eq!(code, 2, "{path}: {err}");
        assert!(
            err.contains("error: no profiles found in the given paths"),
            "{path}: {err}"
        );
    }
}

/// A `*.toml` in a folder that is not TOML at all (a profile saved as JSON, a private key, a
/// note) is reported as BC001, not skipped as another tool's file; no line of the key is
/// printed.
#[test]
fn a_file_that_is_not_toml_is_reported_from_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p");
    std::fs::create_dir(&p).unwrap();
    std::fs::write(p.join("json.toml"), "{\"format\": 1, \"seller\": {}}\n").unwrap();
    let body = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW";
    std::fs::write(
        p.join("key.toml"),
        format!("-----BEGIN OPENSSH PRIVATE KEY-----\n{body}\n-----END OPENSSH PRIVATE KEY-----\n"),
    )
    .unwrap();
    std::fs::write(p.join("tool.toml"), "[tool.black]\nline-length = 88\n").unwrap();
    let (out, err, code) = lint_in(dir.path(), &["p"]);
    let report = json(&out, &err);
    assert_eq!(code, 2, "{err}");
    assert_eq!(paths(&report), ["p/json.toml", "p/key.toml"]);
    for file in report["files"].as_array().unwrap() {
        let codes: Vec<&str> = file["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes[0], "BC001", "{file}");
    }
    for text in [&out, &err] {
        assert!(!text.contains(&body[body.len() - 8..]), "{text}");
    }
}

/// A worker count far beyond the files and cores is cut down, not obeyed: the run ends at
/// once with the usual report.
#[test]
fn an_absurd_worker_count_is_cut_down() {
    let dir = folder();
    let (out, err, code) = lint_in(dir.path(), &["p", "--jobs", "100000"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(json(&out, &err)["summary"]["files"], 2);
}

/// A baseline refreshed from a run over some files (a pre-commit hook passes only the staged
/// ones) keeps the other files' entries, and such a run calls none of them stale.
#[test]
fn a_baseline_survives_runs_over_some_files() {
    let dir = folder();
    std::fs::copy(
        dir.path().join("p/faulty.toml"),
        dir.path().join("p/faulty2.toml"),
    )
    .unwrap();
    let (_, err, code) = lint_in(dir.path(), &["p", "--write-baseline", "base.json"]);
    assert_eq!(code, 0, "{err}");
    let written = std::fs::read_to_string(dir.path().join("base.json")).unwrap();
    let all = serde_json::from_str::<Value>(&written).unwrap()["entries"]
        .as_array()
        .unwrap()
        .len();
    assert!(all >= 2, "{written}");

    let (_, err, code) = lint_in(dir.path(), &["p/clean.toml", "--baseline", "base.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("match no finding"), "{err}");

    let (_, err, code) = lint_in(
        dir.path(),
        &["p/faulty.toml", "--write-baseline", "base.json"],
    );
    assert_eq!(code, 0, "{err}");
    let kept = all / 2;
    assert!(
        err.contains(&format!(
            "wrote {kept} baseline entries to base.json ({kept} kept for files not checked in this run)"
        )),
        "{err}"
    );
    let (_, err, code) = lint_in(dir.path(), &["p", "--baseline", "base.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("match no finding"), "{err}");
}
