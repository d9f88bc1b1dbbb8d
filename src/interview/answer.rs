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
        (Kind::Money, Given::Text(text)) => money(&text, lang).map(|amount| string(&amount)),
        (Kind::Text | Kind::Enum(_) | Kind::Country | Kind::Currency, Given::Text(text)) => {
            Ok(string(&text))
        }
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

/// How a seller writes a currency without its ISO 4217 code, and the codes it may stand for:
/// the yuan's words and signs; the yen sign, which is the yuan's too; a dollar sign, of which
/// the US dollar's is offered; the euro's, pound's and rouble's signs. Common names that are
/// not ISO codes (RMB) are [`crate::profile::money::currency_meant`]'s.
const CURRENCY_MARKS: &[(&str, &[&str])] = &[
    ("人民币", &["CNY"]),
    ("元", &["CNY"]),
    ("圆", &["CNY"]),
    ("块", &["CNY"]),
    ("¥", &["CNY", "JPY"]),
    ("US$", &["USD"]),
    ("HK$", &["HKD"]),
    ("$", &["USD"]),
    ("€", &["EUR"]),
    ("£", &["GBP"]),
    ("₽", &["RUB"]),
];

/// A money answer as the profile writes it (`"150.00 CNY"`). What differs from that only in
/// form is taken as meant: full-width digits and letters (a Chinese input method's), spaces,
/// the code's letter case. A currency written another way (`88元`, `￥88`, `88 RMB`), an
/// amount with separators, a currency first or none is refused with the answer to give
/// instead: a currency is never guessed.
fn money(text: &str, lang: Lang) -> Result<String, String> {
    let plain = plain_width(text);
    let (amount, currency) = match plain.rsplit_once(' ') {
        Some((amount, code))
            if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) =>
        {
            (amount, code.to_ascii_uppercase())
        }
        _ => (plain.as_str(), String::new()),
    };
    let canonical = format!("{amount} {currency}");
    if canonical.parse::<crate::profile::Money>().is_ok() {
        return Ok(canonical);
    }
    Err(money_refusal(text, &plain, lang))
}

/// Why a money answer is refused, with what to answer instead where that can be told.
fn money_refusal(text: &str, plain: &str, lang: Lang) -> String {
    let shown = crate::unicode::escape(text);
    let quoted = |s: &str| match lang {
        Lang::En => format!("`{s}`"),
        Lang::Zh => format!("“{s}”"),
    };
    let Some((amount, codes)) = amount_and_codes(plain) else {
        return say(
            lang,
            format!(
                "{} is not an amount: enter the amount, a space and the currency code, like `150.00 CNY`",
                quoted(&shown)
            ),
            format!(
                "{}不是金额：请填写金额、空格和币种代码，如“150.00 CNY”",
                quoted(&shown)
            ),
        );
    };
    let offers: Vec<String> = codes
        .iter()
        .map(|code| quoted(&format!("{amount} {code}")))
        .collect();
    match offers.as_slice() {
        [] => say(
            lang,
            format!(
                "{} has no currency: enter it with its currency code, like `{amount} CNY` or `{amount} USD`",
                quoted(&shown)
            ),
            format!(
                "{}缺少币种：请带上币种代码填写，如“{amount} CNY”或“{amount} USD”",
                quoted(&shown)
            ),
        ),
        [one] => say(
            lang,
            format!(
                "{}: enter {one} (the amount in digits, a space and the currency code)",
                quoted(&shown)
            ),
            format!(
                "{}：请填写{one}（数字金额、空格和币种代码）",
                quoted(&shown)
            ),
        ),
        several => say(
            lang,
            format!(
                "{}: the sign stands for more than one currency: enter {}",
                quoted(&shown),
                several.join(" or ")
            ),
            format!(
                "{}：该符号可指多种货币：请填写{}",
                quoted(&shown),
                several.join("或")
            ),
        ),
    }
}

