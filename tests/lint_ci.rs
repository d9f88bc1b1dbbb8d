//! `lint` as an agency's CI meets it: load problems that no selection hides, info findings
//! that do not flood the log, baselines that work from any folder, `--output-file`,
//! `--exit-zero`, `--statistics` formats and a `--diff` that `git apply` takes.

mod common;
use common::*;
use std::path::Path;

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

fn lint(dir: &Path, args: &[&str]) -> Run {
    let out = bindcheck()
        .current_dir(dir)
        .arg("lint")
        .args(args)
        .args(["--as-of", "2026-11-21"])
        .output()
        .expect("runs");
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

/// A folder with `faulty.toml`: BC003 (money as a float, error), BC002 (warning) and one BC004
/// (info).
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("lint/faulty.toml"), dir.path().join("faulty.toml")).unwrap();
    dir
}

#[test]
fn a_money_float_fails_the_run_whatever_is_selected() {
    let dir = folder();
    let run = lint(dir.path(), &["faulty.toml", "--select", "BC1"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("faulty.toml:6:11: BC003 error [cause 1] money written as a float (150.5)"),
        "{}",
        run.stdout
    );
    std::fs::write(
        dir.path().join("bindcheck.toml"),
        "select = [\"BC1\"]\n[[per-path]]\nglob = \"*.toml\"\nignore = [\"BC0\"]\n",
    )
    .unwrap();
    let run = lint(dir.path(), &["faulty.toml"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("BC003 error"), "{}", run.stdout);
    let run = lint(dir.path(), &["faulty.toml", "--ignore", "BC003"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("warning: --ignore BC003: BC003 is always reported"),
        "{}",
        run.stderr
    );
}

#[test]
fn info_findings_are_left_out_of_concise_and_github_with_a_count() {
    let dir = folder();
    for format in ["concise", "github"] {
        let run = lint(dir.path(), &["faulty.toml", "--format", format]);
        assert!(!run.stdout.contains("BC004"), "{format}: {}", run.stdout);
        assert!(run.stdout.contains("BC003"), "{format}: {}", run.stdout);
        assert_eq!(
            run.stderr,
            "1 info finding not shown (mostly BC004 \"not checked\"); --show-info shows them\n",
            "{format}"
        );
        let shown = lint(
            dir.path(),
            &["faulty.toml", "--format", format, "--show-info"],
        );
        assert!(shown.stdout.contains("BC004"), "{format}: {}", shown.stdout);
        assert_eq!(shown.stderr, "");
    }
    for format in ["json", "jsonl", "sarif", "junit"] {
        let run = lint(dir.path(), &["faulty.toml", "--format", format]);
        assert!(run.stdout.contains("BC004"), "{format} keeps every finding");
        assert_eq!(run.stderr, "", "{format}");
    }
    // When info findings fail the run they are shown.
    let run = lint(dir.path(), &["faulty.toml", "--fail-on", "info"]);
    assert!(run.stdout.contains("BC004"), "{}", run.stdout);
}

#[test]
fn a_baseline_works_from_another_folder_and_says_when_it_matches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let profiles = dir.path().join("profiles");
    std::fs::create_dir(&profiles).unwrap();
    std::fs::copy(fixture("lint/faulty.toml"), profiles.join("a.toml")).unwrap();
    let written = lint(
        dir.path(),
        &["profiles", "--write-baseline", "baseline.json"],
    );
    assert_eq!(
        written.code, 0,
        "the baseline was written: {}",
        written.stderr
    );
    assert!(
        written
            .stderr
            .contains("wrote 3 baseline entries to baseline.json")
    );
    let text = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    assert!(text.contains("\"path\": \"profiles/a.toml\""), "{text}");

    // From inside the folder, with other PATH spellings: the same findings match.
    for (cwd, path, baseline) in [
        (&profiles, ".", "../baseline.json"),
        (&profiles, "a.toml", "../baseline.json"),
        (&dir.path().to_path_buf(), "./profiles/", "baseline.json"),
    ] {
        let run = lint(cwd, &[path, "--baseline", baseline]);
        assert_eq!(run.code, 0, "{path}: {} {}", run.stdout, run.stderr);
        assert_eq!(run.stdout, "", "{path}");
        assert!(
            run.stderr.contains("3 findings hidden by the baseline"),
            "{}",
            run.stderr
        );
    }

    // A baseline for other files says so.
    std::fs::copy(profiles.join("a.toml"), dir.path().join("other.toml")).unwrap();
    std::fs::remove_file(profiles.join("a.toml")).unwrap();
    let run = lint(dir.path(), &["other.toml", "--baseline", "baseline.json"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("warning: the baseline baseline.json matches no finding: its 3 entries name other files or values (paths in it are relative to its folder)"),
        "{}",
        run.stderr
    );
}

#[test]
fn output_file_takes_the_report_and_the_terminal_a_summary() {
    let dir = folder();
    let expected = lint(dir.path(), &["faulty.toml", "--format", "json"]);
    let run = lint(
        dir.path(),
        &[
            "faulty.toml",
            "--format",
            "json",
            "--output-file",
            "report.json",
        ],
    );
    assert_eq!(run.code, 1, "the exit code is the run's");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("report.json")).unwrap(),
        expected.stdout
    );
    assert_eq!(
        run.stdout,
        "Checked 1 file: 1 failed; 1 error, 1 warning, 1 info. Report written to report.json.\n"
    );
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");

    let zh = lint(
        dir.path(),
        &["faulty.toml", "--output-file", "r.txt", "--lang", "zh"],
    );
    assert_eq!(
        zh.stdout,
        "已检查 1 个文件：1 个未通过；错误 1 个，警告 1 个，提示 1 个。报告已写入 r.txt。\n"
    );
    let stats = lint(
        dir.path(),
        &[
            "faulty.toml",
            "--statistics",
            "--format",
            "json",
            "--output-file",
            "s.json",
        ],
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("s.json")).unwrap()).unwrap();
    assert_eq!(json["findings"], 3, "{}", stats.stderr);
}

