//! `bindcheck schema`: a valid JSON Schema that accepts the clean examples and rejects what the
//! loader rejects.

mod common;

use common::{bindcheck, fixture};
use serde_json::{Value, json};

fn schema() -> Value {
    let output = bindcheck().arg("schema").output().expect("runs");
    assert_eq!(output.status.code(), Some(0));
    serde_json::from_slice(&output.stdout).expect("schema is JSON")
}

/// A TOML document as JSON the way editors see it: dates and date-times become strings.
fn to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(to_json).collect()),
        toml::Value::Table(table) => {
            Value::Object(table.into_iter().map(|(k, v)| (k, to_json(v))).collect())
        }
    }
}

fn profile_json(text: &str) -> Value {
    to_json(toml::from_str::<toml::Value>(text).expect("valid TOML"))
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn is_a_valid_draft_07_schema() {
    let schema = schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::meta::validate(&schema).expect("valid against the draft-07 meta-schema");
    assert_eq!(schema["required"], json!(["format"]));
    assert_eq!(schema["additionalProperties"], false);
}

#[test]
fn accepts_every_clean_example() {
    let validator = jsonschema::validator_for(&schema()).expect("compiles");
    let dir = fixture("examples");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("examples") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "toml") || !path.to_string_lossy().contains("clean")
        {
            continue;
        }
        let instance = profile_json(&std::fs::read_to_string(&path).expect("read"));
        assert_eq!(
            errors(&validator, &instance),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
        checked += 1;
    }
    assert!(checked >= 2, "only {checked} clean examples");
}

#[test]
fn accepts_dates_as_strings() {
    let validator = jsonschema::validator_for(&schema()).expect("compiles");
    let instance = profile_json("format = 1\n[seller]\nlicense_expires = 2031-06-30\n");
    assert_eq!(instance["seller"]["license_expires"], "2031-06-30");
    assert_eq!(errors(&validator, &instance), Vec::<String>::new());
}

#[test]
fn rejects_what_the_loader_rejects() {
    let validator = jsonschema::validator_for(&schema()).expect("compiles");
    let cases = [
        // An unknown key, at the root (pointer "") and in a section.
        ("format = 1\nmerchant_id = \"x\"\n", ""),
        ("format = 1\n[lianlian]\nmerchant_di = \"x\"\n", "/lianlian"),
        // A missing or unsupported format.
        ("[seller]\n", ""),
        ("format = 2\n", "/format"),
        // Wrong enum value, out-of-range integer, money as a float or without currency.
        (
            "format = 1\n[seller]\nentity_type = \"company\"\n",
            "/seller/entity_type",
        ),
        (
            "format = 1\n[lianlian]\nkyc_level = 4\n",
            "/lianlian/kyc_level",
        ),
        (
            "format = 1\n[lianlian]\nbalance = 150.0\n",
            "/lianlian/balance",
        ),
        (
            "format = 1\n[lianlian]\nbalance = \"150\"\n",
            "/lianlian/balance",
        ),
        // A suppression with an unknown key.
        (
            "format = 1\n[[bindcheck.ignore]]\ncode = \"BC101\"\nreasn = \"x\"\n",
            "/bindcheck/ignore/0",
        ),
    ];
    for (text, at) in cases {
        let found = errors(&validator, &profile_json(text));
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        assert!(
            found[0].ends_with(&format!(" at {at}")),
            "{text:?}: {found:?}"
        );
    }
}

#[test]
fn descriptions_are_bilingual() {
    let schema = schema();
    let name = &schema["properties"]["seller"]["properties"]["legal_name"];
    assert_eq!(
        name["description"],
        "Legal name exactly as printed on the business licence"
    );
    assert_eq!(name["x-description-zh"], "与营业执照完全一致的公司名称");
    assert_eq!(
        name["markdownDescription"],
        "Legal name exactly as printed on the business licence\n\n与营业执照完全一致的公司名称"
    );
}
