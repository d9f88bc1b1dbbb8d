//! BC201–BC206: invisible, bidi, look-alike, compatibility, whitespace and broken characters.
//!
//! One scan over every identifier, name and address field finds the whole family's issues, so
//! each character is judged once and belongs to at most one code. The scanner says what kind of
//! character it found ([`CharKind`]); [`code_of`] decides which rule reports it, and the rule's
//! severity variants (keyed by field class) how severely. The scan runs once per profile (kept
//! in the [`Context`]); each of the six rules reports the issues of its own code.
//! Free text, codes and secrets are never scanned: a secret's characters must not even reach
//! the evidence.

use super::{CHARACTER_CLASSES, Context, Rule};
use crate::finding::{Applicability, Finding, Fix};
use crate::profile::Field;
use crate::profile::schema::FieldClass as Schema;
use crate::rulepack::PolicyError;
use crate::unicode::{self, CharIssue, CharKind, CharPolicy, FixSuggestion};
use serde_json::json;

/// The character class of a field, or `None` when the family does not look at it.
pub(crate) fn scan_class(field: &Field) -> Option<CharPolicy> {
    match field.spec.class {
        Schema::Identifier => Some(CharPolicy::Identifier),
        Schema::Name => Some(CharPolicy::Name),
        Schema::Address => Some(CharPolicy::Address),
        Schema::FreeText | Schema::Secret | Schema::Code => None,
    }
}

/// IBAN fields may be written in the paper format (groups of four).
pub(crate) fn is_iban(field: &Field) -> bool {
    field.path().ends_with(".iban")
}

/// Every BC2xx issue in a text field's value, handed to `visit` one at a time in order of
/// position (none for fields the family does not scan).
pub(crate) fn each_issue(field: &Field, visit: &mut dyn FnMut(CharIssue)) {
    match (scan_class(field), field.text()) {
        (Some(_), Some(value)) if is_iban(field) => {
            unicode::scan_each(value, CharPolicy::Identifier, true, visit);
        }
        (Some(CharPolicy::Identifier), Some(value)) => {
            unicode::scan_each(value, CharPolicy::Identifier, false, visit);
        }
        (Some(class), Some(value)) => {
            // The chars are needed only around an irregular space, which few values have.
            let mut chars: Option<Vec<char>> = None;
            unicode::scan_each(value, class, false, &mut |mut issue| {
                if issue.kind == CharKind::IrregularSpace {
                    let chars = chars.get_or_insert_with(|| value.chars().collect());
                    mark_cjk_gap(chars, &mut issue);
                }
                visit(issue);
            });
        }
        _ => {}
    }
}

/// Han, kana, Hangul, CJK punctuation and full-width forms: text written without spaces.
fn is_cjk_text(c: char) -> bool {
    matches!(
        u32::from(c),
        0x3001..=0x303F
            | 0x3040..=0x30FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xAC00..=0xD7AF
            | 0xF900..=0xFAFF
            | 0xFF01..=0xFFEF
            | 0x20000..=0x3FFFF
    )
}

/// Whether the whitespace at char `index` of `chars` lies between two characters of CJK text.
fn between_cjk(chars: &[char], index: usize) -> bool {
    let before = index
        .checked_sub(1)
        .and_then(|i| chars.get(i))
        .is_some_and(|&c| is_cjk_text(c));
    let after = chars.get(index + 1).is_some_and(|&c| is_cjk_text(c));
    before && after
}

/// An ideographic or other irregular space between two Chinese characters is not a space the
/// licence has, which writes Chinese without spaces: its fix deletes it instead of folding it to
/// an ASCII space, and its kind says so.
fn mark_cjk_gap(chars: &[char], issue: &mut CharIssue) {
    if issue.kind == CharKind::IrregularSpace
        && issue.char_len == 1
        && matches!(issue.fix, FixSuggestion::Fold(_))
        && between_cjk(chars, issue.char_index)
    {
        issue.kind = CharKind::CjkSpace;
        issue.fix = FixSuggestion::Strip;
        issue.suggestion = None;
    }
}

