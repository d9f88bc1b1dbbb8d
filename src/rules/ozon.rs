//! BC601–BC608: the Ozon payment settings and the LianLian Ozon channel.

use super::{Context, Rule};
use crate::finding::{Applicability, Finding, Fix};
use crate::rulepack::PolicyError;

/// BC601: a payment method that cannot work here. The default variant is the seed FAQ's
/// mix-up (bank transfer chosen while binding LianLian); `cn_hk` is Ozon's own suspension of
/// methods for sellers from some countries. Both lists are rulepack params so the "Ozon Global
/// Pay only" reading of the guides can be switched on without a rebuild.
pub fn wrong_payment_method(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let Some(field) = ctx.profile.field("ozon.payment_method") else {
        return Ok(());
    };
    let Some(method) = field.text() else {
        return Ok(());
    };
    let with_lianlian = ctx.pack.param_strings(rule.code, "wrong_with_lianlian")?;
    let suspended = ctx.pack.param_strings(rule.code, "suspended_methods")?;
    let countries = ctx.pack.param_strings(rule.code, "suspended_countries")?;
    let country = ctx.profile.seller_country();
    let finding = if with_lianlian.contains(&method) && ctx.profile.has_section("lianlian") {
        // The one right method is LianLian's: offered as the value, so that what follows from
        // this method (a default payout method that differs from it) is one cause with it. It
        // is chosen on Ozon first, so the value is only offered.
        let mut f = rule
            .at(field)
            .choice("method", "ozon.payment_method", method)
            .fix(Fix {
                applicability: Applicability::Unsafe,
                span: field.span.clone(),
                replacement: ctx
                    .pack
                    .param_str(rule.code, "lianlian_method")?
                    .to_string(),
                identifier: false,
            });
        if let Some(id) = ctx.profile.field("lianlian.merchant_id") {
            f = f.related(id);
        }
        f
    } else if suspended.contains(&method) && countries.contains(&country) {
        let mut f = rule
            .at(field)
            .variant("cn_hk")
            .choice("method", "ozon.payment_method", method)
            .text("country", country);
        if let Some(c) = ctx.profile.field("seller.country") {
            f = f.related(c);
        }
        f
    } else {
        return Ok(());
    };
    out.push(finding);
    Ok(())
}

/// BC602: LianLian's Ozon channel was never opened; related to the Ozon payment method that
/// is waiting for it.
pub fn channel_not_opened(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    if let Some(field) = ctx.profile.field("lianlian.ozon_channel")
        && field.text() == Some("not_opened")
    {
        let mut finding = rule
            .at(field)
            .choice("status", "lianlian.ozon_channel", "not_opened");
        if let Some(method) = ctx.profile.field("ozon.payment_method") {
            finding = finding.related(method);
        }
        out.push(finding);
    }
    Ok(())
}

/// BC603: LianLian's Ozon channel is unauthorized or still under review.
pub fn channel_needs_authorization(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let Some(field) = ctx.profile.field("lianlian.ozon_channel") else {
        return Ok(());
    };
    let variant = match field.text() {
        Some("unauthorized") => "default",
        Some("pending_review") => "pending_review",
        _ => return Ok(()),
    };
    out.push(rule.at(field).variant(variant).choice(
        "status",
        "lianlian.ozon_channel",
        field.text().unwrap_or_default(),
    ));
    Ok(())
}

/// BC604: LianLian suspended its Ozon channel.
pub fn channel_suspended(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    if let Some(field) = ctx.profile.field("lianlian.ozon_channel")
        && field.text() == Some("suspended")
    {
        out.push(
            rule.at(field)
                .choice("status", "lianlian.ozon_channel", "suspended"),
        );
    }
    Ok(())
}

