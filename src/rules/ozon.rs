//! BC601–BC608: the Ozon payment settings and the LianLian Ozon channel.

use super::Context;
use crate::finding::Finding;
use crate::profile::Profile;
use crate::rulepack::PolicyError;

/// Whether the profile is about binding LianLian to an Ozon store: either Ozon names LianLian as
/// a method, or both accounts are described. Rules about LianLian-on-Ozon eligibility and
/// fallbacks only make sense then.
pub(super) fn lianlian_on_ozon(profile: &Profile) -> bool {
    let names_lianlian = ["ozon.payment_method", "ozon.default_payout_method"]
        .iter()
        .any(|p| profile.text(p) == Some("lianlian"));
    names_lianlian || (profile.has_section("lianlian") && profile.has_section("ozon"))
}

/// BC601: a payment method that cannot work here. The default variant is the seed FAQ's
/// mix-up (bank transfer chosen while binding LianLian); `cn_hk` is Ozon's own suspension of
/// methods for sellers from some countries. Both lists are rulepack params so the "Ozon Global
/// Pay only" reading of the guides can be switched on without a rebuild.
pub fn wrong_payment_method(ctx: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    let Some(field) = ctx.profile.field("ozon.payment_method") else {
        return Ok(());
    };
    let Some(method) = field.text() else {
        return Ok(());
    };
    let with_lianlian = ctx.pack.param_strings("BC601", "wrong_with_lianlian")?;
    let suspended = ctx.pack.param_strings("BC601", "suspended_methods")?;
    let countries = ctx.pack.param_strings("BC601", "suspended_countries")?;
    let country = ctx.profile.seller_country();
    let finding = if with_lianlian.contains(&method) && ctx.profile.has_section("lianlian") {
        let mut f = Finding::at("BC601", field).text("method", method);
        if let Some(id) = ctx.profile.field("lianlian.merchant_id") {
            f = f.related(id);
        }
        f
    } else if suspended.contains(&method) && countries.contains(&country) {
        let mut f = Finding::at("BC601", field)
            .variant("cn_hk")
            .text("method", method)
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

pub fn channel_not_opened(ctx: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    if let Some(field) = ctx.profile.field("lianlian.ozon_channel")
        && field.text() == Some("not_opened")
    {
        out.push(Finding::at("BC602", field));
    }
    Ok(())
}

pub fn channel_needs_authorization(
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
    out.push(
        Finding::at("BC603", field)
            .variant(variant)
            .text("status", field.text().unwrap_or_default()),
    );
    Ok(())
}

pub fn channel_suspended(ctx: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    if let Some(field) = ctx.profile.field("lianlian.ozon_channel")
        && field.text() == Some("suspended")
    {
        out.push(Finding::at("BC604", field));
    }
    Ok(())
}

pub fn default_payout_method(ctx: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), PolicyError> {
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
        out.push(
            Finding::at("BC605", default)
                .related(bound)
                .text("default_method", default_method)
                .text("method", method),
        );
    }
    Ok(())
}

pub fn category_manual_review(
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
        Finding::at("BC606", field)
            .text("count", items.len().to_string())
            .text("categories", names.join(", "))
            .evidence("count", items.len())
            .fingerprint_value(names.join("\u{0}")),
    );
    Ok(())
}

/// BC607: the payout status text (free text the seller copied) names a bank transfer while
/// LianLian is the channel in play; without LianLian a bank transfer is simply the method.
pub fn payout_fell_back(ctx: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    let Some(field) = ctx.profile.field("incident.payout_status") else {
        return Ok(());
    };
    let Some(status) = field.text() else {
        return Ok(());
    };
    let pattern = ctx.pack.param_regex("BC607", "pattern")?;
    if !lianlian_on_ozon(ctx.profile) || !pattern.is_match(status) {
        return Ok(());
    }
    let mut finding = Finding::at("BC607", field).text("status", status);
    if let Some(default) = ctx.profile.field("ozon.default_payout_method") {
        finding = finding.related(default);
    }
    out.push(finding);
    Ok(())
}

pub fn operator_not_authorized(
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    if let Some(field) = ctx.profile.field("ozon.operator_role")
        && let Some(role) = field.text()
    {
        let required = ctx.pack.param_str("BC608", "ozon_required_role")?;
        if role != required {
            out.push(
                Finding::at("BC608", field)
                    .text("role", role)
                    .text("required", required),
            );
        }
    }
    if let Some(field) = ctx.profile.field("amazon.primary_owner")
        && ctx.profile.boolean("amazon.primary_owner") == Some(false)
    {
        out.push(Finding::at("BC608", field).variant("amazon"));
    }
    Ok(())
}
