//! Pathological input gets a clear message and never a panic, a hang or a stack overflow.
//!
//! Every run of the binary has a 60 s watchdog: it only catches a hang, it is not a
//! performance assertion (the benchmark in `bench/` measures speed).

mod common;

use bindcheck::input::{MAX_PROFILE_BYTES, ReadError, read_profile};
use bindcheck::report::MESSAGE_VALUE_CHARS;
use common::bindcheck;
use serde_json::Value;
use std::path::Path;
use std::time::Duration;

const WATCHDOG: Duration = Duration::from_secs(60);

struct Run {
    code: i32,
    json: Option<Value>,
    stderr: String,
}

/// `bindcheck diagnose --format json PATH` under the watchdog.
fn diagnose(path: &Path) -> Run {
    let output = bindcheck()
        .arg("diagnose")
        .arg(path)
        .args(["--format", "json", "--as-of", "2026-11-21"])
        .timeout(WATCHDOG)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    // A signal (stack overflow, timeout kill) has no exit code.
    let code = output
        .status
        .code()
        .unwrap_or_else(|| panic!("killed by a signal; stderr: {stderr}"));
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    Run {
        code,
        json: serde_json::from_slice(&output.stdout).ok(),
        stderr,
    }
}

fn diagnose_text(text: &str) -> Run {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.toml");
    std::fs::write(&path, text).expect("write");
    diagnose(&path)
}

