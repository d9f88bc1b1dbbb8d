//! BC701–BC710: who may bind, and documents.

use super::{Context, Rule};
use crate::finding::{Applicability, Finding, Fix};
use crate::rulepack::PolicyError;

/// Whole days from `from` to `to` (negative when `to` is earlier). Civil dates have no time
/// zone, so a day is always 86,400 seconds here.
pub(super) fn days_between(from: jiff::civil::Date, to: jiff::civil::Date) -> i64 {
    from.duration_until(to).as_secs() / 86_400
}

/// BC701: the entity type is not allowed for LianLian on Ozon (the rule's scope). The list is policy
/// (`lianlian_ozon_ineligible`) because the sources disagree on Hong Kong companies.
pub fn entity_not_eligible(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let Some(field) = ctx.profile.field("seller.entity_type") else {
        return Ok(());
    };
    let Some(entity) = field.text() else {
        return Ok(());
    };
    let ineligible = ctx
        .pack
        .param_strings(rule.code, "lianlian_ozon_ineligible")?;
    if ineligible.contains(&entity) {
        let mut finding = rule
            .at(field)
            .choice("entity_type", "seller.entity_type", entity);
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

/// BC702: the licence number a LianLian account or an Ozon store was opened under is not the
/// seller's (compared as registries compare them: letters and digits, upper case).
pub fn license_number_mismatch(
    rule: &Rule,
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
        // Evidence positions count letters and digits only (1-based), as the comparison does;
        // the message counts the characters of the value as written, where the reader looks.
        let position = actual
            .chars()
            .enumerate()
            .filter(|(_, c)| c.is_alphanumeric())
            .nth(first_difference)
            .map_or(actual.chars().count() + 1, |(index, _)| index + 1);
        let finding = rule
            .at(field)
            .related(seller)
            .ident("actual", actual)
            .ident("expected", expected)
            .text("position", position.to_string())
            .evidence("first_difference", first_difference + 1)
            .evidence("length", actual_key.chars().count())
            .evidence("expected_length", expected_key.chars().count());
        let most = ctx.pack.param_integer(rule.code, "typo_max_differences")?;
        out.push(match typo(&actual_key, &expected_key, most) {
            Some(differences) => as_typo(finding, field, expected, &actual_key, &expected_key)
                .text("count", differences.to_string())
                .evidence("differences", differences),
            None => finding,
        });
    }
    Ok(())
}

/// How many characters a licence number (`actual`, a key as [`licence_key`] makes it) differs
/// in from the seller's (`expected`), when it is a typo of it: not a valid USCC itself, of the
/// same length, and differing in at most `most` characters, while the seller's is valid. A
/// different company's licence number would be valid (its check character holds) and differ in
/// more places.
fn typo(actual: &str, expected: &str, most: i64) -> Option<usize> {
    use crate::validators::uscc;
    if uscc::validate(actual).is_ok() || uscc::validate(expected).is_err() {
        return None;
    }
    if actual.chars().count() != expected.chars().count() {
        return None;
    }
    let differences = actual
        .chars()
        .zip(expected.chars())
        .filter(|(a, b)| a != b)
        .count();
    (differences as i64 <= most).then_some(differences)
}

/// BC702 as a typo (variant `typo`): the characters at the first difference, and the seller's
/// licence number as the value to enter (unsafe: the seller confirms it from the licence).
fn as_typo(
    finding: Finding,
    field: &crate::profile::Field,
    expected: &str,
    actual_key: &str,
    expected_key: &str,
) -> Finding {
    let (found, intended) = actual_key
        .chars()
        .zip(expected_key.chars())
        .find(|(a, b)| a != b)
        .unwrap_or_default();
    let identifier = field.spec.is_masked();
    finding
        .variant("typo")
        .text("found", found.to_string())
        .text("intended", intended.to_string())
        .fix(Fix {
            applicability: Applicability::Unsafe,
            span: field.span.clone(),
            replacement: expected.to_string(),
            identifier,
        })
}

/// BC703: the LianLian KYC level is below the level binding needs.
pub fn kyc_incomplete(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let Some(field) = ctx.profile.field("lianlian.kyc_level") else {
        return Ok(());
    };
    let Some(level) = ctx.profile.integer("lianlian.kyc_level") else {
        return Ok(());
    };
    let minimum = ctx.pack.param_integer(rule.code, "minimum_level")?;
    if level < minimum {
        out.push(
            rule.at(field)
                .text("level", level.to_string())
                .text("minimum", minimum.to_string()),
        );
    }
    Ok(())
}

/// BC704: Ozon Global Pay (the rule's scope) for a company without import/export rights.
pub fn import_export_rights(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    if let Some(field) = ctx.profile.field("seller.import_export_rights")
        && ctx.profile.boolean("seller.import_export_rights") == Some(false)
    {
        out.push(rule.at(field));
    }
    Ok(())
}

/// BC705: compares with `ctx.today()` (`--as-of`), so results are reproducible in tests and CI.
pub fn license_expired(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let Some(field) = ctx.profile.field("seller.license_expires") else {
        return Ok(());
    };
    let Some(expires) = ctx.profile.date("seller.license_expires") else {
        return Ok(());
    };
    if expires < ctx.today() {
        out.push(
            rule.at(field)
                .text("expires", expires.to_string())
                .text("today", ctx.today().to_string())
                .evidence("days_expired", days_between(expires, ctx.today())),
        );
    }
    Ok(())
}

/// BC706: a deposit method's bank verification document is older than Amazon accepts,
/// counted from `ctx.today()`.
pub fn document_too_old(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let max = ctx.pack.param_integer(rule.code, "max_age_days")?;
    for method in ctx.profile.deposit_methods() {
        let Some(field) = method.field("amazon.deposit_method.document_date") else {
            continue;
        };
        let Some(date) = method.date("amazon.deposit_method.document_date") else {
            continue;
        };
        let age = days_between(date, ctx.today());
        if age > max {
            let finding = rule
                .at(field)
                .text("date", date.to_string())
                .text("age", age.to_string())
                .text("today", ctx.today().to_string())
                .text("max", max.to_string())
                .evidence("age_days", age);
            out.push(super::for_provider(finding, &method));
        }
    }
    Ok(())
}

/// BC707: an entity type the seed guide says cannot open an Ozon Global Pay account
/// (individual businesses, Hong Kong companies). The list is policy.
pub fn settlement_entity_not_eligible(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let Some(field) = ctx.profile.field("seller.entity_type") else {
        return Ok(());
    };
    let Some(entity) = field.text() else {
        return Ok(());
    };
    let ineligible = ctx.pack.param_strings(rule.code, "ineligible")?;
    if ineligible.contains(&entity) {
        out.push(
            rule.at(field)
                .choice("entity_type", "seller.entity_type", entity),
        );
    }
    Ok(())
}

/// BC708: `ozon.inn` is empty (the company has none) while Ozon Global Pay settles: the seed
/// guide says a settlement without an INN in Ozon's legal information risks an
/// anti-money-laundering hold (info). An absent INN is not described, so nothing is said.
pub fn settlement_inn_missing(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let p = ctx.profile;
    let finding = match p.field("ozon.inn") {
        Some(field) if field.text().is_some_and(|t| t.trim().is_empty()) => rule.at(field),
        Some(_) => return Ok(()),
        // No INN written is no INN known: said at the table that would hold it (the Ozon
        // Global Pay table when the profile has no [ozon]).
        None => {
            let Some(table) = p.section("ozon").or_else(|| p.section("ozon_global_pay")) else {
                return Ok(());
            };
            rule.finding("ozon.inn", table.span.clone())
                .variant("absent")
        }
    };
    let finding = match p.field("ozon_global_pay.status") {
        Some(status) => finding.related(status),
        None => finding,
    };
    out.push(finding);
    Ok(())
}

/// BC709: the USCC's first two characters say what was registered (GB 32100-2015: registration
/// authority 9, market regulation; category 1 enterprise, 2 individual business), and
/// `seller.entity_type` says something else. Which prefixes mean what is policy.
pub fn entity_type_contradicts_licence(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let p = ctx.profile;
    if !p.seller_country().eq_ignore_ascii_case("CN") {
        return Ok(());
    }
    let (Some(entity_field), Some(licence)) = (
        p.field("seller.entity_type"),
        p.field("seller.license_number"),
    ) else {
        return Ok(());
    };
    let (Some(entity), Some(number)) = (entity_field.text(), licence.text()) else {
        return Ok(());
    };
    let Some(prefix) = number.trim().get(..2) else {
        return Ok(());
    };
    let expected = [
        ("individual_business", "individual_business_prefixes"),
        ("enterprise", "enterprise_prefixes"),
    ];
    // Only a list of another entity type than the one given can contradict it.
    for (registered, key) in expected.into_iter().filter(|(e, _)| *e != entity) {
        let prefixes = ctx.pack.param_strings(rule.code, key)?;
        if prefixes.contains(&prefix) {
            out.push(
                rule.at(entity_field)
                    .variant(registered)
                    .related(licence)
                    .choice("entity_type", "seller.entity_type", entity)
                    .choice("registered", "seller.entity_type", registered)
                    .text("registered_value", registered)
                    .text("prefix", prefix)
                    .evidence("licence_prefix", prefix)
                    .evidence("licence_entity_type", registered),
            );
        }
    }
    Ok(())
}

/// BC710: `seller.country` contradicts what the profile says of the company: its entity type
/// (a Hong Kong company is registered in HK) or, without one that says, the form of its
/// licence number (an 8-digit Business Registration number is Hong Kong's). The country decides
/// which licence number is expected, which methods are suspended and who is eligible, so every
/// rule that reads it misjudges the profile until it is right.
pub fn country_contradicts_company(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let p = ctx.profile;
    let Some(country_field) = p.field("seller.country") else {
        return Ok(());
    };
    let Some(country) = country_field.text().map(str::trim) else {
        return Ok(());
    };
    let entity = p.field("seller.entity_type");
    let entity_country = entity
        .and_then(|f| f.text())
        .map(|e| -> Result<Option<String>, PolicyError> {
            Ok(ctx
                .pack
                .param_string_groups(rule.code, "entity_countries")?
                .into_iter()
                .find(|pair| pair.first().is_some_and(|x| x == e))
                .and_then(|pair| pair.get(1).cloned()))
        })
        .transpose()?
        .flatten();
    let (finding, implied) = if let (Some(implied), Some(entity)) = (entity_country, entity) {
        if implied.eq_ignore_ascii_case(country) {
            return Ok(());
        }
        let finding = rule.at(country_field).related(entity).choice(
            "entity_type",
            "seller.entity_type",
            entity.text().unwrap_or_default(),
        );
        (finding, implied)
    } else {
        let Some(licence) = p.field("seller.license_number") else {
            return Ok(());
        };
        let number = licence.text().unwrap_or_default().trim();
        let shapes = ctx
            .pack
            .param_string_groups(rule.code, "licence_countries")?;
        let implied = shapes.iter().find_map(|pair| match pair.as_slice() {
            [implied, pattern] => regex::Regex::new(pattern)
                .ok()
                .filter(|re| re.is_match(number))
                .map(|_| implied.clone()),
            _ => None,
        });
        let Some(implied) = implied.filter(|c| !c.eq_ignore_ascii_case(country)) else {
            return Ok(());
        };
        let finding = rule
            .at(country_field)
            .variant("licence")
            .related(licence)
            .text("length", number.chars().count().to_string());
        (finding, implied)
    };
    out.push(
        finding
            .text("country", country)
            .text("expected", implied.as_str())
            .evidence("implied_country", implied.as_str())
            .fix(Fix {
                applicability: Applicability::Unsafe,
                span: country_field.span.clone(),
                replacement: implied,
                identifier: false,
            }),
    );
    Ok(())
}
