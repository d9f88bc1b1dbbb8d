//! An answer as given (typed, pasted, or sent as JSON) → the TOML value saved for its field.
//!
//! Text is kept exactly as given, every character included: it is written as a basic string
//! whose escapes decode to the same text ([`crate::lint::fix::basic_string`]). What a value
//! must look like beyond its TOML type (an enum's values, a money amount, a country code, an
//! integer's range) is the loader's to say: the engine loads the profile with the answer and
//! reports the loader's own finding as the reason. Here only the TOML type is decided.

use crate::finding::Term;
use crate::profile::schema::{FieldSpec, Kind};
use crate::report::words::{say, term};
use crate::rulepack::Lang;
use toml_edit::Value;

/// An answer as a front end received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Given {
    /// Typed or pasted text, or a JSON string: kept byte for byte.
    Text(String),
    /// A yes/no answer (a JSON boolean).
    Bool(bool),
    /// A whole number (a JSON integer).
    Integer(i64),
    /// A JSON array of strings.
    List(Vec<String>),
}

/// The question kinds of the protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    /// Free text, kept byte for byte.
    Text,
    /// One of `choices`.
    Choice,
    /// Yes or no.
    Bool,
    /// A whole number in the field's range.
    Integer,
    /// `"AMOUNT CURRENCY"`, decimal.
    Money,
    /// A date, `YYYY-MM-DD`.
    Date,
    /// Several values (for a list field with allowed items, from `choices`).
    List,
}

impl QuestionKind {
    /// How a field of `kind` is asked, and the values to choose from.
    pub fn of(kind: Kind) -> (QuestionKind, &'static [&'static str]) {
        match kind {
            Kind::Enum(values) => (QuestionKind::Choice, values),
            Kind::List(values) => (QuestionKind::List, values),
            Kind::Integer { .. } => (QuestionKind::Integer, &[]),
            Kind::Boolean => (QuestionKind::Bool, &[]),
            Kind::Date => (QuestionKind::Date, &[]),
            Kind::Money => (QuestionKind::Money, &[]),
            Kind::Text | Kind::DateTime | Kind::Country | Kind::Currency => {
                (QuestionKind::Text, &[])
            }
        }
    }
}

/// The words that answer a yes/no question, besides JSON `true` / `false`.
const YES: &[&str] = &["y", "yes", "true", "是", "有", "对"];
const NO: &[&str] = &["n", "no", "false", "否", "没有", "无", "不是"];

/// The TOML value for `given` as the answer for the field `spec`, or why it cannot be one.
pub fn value(spec: &FieldSpec, given: Given, lang: Lang) -> Result<Value, String> {
    match (spec.kind, given) {
        (Kind::Integer { .. }, Given::Integer(n)) => Ok(Value::from(n)),
        (Kind::Integer { .. }, Given::Text(text)) => text
            .trim()
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| not_a(lang, "a whole number, like 3", "整数，如 3", &text)),
        (Kind::Boolean, Given::Bool(b)) => Ok(Value::from(b)),
        (Kind::Boolean, Given::Text(text)) => {
            let word = text.trim().to_lowercase();
            if YES.contains(&word.as_str()) {
                Ok(Value::from(true))
            } else if NO.contains(&word.as_str()) {
                Ok(Value::from(false))
            } else {
                Err(not_a(lang, "yes or no", "“是”或“否”", &text))
            }
        }
        (Kind::Date, Given::Text(text)) => match text.trim().parse::<jiff::civil::Date>() {
            Ok(date) => date
                .to_string()
                .parse::<toml_edit::Datetime>()
                .map(Value::from)
                .map_err(|_| not_a(lang, "a date like 2026-11-20", "日期，如 2026-11-20", &text)),
            Err(_) => Err(not_a(
                lang,
                "a date like 2026-11-20",
                "日期，如 2026-11-20",
                &text,
            )),
        },
        (Kind::DateTime, Given::Text(text)) => text
            .trim()
            .parse::<toml_edit::Datetime>()
            .map(Value::from)
            .map_err(|_| {
                not_a(
                    lang,
                    "a date and time like 2026-11-20T10:15:00+08:00",
                    "日期时间，如 2026-11-20T10:15:00+08:00",
                    &text,
                )
            }),
        (Kind::List(_), Given::List(items)) => Ok(list(items)),
        (Kind::List(_), Given::Text(text)) => Ok(list(split_list(&text))),
        (
            Kind::Text | Kind::Enum(_) | Kind::Money | Kind::Country | Kind::Currency,
            Given::Text(text),
        ) => Ok(string(&text)),
        (Kind::Text | Kind::Enum(_) | Kind::Country | Kind::Currency, Given::Integer(n)) => {
            Ok(string(&n.to_string()))
        }
        _ => {
            let form = |lang| term(&Term::Form(spec.path), lang);
            Err(say(
                lang,
                format!("this question takes {}", form(Lang::En)),
                format!("此问题需要填写{}", form(Lang::Zh)),
            ))
        }
    }
}