/// `value` without the irregular spaces that sit between two Chinese characters (see
/// [`mark_cjk_gaps`]).
fn without_cjk_gaps(value: &str) -> std::borrow::Cow<'_, str> {
    if value.is_ascii() || !value.chars().any(|c| c.is_whitespace() && c != ' ') {
        return std::borrow::Cow::Borrowed(value);
    }
    let chars: Vec<char> = value.chars().collect();
    let gap = |i: usize, c: char| c.is_whitespace() && c != ' ' && between_cjk(&chars, i);
    if !chars.iter().enumerate().any(|(i, &c)| gap(i, c)) {
        return std::borrow::Cow::Borrowed(value);
    }
    std::borrow::Cow::Owned(
        chars
            .iter()
            .enumerate()
            .filter(|&(i, &c)| !gap(i, c))
            .map(|(_, &c)| c)
            .collect(),
    )
}

/// The value after every safe fix (strip, fold, trim).
pub(crate) fn safe_fixed(field: &Field, value: &str) -> String {
    match scan_class(field) {
        Some(_) if is_iban(field) => unicode::apply_safe_fixes_iban(value),
        Some(CharPolicy::Identifier) => unicode::apply_safe_fixes(value, CharPolicy::Identifier),
        Some(class) => unicode::apply_safe_fixes(&without_cjk_gaps(value), class),
        None => value.to_string(),
    }
}

/// The value after the safe fixes and the unsafe replacements (look-alikes, mojibake) of the
/// issues `replace` picks.
pub(crate) fn replaced(field: &Field, value: &str, replace: impl Fn(&CharIssue) -> bool) -> String {
    replaced_seeing(field, value, replace, &mut |_| {})
}

/// [`replaced`], showing `see` every issue of the value on the way (one scan does both).
pub(crate) fn replaced_seeing(
    field: &Field,
    value: &str,
    replace: impl Fn(&CharIssue) -> bool,
    see: &mut dyn FnMut(&CharIssue),
) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    // Chars of `value` consumed so far.
    let mut done = 0;
    each_issue(field, &mut |issue| {
        see(&issue);
        let FixSuggestion::Replace(text) = &issue.fix else {
            return;
        };
        if issue.char_index < done || !replace(&issue) {
            return;
        }
        out.extend(chars.by_ref().take(issue.char_index - done));
        let len = issue.char_len.max(1);
        for _ in chars.by_ref().take(len) {}
        done = issue.char_index + len;
        out.push_str(text);
    });
    out.extend(chars);
    safe_fixed(field, &out)
}

fn class_name(class: CharPolicy) -> &'static str {
    match class {
        CharPolicy::Identifier => "identifier",
        CharPolicy::Name => "name",
        CharPolicy::Address => "address",
        CharPolicy::FreeText => "free_text",
    }
}

/// The rule that reports a kind of character problem. The scanner says what it saw; this is
/// where it becomes a code, and through the code and the field's class a severity.
pub fn code_of(kind: CharKind) -> &'static str {
    match kind {
        CharKind::DefaultIgnorable | CharKind::Format => "BC201",
        CharKind::BidiControl => "BC202",
        CharKind::Confusable => "BC203",
        CharKind::Compatibility => "BC204",
        CharKind::Leading
        | CharKind::Trailing
        | CharKind::Doubled
        | CharKind::Space
        | CharKind::IrregularSpace
        | CharKind::CjkSpace
        | CharKind::Tab
        | CharKind::LineBreak => "BC205",
        CharKind::Control
        | CharKind::Replacement
        | CharKind::PrivateUse
        | CharKind::Unassigned
        | CharKind::Noncharacter
        | CharKind::Mojibake => "BC206",
    }
}

/// The variants "<class>.<kind>" of one class, in the order of [`CharKind::ALL`].
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
            concat!($class, ".cjk_space"),
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

/// The rulepack variant "<class>.<kind>": severity is keyed by class, messages by kind.
/// Variants must be `'static`, hence the tables instead of formatting.
fn variant(class: CharPolicy, kind: CharKind) -> &'static str {
    const IDENTIFIER: [&str; 19] = table!("identifier");
    const NAME: [&str; 19] = table!("name");
    const ADDRESS: [&str; 19] = table!("address");
    let table = match class {
        CharPolicy::Identifier => &IDENTIFIER,
        CharPolicy::Name => &NAME,
        CharPolicy::Address => &ADDRESS,
        CharPolicy::FreeText => return "default",
    };
    of_kind(table, kind).unwrap_or(class_name(class))
}

