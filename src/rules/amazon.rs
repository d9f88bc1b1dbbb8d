//! BC801–BC804: Amazon deposit method changes and credentials.

use super::eligibility::days_between;
use super::{Context, Rule};
use crate::finding::Finding;
use crate::profile::schema::amazon_marketplace;
use crate::rulepack::PolicyError;

/// BC801: the change date falls within `hold_days` before the settlement period ends. Whether
/// the change lies ahead of `ctx.today()` picks the wording: a planned change can still be
/// moved, a past one explains a held disbursement.
pub fn deposit_change_in_window(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let (Some(change_field), Some(end_field)) = (
        ctx.profile.field("amazon.deposit_change_date"),
        ctx.profile.field("amazon.settlement_period_end"),
    ) else {
        return Ok(());
    };
    let (Some(change), Some(end)) = (
        ctx.profile.date("amazon.deposit_change_date"),
        ctx.profile.date("amazon.settlement_period_end"),
    ) else {
        return Ok(());
    };
    let hold = ctx.pack.param_integer(rule.code, "hold_days")?;
    let days = days_between(change, end);
    if !(0..=hold).contains(&days) {
        return Ok(());
    }
    let variant = if change >= ctx.today() {
        "planned"
    } else {
        "default"
    };
    out.push(
        rule.at(change_field)
            .variant(variant)
            .related(end_field)
            .text("change", change.to_string())
            .text("end", end.to_string())
            .text("days", days.to_string())
            .text("hold", hold.to_string())
            .evidence("days_before_end", days),
    );
    Ok(())
}

/// BC802: two-step verification is off, which Seller Central requires before a deposit method
/// can be changed.
pub fn two_step_verification_off(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    if let Some(field) = ctx.profile.field("amazon.two_step_verification")
        && ctx.profile.boolean("amazon.two_step_verification") == Some(false)
    {
        out.push(rule.at(field));
    }
    Ok(())
}

/// BC803: only a change still ahead (on or after `ctx.today()`) can be announced.
pub fn support_not_notified(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let (Some(field), Some(change_field)) = (
        ctx.profile.field("amazon.support_notified"),
        ctx.profile.field("amazon.deposit_change_date"),
    ) else {
        return Ok(());
    };
    let Some(change) = ctx
        .profile
        .date("amazon.deposit_change_date")
        .filter(|d| *d >= ctx.today())
    else {
        return Ok(());
    };
    if ctx.profile.boolean("amazon.support_notified") == Some(false) {
        out.push(
            rule.at(field)
                .related(change_field)
                .text("change", change.to_string()),
        );
    }
    Ok(())
}

/// BC804: the token's value is never an argument, and it is kept out of the fingerprint: a
/// short hash of a credential is still something an attacker could test guesses against.
pub fn obsolete_credential(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    for path in ctx.pack.param_strings("BC804", "fields")? {
        if let Some(field) = ctx.profile.field(path) {
            out.push(rule.at(field).fingerprint_value(""));
        }
    }
    Ok(())
}

/// BC807: a marketplace the store sells in that no described deposit method is assigned to
/// (info: bindcheck cannot check how it is paid out). Only when some deposit method is
/// described; one without `marketplaces` covers them all. A marketplace is matched by what
/// it is, not how it is written (`GB` is the `UK` marketplace).
pub fn marketplace_without_deposit_method(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let p = ctx.profile;
    let Some(items) = p.list("amazon.marketplaces") else {
        return Ok(());
    };
    let mut covered: Vec<&str> = Vec::new();
    let mut any = false;
    for method in p.deposit_methods() {
        any = true;
        match method
            .field("amazon.deposit_method.marketplaces")
            .map(|f| &f.value)
        {
            Some(crate::profile::Value::List(list)) => {
                covered.extend(list.iter().map(|i| amazon_marketplace(&i.text)));
            }
            _ => return Ok(()),
        }
    }
    if !any {
        return Ok(());
    }
    for item in items {
        if !covered.contains(&amazon_marketplace(&item.text)) {
            out.push(
                rule.finding("amazon.marketplaces", item.span.clone())
                    .text("marketplace", item.text.as_str())
                    .evidence("marketplace", item.text.as_str())
                    .fingerprint_value(item.text.as_str()),
            );
        }
    }
    Ok(())
}
