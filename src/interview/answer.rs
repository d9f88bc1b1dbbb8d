//! An answer as given (typed, pasted, or sent as JSON) → the TOML value saved for its field.
//!
//! Text is kept exactly as given, every character included: it is written as a basic string
//! whose escapes decode to the same text ([`crate::lint::fix::basic_string`]). Two kinds of
//! answer are read for what they mean instead, and what was made of them is said
//! ([`Taken::note`]): an answer whose field has a form of its own (a choice, money, a date)
//! written another way a seller would write it, and a value a provider issued, copied from its
//! page with the page's spaces around it (`issued` in `rulepack/fields.toml`). What a value must
//! look like beyond that (an enum's values, a country code, an integer's range) is the loader's
//! to say: the engine loads the profile with the answer and reports the loader's own finding as
//! the reason.

use crate::finding::Term;
use crate::profile::schema::{FieldSpec, Kind};
use crate::report::words::{say, term};
use crate::rulepack::{Lang, RulePack};
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

/// An answer taken: the TOML value saved, and what was made of the answer when the value
/// differs from it in more than surrounding spaces (shown to the person answering).
#[derive(Debug, Clone)]
pub struct Taken {
    /// The value saved for the field.
    pub value: Value,
    /// "`８０ 元` is taken as `80 CNY`", in the interview's language; `None` when the value is
    /// the answer.
    pub note: Option<String>,
}

impl Taken {
    fn as_given(value: Value) -> Self {
        Taken { value, note: None }
    }

    /// `saved` (a text) for the answer `given`, noted when it is not what was given.
    fn read_as(saved: &str, given: &str, lang: Lang) -> Self {
        let note = (saved != given.trim()).then(|| {
            let shown = crate::unicode::escape(given);
            say(
                lang,
                format!("`{shown}` is taken as `{saved}`"),
                format!("“{shown}”记为“{saved}”"),
            )
        });
        Taken {
            value: string(saved),
            note,
        }
    }
}

/// The TOML value for `given` as the answer for the field `spec`, or why it cannot be one.
/// An answer that differs from the value only in form is taken as meant: a choice in its
/// description's or the rulepack's words, money in a currency word that names one currency, a
/// date written with other separators, full-width digits; what was made of it is noted.
pub fn value(spec: &FieldSpec, given: Given, pack: &RulePack, lang: Lang) -> Result<Taken, String> {
    match (spec.kind, given) {
        (Kind::Date, Given::Text(text)) => date(&text, lang),
        (Kind::Money, Given::Text(text)) => {
            money(&text, pack, lang).map(|amount| Taken::read_as(&amount, &text, lang))
        }
        (Kind::Enum(values), Given::Text(text)) => choice(spec.path, values, &text, pack, lang),
        (Kind::List(values), Given::Text(text)) if !values.is_empty() => Ok(chosen_list(
            spec.path,
            values,
            split_list(&text),
            pack,
            lang,
        )),
        (Kind::List(values), Given::List(items)) if !values.is_empty() => {
            Ok(chosen_list(spec.path, values, items, pack, lang))
        }
        (Kind::Country, Given::Text(text)) => Ok(country(&text, lang)),
        (Kind::Currency, Given::Text(text)) => currency(&text, pack, lang),
        (Kind::Text, Given::Text(text)) if pack.is_issued(spec.path) => {
            Ok(copied(spec.path, &text, pack, lang))
        }
        (kind, given) => typed(spec, kind, given, lang).map(Taken::as_given),
    }
}