/// The variant of `table` ("<class>.<kind>", in the order of [`CharKind::ALL`]) for `kind`.
fn of_kind(table: &[&'static str; 19], kind: CharKind) -> Option<&'static str> {
    CharKind::ALL
        .iter()
        .position(|k| *k == kind)
        .and_then(|i| table.get(i).copied())
}

/// The variant of a character problem in the profile's copy of a value a provider issued
/// (`issued_fields`): the provider's value has no such character, so the copy is what to fix.
fn issued_variant(kind: CharKind) -> &'static str {
    const ISSUED: [&str; 19] = table!("issued");
    of_kind(&ISSUED, kind).unwrap_or("issued")
}

/// A character finding whose repaired value a value check (a rule with
/// `checks_value = true` in the rulepack) on the same field still rejects offers no fix: `lint
/// --fix` must not write a value that is still wrong, and the finding's steps say so (variant
/// `still_invalid.<kind>`). Without a fix it asks, like the value check, for the right value
/// to be entered, so the two are one cause, led by the value check.
pub(crate) fn no_repair_of_invalid_values(
    pack: &crate::rulepack::RulePack,
    findings: &mut [Finding],
) {
    const STILL_INVALID: [&str; 19] = table!("still_invalid");
    let invalid: Vec<String> = findings
        .iter()
        .filter(|f| pack.rule(f.code).is_some_and(|rule| rule.checks_value))
        .map(|f| f.field.clone())
        .collect();
    if invalid.is_empty() {
        return;
    }
    for finding in findings.iter_mut() {
        if finding.fix.is_none()
            || !CharKind::ALL.iter().any(|k| code_of(*k) == finding.code)
            || !invalid.contains(&finding.field)
        {
            continue;
        }
        finding.fix = None;
        let kind = finding.variant.rsplit('.').next().unwrap_or_default();
        finding.variant = CharKind::ALL
            .iter()
            .find(|k| k.as_str() == kind)
            .and_then(|k| of_kind(&STILL_INVALID, *k))
            .unwrap_or("still_invalid");
    }
}

/// The issues of one code in one field: how many, the first ones (as many as evidence keeps),
/// and whether any has a fix and whether any is a replacement that changes what it says.
struct CodeIssues {
    code: &'static str,
    count: usize,
    first: Vec<CharIssue>,
    any_fix: bool,
    any_replace: bool,
}

/// One field with character issues: its class, its issues by code, and its value after the
/// safe fixes, worked out when a rule first needs it.
pub(crate) struct ScannedField<'a> {
    field: &'a Field,
    class: CharPolicy,
    codes: Vec<CodeIssues>,
    safe_fixed: std::cell::OnceCell<String>,
}

/// The fields with character issues: the scan every rule of the family reads.
pub(crate) struct Scanned<'a>(Vec<ScannedField<'a>>);

/// A field's issues, summed up by code.
fn by_code(field: &Field, keep: usize) -> Vec<CodeIssues> {
    let mut codes: Vec<CodeIssues> = Vec::new();
    each_issue(field, &mut |issue| {
        let code = code_of(issue.kind);
        let at = match codes.iter().position(|c| c.code == code) {
            Some(at) => at,
            None => {
                codes.push(CodeIssues {
                    code,
                    count: 0,
                    first: Vec::new(),
                    any_fix: false,
                    any_replace: false,
                });
                codes.len() - 1
            }
        };
        let Some(entry) = codes.get_mut(at) else {
            return;
        };
        entry.count += 1;
        entry.any_fix |= issue.fix != FixSuggestion::None;
        entry.any_replace |= matches!(issue.fix, FixSuggestion::Replace(_));
        if entry.first.len() < keep {
            entry.first.push(issue);
        }
    });
    codes
}

/// BC201: a default-ignorable (invisible) character: zero-width space, BOM, soft hyphen, …
pub fn invisible_character(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    scan(rule, ctx, out)
}

/// BC202: a bidirectional control character.
pub fn bidi_control(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    scan(rule, ctx, out)
}

/// BC203: a character of another script that looks like an expected one.
pub fn confusable_character(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    scan(rule, ctx, out)
}

/// BC204: a full-width or other compatibility form where plain text is expected.
pub fn compatibility_form(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    scan(rule, ctx, out)
}