/// A list typed on one line: items separated by commas (ASCII or full-width), `-` for none.
pub fn split_list(text: &str) -> Vec<String> {
    if text.trim() == "-" {
        return Vec::new();
    }
    text.split([',', '，', '、'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_string)
        .collect()
}

/// `text` as a TOML basic string value that decodes to exactly `text`.
fn string(text: &str) -> Value {
    let encoded = crate::lint::fix::basic_string(text);
    // A basic string written by `basic_string` always parses; the fallback keeps the text.
    encoded
        .parse::<Value>()
        .unwrap_or_else(|_| Value::from(text))
}

fn list(items: Vec<String>) -> Value {
    let mut array = toml_edit::Array::new();
    for item in items {
        array.push_formatted(string(&item));
    }
    array.fmt();
    Value::Array(array)
}

/// "`abc` is not a whole number, like 3", in `lang`, the answer shown escaped.
fn not_a(lang: Lang, en: &str, zh: &str, answer: &str) -> String {
    let shown = crate::unicode::escape(answer);
    say(
        lang,
        format!("`{shown}` is not {en}"),
        format!("“{shown}”不是{zh}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::schema;

    fn answer(path: &str, given: Given) -> Result<String, String> {
        value(schema::field(path).unwrap(), given, Lang::En).map(|v| v.to_string())
    }

    #[test]
    fn answers_take_their_field_s_type() {
        let text = |s: &str| Given::Text(s.into());
        assert_eq!(answer("lianlian.kyc_level", text(" 2 ")).unwrap(), "2");
        assert_eq!(
            answer("lianlian.kyc_level", Given::Integer(3)).unwrap(),
            "3"
        );
        let e = answer("lianlian.kyc_level", text("two")).unwrap_err();
        assert_eq!(e, "`two` is not a whole number, like 3");
        assert_eq!(answer("amazon.primary_owner", text("是")).unwrap(), "true");
        assert_eq!(answer("amazon.primary_owner", text("No")).unwrap(), "false");
        assert_eq!(
            answer("amazon.primary_owner", Given::Bool(true)).unwrap(),
            "true"
        );
        assert!(answer("amazon.primary_owner", text("maybe")).is_err());
        assert_eq!(
            answer("seller.license_expires", text("2031-06-30")).unwrap(),
            "2031-06-30"
        );
        let e = answer("seller.license_expires", text("2031-13-01")).unwrap_err();
        assert!(e.contains("not a date"), "{e}");
        assert_eq!(
            answer("amazon.marketplaces", text("US, DE，FR")).unwrap(),
            "[\"US\", \"DE\", \"FR\"]"
        );
        assert_eq!(
            answer("ozon.manual_review_categories", text("-")).unwrap(),
            "[]"
        );
        assert_eq!(
            answer("ozon.seller_id", Given::Integer(1234567)).unwrap(),
            "\"1234567\""
        );
        let e = answer("ozon.seller_id", Given::Bool(true)).unwrap_err();
        assert_eq!(e, "this question takes a string");
        let e = value(
            schema::field("lianlian.kyc_level").unwrap(),
            Given::List(vec![]),
            Lang::Zh,
        )
        .unwrap_err();
        assert!(e.starts_with("此问题需要填写"), "{e}");
    }
}
