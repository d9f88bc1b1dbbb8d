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

/// Every whitespace character other than the ASCII space: each prints like a space (or like
/// nothing), so a value holding one must show it escaped.
const SPACES: &[char] = &[
    '\u{A0}', '\u{1680}', '\u{2000}', '\u{2002}', '\u{2007}', '\u{2009}', '\u{200A}', '\u{202F}',
    '\u{205F}', '\u{3000}', '\u{2028}', '\u{2029}', '\u{85}',
];

/// A realistic profile with `space` typed inside the names, the address, an identifier and a
/// comment; `escaped` writes it as a TOML escape in the identifier instead.
fn profile_with_spaces(space: char, other: char) -> String {
    let code = |c: char| format!("\\u{:04X}", u32::from(c));
    format!(
        "format = 1\n\
         [seller]\n\
         legal_name = \"深圳市星河科技{space}有限公司\"\n\
         legal_name_en = \"SHENZHEN{space}XINGHE TECHNOLOGY CO., LTD.\"\n\
         license_number = \"91440300MA5FXH0Q2H\"\n\
         registered_address = \"广东省深圳市南山区{other}科技园路1号\"   # {space}\n\
         [lianlian]\n\
         merchant_id = \"LL2024{}SZXH0000000000A7K3\"\n\
         [lianlian.receiving_account]\n\
         account_name = \"SHENZHEN XINGHE{other}TECHNOLOGY CO., LTD.\"\n\
         [ozon]\n\
         registered_address = \"广东省深圳市南山区科技园路1号{space}\"\n\
         [ozon.payout_account]\n\
         account_name = \"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"\n",
        code(other)
    )
}

/// What a command printed, with the raw unsafe characters it contains.
fn run_raw(args: &[std::ffi::OsString]) -> (String, Vec<String>) {
    let out = bindcheck().args(args).output().expect("runs");
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    let mut raw = raw_unsafe(&stdout);
    raw.extend(raw_unsafe(&stderr));
    (stdout, raw)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(6))]
    /// No format, language or command writes an irregular space raw: the findings' messages,
    /// JSON evidence, source excerpts, tickets and displayed diffs all escape it.
    #[test]
    fn no_output_writes_an_irregular_space(
        space in proptest::sample::select(SPACES),
        other in proptest::sample::select(SPACES),
        zh: bool,
    ) {
        let (_dir, path) = write_profile(&profile_with_spaces(space, other));
        let lang = if zh { "zh" } else { "en" };
        let mut runs: Vec<Vec<&str>> = Vec::new();
        for (command, format) in formats() {
            runs.push(vec![command, "--format", format]);
        }
        runs.push(vec!["diagnose", "--show-values"]);
        runs.push(vec!["ticket"]);
        runs.push(vec!["lint", "--diff"]);
        for run in runs {
            let mut args: Vec<std::ffi::OsString> = vec![run[0].into(), path.clone().into()];
            args.extend(run[1..].iter().map(|a| (*a).into()));
            if run[0] != "ticket" {
                args.extend(["--lang".into(), lang.into()]);
            }
            let (stdout, raw) = run_raw(&args);
            proptest::prop_assert_eq!(raw, Vec::<String>::new(), "{:?}\n{}", run, stdout);
            // Escaped in a quoted value (⟨U+2000⟩) or named in a message (U+2000 EN QUAD).
            let shown = format!("U+{:04X}", u32::from(space));
            proptest::prop_assert!(stdout.contains(&shown), "{:?} lacks {}\n{}", run, shown, stdout);
        }
    }
}

/// bindcheck's own texts never hold an irregular space, so escaping them in every output can
/// only ever show a value's (an ideographic space in a Chinese message would otherwise print as
/// ⟨U+3000⟩). Its texts live in the rulepack, in the generated docs and in the code of the
/// commands, reports, interview and ticket.
#[test]
fn bindcheck_texts_hold_no_irregular_space() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = Vec::new();
    let mut folders = vec![
        root.join("rulepack"),
        root.join("docs"),
        root.join("src/cli"),
        root.join("src/report"),
        root.join("src/interview"),
        root.join("src/docs"),
    ];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.push(root.join("src/ticket.rs"));
    assert!(files.len() > 40, "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        for (n, line) in text.lines().enumerate() {
            let found: Vec<String> = line
                .chars()
                .filter(|&c| c != '\t' && bindcheck::unicode::is_irregular_space(c))
                .map(|c| format!("U+{:04X}", u32::from(c)))
                .collect();
            assert!(found.is_empty(), "{}:{}: {found:?}", file.display(), n + 1);
        }
    }
}
