//! BC901: credentials in a profile are reported, and their values appear in no output.

mod common;
use common::*;

const SECRETS: &[&str] = &[
    "c2VjcmV0LWtleS1kby1ub3QtcHJpbnQ",
    "Hunter2-not-printed",
    "5f2b8c1e-0d3a-4b7e-9c6f-1a2b3c4d5e6f",
    "AKIAIOSFODNN7EXAMPLE",
];

#[test]
fn declared_named_and_shaped_secrets_are_found() {
    let (json, code) = diagnose_json(&fixture("rules/BC901/fires.toml"), &[]);
    let found: Vec<(String, u64, u64)> = with_code(&json, "BC901").into_iter().map(place).collect();
    // In the order of their causes: deleting the password line also removes its BC002
    // (unknown field), so that cause holds two findings and ranks by the higher score.
    assert_eq!(
        found,
        vec![
            ("lianlian.password".into(), 6, 12),
            ("lianlian.api_key".into(), 5, 11),
            ("ozon.api_key".into(), 9, 11),
            ("incident.error_message".into(), 12, 17),
        ]
    );
    let messages: Vec<&str> = with_code(&json, "BC901")
        .iter()
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert_eq!(
        messages[0],
        "`lianlian.password` is not part of the format and its name says it holds a credential; bindcheck never prints it"
    );
    assert_eq!(
        messages[3],
        "`incident.error_message` holds a value shaped like an API key, token or private key; bindcheck never prints it"
    );
    assert_eq!(code, 1);
}

#[test]
fn no_output_format_prints_a_secret() {
    let path = fixture("rules/BC901/fires.toml");
    for args in [
        vec!["--format", "json", "--show-values"],
        vec!["--format", "human", "--show-values"],
        vec!["--format", "human", "--lang", "zh"],
    ] {
        let out = bindcheck()
            .arg("diagnose")
            .arg(&path)
            .args(&args)
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.contains("BC901"), "{args:?}: {text}");
        for secret in SECRETS {
            assert!(!text.contains(secret), "{args:?} leaks {secret}: {text}");
        }
    }
    let ticket = bindcheck().arg("ticket").arg(&path).output().unwrap();
    let text = String::from_utf8_lossy(&ticket.stdout);
    for secret in SECRETS {
        assert!(!text.contains(secret), "ticket leaks {secret}: {text}");
    }
    assert!(
        text.contains("Error message: \"failed with token ‹secret›\""),
        "{text}"
    );
}

#[test]
fn fingerprint_does_not_depend_on_the_secret_value() {
    let a = "format = 1\n[lianlian]\napi_key = \"first-secret-value\"\n";
    let b = "format = 1\n[lianlian]\napi_key = \"other-secret-value\"\n";
    // The fingerprint includes the file path: both versions are written to the same file.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("profile.toml");
    std::fs::write(&path, a).unwrap();
    let (ja, _) = diagnose_json(&path, &[]);
    std::fs::write(&path, b).unwrap();
    let (jb, _) = diagnose_json(&path, &[]);
    assert_eq!(
        only(&ja, "BC901")["fingerprint"],
        only(&jb, "BC901")["fingerprint"]
    );
    assert_eq!(only(&ja, "BC901")["evidence"]["reason"], "secret_field");
}

#[test]
fn empty_keys_and_ordinary_values_are_clean() {
    let (json, _) = diagnose_json(&fixture("rules/BC901/clean.toml"), &[]);
    assert!(with_code(&json, "BC901").is_empty(), "{json:#}");
}

#[test]
fn secret_named_table_marks_everything_below_it() {
    let text = "format = 1\n[credentials]\nuser = \"shop\"\npin = 1234\n";
    let (json, _) = diagnose_text(text, &[]);
    assert!(
        with_code(&json, "BC901").is_empty(),
        "a neutral name is not a secret"
    );
    let text = "format = 1\n[ozon.secret]\nvalue = \"abc\"\npin = 1234\n";
    let (json, _) = diagnose_text(text, &[]);
    let found: Vec<_> = with_code(&json, "BC901").into_iter().map(place).collect();
    assert_eq!(
        found,
        vec![
            ("ozon.secret.value".into(), 3, 9),
            ("ozon.secret.pin".into(), 4, 7)
        ]
    );
    assert!(!json.to_string().contains("1234"), "{json:#}");
}
