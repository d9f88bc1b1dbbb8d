//! BC301–BC303: the LianLian Merchant ID.
//!
//! Values are identifiers: they are passed to messages with `.ident` (masked unless
//! `--show-values`) and evidence holds only lengths, positions and kinds.
//!
//! One cause, one finding:
//! - Invisible and whitespace characters in a Merchant ID are BC201/BC205's cause. BC301 judges
//!   the value with those characters removed, so a correct ID with a pasted U+200B is reported
//!   once (by BC201), and an ID that is also too short is reported by both.
//! - A value that is an e-mail address, a phone number or the login is BC302's cause; BC301
//!   does not also say that it lacks the Merchant ID's form, and BC303 does not offer such a
//!   `lianlian.merchant_id` as the value to paste into Ozon.

use super::{Context, Rule};
use crate::finding::{Applicability, Finding, Fix};
use crate::profile::Field;
use crate::rulepack::PolicyError;
use crate::unicode::is_default_ignorable;
use serde_json::json;
use std::borrow::Cow;

/// The two Merchant ID fields, LianLian's own first.
const FIELDS: [&str; 2] = ["lianlian.merchant_id", "ozon.payout_account.merchant_id"];

/// What BC301–BC303 read: the Merchant ID fields, and the login they are told apart from.
pub(super) const INPUTS: &[&str] = &[
    "lianlian.merchant_id",
    "ozon.payout_account.merchant_id",
    "lianlian.login",
];

/// The rule whose params say what an e-mail address or a phone number looks like (BC302);
/// BC301 and BC303 leave such values to it.
const LOGIN_RULE: &str = "BC302";

/// The value without the characters the character rules report (invisible, whitespace).
/// Borrowed when there are none, as in almost every value.
fn visible(value: &str) -> Cow<'_, str> {
    let hidden = |c: char| c.is_whitespace() || is_default_ignorable(c);
    if value.chars().any(hidden) {
        Cow::Owned(value.chars().filter(|&c| !hidden(c)).collect())
    } else {
        Cow::Borrowed(value)
    }
}

/// `a` and `b` compared as `str::to_lowercase` of each would; without allocating for ASCII.
fn equal_ignoring_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

