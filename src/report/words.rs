//! The few words every human-facing output shares, in the reader's language: severity,
//! confidence, fix applicability, and the punctuation around headings. JSON, SARIF and the
//! other machine formats keep the English keywords.

use crate::finding::{Term, ValueType};
use crate::profile::schema::Kind;
use crate::rulepack::{Confidence, Lang, Severity};

/// The message in `lang`, from both wordings.
pub fn say(lang: Lang, en: impl Into<String>, zh: impl Into<String>) -> String {
    match lang {
        Lang::En => en.into(),
        Lang::Zh => zh.into(),
    }
}

pub fn severity(severity: Severity, lang: Lang) -> &'static str {
    match (lang, severity) {
        (Lang::En, s) => s.as_str(),
        (Lang::Zh, Severity::Error) => "错误",
        (Lang::Zh, Severity::Warning) => "警告",
        (Lang::Zh, Severity::Info) => "提示",
    }
}

pub fn confidence(confidence: Confidence, lang: Lang) -> &'static str {
    keyword(confidence.as_str(), lang)
}

/// A confidence (`high`, `medium`, `low`) or fix applicability (`safe`, `unsafe`) keyword as
/// the reader's language says it; other words as they are.
pub fn keyword(english: &'static str, lang: Lang) -> &'static str {
    match (lang, english) {
        (Lang::Zh, "high") => "高",
        (Lang::Zh, "medium") => "中",
        (Lang::Zh, "low") => "低",
        (Lang::Zh, "safe") => "安全",
        (Lang::Zh, "unsafe") => "需确认",
        _ => english,
    }
}

/// What every output shows in place of a credential. The same in every format and with
/// `--show-values`; files bindcheck writes for machines (baselines) use the English one.
pub fn secret_marker(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "‹secret›",
        Lang::Zh => "‹凭证已隐藏›",
    }
}

/// What follows a heading or a label: `": "` in English, the full-width `"："` in Chinese.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ": ",
        Lang::Zh => "：",
    }
}

/// The rank of a finding's cause as the one-line formats tag it: `cause 2`, `原因 2`.
pub fn cause_tag(rank: usize, lang: Lang) -> String {
    say(lang, format!("cause {rank}"), format!("原因 {rank}"))
}

/// `text` as an aside after a word: ` (text)` in English, `（text）` in Chinese.
pub fn aside(text: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(" ({text})"),
        Lang::Zh => format!("（{text}）"),
    }
}

/// A [`Term`] in `lang`.
pub fn term(term: &Term, lang: Lang) -> String {
    match term {
        Term::Type(value_type) => type_name(*value_type, lang).to_string(),
        Term::Form(path) => match crate::profile::schema::field(path) {
            Some(spec) => form(spec.kind, lang),
            None => path.to_string(),
        },
        Term::Choice { value, .. } => value.clone(),
        Term::List(items) => items.join(list_separator(lang)),
        Term::Io { kind, text } => io_reason(*kind, text, lang),
    }
}

/// What separates the items of a list in a sentence: `, ` in English, `、` in Chinese.
pub fn list_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ", ",
        Lang::Zh => "、",
    }
}

/// A character named in `lang` (see [`crate::unicode::describe_zh`]).
pub fn character(ch: char, lang: Lang) -> String {
    match lang {
        Lang::En => crate::unicode::describe(ch),
        Lang::Zh => crate::unicode::describe_zh(ch),
    }
}

fn type_name(value_type: ValueType, lang: Lang) -> &'static str {
    match (lang, value_type) {
        (Lang::En, ValueType::String) => "a string",
        (Lang::En, ValueType::Integer) => "an integer",
        (Lang::En, ValueType::Float) => "a float",
        (Lang::En, ValueType::Boolean) => "a boolean",
        (Lang::En, ValueType::Date) => "a date",
        (Lang::En, ValueType::DateTime) => "a date-time",
        (Lang::En, ValueType::Array) => "an array",
        (Lang::En, ValueType::Table) => "a table",
        (Lang::En, ValueType::ArrayOfTables) => "an array of tables ([[...]])",
        (Lang::Zh, ValueType::String) => "字符串",
        (Lang::Zh, ValueType::Integer) => "整数",
        (Lang::Zh, ValueType::Float) => "浮点数",
        (Lang::Zh, ValueType::Boolean) => "布尔值（true 或 false）",
        (Lang::Zh, ValueType::Date) => "日期",
        (Lang::Zh, ValueType::DateTime) => "日期时间",
        (Lang::Zh, ValueType::Array) => "数组",
        (Lang::Zh, ValueType::Table) => "表（[...]）",
        (Lang::Zh, ValueType::ArrayOfTables) => "表数组（[[...]]）",
    }
}

