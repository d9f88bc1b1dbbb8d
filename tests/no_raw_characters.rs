//! Control, bidi and invisible characters are never written raw to any output. Every
//! dangerous class goes into names, identifiers, an unknown key, enum values, a comment shown
//! in a source snippet and the file path; every format and language must print them escaped.

mod common;
use bindcheck::report::{Format, ReportCommand};
use bindcheck::unicode::is_unsafe_to_print;
use common::*;
use std::path::PathBuf;

/// One of each dangerous class: ZWSP, RLO, BOM, C1 NEL, tag A, LINE SEPARATOR, an unassigned
/// code point, private use.
const RAW: &str = "\u{200B}\u{202E}\u{FEFF}\u{85}\u{E0041}\u{2028}\u{378}\u{E000}";
/// The same as TOML escapes, plus U+0000 which TOML only allows escaped.
const ESCAPED: &str = r"\u200B\u202E\uFEFF\u0085\U000E0041\u2028\u0378\uE000\u0000";

fn profile() -> String {
    format!(
        "format = 1\n\
         \"bad\\u202Ekey{ESCAPED}\" = 1\n\
         [seller]\n\
         legal_name = \"深圳{ESCAPED}星河科技有限公司\"\n\
         legal_name_en = \"SHENZHEN{RAW} XINGHE\"   # comment {RAW}\n\
         entity_type = \"enter{RAW}prise\"\n\
         license_number = \"9144{ESCAPED}0300MA5FXH0Q2H\"\n\
         [lianlian]\n\
         merchant_id = \"LL2024{RAW}SZXH0000000000A7K3\"   # {RAW}\n\
         login = \"sel{ESCAPED}ler@example.com\"\n\
         ozon_channel = \"act{ESCAPED}ive\"\n\
         [lianlian.receiving_account]\n\
         iban = \"LT12{RAW}1000011101001000\"\n\
         swift_bic = \"HSBC{ESCAPED}HKHH\"\n"
    )
}

/// A directory whose file name itself carries the dangerous characters.
fn write_profile(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    // U+0000 cannot be part of a file name; every other class can.
    let path = dir.path().join(format!("shop{RAW}.toml"));
    std::fs::write(&path, text).expect("write");
    (dir, path)
}

/// (subcommand, --format value) for every format of every command that writes reports.
fn formats() -> Vec<(&'static str, &'static str)> {
    ReportCommand::ALL
        .into_iter()
        .flat_map(|command| {
            Format::accepted_by(command)
                .iter()
                .map(move |format| (command.name(), format.name()))
        })
        .collect()
}

/// The unsafe characters of `text`, as code points (newline and tab are the only controls an
/// output may contain).
fn raw_unsafe(text: &str) -> Vec<String> {
    text.chars()
        .filter(|&c| c != '\n' && c != '\t' && is_unsafe_to_print(c))
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect()
}

#[test]
fn the_profile_really_contains_every_class() {
    let text = profile();
    for ch in RAW.chars() {
        assert!(text.contains(ch), "U+{:04X}", u32::from(ch));
        assert!(is_unsafe_to_print(ch), "U+{:04X}", u32::from(ch));
    }
}

#[test]
fn no_output_writes_an_unsafe_character() {
    let (_dir, path) = write_profile(&profile());
    let formats = formats();
    assert!(formats.len() >= 2, "{formats:?}");
    for (command, format) in formats {
        for extra in [
            &[][..],
            &["--lang", "zh"][..],
            &["--show-values"][..],
            &["--lang", "zh", "--show-values"][..],
        ] {
            if command == "lint" && extra.contains(&"--show-values") {
                continue;
            }
            let mut cmd = bindcheck();
            cmd.arg(command).arg(&path).args(["--format", format]);
            if command == "diagnose" {
                cmd.args(["--as-of", "2026-11-21"]);
            }
            let out = cmd.args(extra).output().expect("runs");
            let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
            let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
            let what = format!("{command} --format {format} {extra:?}");
            assert_eq!(
                raw_unsafe(&stdout),
                Vec::<String>::new(),
                "{what}\n{stdout}"
            );
            assert_eq!(
                raw_unsafe(&stderr),
                Vec::<String>::new(),
                "{what}\n{stderr}"
            );
            assert!(stdout.contains("⟨U+200B⟩"), "{what}\n{stdout}");
            assert!(stdout.contains("⟨U+202E⟩"), "{what}\n{stdout}");
            assert_eq!(out.status.code(), Some(1), "{what}\n{stdout}\n{stderr}");
        }
    }
}