/// BC605: Ozon's default payout method is not the method that was bound.
pub fn default_payout_method(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let (Some(default), Some(bound)) = (
        ctx.profile.field("ozon.default_payout_method"),
        ctx.profile.field("ozon.payment_method"),
    ) else {
        return Ok(());
    };
    let (Some(default_method), Some(method)) = (default.text(), bound.text()) else {
        return Ok(());
    };
    if default_method != method {
        // A bound method that Ozon suspended for the seller's country is no default to
        // recommend: the method must be changed first (BC601's lists say which).
        let suspended = ctx.pack.param_strings("BC601", "suspended_methods")?;
        let countries = ctx.pack.param_strings("BC601", "suspended_countries")?;
        let country = ctx.profile.seller_country();
        let mut finding = rule
            .at(default)
            .related(bound)
            .choice(
                "default_method",
                "ozon.default_payout_method",
                default_method,
            )
            .choice("method", "ozon.payment_method", method);
        let closed = countries.contains(&country);
        if closed && suspended.contains(&method) {
            finding = finding.variant("suspended").text("country", country);
        } else if closed && suspended.contains(&default_method) {
            // Payouts go to the default, which Ozon no longer pays to for this country: they
            // are stuck, not merely sent elsewhere.
            finding = finding
                .variant("default_suspended")
                .text("country", country);
        }
        out.push(finding);
    }
    Ok(())
}

/// BC606: the store sells categories under manual review, which hold payouts.
pub fn category_manual_review(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let Some(field) = ctx.profile.field("ozon.manual_review_categories") else {
        return Ok(());
    };
    let Some(items) = ctx.profile.list("ozon.manual_review_categories") else {
        return Ok(());
    };
    if items.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
    out.push(
        rule.at(field)
            .text("count", items.len().to_string())
            .list("categories", &names)
            .evidence("count", items.len())
            .fingerprint_value(names.join("\u{0}")),
    );
    Ok(())
}

/// BC607: the payout status text (free text the seller copied) names a bank transfer while
/// LianLian is the channel in play (the rule's scope); without LianLian a bank transfer is
/// simply the method.
pub fn payout_fell_back(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let Some(field) = ctx.profile.field("incident.payout_status") else {
        return Ok(());
    };
    let Some(status) = field.text() else {
        return Ok(());
    };
    let pattern = ctx.pack.param_regex(rule.code, "pattern")?;
    if !pattern.is_match(status) {
        return Ok(());
    }
    let mut finding = rule.at(field).text("status", status);
    if let Some(default) = ctx.profile.field("ozon.default_payout_method") {
        finding = finding.related(default);
    }
    out.push(finding);
    Ok(())
}

/// BC608: the Ozon user binding LianLian lacks the required role, or the person changing the
/// Amazon deposit method is not the primary owner.
pub fn operator_not_authorized(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    if let Some(field) = ctx.profile.field("ozon.operator_role")
        && let Some(role) = field.text()
    {
        let required = ctx.pack.param_str(rule.code, "ozon_required_role")?;
        if role != required {
            out.push(
                rule.at(field)
                    .choice("role", "ozon.operator_role", role)
                    .choice("required", "ozon.operator_role", required),
            );
        }
    }
    if let Some(field) = ctx.profile.field("amazon.primary_owner")
        && ctx.profile.boolean("amazon.primary_owner") == Some(false)
    {
        out.push(rule.at(field).variant("amazon"));
    }
    Ok(())
}

/// BC609: the Ozon Global Pay settlement account is not active: rejected (no payout can be
/// made to it) or still pending (which explains money that has not arrived).
pub fn settlement_account_not_active(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let Some(field) = ctx.profile.field("ozon_global_pay.status") else {
        return Ok(());
    };
    let variant = match field.text() {
        Some("rejected") => "default",
        Some("pending") => "pending",
        _ => return Ok(()),
    };
    let mut finding = rule.at(field).variant(variant).choice(
        "status",
        "ozon_global_pay.status",
        field.text().unwrap_or_default(),
    );
    if let Some(pending) = ctx.profile.field("ozon_global_pay.pending_settlement") {
        finding = finding.related(pending);
    }
    out.push(finding);
    Ok(())
}
