//! The profile format as a JSON Schema (draft-07), for editors.
//!
//! Generated from [`schema::FIELDS`] and [`schema::SECTIONS`] so it cannot drift from what the
//! loader accepts. Declared draft-07, but it uses only keywords draft-04 already had, because
//! some Taplo (Even Better TOML) versions only read draft-04. TOML dates have no JSON type; editors that validate TOML against a JSON
//! Schema present them as strings, so dates are `"type": "string"` with a `format`.
//!
//! Profiles are TOML 1.0, which is what Taplo reads; the schema says so, and its `date-time`
//! (RFC 3339) has seconds, as a TOML 1.0 date-time does.

use super::schema::{self, FieldSpec, Kind, SectionSpec};
use serde_json::{Map, Value, json};

/// The `$schema` the document declares.
pub const DRAFT: &str = "http://json-schema.org/draft-07/schema#";

/// How a money value is written: amount, one space, ISO 4217 code.
pub const MONEY_PATTERN: &str = r"^-?[0-9]+(\.[0-9]+)? [A-Z]{3}$";

/// The JSON Schema of profile format [`schema::SUPPORTED_FORMAT`].
pub fn json_schema() -> Value {
    let mut root = table_schema("");
    if let Value::Object(object) = &mut root {
        object.insert("$schema".into(), json!(DRAFT));
        object.insert("title".into(), json!("bindcheck seller profile"));
        object.insert(
            "description".into(),
            json!(format!(
                "A bindcheck seller profile, format {}: a TOML 1.0 document",
                schema::SUPPORTED_FORMAT
            )),
        );
        object.insert("required".into(), json!(["format"]));
    }
    root
}

/// The object schema of the table at `parent` ("" = the document root).
fn table_schema(parent: &str) -> Value {
    let mut properties = Map::new();
    for key in schema::child_keys(parent) {
        let path = if parent.is_empty() {
            key.to_string()
        } else {
            format!("{parent}.{key}")
        };
        if let Some(section) = schema::section(&path) {
            properties.insert(key.to_string(), section_schema(section));
        } else if let Some(field) = schema::field(&path) {
            properties.insert(key.to_string(), field_schema(field));
        }
    }
    json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    })
}

fn section_schema(section: &SectionSpec) -> Value {
    let table = table_schema(section.path);
    let mut out = if section.array {
        json!({ "type": "array", "items": table })
    } else {
        table
    };
    describe(&mut out, section.en, section.zh);
    out
}

fn field_schema(field: &FieldSpec) -> Value {
    let mut out = match field.kind {
        Kind::Text => json!({ "type": "string" }),
        Kind::Enum(values) => json!({ "type": "string", "enum": values }),
        // `enum` rather than `const`: the same meaning, and also read by draft-04 tools.
        Kind::Integer { min, max } if min == max => {
            json!({ "type": "integer", "enum": [min] })
        }
        Kind::Integer { min, max } => {
            json!({ "type": "integer", "minimum": min, "maximum": max })
        }
        Kind::Boolean => json!({ "type": "boolean" }),
        Kind::Date => json!({ "type": "string", "format": "date" }),
        Kind::DateTime => json!({ "type": "string", "format": "date-time" }),
        Kind::Money => json!({ "type": "string", "pattern": MONEY_PATTERN }),
        Kind::Country => json!({ "type": "string", "pattern": "^[A-Z]{2}$" }),
        Kind::Currency => json!({ "type": "string", "pattern": "^[A-Z]{3}$" }),
        Kind::List([]) => {
            json!({ "type": "array", "items": { "type": "string" } })
        }
        Kind::List(values) => {
            json!({ "type": "array", "items": { "type": "string", "enum": values } })
        }
    };
    describe(&mut out, field.en, field.zh);
    out
}

/// English in `description` (what every editor shows); Chinese in `x-description-zh` and, for
/// editors that render it, after the English in `markdownDescription`.
fn describe(schema: &mut Value, en: &str, zh: &str) {
    if let Value::Object(object) = schema {
        object.insert("description".into(), json!(en));
        object.insert("x-description-zh".into(), json!(zh));
        object.insert("markdownDescription".into(), json!(format!("{en}\n\n{zh}")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_a_property() {
        let root = json_schema();
        for field in schema::FIELDS {
            let mut node = &root;
            for segment in field.path.split('.') {
                if node["type"] == "array" {
                    node = &node["items"];
                }
                node = &node["properties"][segment];
            }
            assert_eq!(node["description"], field.en, "{}", field.path);
        }
    }

    #[test]
    fn kinds_map_to_types() {
        let root = json_schema();
        assert_eq!(root["properties"]["format"]["enum"], json!([1]));
        let lianlian = &root["properties"]["lianlian"]["properties"];
        assert_eq!(lianlian["kyc_level"]["minimum"], 0);
        assert_eq!(lianlian["kyc_level"]["maximum"], 3);
        assert_eq!(lianlian["balance"]["pattern"], MONEY_PATTERN);
        let seller = &root["properties"]["seller"]["properties"];
        assert_eq!(seller["license_expires"]["format"], "date");
        let incident = &root["properties"]["incident"]["properties"];
        assert_eq!(incident["occurred_at"]["format"], "date-time");
        assert!(
            root["description"]
                .as_str()
                .unwrap()
                .ends_with("a TOML 1.0 document")
        );
        assert_eq!(seller["entity_type"]["enum"][0], "enterprise");
        let ignore = &root["properties"]["bindcheck"]["properties"]["ignore"];
        assert_eq!(ignore["type"], "array");
        assert_eq!(ignore["items"]["additionalProperties"], false);
    }
}