/// An answer whose value is its TOML type's reading of it.
fn typed(spec: &FieldSpec, kind: Kind, given: Given, lang: Lang) -> Result<Value, String> {
    match (kind, given) {
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

/// A value copied from the page of the provider that issued it: what surrounds it on the page
/// (spaces, a line break, invisible characters) is left out, and that is said; what is inside
/// is kept as given, for the character checks to judge.
fn copied(path: &str, text: &str, pack: &RulePack, lang: Lang) -> Taken {
    let page_only = |c: char| c.is_whitespace() || crate::unicode::is_hidden(c);
    let value = text.trim_matches(page_only);
    let note = (value.len() != text.len() && !value.is_empty()).then(|| {
        let label = |lang| pack.field_label(path, lang).unwrap_or(path).to_string();
        say(
            lang,
            format!(
                "The spaces or invisible characters pasted around the answer were left out: they come from the page, not from {}",
                label(Lang::En)
            ),
            format!(
                "已去掉粘贴时回答前后带上的空格或不可见字符：它们来自网页，不属于{}",
                label(Lang::Zh)
            ),
        )
    });
    Taken {
        value: string(if value.is_empty() { text } else { value }),
        note,
    }
}

/// A choice answered by its value or by a word for it: the value itself in any case, with
/// spaces for underscores (`Pending review`); its description in either language, whole or
/// the part outside or inside its parentheses (`LianLian Global`, `连连国际`, `SWIFT`); or one
/// of the rulepack's `words` for it (`连连`). An answer that selects no value is left to the
/// loader, which says which values there are; one that could mean several is asked again.
fn choice(
    path: &str,
    values: &'static [&'static str],
    text: &str,
    pack: &RulePack,
    lang: Lang,
) -> Result<Taken, String> {
    let meanings = crate::profile::values::meanings(values).unwrap_or_default();
    match selected(path, values, text, pack).as_slice() {
        [] => Ok(Taken::as_given(string(text))),
        [one] => {
            let mut taken = Taken::read_as(one, text, lang);
            let meaning = meanings.iter().find(|m| m.value == *one);
            if let (Some(note), Some(meaning)) = (&mut taken.note, meaning) {
                note.push_str(&say(
                    lang,
                    format!(" ({})", meaning.en),
                    format!("（{}）", meaning.zh),
                ));
            }
            Ok(taken)
        }
        several => Err(several_meant(text, several, lang)),
    }
}

/// The values of `values` (the field at `path`'s) that `text` selects: the value itself in any
/// case and width, with spaces for underscores; its description in either language, whole or
/// outside or inside its parentheses; one of the rulepack's `words` for it.
fn selected(
    path: &str,
    values: &'static [&'static str],
    text: &str,
    pack: &RulePack,
) -> Vec<&'static str> {
    let key = choice_key(text);
    let meanings = crate::profile::values::meanings(values).unwrap_or_default();
    let words = pack.choice_words(path);
    values
        .iter()
        .copied()
        .filter(|value| {
            let listed = words
                .and_then(|w| w.get(*value))
                .map_or(&[][..], Vec::as_slice);
            let mut described = meanings
                .iter()
                .filter(|m| m.value == *value)
                .flat_map(|m| [m.en, m.zh])
                .flat_map(described_forms);
            choice_key(value) == key
                || listed.iter().any(|word| choice_key(word) == key)
                || described.any(|form| choice_key(form) == key)
        })
        .collect()
}

/// "`¥` may mean `CNY` or `JPY`: enter one of them", in `lang`.
fn several_meant(text: &str, several: &[&str], lang: Lang) -> String {
    let shown = crate::unicode::escape(text);
    let listed: Vec<String> = several.iter().map(|v| format!("`{v}`")).collect();
    say(
        lang,
        format!(
            "`{shown}` may mean {}: enter one of them",
            listed.join(" or ")
        ),
        format!("“{shown}”可指{}：请填写其中之一", listed.join("或")),
    )
}

/// A list whose items are listed values (marketplaces): each item as [`selected`] reads it,
/// an item that selects none or several left for the loader to judge.
fn chosen_list(
    path: &str,
    values: &'static [&'static str],
    items: Vec<String>,
    pack: &RulePack,
    lang: Lang,
) -> Taken {
    let read: Vec<String> = items
        .iter()
        .map(|item| match selected(path, values, item, pack).as_slice() {
            [one] => one.to_string(),
            _ => item.clone(),
        })
        .collect();
    let note = (read != items).then(|| {
        let shown = crate::unicode::escape_owned(items.join(", "));
        let saved = read.join(", ");
        say(
            lang,
            format!("`{shown}` is taken as `{saved}`"),
            format!("“{shown}”记为“{saved}”"),
        )
    });
    Taken {
        value: list(read),
        note,
    }
}