/// BC205: leading, trailing, doubled or irregular whitespace.
pub fn irregular_whitespace(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    scan(rule, ctx, out)
}

/// BC206: control characters, U+FFFD, private-use or unassigned code points, mojibake.
pub fn broken_character(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    scan(rule, ctx, out)
}

/// What BC201–BC206 share (each its own rule): one finding per field with issues of the rule's code, at
/// the first offending character; the first occurrences (`[evidence] max_items`) are in
/// `evidence.occurrences`, and `evidence.count` says how many there are.
fn scan(rule: &Rule, ctx: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    let keep = ctx.pack.evidence.max_items;
    let scanned = ctx.characters.get_or_init(|| {
        Scanned(
            ctx.profile
                .fields_of_class(CHARACTER_CLASSES)
                .filter_map(|field| {
                    let class = scan_class(field)?;
                    field.text()?;
                    let codes = by_code(field, keep);
                    (!codes.is_empty()).then_some(ScannedField {
                        field,
                        class,
                        codes,
                        safe_fixed: std::cell::OnceCell::new(),
                    })
                })
                .collect(),
        )
    });
    let issued = ctx.pack.param_strings("BC201", "issued_fields")?;
    let grouped = if rule.code == "BC205" {
        ctx.pack.param_strings(rule.code, "grouped_numbers")?
    } else {
        Vec::new()
    };
    for scanned in &scanned.0 {
        if let Some(value) = scanned.field.text()
            && let Some(issues) = scanned.codes.iter().find(|c| c.code == rule.code)
            && let Some(mut finding) = finding(rule, ctx, scanned, value, issues)
        {
            if in_groups(scanned, issues, &grouped) {
                finding = finding.variant("identifier.grouping");
            }
            let path = scanned.field.path();
            if issued
                .iter()
                .any(|pattern| crate::rulepack::matches_wildcard(pattern, &path))
                && let Some(kind) = issues.first.first().map(|i| i.kind)
            {
                finding = finding.variant(issued_variant(kind));
            }
            out.push(finding);
        }
    }
    Ok(())
}

/// Whether a bank number (one of the `grouped` field patterns) is only written in groups: its
/// whitespace problems are all single spaces inside it, as it is printed (`04 06 05`).
fn in_groups(scanned: &ScannedField<'_>, issues: &CodeIssues, grouped: &[&str]) -> bool {
    let path = scanned.field.path();
    issues.count == issues.first.len()
        && issues.first.iter().all(|i| i.kind == CharKind::Space)
        && grouped
            .iter()
            .any(|pattern| crate::rulepack::matches_wildcard(pattern, &path))
}

fn finding(
    rule: &Rule,
    ctx: &Context<'_>,
    scanned: &ScannedField<'_>,
    value: &str,
    issues: &CodeIssues,
) -> Option<Finding> {
    let (field, class) = (scanned.field, scanned.class);
    let first = issues.first.first()?;
    let profile = ctx.profile;
    let starts = profile.char_starts(field);
    let occurrences: Vec<_> = issues
        .first
        .iter()
        .map(|issue| {
            let at = profile.source.position(starts.start(issue.char_index));
            let mut entry = json!({
                "line": at.line,
                "column": at.column,
                "position": issue.char_index + 1,
                "length": issue.char_len,
                "character": unicode::describe(issue.ch),
                "kind": issue.kind.as_str(),
            });
            if let (Some(suggestion), Some(map)) = (&issue.suggestion, entry.as_object_mut()) {
                map.insert("suggestion".into(), suggestion.as_str().into());
            }
            entry
        })
        .collect();

    let (any_replace, any_fix) = (issues.any_replace, issues.any_fix);
    let suggestion = if any_replace {
        replaced(field, value, |issue| code_of(issue.kind) == rule.code)
    } else {
        scanned
            .safe_fixed
            .get_or_init(|| safe_fixed(field, value))
            .clone()
    };
    let identifier = field.spec.is_masked();

    let mut finding = rule
        .finding(field.path(), starts.span(first.char_index))
        .fingerprint_value(value)
        .variant(variant(class, first.kind))
        .character("character", first.ch)
        .text("count", issues.count.to_string())
        .text("position", (first.char_index + 1).to_string())
        .text("intended", first.suggestion.clone().unwrap_or_default())
        .evidence("count", issues.count)
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
