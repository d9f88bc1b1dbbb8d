//! BC201–BC206: invisible, bidi, look-alike, compatibility, whitespace and broken characters.
//!
//! One scan over every identifier, name and address field emits the whole family, so each
//! character is judged once and belongs to at most one code. Free text, codes and secrets are
//! never scanned: a secret's characters must not even reach the evidence.

use super::Context;
use crate::finding::{Applicability, Finding, Fix};
use crate::profile::schema::FieldClass as Schema;
use crate::profile::{Field, Profile};
use crate::rulepack::PolicyError;
use crate::unicode::{self, CharIssue, FieldClass, FixSuggestion};
use serde_json::json;

/// The codes the scan emits, in the order findings are produced for one field.
const CODES: [&str; 6] = ["BC201", "BC202", "BC203", "BC204", "BC205", "BC206"];

/// The character class of a field, or `None` when the family does not look at it.
pub(crate) fn scan_class(field: &Field) -> Option<FieldClass> {
    match field.spec.class {
        Schema::Identifier => Some(FieldClass::Identifier),
        Schema::Name => Some(FieldClass::Name),
        Schema::Address => Some(FieldClass::Address),
        Schema::FreeText | Schema::Secret | Schema::Code => None,
    }
}

/// IBAN fields may be written in the paper format (groups of four).
pub(crate) fn is_iban(field: &Field) -> bool {
    field.path().ends_with(".iban")
}

/// Every BC2xx issue in a text field's value (empty for fields the family does not scan).
pub(crate) fn issues(field: &Field) -> Vec<CharIssue> {
    match (scan_class(field), field.text()) {
        (Some(_), Some(value)) if is_iban(field) => unicode::scan_iban(value),
        (Some(class), Some(value)) => unicode::scan(value, class),
        _ => Vec::new(),
    }
}

/// The value after every safe fix (strip, fold, trim).
pub(crate) fn safe_fixed(field: &Field, value: &str) -> String {
    match scan_class(field) {
        Some(_) if is_iban(field) => unicode::apply_safe_fixes_iban(value),
        Some(class) => unicode::apply_safe_fixes(value, class),
        None => value.to_string(),
    }
}

/// The value after the safe fixes and the given unsafe replacements (look-alikes, mojibake).
pub(crate) fn replaced(field: &Field, value: &str, issues: &[&CharIssue]) -> String {
    let mut out = String::with_capacity(value.len());
    let mut skip_until = 0;
    for (idx, ch) in value.chars().enumerate() {
        if idx < skip_until {
            continue;
        }
        let replacement = issues.iter().find_map(|issue| match &issue.fix {
            FixSuggestion::Replace(text) if issue.char_index == idx => {
                Some((text, issue.char_len.max(1)))
            }
            _ => None,
        });
        match replacement {
            Some((text, len)) => {
                out.push_str(text);
                skip_until = idx + len;
            }
            None => out.push(ch),
        }
    }
    safe_fixed(field, &out)
}

fn class_name(class: FieldClass) -> &'static str {
    match class {
        FieldClass::Identifier => "identifier",
        FieldClass::Name => "name",
        FieldClass::Address => "address",
        FieldClass::FreeText => "free_text",
    }
}