#[test]
fn exit_zero_and_exit_two() {
    let dir = folder();
    assert_eq!(lint(dir.path(), &["faulty.toml"]).code, 1);
    assert_eq!(lint(dir.path(), &["faulty.toml", "--exit-zero"]).code, 0);
    std::fs::write(dir.path().join("broken.toml"), "format = 1\n[seller\n").unwrap();
    // 2 still says that bindcheck could not do its job.
    assert_eq!(lint(dir.path(), &["broken.toml", "--exit-zero"]).code, 2);
}

#[test]
fn statistics_writes_a_table_or_json_and_refuses_the_rest() {
    let dir = folder();
    let json = lint(
        dir.path(),
        &["faulty.toml", "--statistics", "--format", "json"],
    );
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["files"], 1);
    for format in ["sarif", "github", "junit", "jsonl"] {
        let run = lint(
            dir.path(),
            &["faulty.toml", "--statistics", "--format", format],
        );
        assert_eq!(run.code, 2, "{format}");
        assert_eq!(run.stdout, "", "{format}");
        assert_eq!(
            run.stderr,
            format!(
                "error: --statistics writes a table (--format concise) or JSON (--format json), not --format {format}\n"
            )
        );
    }
}

const DIRTY: &str =
    "format = 1\n\n[lianlian]\nmerchant_id = \"LL2024SZXH\u{200B}0000000000A7K3\"  # pasted\n";
const FIXED: &str =
    "format = 1\n\n[lianlian]\nmerchant_id = \"LL2024SZXH0000000000A7K3\"  # pasted\n";

/// `--diff --output-file` writes a patch that `git apply` takes as it is.
#[test]
fn the_diff_written_to_a_file_applies_with_git() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("shop")).unwrap();
    let profile = dir.path().join("shop/p.toml");
    std::fs::write(&profile, DIRTY).unwrap();
    let run = lint(
        dir.path(),
        &["shop/p.toml", "--diff", "--output-file", "fix.patch"],
    );
    assert_eq!(run.code, 1, "a file would change: {}", run.stderr);
    assert_eq!(
        run.stdout,
        "Checked 1 file: 1 would change. Patch written to fix.patch; apply it with `git apply fix.patch`.\n"
    );
    assert_eq!(
        std::fs::read_to_string(&profile).unwrap(),
        DIRTY,
        "--diff writes no profile"
    );
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .current_dir(dir.path())
            .args(args)
            .output()
            .expect("git runs")
    };
    let check = git(&["apply", "--check", "fix.patch"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let apply = git(&["apply", "fix.patch"]);
    assert!(
        apply.status.success(),
        "{}",
        String::from_utf8_lossy(&apply.stderr)
    );
    assert_eq!(std::fs::read_to_string(&profile).unwrap(), FIXED);
}

/// A patch whose lines hold a secret shows `‹secret›` there (nothing prints a secret), so the
/// summary does not promise that `git apply` takes it, and says what to run instead.
#[test]
fn a_diff_that_hides_a_secret_does_not_promise_git_apply() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("p.toml");
    let key = "sk_live_51HxQvT2eZvKYlo2C9aBcDeFgHiJkLmNoP";
    let text = format!(
        "format = 1\n\n[lianlian]\napi_key = \"{key}\"\nmerchant_id = \"LL2024SZXH\u{200B}0000000000A7K3\"\n"
    );
    std::fs::write(&profile, &text).unwrap();
    let run = lint(
        dir.path(),
        &["p.toml", "--diff", "--output-file", "fix.patch"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "Checked 1 file: 1 would change. Patch written to fix.patch, but the lines that hold a secret show ‹secret› in 1 of them, so `git apply` will not take those hunks: run `bindcheck lint --fix` on those files instead.\n"
    );
    let patch = std::fs::read_to_string(dir.path().join("fix.patch")).unwrap();
    assert!(
        patch.contains("‹secret›") && !patch.contains(&key[key.len() - 8..]),
        "{patch}"
    );
}
