//! BC501–BC504: balances, thresholds and currencies.
//!
//! Amounts compare as decimals with [`Money::compare`], so `100.00 CNY` meets a `100 CNY`
//! minimum. An amount in another currency than its threshold is never converted: it gives the
//! `not_comparable` variant (info), which says what to look up instead of guessing.

use super::{Context, Rule};
use crate::finding::Finding;
use crate::profile::{Field, Money, Value};
use crate::rulepack::PolicyError;
use std::cmp::Ordering;

fn money_of(field: &Field) -> Option<&Money> {
    match &field.value {
        Value::Money(m) => Some(m),
        _ => None,
    }
}

/// A finding when `amount` is below `minimum`, or cannot be compared with it.
fn below(
    rule: &Rule,
    field: &Field,
    amount: &Money,
    minimum: &Money,
    amount_arg: &'static str,
) -> Option<Finding> {
    let base = || {
        rule.at(field)
            .text(amount_arg, amount.to_string())
            .text("minimum", minimum.to_string())
            .text("currency", amount.currency.as_str())
            .text("minimum_currency", minimum.currency.as_str())
            .evidence("amount", amount.amount.to_string())
            .evidence("currency", amount.currency.as_str())
            .evidence("minimum", minimum.to_string())
    };
    match amount.compare(minimum) {
        Some(Ordering::Less) => {
            // Checked: amounts come from the profile and may sit at the edge of Decimal's range.
            let finding = base();
            Some(match minimum.amount.checked_sub(amount.amount) {
                Some(shortfall) => finding.evidence("shortfall", shortfall.to_string()),
                None => finding,
            })
        }
        Some(_) => None,
        None => Some(base().variant("not_comparable")),
    }
}

/// BC501: the LianLian balance is below the first verification payment.
pub fn verification_balance(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let Some(field) = ctx.profile.field("lianlian.balance") else {
        return Ok(());
    };
    let Some(balance) = money_of(field) else {
        return Ok(());
    };
    let minimum = ctx.pack.param_money(rule.code, "minimum")?;
    out.extend(below(rule, field, balance, &minimum, "balance"));
    Ok(())
}

/// BC502: the automatic withdrawal threshold is below the recommended minimum.
pub fn auto_withdraw_threshold(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let Some(field) = ctx.profile.field("lianlian.auto_withdraw_threshold") else {
        return Ok(());
    };
    let Some(threshold) = money_of(field) else {
        return Ok(());
    };
    let minimum = ctx.pack.param_money(rule.code, "minimum")?;
    out.extend(below(rule, field, threshold, &minimum, "threshold"));
    Ok(())
}

/// BC503: an Ozon or Ozon Global Pay balance below the amount a payout waits for.
pub fn payout_below_minimum(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    for (path, key) in [
        ("ozon.balance", "ozon_minimums"),
        ("ozon_global_pay.pending_settlement", "ogp_minimums"),
    ] {
        let Some(field) = ctx.profile.field(path) else {
            continue;
        };
        let Some(balance) = money_of(field) else {
            continue;
        };
        let minimums = ctx
            .pack
            .param_strings(rule.code, key)?
            .into_iter()
            .map(|s| {
                s.parse::<Money>().map_err(|_| PolicyError {
                    origin: "in use".into(),
                    problem: format!(
                        "rules.BC503.params.{key} must be a list of money like \"1000 EUR\""
                    ),
                })
            })
            .collect::<Result<Vec<Money>, _>>()?;
        match minimums.iter().find(|m| m.currency == balance.currency) {
            Some(minimum) => out.extend(below(rule, field, balance, minimum, "balance")),
            None => {
                let currencies: Vec<&str> = minimums.iter().map(|m| m.currency.as_str()).collect();
                out.push(
                    rule.at(field)
                        .variant("not_comparable")
                        .text("balance", balance.to_string())
                        .text("currency", balance.currency.as_str())
                        .list("currencies", &currencies)
                        .evidence("currency", balance.currency.as_str())
                        .evidence("known_currencies", currencies),
                );
            }
        }
    }
    Ok(())
}

/// BC504: LianLian on Ozon (the rule's scope) for a seller country or contract currency it is
/// not offered for.
pub fn channel_currency(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let p = ctx.profile;
    let method = p.field("ozon.payment_method");
    let countries = ctx.pack.param_strings(rule.code, "lianlian_countries")?;
    let country = p.seller_country();
    // Without `seller.country` the profile is CN by definition (`docs/profile.md`), which is offered.
    if let Some(field) = p.field("seller.country")
        && !countries.contains(&country)
    {
        let mut finding = rule
            .at(field)
            .variant("country")
            .text("country", country)
            .list("countries", &countries)
            .evidence("country", country)
            .evidence("allowed", countries.clone());
        if let Some(m) = method {
            finding = finding.related(m);
        }
        out.push(finding);
    }
    let currencies = ctx.pack.param_strings(rule.code, "lianlian_currencies")?;
    if let Some(field) = p.field("ozon.contract_currency")
        && let Some(currency) = field.text()
        && !currencies.contains(&currency)
    {
        // Ozon's settlements page: a RUB contract can be changed through support, the other
        // currencies are fixed at registration.
        let changeable = ctx.pack.param_strings(rule.code, "changeable_currencies")?;
        let variant = if changeable.contains(&currency) {
            "currency_changeable"
        } else {
            "currency"
        };
        let mut finding = rule
            .at(field)
            .variant(variant)
            .text("currency", currency)
            .list("currencies", &currencies)
            .evidence("currency", currency)
            .evidence("allowed", currencies.clone());
        if let Some(m) = method {
            finding = finding.related(m);
        }
        out.push(finding);
    }
    Ok(())
}

