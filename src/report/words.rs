//! The few words every human-facing output shares, in the reader's language: severity,
//! confidence, fix applicability, and the punctuation around headings. JSON, SARIF and the
//! other machine formats keep the English keywords.

use crate::rulepack::{Confidence, Lang, Severity};

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

/// What follows a heading or a label: `": "` in English, the full-width `"："` in Chinese.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ": ",
        Lang::Zh => "：",
    }
}

/// `text` as an aside after a word: ` (text)` in English, `（text）` in Chinese.
pub fn aside(text: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(" ({text})"),
        Lang::Zh => format!("（{text}）"),
    }
}