#[test]
fn the_findings_are_there_and_escaped_in_json() {
    let (_dir, path) = write_profile(&profile());
    let (json, _) = diagnose_json(&path, &["--show-values"]);
    let path_shown = json["files"][0]["path"].as_str().unwrap();
    assert!(
        path_shown.ends_with(
            "shop⟨U+200B⟩⟨U+202E⟩⟨U+FEFF⟩⟨U+0085⟩⟨U+E0041⟩⟨U+2028⟩⟨U+0378⟩⟨U+E000⟩.toml"
        ),
        "{path_shown}"
    );
    for (code, field) in [
        (
            "BC002",
            "bad⟨U+202E⟩key⟨U+200B⟩⟨U+202E⟩⟨U+FEFF⟩⟨U+0085⟩⟨U+E0041⟩⟨U+2028⟩⟨U+0378⟩⟨U+E000⟩⟨U+0000⟩",
        ),
        ("BC003", "seller.entity_type"),
        ("BC003", "lianlian.ozon_channel"),
        ("BC201", "seller.legal_name"),
        ("BC201", "seller.legal_name_en"),
        ("BC201", "seller.license_number"),
        ("BC201", "lianlian.merchant_id"),
        ("BC201", "lianlian.login"),
        ("BC201", "lianlian.receiving_account.iban"),
        ("BC201", "lianlian.receiving_account.swift_bic"),
    ] {
        assert!(
            findings(&json)
                .iter()
                .any(|f| f["code"] == code && f["field"] == field),
            "{code} {field}: {json:#}"
        );
    }
}

#[test]
fn an_unloadable_profile_reports_escaped() {
    let (_dir, path) = write_profile("format = 1\nbad\u{202E}\u{200B} = 1\n");
    for format in ["human", "json"] {
        let out = bindcheck()
            .arg("diagnose")
            .arg(&path)
            .args(["--format", format])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{format}");
        let stdout = String::from_utf8(out.stdout).expect("UTF-8");
        let stderr = String::from_utf8(out.stderr).expect("UTF-8");
        assert_eq!(
            raw_unsafe(&stdout),
            Vec::<String>::new(),
            "{format}: {stdout}"
        );
        assert_eq!(
            raw_unsafe(&stderr),
            Vec::<String>::new(),
            "{format}: {stderr}"
        );
        assert!(
            format!("{stdout}{stderr}").contains("⟨U+200B⟩"),
            "{format}: {stdout}{stderr}"
        );
    }
}

/// Each escape is made once: an output never shows the escape of an escape's own bracket
/// unless the input really contained that bracket.
#[test]
fn escapes_are_not_escaped_twice() {
    let (_dir, path) = write_profile(&profile());
    for format in ["human", "json"] {
        let out = bindcheck()
            .arg("diagnose")
            .arg(&path)
            .args(["--format", format, "--show-values"])
            .output()
            .expect("runs");
        let stdout = String::from_utf8(out.stdout).expect("UTF-8");
        assert!(!stdout.contains("⟨U+27E8⟩"), "{format}: {stdout}");
    }
}

#[test]
fn rulepack_metadata_is_escaped_in_streamed_lint_output() {
    // lint writes each file's output escaped on its worker thread and the head of the document
    // separately: a rulepack id full of dangerous characters must be escaped there too.
    let (dir, path) = write_profile(&profile());
    let rules = dir.path().join("mine.toml");
    std::fs::write(
        &rules,
        format!("[rulepack]\nid = \"agency{ESCAPED}\"\nversion = \"1{ESCAPED}\"\n"),
    )
    .expect("write");
    for format in ["json", "jsonl", "concise", "github"] {
        let out = bindcheck()
            .arg("lint")
            .arg(&path)
            .arg("--rules")
            .arg(&rules)
            .args(["--format", format])
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(!stdout.is_empty(), "{format}");
        assert_eq!(raw_unsafe(&stdout), Vec::<String>::new(), "{format}");
        if format == "json" {
            let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
            assert!(
                json["rulepack"]["id"]
                    .as_str()
                    .is_some_and(|id| id.starts_with("agency⟨U+200B⟩")),
                "{}",
                json["rulepack"]
            );
        }
    }
}