/// The single finding of an unloadable file: (code, line, column, message).
fn load_error(run: &Run) -> (String, u64, u64, String) {
    assert_eq!(run.code, 2, "stderr: {}", run.stderr);
    let json = run.json.as_ref().expect("JSON report");
    let findings = json["files"][0]["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1, "{json:#}");
    let f = &findings[0];
    (
        f["code"].as_str().unwrap_or_default().to_string(),
        f["line"].as_u64().unwrap_or(0),
        f["column"].as_u64().unwrap_or(0),
        f["message"].as_str().unwrap_or_default().to_string(),
    )
}

#[test]
fn one_megabyte_string_value_loads() {
    let name = "深".repeat(350_000);
    let run = diagnose_text(&format!(
        "format = 1\n[seller]\nlegal_name = \"{name}\"\nlegal_representative = \"张三\"\n"
    ));
    assert!(run.code == 0 || run.code == 1, "stderr: {}", run.stderr);
    let json = run.json.expect("JSON");
    assert_ne!(json["files"][0]["status"], "unreadable", "{json:#}");
}

#[test]
fn one_megabyte_names_in_both_bc101_fields_finish() {
    // Differ at the start and the end so the comparison cannot stop at a common prefix.
    let middle = "SHENZHEN XINGHE TECHNOLOGY ".repeat(38_000);
    let run = diagnose_text(&format!(
        "format = 1\n[lianlian.receiving_account]\naccount_name = \"A{middle}Z\"\n\
         [ozon.payout_account]\naccount_name = \"B{middle}Y\"\n"
    ));
    assert!(run.code == 0 || run.code == 1, "stderr: {}", run.stderr);
}

#[test]
fn namediff_caps_alignment_on_megabyte_names() {
    let middle = "Shenzhen Xinghe Technology ".repeat(40_000);
    let forms = bindcheck::namediff::LegalForms::default();
    let diff = bindcheck::namediff::compare(&format!("A{middle}Z"), &format!("B{middle}Y"), &forms);
    assert!(diff.is_some());
}

#[test]
fn character_scan_of_a_megabyte_of_invisible_characters_finishes() {
    let value = "a\u{200B}".repeat(200_000);
    let issues = bindcheck::unicode::scan(&value, bindcheck::unicode::CharPolicy::Name);
    assert!(!issues.is_empty());
}

#[test]
fn a_hundred_thousand_keys_is_refused_at_the_key_past_the_limit() {
    let mut text = String::from("format = 1\n");
    for i in 0..100_000 {
        text.push_str(&format!("k{i} = \"v\"\n"));
    }
    let (code, line, column, message) = load_error(&diagnose_text(&text));
    assert_eq!(code, "BC001");
    // `format` is entry 1, so entry 10 001 is `k9999` on line 10 001.
    assert_eq!((line, column), (10_001, 1));
    assert_eq!(
        message,
        "too many keys and values: more than 10000 (a profile has about a hundred); is this a seller profile?"
    );
}

#[test]
fn a_hundred_thousand_array_elements_are_refused_too() {
    let items = vec!["\"x\""; 100_000].join(",");
    let text = format!("format = 1\n[ozon]\nmanual_review_categories = [{items}]\n");
    let (code, line, column, _) = load_error(&diagnose_text(&text));
    assert_eq!(code, "BC001");
    // Entries: format, ozon, the key, then 9 997 elements fit; the one at index 9 997 (column
    // 29 + 4 × 9 997, after `manual_review_categories = [`) is past the limit.
    assert_eq!((line, column), (3, 29 + 9_997 * 4));
}

#[test]
fn deeply_nested_arrays_are_a_load_error_not_a_stack_overflow() {
    let n = 100_000;
    let text = format!("format = 1\na = {}{}\n", "[".repeat(n), "]".repeat(n));
    let (code, line, _, message) = load_error(&diagnose_text(&text));
    assert_eq!((code.as_str(), line), ("BC001", 2));
    assert!(message.starts_with("not valid TOML: "), "{message}");
    assert!(message.contains("recursion"), "{message}");
}

#[test]
fn deeply_nested_inline_tables_are_a_load_error() {
    let n = 100_000;
    let text = format!("format = 1\na = {}1{}\n", "{a=".repeat(n), "}".repeat(n));
    let (code, line, _, message) = load_error(&diagnose_text(&text));
    assert_eq!((code.as_str(), line), ("BC001", 2));
    assert!(message.contains("recursion"), "{message}");
}

#[test]
fn deeply_dotted_keys_and_headers_are_a_load_error() {
    let key = vec!["a"; 50_000].join(".");
    for (text, column) in [
        (format!("format = 1\n{key} = 1\n"), 1),
        (format!("format = 1\n[{key}]\n"), 2),
    ] {
        let (code, line, at, message) = load_error(&diagnose_text(&text));
        assert_eq!((code.as_str(), line, at), ("BC001", 2, column));
        assert_eq!(
            message,
            "a dotted key or table header of 80 parts or more, which cannot be read; the keys of a profile have at most three parts"
        );
    }
}

#[test]
fn unclosed_nesting_is_a_load_error() {
    let text = format!("format = 1\na = {}\n", "[".repeat(100_000));
    let (code, line, _, _) = load_error(&diagnose_text(&text));
    assert_eq!((code.as_str(), line), ("BC001", 2));
}

#[test]
fn a_directory_as_the_profile_is_exit_2_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = diagnose(dir.path());
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(&dir.path().display().to_string()),
        "{}",
        run.stderr
    );
}

#[test]
fn read_profile_refuses_a_file_over_the_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.toml");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(MAX_PROFILE_BYTES + 1).expect("sparse file");
    let error = read_profile(&path).expect_err("refused");
    assert!(matches!(error, ReadError::TooLarge { size, .. } if size == MAX_PROFILE_BYTES + 1));
    assert_eq!(
        error.to_string(),
        format!(
            "{} is 2097153 bytes, over the 2097152-byte limit for a profile",
            path.display()
        )
    );
}

#[test]
fn read_profile_refuses_a_fifo_without_blocking() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("pipe.toml");
    let made = std::process::Command::new("mkfifo").arg(&path).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo unavailable; skipped");
        return;
    }
    let error = read_profile(&path).expect_err("refused");
    assert_eq!(
        error.to_string(),
        format!("{} is not a regular file", path.display())
    );
}