/// The currency of a deposit method: its own, else — when it is the LianLian receiving account
/// the profile describes — the receiving account's, with the field that states it.
fn deposit_currency<'a>(
    profile: &'a crate::profile::Profile,
    method: &crate::profile::DepositMethod<'a>,
) -> Option<&'a Field> {
    method
        .field("amazon.deposit_method.currency")
        .or_else(|| {
            super::bank_details::is_receiving_account(profile, method)
                .then(|| profile.field("lianlian.receiving_account.currency"))
                .flatten()
        })
        .filter(|f| f.text().is_some())
}

/// The marketplaces a deposit method is assigned to, with the field that lists them: its own
/// `marketplaces`, else every marketplace of the store.
fn assigned_marketplaces<'a>(
    profile: &'a crate::profile::Profile,
    method: &crate::profile::DepositMethod<'a>,
) -> Option<&'a Field> {
    method
        .field("amazon.deposit_method.marketplaces")
        .or_else(|| profile.field("amazon.marketplaces"))
}

/// BC505: a deposit method whose currency is not the currency of a marketplace it is assigned
/// to: Amazon converts each disbursement (Amazon Currency Converter for Sellers) and charges for
/// it in the exchange rate. The marketplace currencies are the rulepack's table.
pub fn deposit_currency_differs(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let p = ctx.profile;
    let currencies = ctx
        .pack
        .rule(rule.code)
        .and_then(|r| r.params.get("marketplace_currencies"))
        .and_then(toml::Value::as_table)
        .ok_or_else(|| PolicyError {
            origin: "in use".into(),
            problem: format!(
                "rules.{}.params.marketplace_currencies must be a table of marketplace = \"currency\"",
                rule.code
            ),
        })?;
    for method in p.deposit_methods() {
        let (Some(currency_field), Some(assigned)) = (
            deposit_currency(p, &method),
            assigned_marketplaces(p, &method),
        ) else {
            continue;
        };
        let (Some(currency), Some(items)) = (currency_field.text(), list_of(assigned)) else {
            continue;
        };
        let converted: Vec<(&str, &str)> = items
            .iter()
            .filter_map(|item| {
                let expected = currencies.get(&item.text)?.as_str()?;
                (expected != currency).then_some((item.text.as_str(), expected))
            })
            .collect();
        if converted.is_empty() {
            continue;
        }
        let listed: Vec<String> = converted
            .iter()
            .map(|(marketplace, expected)| format!("{marketplace} ({expected})"))
            .collect();
        let finding = rule
            .at(currency_field)
            .related(assigned)
            .text("currency", currency)
            .list("marketplaces", &listed)
            .evidence(
                "marketplaces",
                converted
                    .iter()
                    .map(|(m, c)| serde_json::json!({"marketplace": m, "currency": c}))
                    .collect::<Vec<_>>(),
            )
            .evidence("deposit_currency", currency);
        let finding = match lianlian_account_in(p, &method, &converted) {
            Some(account) => finding
                .variant("have_account")
                .related(account)
                .text("own_currency", account.text().unwrap_or_default()),
            None => finding,
        };
        out.push(super::for_provider(finding, &method));
    }
    Ok(())
}

/// The currency of LianLian's receiving account when a LianLian deposit method is to be paid
/// in that currency (every marketplace `converted` pays in it): the seller has the account the
/// marketplace needs, and opening one is no advice.
fn lianlian_account_in<'a>(
    profile: &'a crate::profile::Profile,
    method: &crate::profile::DepositMethod<'_>,
    converted: &[(&str, &str)],
) -> Option<&'a Field> {
    if method.provider() != Some("lianlian") {
        return None;
    }
    let account = profile.field("lianlian.receiving_account.currency")?;
    let own = account.text()?;
    converted
        .iter()
        .all(|(_, expected)| *expected == own)
        .then_some(account)
}

fn list_of(field: &Field) -> Option<&[crate::profile::ListItem]> {
    match &field.value {
        Value::List(items) => Some(items),
        _ => None,
    }
}

/// BC506: an Ozon Global Pay settlement in a currency the seed guide says it does not settle
/// in (USD): the contract currency or the amount waiting to be settled.
pub fn settlement_currency_unsupported(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let unsupported = ctx
        .pack
        .param_strings(rule.code, "unsupported_currencies")?;
    let p = ctx.profile;
    let contract = p
        .field("ozon.contract_currency")
        .and_then(|f| Some((f, f.text()?)));
    let pending = p
        .field("ozon_global_pay.pending_settlement")
        .and_then(|f| Some((f, money_of(f)?.currency.as_str())));
    for (field, currency) in contract.into_iter().chain(pending) {
        if unsupported.contains(&currency) {
            out.push(
                rule.at(field)
                    .text("currency", currency)
                    .list("unsupported", &unsupported)
                    .evidence("currency", currency),
            );
        }
    }
    Ok(())
}
