//! BC805–BC806: what the seller reported.

use super::{Context, Rule};
use crate::finding::Finding;
use crate::rulepack::PolicyError;

/// BC805: several failed attempts without clearing the browser cache in between.
pub fn repeated_attempts(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let (Some(field), Some(cache)) = (
        ctx.profile.field("incident.attempts"),
        ctx.profile.field("incident.browser_cache_cleared"),
    ) else {
        return Ok(());
    };
    let Some(attempts) = ctx.profile.integer("incident.attempts") else {
        return Ok(());
    };
    let minimum = ctx.pack.param_integer(rule.code, "min_attempts")?;
    if attempts >= minimum && ctx.profile.boolean("incident.browser_cache_cleared") == Some(false) {
        out.push(
            rule.at(field)
                .related(cache)
                .text("attempts", attempts.to_string()),
        );
    }
    Ok(())
}

/// BC806: an error code the rulepack has no documented meaning for. The code is free text
/// typed by the seller, so it is an escaped text argument; no meaning is ever guessed.
pub fn unknown_error_code(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let Some(field) = ctx.profile.field("incident.error_code") else {
        return Ok(());
    };
    let Some(code) = field.text() else {
        return Ok(());
    };
    let code = code.trim();
    // "none" is how a profile records that the page showed no code (see `bindcheck ticket`).
    if code.is_empty() || code.eq_ignore_ascii_case("none") {
        return Ok(());
    }
    let known = ctx
        .pack
        .error_codes
        .keys()
        .any(|k| k.eq_ignore_ascii_case(code));
    if !known {
        out.push(rule.at(field).text("code", code));
    }
    Ok(())
}