/// What a field of `kind` takes.
fn form(kind: Kind, lang: Lang) -> String {
    match (lang, kind) {
        (_, Kind::Enum(values)) => one_of(values, lang),
        (Lang::En, Kind::Text) => "a string".into(),
        (Lang::En, Kind::Integer { min, max }) => format!("an integer from {min} to {max}"),
        (Lang::En, Kind::Boolean) => "true or false".into(),
        (Lang::En, Kind::Date) => "a date like 2031-06-30 (no quotes)".into(),
        (Lang::En, Kind::DateTime) => {
            "a date-time like 2026-11-20T10:15:00+08:00 (no quotes)".into()
        }
        (Lang::En, Kind::Money) => {
            "money like \"150.00 CNY\" (a string: amount, space, ISO 4217 currency)".into()
        }
        (Lang::En, Kind::Country) => "an ISO 3166-1 alpha-2 country code like \"CN\"".into(),
        (Lang::En, Kind::Currency) => "an ISO 4217 currency code like \"USD\"".into(),
        (Lang::En, Kind::List([])) => "an array of strings".into(),
        (Lang::En, Kind::List(values)) => format!("an array of: {}", values.join(", ")),
        (Lang::Zh, Kind::Text) => "字符串".into(),
        (Lang::Zh, Kind::Integer { min, max }) => format!("介于 {min} 和 {max} 之间的整数"),
        (Lang::Zh, Kind::Boolean) => "布尔值 true 或 false".into(),
        (Lang::Zh, Kind::Date) => "形如 2031-06-30 的日期（不加引号）".into(),
        (Lang::Zh, Kind::DateTime) => {
            "形如 2026-11-20T10:15:00+08:00 的日期时间（不加引号）".into()
        }
        (Lang::Zh, Kind::Money) => {
            "形如 \"150.00 CNY\" 的金额（带引号的字符串：金额、空格、ISO 4217 币种代码）".into()
        }
        (Lang::Zh, Kind::Country) => "二位国家代码（ISO 3166-1），如 \"CN\"".into(),
        (Lang::Zh, Kind::Currency) => "三位币种代码（ISO 4217），如 \"USD\"".into(),
        (Lang::Zh, Kind::List([])) => "字符串数组".into(),
        (Lang::Zh, Kind::List(values)) => format!("由以下值组成的数组：{}", values.join("、")),
    }
}

/// "one of: a (meaning), b (meaning)": the allowed values, each with what it means where that
/// is written down, so that the reader picks by meaning rather than by spelling.
fn one_of(values: &[&str], lang: Lang) -> String {
    let meanings = crate::profile::values::meanings(values);
    let items: Vec<String> = values
        .iter()
        .map(|value| {
            let meaning = meanings
                .and_then(|all| all.iter().find(|m| m.value == *value))
                .map(|m| match lang {
                    Lang::En => m.en,
                    Lang::Zh => m.zh,
                });
            match (meaning, lang) {
                (Some(meaning), Lang::En) if meaning != *value => {
                    format!("`{value}` — {meaning}")
                }
                (Some(meaning), Lang::Zh) if meaning != *value => format!("`{value}`——{meaning}"),
                _ => format!("`{value}`"),
            }
        })
        .collect();
    let with_meanings = meanings.is_some();
    match (lang, with_meanings) {
        (Lang::En, true) => format!("one of: {}", items.join("; ")),
        (Lang::En, false) => format!("one of: {}", items.join(", ")),
        (Lang::Zh, true) => format!("以下之一：{}", items.join("；")),
        (Lang::Zh, false) => format!("以下之一：{}", items.join("、")),
    }
}

/// Why a file could not be read: the system's words in English; in Chinese, the usual reasons
/// said in Chinese and any other quoted as the system gave it.
fn io_reason(kind: std::io::ErrorKind, text: &str, lang: Lang) -> String {
    use std::io::ErrorKind;
    match (lang, kind) {
        (Lang::En, _) => text.to_string(),
        (Lang::Zh, ErrorKind::NotFound) => "文件或文件夹不存在".into(),
        (Lang::Zh, ErrorKind::PermissionDenied) => "没有读取权限".into(),
        (Lang::Zh, ErrorKind::IsADirectory) => "这是一个文件夹，不是文件".into(),
        (Lang::Zh, ErrorKind::InvalidData) => "内容无法读取".into(),
        (Lang::Zh, _) => format!("系统提示“{text}”"),
    }
}

