//! BC701–BC706: who may bind, and documents.

use super::Context;
use crate::finding::Finding;
use crate::rulepack::PolicyError;

/// Whole days from `from` to `to` (negative when `to` is earlier). Civil dates have no time
/// zone, so a day is always 86,400 seconds here.
pub(super) fn days_between(from: jiff::civil::Date, to: jiff::civil::Date) -> i64 {
    from.duration_until(to).as_secs() / 86_400
}

/// BC701: the entity type is not allowed for LianLian on Ozon. The list is policy
/// (`lianlian_ozon_ineligible`) because the sources disagree on Hong Kong companies.
pub fn entity_not_eligible(ctx: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    let Some(field) = ctx.profile.field("seller.entity_type") else {
        return Ok(());
    };
    let Some(entity) = field.text() else {
        return Ok(());
    };
    if !super::ozon::lianlian_on_ozon(ctx.profile) {
        return Ok(());
    }
    let ineligible = ctx
        .pack
        .param_strings("BC701", "lianlian_ozon_ineligible")?;
    if ineligible.contains(&entity) {
        let mut finding = Finding::at("BC701", field).text("entity_type", entity);
        if let Some(method) = ctx.profile.field("ozon.payment_method") {
            finding = finding.related(method);
        }
        out.push(finding);
    }
    Ok(())
}

/// The licence number as registries compare it: letters and digits only, upper case. Spaces,
/// invisible and full-width characters are the character rules' (BC2xx) business; reporting
/// them here as a different licence would send the seller looking for the wrong problem.
fn licence_key(value: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // ASCII is its own NFKC, and licence numbers almost always are ASCII.
    if value.is_ascii() {
        return value
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| char::from(b.to_ascii_uppercase()))
            .collect();
    }
    value
        .nfkc()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

pub fn license_number_mismatch(
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let Some(seller) = ctx.profile.field("seller.license_number") else {
        return Ok(());
    };
    let Some(expected) = seller.text() else {
        return Ok(());
    };
    let expected_key = licence_key(expected);
    for path in ["lianlian.license_number", "ozon.license_number"] {
        let Some(field) = ctx.profile.field(path) else {
            continue;
        };
        let Some(actual) = field.text() else {
            continue;
        };
        // Equal values have equal keys.
        if actual == expected {
            continue;
        }
        let actual_key = licence_key(actual);
        if actual_key.is_empty() || actual_key == expected_key {
            continue;
        }
        let first_difference = actual_key
            .chars()
            .zip(expected_key.chars())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| actual_key.chars().count().min(expected_key.chars().count()));
        // Evidence positions count letters and digits only (1-based), as the comparison does.
        out.push(
            Finding::at("BC702", field)
                .related(seller)
                .ident("actual", actual)
                .ident("expected", expected)
                .evidence("first_difference", first_difference + 1)
                .evidence("length", actual_key.chars().count())
                .evidence("expected_length", expected_key.chars().count()),
        );
    }
    Ok(())
}

pub fn kyc_incomplete(ctx: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    let Some(field) = ctx.profile.field("lianlian.kyc_level") else {
        return Ok(());
    };
    let Some(level) = ctx.profile.integer("lianlian.kyc_level") else {
        return Ok(());
    };
    let minimum = ctx.pack.param_integer("BC703", "minimum_level")?;
    if level < minimum {
        out.push(
            Finding::at("BC703", field)
                .text("level", level.to_string())
                .text("minimum", minimum.to_string()),
        );
    }
    Ok(())
}

pub fn import_export_rights(ctx: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    if !ctx.profile.has_section("ozon_global_pay") {
        return Ok(());
    }
    if let Some(field) = ctx.profile.field("seller.import_export_rights")
        && ctx.profile.boolean("seller.import_export_rights") == Some(false)
    {
        out.push(Finding::at("BC704", field));
    }
    Ok(())
}

/// BC705: compares with `ctx.today()` (`--as-of`), so results are reproducible in tests and CI.
pub fn license_expired(ctx: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    let Some(field) = ctx.profile.field("seller.license_expires") else {
        return Ok(());
    };
    let Some(expires) = ctx.profile.date("seller.license_expires") else {
        return Ok(());
    };
    if expires < ctx.today() {
        out.push(
            Finding::at("BC705", field)
                .text("expires", expires.to_string())
                .text("today", ctx.today().to_string())
                .evidence("days_expired", days_between(expires, ctx.today())),
        );
    }
    Ok(())
}

pub fn document_too_old(ctx: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    let Some(field) = ctx.profile.field("amazon.deposit_method.document_date") else {
        return Ok(());
    };
    let Some(date) = ctx.profile.date("amazon.deposit_method.document_date") else {
        return Ok(());
    };
    let max = ctx.pack.param_integer("BC706", "max_age_days")?;
    let age = days_between(date, ctx.today());
    if age > max {
        out.push(
            Finding::at("BC706", field)
                .text("date", date.to_string())
                .text("age", age.to_string())
                .text("today", ctx.today().to_string())
                .text("max", max.to_string())
                .evidence("age_days", age),
        );
    }
    Ok(())
}