/// The rulepack variant "<class>.<kind>": severity is keyed by class, messages by kind.
/// Variants must be `'static`, hence the table instead of formatting.
fn variant(class: FieldClass, kind: &str) -> &'static str {
    const KINDS: [&str; 18] = [
        "default_ignorable",
        "format",
        "bidi_control",
        "confusable",
        "compatibility",
        "leading",
        "trailing",
        "doubled",
        "space",
        "irregular_space",
        "tab",
        "line_break",
        "control",
        "replacement",
        "private_use",
        "unassigned",
        "noncharacter",
        "mojibake",
    ];
    macro_rules! table {
        ($class:literal) => {
            [
                concat!($class, ".default_ignorable"),
                concat!($class, ".format"),
                concat!($class, ".bidi_control"),
                concat!($class, ".confusable"),
                concat!($class, ".compatibility"),
                concat!($class, ".leading"),
                concat!($class, ".trailing"),
                concat!($class, ".doubled"),
                concat!($class, ".space"),
                concat!($class, ".irregular_space"),
                concat!($class, ".tab"),
                concat!($class, ".line_break"),
                concat!($class, ".control"),
                concat!($class, ".replacement"),
                concat!($class, ".private_use"),
                concat!($class, ".unassigned"),
                concat!($class, ".noncharacter"),
                concat!($class, ".mojibake"),
            ]
        };
    }
    const IDENTIFIER: [&str; 18] = table!("identifier");
    const NAME: [&str; 18] = table!("name");
    const ADDRESS: [&str; 18] = table!("address");
    let table = match class {
        FieldClass::Identifier => &IDENTIFIER,
        FieldClass::Name => &NAME,
        FieldClass::Address => &ADDRESS,
        FieldClass::FreeText => return "default",
    };
    KINDS
        .iter()
        .position(|k| *k == kind)
        .and_then(|i| table.get(i).copied())
        .unwrap_or(class_name(class))
}

/// Scans every identifier, name and address field (registered as BC201's check; emits
/// BC201–BC206). One finding per (field, code), at the first offending character; every
/// occurrence is in `evidence.occurrences`.
pub fn scan(ctx: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    for field in &ctx.profile.fields {
        let (Some(class), Some(value)) = (scan_class(field), field.text()) else {
            continue;
        };
        let found = issues(field);
        if found.is_empty() {
            continue;
        }
        for code in CODES {
            let of_code: Vec<&CharIssue> = found.iter().filter(|i| i.code == code).collect();
            if let Some(finding) = finding(ctx.profile, field, class, value, code, &of_code) {
                out.push(finding);
            }
        }
    }
    Ok(())
}

fn finding(
    profile: &Profile,
    field: &Field,
    class: FieldClass,
    value: &str,
    code: &'static str,
    issues: &[&CharIssue],
) -> Option<Finding> {
    let first = issues.first()?;
    let starts = profile.char_starts(field);
    let occurrences: Vec<_> = issues
        .iter()
        .map(|issue| {
            let at = profile.source.position(starts.start(issue.char_index));
            let mut entry = json!({
                "line": at.line,
                "column": at.column,
                "position": issue.char_index + 1,
                "length": issue.char_len,
                "character": unicode::describe(issue.ch),
                "kind": issue.kind,
            });
            if let (Some(suggestion), Some(map)) = (&issue.suggestion, entry.as_object_mut()) {
                map.insert("suggestion".into(), suggestion.as_str().into());
            }
            entry
        })
        .collect();

    let any_replace = issues
        .iter()
        .any(|i| matches!(i.fix, FixSuggestion::Replace(_)));
    let any_fix = issues.iter().any(|i| i.fix != FixSuggestion::None);
    let suggestion = if any_replace {
        replaced(field, value, issues)
    } else {
        safe_fixed(field, value)
    };
    let identifier = class == FieldClass::Identifier;

    let mut finding = Finding::new(code, field.path(), starts.span(first.char_index))
        .fingerprint_value(value)
        .variant(variant(class, first.kind))
        .character("character", first.ch)
        .text("count", issues.len().to_string())
        .text("position", (first.char_index + 1).to_string())
        .text("intended", first.suggestion.clone().unwrap_or_default())
        .evidence("count", issues.len())
        .evidence("class", class_name(class))
        .evidence("occurrences", occurrences);
    finding = if identifier {
        finding.ident("suggestion", suggestion.clone())
    } else {
        finding.text("suggestion", suggestion.clone())
    };
    if any_fix && suggestion != value {
        finding = finding.fix(Fix {
            applicability: if any_replace {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            },
            span: field.span.clone(),
            replacement: suggestion,
            identifier,
        });
    }
    Some(finding)
}