/// What every format says around causes (masked values, unlikely causes, prerequisites).
pub struct CauseWords {
    /// Appended to a step that shows a masked value.
    pub masked_step: &'static str,
    /// Before the reasons a cause is unlikely.
    pub unlikely: &'static str,
    /// Between two reasons.
    pub and: &'static str,
    /// On a cause with a prerequisite: `{rank}` and `{title}` are the prerequisite's.
    pub fix_first: &'static str,
    /// On a prerequisite: `{rank}` and `{title}` are the cause waiting for it.
    pub fix_before: &'static str,
}

const WORDS_EN: CauseWords = CauseWords {
    masked_step: " (the value is masked here: run again with --show-values to see the value to enter)",
    unlikely: "unlikely: ",
    and: "; ",
    fix_first: "Fix cause {rank} ({title}) first: this one cannot be fixed before it.",
    fix_before: "Fix this first: cause {rank} ({title}) can only be fixed after it.",
};

const WORDS_ZH: CauseWords = CauseWords {
    masked_step: "（此处已遮盖：加上 --show-values 重新运行即可看到要填写的完整值）",
    unlikely: "可能性低：",
    and: "；",
    fix_first: "请先处理原因 {rank}（{title}）：它解决之前，此项无法完成。",
    fix_before: "请先处理此项：原因 {rank}（{title}）要等它解决后才能完成。",
};

/// The words around causes in `lang`.
pub fn causes(lang: Lang) -> &'static CauseWords {
    match lang {
        Lang::En => &WORDS_EN,
        Lang::Zh => &WORDS_ZH,
    }
}

/// The TOML parser's own words (it speaks English) in Chinese: the description before
/// ", expected" and each thing it expected ("nothing" is said by the description alone). A
/// message with a phrase missing here is quoted in English, as the parser's.
pub const PARSER_WORDS_ZH: &[(&str, &str)] = &[
    ("unexpected key or value", "此处不应有键或值"),
    ("key with no value", "键没有值"),
    ("unclosed table", "表头没有闭合"),
    ("unclosed array table", "数组表头没有闭合"),
    ("unclosed array", "数组没有闭合"),
    ("unclosed inline table", "内联表没有闭合"),
    ("string values must be quoted", "字符串值必须加引号"),
    ("missing escaped value", "反斜杠后缺少转义字符"),
    ("invalid value", "无效的值"),
    ("invalid time", "无效的时间"),
    ("invalid date", "无效的日期"),
    ("invalid basic string", "无效的双引号字符串"),
    ("invalid multi-line basic string", "无效的多行双引号字符串"),
    ("invalid literal string", "无效的单引号字符串"),
    (
        "invalid multi-line literal string",
        "无效的多行单引号字符串",
    ),
    (
        "carriage return must be followed by newline",
        "回车符（CR）后必须紧跟换行符",
    ),
    (
        "cannot recurse further; max recursion depth met",
        "嵌套层数过多",
    ),
    ("unexpected leading zero", "数字不能以 0 开头"),
    ("invalid key", "无效的键"),
    ("invalid unquoted key", "无效的未加引号的键"),
    ("unquoted keys cannot be empty", "未加引号的键不能为空"),
    ("invalid table", "无效的表"),
    ("invalid inline table element", "无效的内联表元素"),
    (
        "extra assignment between key-value pairs",
        "键值对之间多了一个等号",
    ),
    ("extra comma in array", "数组中多了一个逗号"),
    (
        "missing comma between array elements",
        "数组元素之间缺少逗号",
    ),
    (
        "missing comma between key-value pairs",
        "键值对之间缺少逗号",
    ),
    ("missing value for key", "键缺少值"),
    ("missing value", "缺少值"),
    (
        "missing assignment between key-value pairs",
        "键值对之间缺少等号",
    ),
    ("unexpected content", "多余的内容"),
    ("invalid integer", "无效的整数"),
    ("invalid float", "无效的浮点数"),
    ("newline", "换行"),
    ("nothing", ""),
    ("literal string", "单引号字符串"),
    ("hour", "小时"),
    ("hour between 00 and 23", "00 到 23 之间的小时"),
    ("minute", "分钟"),
    ("second", "秒"),
    ("unicode hexadecimal value", "Unicode 十六进制值"),
    ("digit", "数字"),
    ("key", "键"),
    ("value", "值"),
];
