//! `docs/profile.md`: the profile format, from the schema table the loader checks against.

use super::{cell, generated_notice};
use crate::profile::schema::{self, FieldClass, FieldSpec, Kind, SectionSpec};
use crate::rules::RULES;
use std::fmt::Write;

/// The page: field classes, then each section's fields with class, type, allowed values, an
/// example, the meaning in English and Chinese, and the rules that read the field.
pub fn page() -> String {
    let mut out = format!(
        "# The profile format (format {})\n\n{}\n",
        schema::SUPPORTED_FORMAT,
        generated_notice("src/profile/schema.rs")
    );
    out += "A profile is one UTF-8 TOML file per seller. Every section and field is optional \
            except `format`; a rule whose fields are absent does not run, and when a section is \
            present but lacks a field some rule needs, bindcheck says so (BC004, info). Keys the \
            format does not define are reported (BC002), as are values of the wrong type (BC003). \
            `bindcheck init` writes a commented template and `bindcheck schema` the same format \
            as a JSON Schema for editors.\n\n";
    out += "档案是每个卖家一个 UTF-8 编码的 TOML 文件。除 `format` 外，所有节和字段都是可选的；\
            缺少字段的规则不会运行，若某节存在但缺少规则所需的字段，bindcheck 会说明（BC004，提示）。\
            格式未定义的键（BC002）和类型错误的值（BC003）会被报告。\n\n";
    out += "## Field classes\n\nA field's class decides which character rules apply to it and \
            how it is shown.\n\n| class | meaning | 含义 |\n|---|---|---|\n";
    for class in FieldClass::ALL {
        let (en, zh) = class.describe();
        let _ = writeln!(
            out,
            "| `{}` | {} | {} |",
            class.as_str(),
            cell(en),
            cell(zh)
        );
    }
    out += "\n## Types\n\nMoney is written `\"AMOUNT CURRENCY\"` (`\"150.00 CNY\"`): a decimal \
            amount and an ISO 4217 code, never a TOML float. Dates are TOML local dates \
            (`2031-06-30`), written without quotes.\n";
    let root = SectionSpec {
        path: "",
        en: "The top level",
        zh: "顶层",
        array: false,
    };
    for section in std::iter::once(&root).chain(schema::SECTIONS) {
        out += &section_text(section);
    }
    out
}

fn section_text(section: &SectionSpec) -> String {
    let fields: Vec<&FieldSpec> = schema::FIELDS
        .iter()
        .filter(|f| schema::parent_of(f.path) == section.path)
        .collect();
    let heading = match (section.path, section.array) {
        ("", _) => "Top level".to_string(),
        (path, true) => format!("`[[{path}]]`"),
        (path, false) => format!("`[{path}]`"),
    };
    let mut out = format!("\n## {heading}\n\n{} · {}\n", section.en, section.zh);
    if fields.is_empty() {
        return out;
    }
    out += "\n| field | class | type | example | meaning | 含义 | read by |\n\
            |---|---|---|---|---|---|---|\n";
    for field in fields {
        let key = field.path.rsplit('.').next().unwrap_or(field.path);
        let _ = writeln!(
            out,
            "| `{key}` | {} | {} | `{}` | {} | {} | {} |",
            field.class.as_str(),
            cell(&kind_text(field.kind)),
            cell(field.example),
            cell(field.en),
            cell(field.zh),
            readers(field.path)
        );
    }
    out
}

/// A field's type and allowed values.
fn kind_text(kind: Kind) -> String {
    let values = |values: &[&str]| {
        values
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match kind {
        Kind::Text => "text".into(),
        Kind::Enum(allowed) => format!("one of {}", values(allowed)),
        Kind::Integer { min, max } if min == max => format!("integer `{min}`"),
        Kind::Integer { min, max } => format!("integer {min} to {max}"),
        Kind::Boolean => "boolean".into(),
        Kind::Date => "date".into(),
        Kind::DateTime => "date-time with offset".into(),
        Kind::Money => "money".into(),
        Kind::Country => "country (ISO 3166-1 alpha-2)".into(),
        Kind::Currency => "currency (ISO 4217)".into(),
        Kind::List([]) => "list of text".into(),
        Kind::List(allowed) => format!("list of {}", values(allowed)),
    }
}

/// The rules whose checks read the field, linked to their pages.
fn readers(path: &str) -> String {
    let codes: Vec<String> = RULES
        .iter()
        .filter(|r| r.check.is_some() && r.reads(path))
        .map(|r| format!("[{0}](rules/{0}.md)", r.code))
        .collect();
    codes.join(" ")
}