/// A country answered as its two-letter code in any case or width (`hk`, `ＨＫ`); any other
/// answer is left for the loader to judge.
fn country(text: &str, lang: Lang) -> Taken {
    let code = plain_width(text).to_ascii_uppercase();
    if crate::validators::country::is_iso3166_alpha2(&code) {
        Taken::read_as(&code, text, lang)
    } else {
        Taken::as_given(string(text))
    }
}

/// A currency answered as its ISO code in any case or width, or in a word that names one
/// currency (`人民币`, `RMB`: `[answers] currencies`); a sign shared by several (`¥`) is asked
/// again with the codes it may mean; any other answer is left for the loader to judge.
fn currency(text: &str, pack: &RulePack, lang: Lang) -> Result<Taken, String> {
    let plain = plain_width(text);
    let upper = plain.to_uppercase();
    if crate::profile::money::is_currency(&upper) {
        return Ok(Taken::read_as(&upper, text, lang));
    }
    let meant = pack
        .answers
        .currencies
        .iter()
        .find(|(word, _)| word.to_uppercase() == upper)
        .map(|(_, codes)| codes.iter().map(String::as_str).collect::<Vec<_>>());
    match meant.as_deref() {
        Some([code]) => Ok(Taken::read_as(code, text, lang)),
        Some(several) if !several.is_empty() => Err(several_meant(text, several, lang)),
        _ => Ok(Taken::as_given(string(text))),
    }
}