// `diagnose` reads through `input::read_profile`: `std::fs::read` would read any size and
// block forever on a FIFO.

#[test]
fn diagnose_refuses_a_file_over_the_limit_naming_file_and_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.toml");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(MAX_PROFILE_BYTES + 1).expect("sparse file");
    let run = diagnose(&path);
    assert_eq!(run.code, 2);
    // Coded like every file that cannot be checked, with no line and column: it is about the
    // whole file.
    assert_eq!(
        run.stderr,
        format!(
            "error[BC001]: {}: 2097153 bytes, over the 2097152-byte limit for a profile\n",
            path.display()
        )
    );
    let out = bindcheck()
        .arg("diagnose")
        .arg(&path)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let file = &json["files"][0];
    assert_eq!(file["status"], "unreadable");
    assert_eq!(file["findings"][0]["code"], "BC001");
    assert_eq!(
        file["findings"][0]["message"],
        "2097153 bytes, over the 2097152-byte limit for a profile"
    );
}

#[test]
fn diagnose_refuses_a_fifo() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("pipe.toml");
    let made = std::process::Command::new("mkfifo").arg(&path).status();
    if !made.is_ok_and(|s| s.success()) {
        return;
    }
    let run = diagnose(&path);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not a regular file"),
        "{}",
        run.stderr
    );
}

/// A value hundreds of thousands of characters long is quoted in no output at its length: messages,
/// remediation steps ("the clean value is …") and excerpts show its start and end and how many
/// characters it has, masked or not, in every human format and language; only the JSON fix's
/// replacement, which a tool applies, is whole.
#[test]
fn huge_values_are_quoted_bounded() {
    let long = "L".repeat(400_000);
    let invisible = "A\u{200B}".repeat(100_000);
    let text = format!(
        "format = 1\n[lianlian]\nmerchant_id = \"LL2023WHCT0000000526GA71\"\n\
         [ozon.payout_account]\nmerchant_id = \"{long}\"\n[seller]\nlegal_name = \"{invisible}\"\n"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.toml");
    std::fs::write(&path, &text).expect("write");
    for format in ["human", "github", "json", "sarif"] {
        for lang in ["en", "zh"] {
            for values in [&[][..], &["--show-values"][..]] {
                let out = bindcheck()
                    .arg("diagnose")
                    .arg(&path)
                    .args(["--format", format, "--lang", lang, "--as-of", "2026-11-21"])
                    .args(values)
                    .timeout(WATCHDOG)
                    .output()
                    .expect("runs");
                assert_eq!(out.status.code(), Some(1), "{format} {lang}");
                let shown = String::from_utf8_lossy(&out.stdout);
                let whole = if format == "json" {
                    // The fix replacements: the clean value of the invisible-character finding
                    // (200 000 characters, less the invisible ones) and LianLian's Merchant ID.
                    // A cause carries its findings' fix too.
                    let json: Value = serde_json::from_str(&shown).expect("JSON");
                    ["findings", "causes"]
                        .iter()
                        .flat_map(|list| json["files"][0][list].as_array().expect("list"))
                        .filter_map(|f| f["fix"]["replacement"].as_str())
                        .map(str::len)
                        .sum::<usize>()
                } else {
                    0
                };
                // SARIF carries the rule catalogue (some 140 kB) whatever the profile.
                assert!(
                    shown.len() - whole < 250_000,
                    "{format} {lang} {values:?}: {} bytes",
                    shown.len()
                );
                if whole == 0 {
                    for run in ["L", "*", "A"].map(|c| c.repeat(MESSAGE_VALUE_CHARS + 1)) {
                        assert!(!shown.contains(&run), "{format} {lang} {values:?}");
                    }
                }
                if format != "sarif" && format != "json" {
                    assert!(shown.contains("400000"), "{format} {lang}: {shown}");
                }
            }
        }
    }
}
