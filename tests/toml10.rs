//! Profiles are TOML 1.0: what the parser would accept beyond it is a syntax error (BC001,
//! exit 2) at its line and column, worded in both languages, as `diagnose` and `lint` show it.

mod common;
use common::*;

/// (profile body after `format = 1`, line, column, start of the English message)
const CASES: &[(&str, u64, u64, &str)] = &[
    (
        "[incident]\nattempts = 0x\n",
        3,
        12,
        "not valid TOML: the integer 0x has no digits",
    ),
    (
        "[incident]\nattempts = 0o\n",
        3,
        12,
        "not valid TOML: the integer 0o has no digits",
    ),
    (
        "[seller]\nlegal_name = \"A\\eB\"\n",
        3,
        16,
        "not TOML 1.0: the escape \\e is TOML 1.1",
    ),
    (
        "[seller]\nlegal_name = \"A\\x41\"\n",
        3,
        16,
        "not TOML 1.0: the escape \\x41 is TOML 1.1",
    ),
    (
        "[incident]\noccurred_at = 2026-11-20T10:15+08:00\n",
        3,
        26,
        "not TOML 1.0: a time without seconds (10:15)",
    ),
    (
        "seller = { legal_name = \"A\", }\n",
        2,
        28,
        "not TOML 1.0: a comma before the closing brace",
    ),
    (
        "seller = {\n  legal_name = \"A\" }\n",
        2,
        11,
        "not TOML 1.0: an inline table",
    ),
];

#[test]
fn toml_1_1_syntax_is_exit_2_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    for (body, line, column, message) in CASES {
        let path = dir.path().join("p.toml");
        std::fs::write(&path, format!("format = 1\n{body}")).unwrap();
        let (json, code) = diagnose_json(&path, &[]);
        let finding = &json["files"][0]["findings"][0];
        assert_eq!(code, 2, "{body}");
        assert_eq!(json["files"][0]["status"], "unreadable", "{body}");
        assert_eq!(finding["code"], "BC001", "{body}");
        assert_eq!(
            (finding["line"].as_u64(), finding["column"].as_u64()),
            (Some(*line), Some(*column)),
            "{body}"
        );
        let text = finding["message"].as_str().unwrap();
        assert!(text.starts_with(message), "{body}: {text}");
        let (zh, _) = diagnose_json(&path, &["--lang", "zh"]);
        let zh = zh["files"][0]["findings"][0]["message"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            zh.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
            "{zh}"
        );
    }
}

/// One byte-order mark is accepted (Windows editors write it); two are not a TOML file.
#[test]
fn a_second_byte_order_mark_is_a_syntax_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    std::fs::write(&path, "\u{FEFF}format = 1\n[seller]\nlegal_name = \"A\"\n").unwrap();
    let (_, code) = diagnose_json(&path, &[]);
    assert_eq!(code, 0);
    std::fs::write(&path, "\u{FEFF}\u{FEFF}format = 1\n").unwrap();
    let (json, code) = diagnose_json(&path, &[]);
    let finding = &json["files"][0]["findings"][0];
    assert_eq!(code, 2);
    assert_eq!(
        (
            finding["code"].as_str(),
            finding["line"].as_u64(),
            finding["column"].as_u64()
        ),
        (Some("BC001"), Some(1), Some(1))
    );
}