/// What a Merchant ID field holds instead of a Merchant ID, if BC302 recognises it.
fn login_kind(ctx: &Context<'_>, field: &Field) -> Result<Option<&'static str>, PolicyError> {
    let Some(value) = field.text() else {
        return Ok(None);
    };
    let value = visible(value);
    if value.is_empty() {
        return Ok(None);
    }
    // The login is case-insensitive for e-mail logins; comparing without case also catches a
    // login retyped with a capital letter.
    let login = ctx
        .profile
        .text("lianlian.login")
        .map(visible)
        .filter(|l| !l.is_empty());
    if login.is_some_and(|l| equal_ignoring_case(&l, &value)) {
        return Ok(Some("login"));
    }
    // The guards keep the patterns from being compiled for the usual Merchant ID, which has
    // letters and no "@": an e-mail address needs an "@", a phone number has no letters.
    if value.contains('@')
        && ctx
            .pack
            .param_regex(LOGIN_RULE, "email_pattern")?
            .is_match(&value)
    {
        return Ok(Some("email"));
    }
    if !value.chars().any(char::is_alphabetic)
        && ctx
            .pack
            .param_regex(LOGIN_RULE, "phone_pattern")?
            .is_match(&value)
    {
        return Ok(Some("phone"));
    }
    Ok(None)
}

/// BC301: a Merchant ID that does not match the rulepack's pattern.
pub fn format(rule: &Rule, ctx: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    // Looked up once, but only when there is a value to judge (looking up compiles it).
    let mut pattern = None;
    for path in FIELDS {
        let Some(field) = ctx.profile.field(path) else {
            continue;
        };
        let Some(value) = field.text() else { continue };
        let pattern = match pattern {
            Some(pattern) => pattern,
            None => *pattern.insert(ctx.pack.param_regex(rule.code, "pattern")?),
        };
        let cleaned = visible(value);
        if pattern.is_match(&cleaned) || login_kind(ctx, field)?.is_some() {
            continue;
        }
        let length = cleaned.chars().count();
        let non_ascii = ctx.pack.evidence.cap(
            cleaned
                .chars()
                .enumerate()
                .filter(|(_, c)| !c.is_ascii_alphanumeric())
                .map(|(i, _)| i + 1),
        );
        out.push(
            rule.at(field)
                .ident("value", value)
                .text("length", length.to_string())
                .text("pattern", pattern.as_str())
                .evidence("length", length)
                .evidence("ignored_characters", value.chars().count() - length)
                .evidence(
                    "not_letter_or_digit_count",
                    cleaned
                        .chars()
                        .filter(|c| !c.is_ascii_alphanumeric())
                        .count(),
                )
                .evidence("not_letter_or_digit_positions", non_ascii),
        );
    }
    Ok(())
}

/// BC302: a Merchant ID field holding the login, an e-mail address or a phone number.
pub fn is_login(rule: &Rule, ctx: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    for path in FIELDS {
        let Some(field) = ctx.profile.field(path) else {
            continue;
        };
        let Some(kind) = login_kind(ctx, field)? else {
            continue;
        };
        let mut finding = rule
            .at(field)
            .variant(kind)
            .ident("value", field.text().unwrap_or_default())
            .evidence("kind", kind);
        if kind == "login"
            && let Some(login) = ctx.profile.field("lianlian.login")
        {
            finding = finding.related(login);
        }
        out.push(finding);
    }
    Ok(())
}

/// BC303: the Merchant ID pasted into Ozon differs from the one LianLian issued.
pub fn mismatch(rule: &Rule, ctx: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    let p = ctx.profile;
    let (Some(ozon), Some(lianlian)) = (
        p.field("ozon.payout_account.merchant_id"),
        p.field("lianlian.merchant_id"),
    ) else {
        return Ok(());
    };
    let (Some(actual), Some(expected)) = (ozon.text(), lianlian.text()) else {
        return Ok(());
    };
    // LianLian's field holding the login is BC302's finding; it is no Merchant ID to copy, so
    // comparing with it would give the login as the value to paste.
    if actual == expected || login_kind(ctx, lianlian)?.is_some() {
        return Ok(());
    }
    // LianLian issues the ID without whitespace or invisible characters: any in the profile's
    // copy came with copying it (BC201/BC205 on that copy), and the value to enter is the clean
    // one. An Ozon value equal to it differs from nothing LianLian holds.
    let issued = super::characters::safe_fixed(lianlian, expected);
    if actual == issued {
        return Ok(());
    }
    let expected = issued.as_str();
    let common = actual
        .chars()
        .zip(expected.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let position = common + 1;
    // Equal once invisible characters and whitespace are gone: the IDs are the same and the
    // stray characters are the whole difference, which the message says instead of implying a
    // different ID.
    let variant = if visible(actual) == visible(expected) {
        "invisible"
    } else {
        "default"
    };
    let at = p.source.position(p.char_span(ozon, common).start);
    out.push(
        rule.at(ozon)
            .variant(variant)
            .related(lianlian)
            .ident("actual", actual)
            .ident("expected", expected)
            .text("position", position.to_string())
            .evidence(
                "first_difference",
                json!({"index": position, "line": at.line, "column": at.column}),
            )
            .evidence("actual_length", actual.chars().count())
            .evidence("expected_length", expected.chars().count())
            // The LianLian value may be the mistyped one; the remediation says to copy it from
            // LianLian first, so the replacement is only offered.
            .fix(Fix {
                applicability: Applicability::Unsafe,
                span: ozon.span.clone(),
                replacement: expected.to_string(),
                identifier: true,
            }),
    );
    Ok(())
}