/// A description (`bank transfer (SWIFT)`), the part outside its parentheses and the part
/// inside, each a form a seller may answer with.
fn described_forms(description: &'static str) -> Vec<&'static str> {
    let mut forms = vec![description];
    if let Some((before, rest)) = description.split_once(['(', '（'])
        && let Some((inside, after)) = rest.split_once([')', '）'])
        && after.trim().is_empty()
    {
        forms.extend([before.trim(), inside.trim()]);
    }
    forms
}

/// What two spellings of a choice share: its words in phrase form (case, width, spacing and
/// invisible characters aside), an underscore or hyphen read as a space.
fn choice_key(text: &str) -> String {
    crate::unicode::phrase_form(&text.replace(['_', '-'], " "))
}

/// A date as a seller writes it: `2026-12-14`, `2026/12/14`, `2026.12.14`, `2026年12月14日`,
/// with full-width digits or a month and day of one digit; taken as the date and noted in
/// ISO form when written otherwise. A day first or a two-digit year is refused: which part is
/// which would be a guess.
fn date(text: &str, lang: Lang) -> Result<Taken, String> {
    let refused = || not_a(lang, "a date like 2026-11-20", "日期，如 2026-11-20", text);
    let plain = plain_width(text);
    let unified = plain
        .trim_end_matches(['日', '号'])
        .replace(['年', '月', '/', '.'], "-");
    let parts: Vec<&str> = unified.split('-').map(str::trim).collect();
    let [year, month, day] = parts.as_slice() else {
        return Err(refused());
    };
    let digits = |part: &str, widths: std::ops::RangeInclusive<usize>| {
        (widths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<i16>().ok())
            .flatten()
    };
    let (Some(year), Some(month), Some(day)) = (
        digits(year, 4..=4),
        digits(month, 1..=2),
        digits(day, 1..=2),
    ) else {
        return Err(refused());
    };
    let month = i8::try_from(month).map_err(|_| refused())?;
    let day = i8::try_from(day).map_err(|_| refused())?;
    let date = jiff::civil::Date::new(year, month, day).map_err(|_| refused())?;
    let iso = date.to_string();
    let value = iso
        .parse::<toml_edit::Datetime>()
        .map(Value::from)
        .map_err(|_| refused())?;
    let mut taken = Taken::read_as(&iso, text, lang);
    taken.value = value;
    Ok(taken)
}

/// A money answer as the profile writes it (`"150.00 CNY"`). What differs from that only in
/// form is taken as meant: full-width digits and letters (a Chinese input method's), spaces,
/// the code's letter case, the currency first, a word for a currency that names one
/// (`88元`, `88 RMB`: `[answers] currencies`). A sign that stands for several currencies
/// (`￥88`), separators in the amount, no currency, or no amount is refused with the answer to
/// give instead: a currency is never guessed.
fn money(text: &str, pack: &RulePack, lang: Lang) -> Result<String, String> {
    let plain = plain_width(text);
    if let Some((amount, codes)) = amount_and_codes(&plain, pack)
        && let [code] = codes.as_slice()
        && !plain.contains(',')
    {
        let canonical = format!("{amount} {code}");
        if canonical.parse::<crate::profile::Money>().is_ok() {
            return Ok(canonical);
        }
    }
    Err(money_refusal(text, &plain, pack, lang))
}

/// Why a money answer is refused, with what to answer instead where that can be told.
fn money_refusal(text: &str, plain: &str, pack: &RulePack, lang: Lang) -> String {
    let shown = crate::unicode::escape(text);
    let quoted = |s: &str| match lang {
        Lang::En => format!("`{s}`"),
        Lang::Zh => format!("“{s}”"),
    };
    let Some((amount, codes)) = amount_and_codes(plain, pack) else {
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

/// The amount of a money answer as a plain decimal (separators dropped), and the codes its
/// currency may be: an ISO code in any case, or the rulepack's word or sign for one (the
/// longest that occurs); none when it names none. `None` when no amount can be read from it.
fn amount_and_codes<'p>(plain: &str, pack: &'p RulePack) -> Option<(String, Vec<&'p str>)> {
    let upper = plain.to_uppercase();
    let mut rest = plain.to_string();
    let mut codes: Vec<&'p str> = Vec::new();
    if let Some((word, meant)) = pack
        .answers
        .currencies
        .iter()
        .filter(|(word, _)| upper.contains(&word.to_uppercase()))
        .max_by_key(|(word, _)| word.chars().count())
        && let Some(at) = upper.find(&word.to_uppercase())
        && rest.is_char_boundary(at)
        && rest.is_char_boundary(at + word.len())
    {
        rest.replace_range(at..at + word.len(), " ");
        codes.extend(meant.iter().map(String::as_str));
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

    fn pack() -> RulePack {
        RulePack::builtin().unwrap()
    }

    fn answer(path: &str, given: Given) -> Result<String, String> {
        taken(path, given, Lang::En).map(|t| t.value.to_string())
    }

    fn taken(path: &str, given: Given, lang: Lang) -> Result<Taken, String> {
        value(schema::field(path).unwrap(), given, &pack(), lang)
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
        let e = taken("lianlian.kyc_level", Given::List(vec![]), Lang::Zh).unwrap_err();
        assert!(e.starts_with("此问题需要填写"), "{e}");
    }

    /// Money answers: what differs only in form (full-width digits, spaces, the code's case,
    /// the currency first, a word that names one currency) is taken and noted; a sign shared by
    /// several currencies, separators, no currency or no amount are refused with the answer to
    /// give, never a guessed currency; no message speaks of strings or quotes.
    #[test]
    fn money_answers_are_taken_or_refused_with_the_answer_to_give() {
        let text = |s: &str| Given::Text(s.into());
        for (given, saved, note) in [
            ("150.00 CNY", "\"150.00 CNY\"", None),
            (
                " 99.50  cny ",
                "\"99.50 CNY\"",
                Some("` 99.50  cny ` is taken as `99.50 CNY`"),
            ),
            (
                "１５０ CNY",
                "\"150 CNY\"",
                Some("`１５０ CNY` is taken as `150 CNY`"),
            ),
            (
                "１５０\u{3000}ＣＮＹ",
                "\"150 CNY\"",
                Some("`１５０⟨U+3000⟩ＣＮＹ` is taken as `150 CNY`"),
            ),
            (
                "８０.００ 元",
                "\"80.00 CNY\"",
                Some("`８０.００ 元` is taken as `80.00 CNY`"),
            ),
            ("88元", "\"88 CNY\"", Some("`88元` is taken as `88 CNY`")),
            (
                "80 RMB",
                "\"80 CNY\"",
                Some("`80 RMB` is taken as `80 CNY`"),
            ),
            (
                "人民币 80",
                "\"80 CNY\"",
                Some("`人民币 80` is taken as `80 CNY`"),
            ),
            ("80rmb", "\"80 CNY\"", Some("`80rmb` is taken as `80 CNY`")),
            (
                "USD 800",
                "\"800 USD\"",
                Some("`USD 800` is taken as `800 USD`"),
            ),
            (
                "800 美元",
                "\"800 USD\"",
                Some("`800 美元` is taken as `800 USD`"),
            ),
            ("€320", "\"320 EUR\"", Some("`€320` is taken as `320 EUR`")),
        ] {
            let t = taken("lianlian.balance", text(given), Lang::En).unwrap();
            assert_eq!(t.value.to_string(), saved, "{given}");
            assert_eq!(t.note.as_deref(), note, "{given}");
        }
        let t = taken("lianlian.balance", text("８０ 元"), Lang::Zh).unwrap();
        assert_eq!(t.note.as_deref(), Some("“８０ 元”记为“80 CNY”"));
        for (given, en, zh) in [
            (
                "1,500 CNY",
                "`1,500 CNY`: enter `1500 CNY` (the amount in digits, a space and the currency code)",
                "“1,500 CNY”：请填写“1500 CNY”（数字金额、空格和币种代码）",
            ),
            (
                "1,500 元",
                "`1,500 元`: enter `1500 CNY` (the amount in digits, a space and the currency code)",
                "“1,500 元”：请填写“1500 CNY”（数字金额、空格和币种代码）",
            ),
            (
                "￥88",
                "`￥88`: the sign stands for more than one currency: enter `88 CNY` or `88 JPY`",
                "“￥88”：该符号可指多种货币：请填写“88 CNY”或“88 JPY”",
            ),
            (
                "¥ 88",
                "`¥ 88`: the sign stands for more than one currency: enter `88 CNY` or `88 JPY`",
                "“¥ 88”：该符号可指多种货币：请填写“88 CNY”或“88 JPY”",
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
            assert_eq!(
                taken("lianlian.balance", text(given), Lang::En).unwrap_err(),
                en
            );
            assert_eq!(
                taken("lianlian.balance", text(given), Lang::Zh).unwrap_err(),
                zh
            );
        }
        let e = taken("lianlian.balance", text("$80"), Lang::En).unwrap_err();
        assert!(
            e.starts_with(
                "`$80`: the sign stands for more than one currency: enter `80 USD` or `80 HKD`"
            ),
            "{e}"
        );
    }

    /// Dates as sellers write them are taken as that date and noted in ISO form; a day first,
    /// a short year or an impossible date is refused.
    #[test]
    fn dates_in_a_seller_s_words() {
        let text = |s: &str| Given::Text(s.into());
        for given in [
            "2026-12-14",
            " 2026-12-14 ",
            "2026/12/14",
            "2026.12.14",
            "2026年12月14日",
            "２０２６年１２月１４日",
            "２０２６/１２/１４",
        ] {
            let t = taken("seller.license_expires", text(given), Lang::En).unwrap();
            assert_eq!(t.value.to_string(), "2026-12-14", "{given}");
            let note = (given.trim() != "2026-12-14")
                .then(|| format!("`{given}` is taken as `2026-12-14`"));
            assert_eq!(t.note, note, "{given}");
        }
        let t = taken("seller.license_expires", text("2027年1月5日"), Lang::Zh).unwrap();
        assert_eq!(t.value.to_string(), "2027-01-05");
        assert_eq!(t.note.as_deref(), Some("“2027年1月5日”记为“2027-01-05”"));
        for given in [
            "14/12/2026",
            "26/12/14",
            "2026/13/01",
            "2026/02/30",
            "2026-12",
            "tomorrow",
            "2026/12-14日x",
        ] {
            assert_eq!(
                taken("seller.license_expires", text(given), Lang::En).unwrap_err(),
                format!("`{given}` is not a date like 2026-11-20"),
            );
        }
    }

    /// A choice is selected by its value in any case and spacing, by its description in either
    /// language (whole, or outside or inside its parentheses) and by the rulepack's words for
    /// it; the value is saved and what was made of the answer noted with the description.
    #[test]
    fn choices_in_a_seller_s_words() {
        let text = |s: &str| Given::Text(s.into());
        for (path, given, saved) in [
            ("lianlian.ozon_channel", "active ", "active"),
            ("lianlian.ozon_channel", "Active", "active"),
            ("lianlian.ozon_channel", "Pending review", "pending_review"),
            ("lianlian.ozon_channel", "pending-review", "pending_review"),
            ("lianlian.ozon_channel", "未授权", "unauthorized"),
            ("lianlian.ozon_channel", "已开通", "active"),
            ("lianlian.ozon_channel", "审核中", "pending_review"),
            ("ozon.payment_method", "连连", "lianlian"),
            ("ozon.payment_method", "连连国际", "lianlian"),
            ("ozon.payment_method", "LianLian Global", "lianlian"),
            ("ozon.payment_method", "ＬｉａｎＬｉａｎ", "lianlian"),
            ("ozon.payment_method", "SWIFT", "bank_transfer_swift"),
            ("ozon.payment_method", "银行电汇", "bank_transfer_swift"),
            ("amazon.deposit_method.provider", "万里汇", "worldfirst"),
            ("seller.entity_type", "个体工商户", "individual_business"),
            ("seller.entity_type", "有限责任公司", "enterprise"),
        ] {
            let t = taken(path, text(given), Lang::En).unwrap();
            assert_eq!(
                t.value.to_string(),
                format!("\"{saved}\""),
                "{path} {given}"
            );
        }
        let t = taken("ozon.payment_method", text("连连"), Lang::En).unwrap();
        assert_eq!(
            t.note.as_deref(),
            Some("`连连` is taken as `lianlian` (LianLian Global)")
        );
        let t = taken("ozon.payment_method", text("连连"), Lang::Zh).unwrap();
        assert_eq!(t.note.as_deref(), Some("“连连”记为“lianlian”（连连国际）"));
        let t = taken("lianlian.ozon_channel", text(" active "), Lang::En).unwrap();
        assert_eq!(t.note, None);
        // No word selects a value: kept for the loader to refuse with the list of values.
        let t = taken("ozon.payment_method", text("支付宝"), Lang::En).unwrap();
        assert_eq!(t.value.to_string(), "\"支付宝\"");
    }

    /// A country, a currency and a list's items differ from their codes only in case, width
    /// or a word for one currency: taken as the code and said; a sign for several currencies
    /// is asked again; what is no code at all is left to the loader.
    #[test]
    fn codes_in_a_seller_s_words() {
        let text = |s: &str| Given::Text(s.into());
        let saved = |path: &str, given: Given| {
            let t = taken(path, given, Lang::En).unwrap();
            (t.value.to_string(), t.note)
        };
        let country = "amazon.deposit_method.bank_country";
        assert_eq!(
            saved(country, text(" hk")),
            ("\"HK\"".into(), Some("` hk` is taken as `HK`".into()))
        );
        assert_eq!(saved(country, text("ＵＳ")).0, "\"US\"");
        assert_eq!(saved(country, text("XX")), ("\"XX\"".into(), None));
        let currency = "amazon.deposit_method.currency";
        assert_eq!(saved(currency, text("EUR")), ("\"EUR\"".into(), None));
        assert_eq!(saved(currency, text("usd")).0, "\"USD\"");
        assert_eq!(
            saved(currency, text("人民币")),
            ("\"CNY\"".into(), Some("`人民币` is taken as `CNY`".into()))
        );
        assert_eq!(saved(currency, text("rmb")).0, "\"CNY\"");
        assert_eq!(
            taken(currency, text("￥"), Lang::Zh).unwrap_err(),
            "“￥”可指`CNY`或`JPY`：请填写其中之一"
        );
        assert_eq!(saved(currency, text("dollars")).0, "\"dollars\"");
        let marketplaces = "amazon.marketplaces";
        assert_eq!(
            saved(marketplaces, text("us, de，FR")),
            (
                "[\"US\", \"DE\", \"FR\"]".into(),
                Some("`us, de, FR` is taken as `US, DE, FR`".into())
            )
        );
        assert_eq!(
            saved(marketplaces, Given::List(vec!["US".into(), "jp".into()])).0,
            "[\"US\", \"JP\"]"
        );
    }

    /// No form of one value of a field is a form of another: a word never selects two.
    #[test]
    fn no_choice_word_selects_two_values() {
        let pack = pack();
        for spec in schema::FIELDS {
            let schema::Kind::Enum(values) = spec.kind else {
                continue;
            };
            let meanings = crate::profile::values::meanings(values).unwrap_or_default();
            for m in meanings {
                for form in [m.en, m.zh].into_iter().flat_map(described_forms) {
                    let t = value(spec, Given::Text(form.to_string()), &pack, Lang::En);
                    assert_eq!(
                        t.map(|t| t.value.to_string()),
                        Ok(format!("\"{}\"", m.value)),
                        "{} {form}",
                        spec.path
                    );
                }
            }
            for (chosen, words) in pack.choice_words(spec.path).into_iter().flatten() {
                for word in words {
                    let t = value(spec, Given::Text(word.clone()), &pack, Lang::En);
                    assert_eq!(t.map(|t| t.value.to_string()), Ok(format!("\"{chosen}\"")));
                }
            }
        }
    }

    /// A value copied from the issuer's page loses the spaces and invisible characters around
    /// it, and that is said; one typed into a platform's form keeps them (the evidence).
    #[test]
    fn an_issued_value_is_trimmed_and_a_typed_one_kept() {
        let left_out_en = "The spaces or invisible characters pasted around the answer were left out: they come from the page, not from LianLian's Merchant ID";
        let left_out_zh =
            "已去掉粘贴时回答前后带上的空格或不可见字符：它们来自网页，不属于连连收款账户的 IBAN";
        let merchant_id = "LL2024SZXH0000000000A7K3";
        for (path, given, lang, saved, note) in [
            (
                "lianlian.merchant_id",
                " LL2024SZXH0000000000A7K3\u{200B}\n",
                Lang::En,
                merchant_id,
                Some(left_out_en),
            ),
            (
                "lianlian.receiving_account.iban",
                "GB29 NWBK 6016 1331 9268 19 ",
                Lang::Zh,
                "GB29 NWBK 6016 1331 9268 19",
                Some(left_out_zh),
            ),
            (
                "lianlian.merchant_id",
                merchant_id,
                Lang::En,
                merchant_id,
                None,
            ),
            (
                "ozon.payout_account.merchant_id",
                "LL2024SZXH0000000000A7K3 ",
                Lang::En,
                "LL2024SZXH0000000000A7K3 ",
                None,
            ),
        ] {
            let t = taken(path, Given::Text(given.into()), lang).unwrap();
            assert_eq!(
                t.value.to_string(),
                format!("\"{saved}\""),
                "{path} {given:?}"
            );
            assert_eq!(t.note.as_deref(), note, "{path} {given:?}");
        }
    }
}