/// The amount of a money answer written another way, as a plain decimal, and the codes its
/// currency may be (none when it names none); `None` when no amount can be read from it.
fn amount_and_codes(plain: &str) -> Option<(String, Vec<&'static str>)> {
    let mut rest = plain.to_string();
    let mut codes: Vec<&'static str> = Vec::new();
    if let Some((mark, meant)) = CURRENCY_MARKS.iter().find(|(mark, _)| rest.contains(mark)) {
        rest = rest.replacen(mark, " ", 1);
        codes.extend(meant.iter().copied());
    }
    let mut amount: Option<String> = None;
    for word in rest.split_whitespace() {
        let digits = word.replace(',', "");
        let is_amount = format!("{digits} CNY")
            .parse::<crate::profile::Money>()
            .is_ok();
        match (is_amount, crate::profile::money::currency_meant(word)) {
            (true, _) if amount.is_none() => amount = Some(digits),
            (false, Some(code)) if codes.is_empty() => codes.push(code),
            _ => return None,
        }
    }
    amount.map(|amount| (amount, codes))
}

/// `text` with full-width forms (U+FF01–U+FF5E, the ideographic space, the full-width yen
/// sign) as their ASCII twins, and runs of spaces as one, trimmed.
fn plain_width(text: &str) -> String {
    let ascii: String = text
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{FFE5}' => '¥',
            c => c,
        })
        .collect();
    ascii.split_whitespace().collect::<Vec<_>>().join(" ")
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

    /// Money answers: what differs only in form (full-width digits, spaces, the code's case)
    /// is taken; a currency written as a word or sign, separators, the currency first or none
    /// are refused with the answer to give, never a guessed currency; no message speaks of
    /// strings or quotes.
    #[test]
    fn money_answers_are_taken_or_refused_with_the_answer_to_give() {
        let text = |s: &str| Given::Text(s.into());
        for (given, saved) in [
            ("150.00 CNY", "\"150.00 CNY\""),
            ("１５０ CNY", "\"150 CNY\""),
            ("１５０\u{3000}ＣＮＹ", "\"150 CNY\""),
            (" 99.50  cny ", "\"99.50 CNY\""),
        ] {
            assert_eq!(
                answer("lianlian.balance", text(given)).unwrap(),
                saved,
                "{given}"
            );
        }
        for (given, en, zh) in [
            (
                "88元",
                "`88元`: enter `88 CNY` (the amount in digits, a space and the currency code)",
                "“88元”：请填写“88 CNY”（数字金额、空格和币种代码）",
            ),
            (
                "88 元",
                "`88 元`: enter `88 CNY` (the amount in digits, a space and the currency code)",
                "“88 元”：请填写“88 CNY”（数字金额、空格和币种代码）",
            ),
            (
                "88 RMB",
                "`88 RMB`: enter `88 CNY` (the amount in digits, a space and the currency code)",
                "“88 RMB”：请填写“88 CNY”（数字金额、空格和币种代码）",
            ),
            (
                "1,500 CNY",
                "`1,500 CNY`: enter `1500 CNY` (the amount in digits, a space and the currency code)",
                "“1,500 CNY”：请填写“1500 CNY”（数字金额、空格和币种代码）",
            ),
            (
                "USD 800",
                "`USD 800`: enter `800 USD` (the amount in digits, a space and the currency code)",
                "“USD 800”：请填写“800 USD”（数字金额、空格和币种代码）",
            ),
            (
                "￥88",
                "`￥88`: the sign stands for more than one currency: enter `88 CNY` or `88 JPY`",
                "“￥88”：该符号可指多种货币：请填写“88 CNY”或“88 JPY”",
            ),
            (
                "150",
                "`150` has no currency: enter it with its currency code, like `150 CNY` or `150 USD`",
                "“150”缺少币种：请带上币种代码填写，如“150 CNY”或“150 USD”",
            ),
            (
                "1e3 CNY",
                "`1e3 CNY` is not an amount: enter the amount, a space and the currency code, like `150.00 CNY`",
                "“1e3 CNY”不是金额：请填写金额、空格和币种代码，如“150.00 CNY”",
            ),
        ] {
            let spec = schema::field("lianlian.balance").unwrap();
            assert_eq!(value(spec, text(given), Lang::En).unwrap_err(), en);
            assert_eq!(value(spec, text(given), Lang::Zh).unwrap_err(), zh);
        }
    }
}
