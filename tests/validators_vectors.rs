//! Known-answer tests from tests/data/stdnum_vectors.toml (numbers from python-stdnum's test
//! data, plus generated numbers python-stdnum wrongly rejects). See the file's header.

use bindcheck::validators::{IdError, aba, bic, iban, inn, ogrn, uscc};

type Validate = fn(&str) -> Result<(), IdError>;

fn vectors() -> toml::Table {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/stdnum_vectors.toml"
    );
    let text = std::fs::read_to_string(path).expect("vector file is readable");
    text.parse().expect("vector file is valid TOML")
}

fn strings(section: &toml::Table, key: &str) -> Vec<String> {
    section
        .get(key)
        .and_then(|v| v.as_array())
        .unwrap_or_else(|| panic!("missing array {key}"))
        .iter()
        .map(|v| v.as_str().expect("string entry").to_string())
        .collect()
}

fn invalid(section: &toml::Table) -> Vec<(String, String)> {
    section
        .get("invalid")
        .and_then(|v| v.as_array())
        .expect("invalid array")
        .iter()
        .map(|e| {
            let t = e.as_table().expect("inline table");
            let get = |k: &str| t.get(k).and_then(|v| v.as_str()).expect(k).to_string();
            (get("value"), get("variant"))
        })
        .collect()
}

fn section<'a>(all: &'a toml::Table, name: &str) -> &'a toml::Table {
    all.get(name)
        .and_then(|v| v.as_table())
        .unwrap_or_else(|| panic!("missing [{name}]"))
}

/// Runs valid, invalid and stdnum_wrong lists; returns how many numbers were checked.
fn run(name: &str, validate: Validate, min_valid: usize) -> usize {
    let all = vectors();
    let s = section(&all, name);
    let valid = strings(s, "valid");
    assert!(
        valid.len() >= min_valid,
        "{name}: only {} valid",
        valid.len()
    );
    for v in &valid {
        assert_eq!(validate(v), Ok(()), "{name} valid: {v}");
    }
    let bad = invalid(s);
    assert!(!bad.is_empty());
    for (v, variant) in &bad {
        match validate(v) {
            Ok(()) => panic!("{name} invalid accepted: {v}"),
            Err(e) => assert_eq!(e.variant(), variant, "{name}: {v} gave {e:?}"),
        }
    }
    let mut n = valid.len() + bad.len();
    if s.contains_key("stdnum_wrong") {
        let wrong = strings(s, "stdnum_wrong");
        for v in &wrong {
            assert_eq!(validate(v), Ok(()), "{name} stdnum_wrong must pass: {v}");
        }
        n += wrong.len();
    }
    n
}

#[test]
fn uscc_vectors() {
    assert_eq!(run("uscc", uscc::validate, 200), 216);
}

#[test]
fn inn_vectors() {
    assert_eq!(run("inn", inn::validate, 20), 28);
}

#[test]
fn ogrn_vectors() {
    assert_eq!(run("ogrn", ogrn::validate, 7), 24);
}

#[test]
fn iban_vectors() {
    assert_eq!(run("iban", |s| iban::validate(s).map(|_| ()), 100), 165);
}

#[test]
fn aba_vectors() {
    assert_eq!(run("aba", aba::validate, 20), 28);
}

#[test]
fn bic_vectors() {
    assert_eq!(run("bic", |s| bic::validate(s).map(|_| ()), 300), 405);
}

/// stdnum_wrong OGRNIPs really have first-14 remainders 10, 11 and 12 (three each).
#[test]
fn ogrnip_stdnum_wrong_cover_remainders_10_to_12() {
    let all = vectors();
    let wrong = strings(section(&all, "ogrn"), "stdnum_wrong");
    let mut rems: Vec<u64> = wrong
        .iter()
        .map(|v| {
            v.get(..14)
                .and_then(|p| p.parse::<u64>().ok())
                .expect("14 digits")
                % 13
        })
        .collect();
    rems.sort_unstable();
    assert_eq!(rems, vec![10, 10, 10, 11, 11, 11, 12, 12, 12]);
    for v in &wrong {
        let last = v.chars().last().and_then(|c| c.to_digit(10));
        let rem = v
            .get(..14)
            .and_then(|p| p.parse::<u64>().ok())
            .map(|r| r % 13);
        assert_eq!(last.map(u64::from), rem.map(|r| r - 10), "{v}");
    }
}

/// stdnum_wrong USCCs start with a letter.
#[test]
fn uscc_stdnum_wrong_start_with_letter() {
    let all = vectors();
    let wrong = strings(section(&all, "uscc"), "stdnum_wrong");
    assert_eq!(wrong.len(), 10);
    assert!(
        wrong
            .iter()
            .all(|v| v.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
    );
}

/// Irregularly spaced IBANs are rejected with a character error, and are valid once the
/// separators are removed.
#[test]
fn iban_irregular_spacing() {
    let all = vectors();
    let irregular = strings(section(&all, "iban"), "irregular_spacing");
    assert_eq!(irregular.len(), 52);
    for v in &irregular {
        match iban::validate(v) {
            Err(IdError::Character { found, .. }) => {
                assert!(
                    matches!(found, ' ' | '-' | '.') || found.is_ascii_alphanumeric(),
                    "{v}"
                )
            }
            other => panic!("{v}: {other:?}"),
        }
        let compact: String = v.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        assert!(iban::validate(&compact).is_ok(), "{compact}");
    }
}

/// Numbers stdnum rejects only through Spanish national check digits pass bindcheck.
#[test]
fn iban_national_check_not_verified() {
    let all = vectors();
    for v in strings(section(&all, "iban"), "national_check_not_verified") {
        assert_eq!(
            iban::validate(&v),
            Ok(iban::IbanInfo {
                country: "ES".to_string()
            })
        );
    }
}
