//! BC304–BC308, BC310, BC311, BC315, BC316: checksummed and shaped identifiers, and the
//! countries an account's identifiers name.
//!
//! One mistake, one finding: a validator judges the value after the character family's fixes
//! (invisible characters stripped, full-width folded, look-alikes replaced), so a zero-width
//! space in an IBAN is BC201 and not also BC307. A value with a character that cannot be
//! repaired (U+FFFD, private use) is left to BC206 alone. Positions in messages and spans still
//! refer to the value as written.

use super::characters;
use super::{Context, Rule};
use crate::finding::{Applicability, Finding, Fix};
use crate::profile::Field;
use crate::rulepack::PolicyError;
use crate::unicode::FixSuggestion;
use crate::validators::{IdError, bic, iban, inn, ogrn, uscc};
use serde_json::json;
use std::rc::Rc;
use unicode_normalization::UnicodeNormalization;

/// The text a validator judges, and for each of its chars the index of the char of the value
/// as written that produced it (None when it cannot be traced).
pub(super) struct Judged {
    pub(super) text: String,
    /// `None` when the text is the value as written, so each char is its own origin (almost
    /// always: the table is only built when a fix changed the value).
    /// [`UNTRACED`] for a char that cannot be traced.
    origin: Option<Vec<u32>>,
    /// How many chars the text has.
    chars: usize,
}

impl Judged {
    /// The index in the value as written of the `index`-th char of the text.
    pub(super) fn origin(&self, index: usize) -> Option<usize> {
        match &self.origin {
            Some(origin) => origin
                .get(index)
                .filter(|&&o| o != UNTRACED)
                .map(|&o| o as usize),
            None => (index < self.chars).then_some(index),
        }
    }
}

/// Judged values of a profile, by the start of the field's value span.
#[derive(Default)]
pub(crate) struct JudgedMemo(std::cell::RefCell<Vec<(usize, Option<Rc<Judged>>)>>);

/// The value of `field` as a validator should see it; `None` when absent or when BC2xx found a
/// character nothing can repair. Worked out once per field and profile.
pub(super) fn judged(ctx: &Context<'_>, field: &Field) -> Option<Rc<Judged>> {
    let key = field.span.start;
    if let Some((_, found)) = ctx.judged.0.borrow().iter().find(|(k, _)| *k == key) {
        return found.clone();
    }
    let found = judge(field).map(Rc::new);
    ctx.judged.0.borrow_mut().push((key, found.clone()));
    found
}

fn judge(field: &Field) -> Option<Judged> {
    let value = field.text()?;
    let mut produced = Produced::default();
    let (mut any, mut unrepairable) = (false, false);
    let text = characters::replaced_seeing(field, value, |_| true, &mut |issue| {
        any = true;
        match &issue.fix {
            FixSuggestion::None => unrepairable = true,
            FixSuggestion::Replace(text) | FixSuggestion::Fold(text) => {
                produced.push(issue.char_index, text);
            }
            FixSuggestion::Strip => {}
        }
    });
    if !any {
        return Some(Judged {
            text: value.to_string(),
            origin: None,
            chars: value.chars().count(),
        });
    }
    if unrepairable {
        return None;
    }
    let origin = align(value, &text, &produced);
    Some(Judged {
        chars: origin.len(),
        text,
        origin: Some(origin),
    })
}

/// Each fold or replacement of a value with the char index it starts at, in order, to trace
/// the judged text back. Most are one char (a look-alike's letter), kept without a heap
/// allocation each: a pasted value can hold millions.
#[derive(Default)]
struct Produced {
    one: Vec<(u32, char)>,
    more: Vec<(u32, String)>,
}

impl Produced {
    fn push(&mut self, at: usize, text: &str) {
        let at = u32::try_from(at).unwrap_or(u32::MAX);
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => self.one.push((at, c)),
            _ => self.more.push((at, text.to_string())),
        }
    }
}

/// In [`Judged::origin`]: a char of the judged text that no char of the value produced.
const UNTRACED: u32 = u32::MAX;

/// Traces each char of `fixed` back to the char of `original` it came from. The fixes only
/// delete chars or replace one char by a short text (NFKC fold, look-alike), in order, so a
/// greedy walk suffices. Indices are kept as `u32` ([`UNTRACED`] for none), a quarter of the
/// memory of `Option<usize>` for a value of millions of chars.
fn align(original: &str, fixed: &str, produced: &Produced) -> Vec<u32> {
    let orig: Vec<char> = original.chars().collect();
    let fixed: Vec<char> = fixed.chars().collect();
    let mut out = Vec::with_capacity(fixed.len());
    let mut one = produced.one.iter().peekable();
    let mut more = produced.more.iter().peekable();
    let (mut i, mut j) = (0, 0);
    while j < fixed.len() {
        let mut matched = 0;
        while let Some(&o) = orig.get(i) {
            let at = u32::try_from(i).unwrap_or(u32::MAX);
            while one.next_if(|(k, _)| *k < at).is_some() {}
            while more.next_if(|(k, _)| *k < at).is_some() {}
            // The char itself, else what its fix or its NFKC form produced.
            let len = if fixed.get(j) == Some(&o) {
                1
            } else {
                let produced: Vec<char> = match (one.peek(), more.peek()) {
                    (Some((k, c)), _) if *k == at => vec![*c],
                    (_, Some((k, text))) if *k == at => text.chars().collect(),
                    _ => std::iter::once(o).nfkc().collect(),
                };
                let n = produced.len();
                if n > 0 && fixed.get(j..j + n) == Some(produced.as_slice()) {
                    n
                } else {
                    0
                }
            };
            i += 1;
            if len > 0 {
                out.extend(std::iter::repeat_n((i - 1) as u32, len));
                matched = len;
                break;
            }
        }
        if matched == 0 {
            out.push(UNTRACED);
            j += 1;
        } else {
            j += matched;
        }
    }
    out
}

/// The 1-based position an error names, if any.
fn error_position(err: &IdError) -> Option<usize> {
    match err {
        IdError::Character { position, .. } | IdError::CheckCharacter { position, .. } => {
            Some(*position)
        }
        IdError::Leading { .. } => Some(1),
        _ => None,
    }
}

/// A finding for a validator's error: at the offending char when the error names one, else at
/// the value. Arguments are the error's own (`IdError::args`), with positions translated to the
/// value as written; single characters and lengths are not identifiers, so they are shown.
pub(super) fn id_finding(rule: &Rule, field: &Field, judged: &Judged, err: &IdError) -> Finding {
    let origin = error_position(err)
        .and_then(|p| p.checked_sub(1))
        .and_then(|p| judged.origin(p));
    // A value-level finding: placed at the value (its opening quote), the character it is about
    // named by its position in the message and evidence. Only the character family (BC2xx)
    // points at characters.
    let mut finding = rule
        .at(field)
        .variant(err.variant())
        .evidence("error", err.variant());
    for (name, value) in err.args() {
        let value = match (name, origin) {
            ("position", Some(index)) => (index + 1).to_string(),
            _ => value,
        };
        if matches!(name, "position" | "found_length" | "expected_length") {
            finding = finding.evidence(name, count_evidence(&value));
        } else if name == "found_codepoint" {
            finding = finding.evidence(name, value.clone());
        }
        finding = finding.text(name, value);
    }
    finding
}

/// A count in evidence is a number, as every other rule's are; alternatives ("8 or 11") are
/// a list of numbers.
fn count_evidence(value: &str) -> serde_json::Value {
    let numbers: Option<Vec<u64>> = value.split(" or ").map(|n| n.parse().ok()).collect();
    match numbers.as_deref() {
        Some([one]) => json!(one),
        Some(several) => json!(several),
        None => json!(value),
    }
}

/// Runs `validate` over each field and reports its errors as findings of `rule`.
fn validate_fields<'a, T>(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
    fields: impl IntoIterator<Item = &'a Field>,
    skip_empty: bool,
    validate: fn(&str) -> Result<T, IdError>,
) {
    for field in fields {
        let Some(judged) = judged(ctx, field) else {
            continue;
        };
        if skip_empty && judged.text.is_empty() {
            continue;
        }
        if let Err(err) = validate(&judged.text) {
            let finding = case_only(rule, ctx, field, &judged, validate)
                .unwrap_or_else(|| id_finding(rule, field, &judged, &err));
            out.push(finding);
        }
    }
}

/// For a rule whose rulepack entry has a `case` severity variant (codes whose letters are
/// capitals by their standard: IBAN, BIC): a value that is valid once in capitals is the same
/// code written in lower case, reported as variant `case` with the capitals as a safe fix.
/// Only for a value with no character problem of its own, whose capitals are then its whole
/// fix.
fn case_only<T>(
    rule: &Rule,
    ctx: &Context<'_>,
    field: &Field,
    judged: &Judged,
    validate: fn(&str) -> Result<T, IdError>,
) -> Option<Finding> {
    let case_variant = ctx
        .pack
        .rule(rule.code)
        .is_some_and(|p| p.severity_variants.contains_key("case"));
    if !case_variant || judged.origin.is_some() {
        return None;
    }
    let upper = judged.text.to_uppercase();
    if upper == judged.text || validate(&upper).is_err() {
        return None;
    }
    let identifier = field.spec.is_masked();
    let finding = rule.at(field).variant("case").evidence("error", "case");
    let finding = if identifier {
        finding.ident("suggestion", upper.clone())
    } else {
        finding.text("suggestion", upper.clone())
    };
    Some(finding.fix(Fix {
        applicability: Applicability::Safe,
        span: field.span.clone(),
        replacement: upper,
        identifier,
    }))
}

const LICENSE_NUMBERS: [&str; 3] = [
    "seller.license_number",
    "lianlian.license_number",
    "ozon.license_number",
];

/// What BC307, BC308 and BC311 read: the IBAN, SWIFT/BIC and bank country of every account.
pub(super) const ACCOUNT_INPUTS: &[&str] = &[
    "lianlian.receiving_account.iban",
    "lianlian.receiving_account.swift_bic",
    "lianlian.receiving_account.bank_country",
    "ozon.payment_method",
    "ozon.payout_account.iban",
    "ozon.payout_account.swift_bic",
    "ozon_global_pay.iban",
    "ozon_global_pay.swift_bic",
    "amazon.deposit_method.iban",
    "amazon.deposit_method.swift_bic",
    "amazon.deposit_method.bank_country",
];

/// BC304: a CN licence number is a USCC (GB 32100-2015).
pub fn uscc(rule: &Rule, ctx: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    if ctx.profile.seller_country().eq_ignore_ascii_case("CN") {
        let start = out.len();
        let fields = LICENSE_NUMBERS.iter().filter_map(|p| ctx.profile.field(p));
        validate_fields(rule, ctx, out, fields, false, uscc::validate);
        // A USCC is expected because the country says CN: a wrong country (BC710) explains
        // these findings, so they name it.
        if let Some(country) = ctx.profile.field("seller.country") {
            let found = out.split_off(start);
            out.extend(found.into_iter().map(|f| f.related(country)));
        }
    }
    Ok(())
}

/// BC305: `ozon.inn`. An empty INN means "none" (the field's own remediation says so).
pub fn inn(rule: &Rule, ctx: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    let field = ctx.profile.field("ozon.inn");
    validate_fields(rule, ctx, out, field, true, inn::validate);
    Ok(())
}

/// BC306: `ozon.ogrn` (OGRN or OGRNIP).
pub fn ogrn(rule: &Rule, ctx: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    let field = ctx.profile.field("ozon.ogrn");
    validate_fields(rule, ctx, out, field, true, ogrn::validate);
    Ok(())
}

/// BC307: every IBAN, except on an account whose bank country has no IBAN at all: BC311 says
/// the field should be empty, and a checksum verdict on it would only add noise.
pub fn iban(rule: &Rule, ctx: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    for account in accounts(ctx) {
        if let (Some(field), Some(country)) = (account.iban, account.country())
            && !iban::country_uses_iban(country)
            && field.text().is_some_and(|t| !t.trim().is_empty())
        {
            continue;
        }
        validate_fields(rule, ctx, out, account.iban, false, iban::validate);
    }
    Ok(())
}

/// BC308: every SWIFT/BIC (ISO 9362 shape, real country code).
pub fn bic(rule: &Rule, ctx: &Context<'_>, out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    for account in accounts(ctx) {
        validate_fields(rule, ctx, out, account.bic, false, bic::validate);
    }
    Ok(())
}

/// BC310: `amazon.seller_id` has the Merchant Token shape and is not a marketplace ID.
pub fn amazon_seller_id(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let pattern = ctx.pack.param_regex(rule.code, "pattern")?;
    let marketplaces = ctx
        .pack
        .rule(rule.code)
        .and_then(|r| r.params.get("marketplace_ids"))
        .and_then(toml::Value::as_table)
        .ok_or_else(|| PolicyError {
            origin: "in use".into(),
            problem: "rules.BC310.params.marketplace_ids must be a table of ID = \"marketplace\""
                .into(),
        })?;
    let Some(field) = ctx.profile.field("amazon.seller_id") else {
        return Ok(());
    };
    let Some(judged) = judged(ctx, field) else {
        return Ok(());
    };
    if let Some(marketplace) = marketplaces
        .get(judged.text.as_str())
        .and_then(toml::Value::as_str)
    {
        out.push(
            rule.at(field)
                .variant("marketplace")
                .text("marketplace", marketplace)
                .evidence("marketplace", marketplace),
        );
    } else if !pattern.is_match(&judged.text) {
        out.push(rule.at(field).evidence("pattern", pattern.as_str()));
    }
    Ok(())
}

/// One bank account of the profile, with the country its bank is in when known.
struct Account<'a> {
    iban: Option<&'a Field>,
    bic: Option<&'a Field>,
    bank_country: Option<&'a Field>,
}

impl Account<'_> {
    fn country(&self) -> Option<&str> {
        self.bank_country
            .and_then(Field::text)
            .filter(|c| c.len() == 2)
    }
}

/// The accounts BC307 and BC311 look at. The account typed into Ozon is LianLian's receiving
/// account when LianLian is the payment method, so it is judged against LianLian's bank
/// country; Ozon Global Pay's account has no bank country field.
fn accounts<'a>(ctx: &'a Context<'_>) -> Vec<Account<'a>> {
    let p = ctx.profile;
    let lianlian_country = p.field("lianlian.receiving_account.bank_country");
    let bound_to_lianlian = p
        .text("ozon.payment_method")
        .is_none_or(|m| m == "lianlian");
    let mut accounts = vec![
        Account {
            iban: p.field("lianlian.receiving_account.iban"),
            bic: p.field("lianlian.receiving_account.swift_bic"),
            bank_country: lianlian_country,
        },
        Account {
            iban: p.field("ozon.payout_account.iban"),
            bic: p.field("ozon.payout_account.swift_bic"),
            bank_country: lianlian_country.filter(|_| bound_to_lianlian),
        },
        Account {
            iban: p.field("ozon_global_pay.iban"),
            bic: p.field("ozon_global_pay.swift_bic"),
            bank_country: None,
        },
    ];
    accounts.extend(p.deposit_methods().map(|method| Account {
        iban: method.field("amazon.deposit_method.iban"),
        bic: method.field("amazon.deposit_method.swift_bic"),
        bank_country: method.field("amazon.deposit_method.bank_country"),
    }));
    accounts
}

/// The validated value of a field, if it passes `validate` after the character fixes.
pub(super) fn valid<T>(
    ctx: &Context<'_>,
    field: Option<&Field>,
    validate: fn(&str) -> Result<T, IdError>,
) -> Option<T> {
    validate(&judged(ctx, field?)?.text).ok()
}

/// BC311: an IBAN where the bank country has none; a BIC from another country than the bank;
/// an IBAN and a BIC from different countries.
pub fn bank_country_mismatch(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    for account in accounts(ctx) {
        let country = account.country();
        let mut no_iban = false;
        if let (Some(field), Some(country), Some(bank_country)) =
            (account.iban, country, account.bank_country)
            && field.text().is_some_and(|t| !t.trim().is_empty())
            && !iban::country_uses_iban(country)
        {
            no_iban = true;
            out.push(
                rule.at(field)
                    .variant("no_iban")
                    .related(bank_country)
                    .text("country", country)
                    .evidence("bank_country", country),
            );
        }
        let bic_info = valid(ctx, account.bic, bic::validate);
        if let (Some(field), Some(info), Some(country), Some(bank_country)) =
            (account.bic, &bic_info, country, account.bank_country)
            && !info.country.eq_ignore_ascii_case(country)
        {
            out.push(
                rule.at(field)
                    .variant("bic_country")
                    .related(bank_country)
                    .text("bic_country", info.country.clone())
                    .text("country", country)
                    .evidence("bic_country", info.country.clone())
                    .evidence("bank_country", country),
            );
        }
        if no_iban {
            continue;
        }
        let iban_info = valid(ctx, account.iban, iban::validate);
        if let (Some(field), Some(iban_info), Some(bic_field), Some(bic_info)) =
            (account.iban, iban_info, account.bic, &bic_info)
            && iban_info.country != bic_info.country
        {
            out.push(
                rule.at(field)
                    .variant("iban_bic")
                    .related(bic_field)
                    .text("iban_country", iban_info.country.clone())
                    .text("bic_country", bic_info.country.clone())
                    .evidence(
                        "countries",
                        json!({"iban": iban_info.country, "bic": bic_info.country}),
                    ),
            );
        }
    }
    Ok(())
}

/// A value that is the caption printed before it on the page it is copied from (the rule's
/// `label_pattern` param) and then a value `pattern` accepts: reported as variant `label`, with the
/// value after the caption as a safe fix, since the rulepack says the caption may be dropped.
fn without_label(
    rule: &Rule,
    ctx: &Context<'_>,
    field: &Field,
    judged: &Judged,
    pattern: &regex::Regex,
) -> Result<Option<Finding>, PolicyError> {
    let label = ctx.pack.param_regex(rule.code, "label_pattern")?;
    let Some(caption) = label.find(&judged.text) else {
        return Ok(None);
    };
    let rest = &judged.text[caption.end()..];
    if !pattern.is_match(rest) {
        return Ok(None);
    }
    // The caption as written (with the space a character fix removed from the judged text).
    let value = field.text().unwrap_or_default();
    let caption_chars = caption.as_str().chars().count();
    let written: String = match caption_chars.checked_sub(1).and_then(|i| judged.origin(i)) {
        Some(last) => value.chars().take(last + 1).collect(),
        None => caption.as_str().to_string(),
    };
    let identifier = field.spec.is_masked();
    let finding = rule
        .at(field)
        .variant("label")
        .ident("value", value)
        .text("label", written.trim())
        .evidence("label", written.trim());
    let finding = if identifier {
        finding.ident("suggestion", rest)
    } else {
        finding.text("suggestion", rest)
    };
    Ok(Some(finding.fix(Fix {
        applicability: Applicability::Safe,
        span: field.span.clone(),
        replacement: rest.to_string(),
        identifier,
    })))
}

/// BC315: `ozon.seller_id` (the Client-Id Ozon shows under Settings › API keys) is a number.
/// Judged after the character fixes; the value is an identifier and stays masked.
pub fn ozon_client_id(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let Some(field) = ctx.profile.field("ozon.seller_id") else {
        return Ok(());
    };
    let Some(judged) = judged(ctx, field) else {
        return Ok(());
    };
    let pattern = ctx.pack.param_regex(rule.code, "pattern")?;
    if pattern.is_match(&judged.text) {
        return Ok(());
    }
    if let Some(finding) = without_label(rule, ctx, field, &judged, pattern)? {
        out.push(finding);
        return Ok(());
    }
    let not_digit_count = judged.text.chars().filter(|c| !c.is_ascii_digit()).count();
    let not_digits = ctx.pack.evidence.cap(
        judged
            .text
            .chars()
            .enumerate()
            .filter(|(_, c)| !c.is_ascii_digit())
            .filter_map(|(i, _)| judged.origin(i))
            .map(|i| i + 1),
    );
    let finding = match not_digits.first() {
        Some(&position) => rule.at(field).text("position", position.to_string()),
        None => rule.at(field).variant("empty"),
    };
    out.push(
        finding
            .ident("value", field.text().unwrap_or_default())
            .evidence("not_digit_count", not_digit_count)
            .evidence("not_digit_positions", not_digits),
    );
    Ok(())
}

/// BC316: the Ozon Global Pay settlement IBAN is not from a country the settlement account is
/// opened in (the seed guide: a Lithuanian IBAN). Only a valid IBAN is judged; BC307 reports
/// the others.
pub fn settlement_iban_country(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let Some(field) = ctx.profile.field("ozon_global_pay.iban") else {
        return Ok(());
    };
    let Some(info) = valid(ctx, Some(field), iban::validate) else {
        return Ok(());
    };
    let countries = ctx.pack.param_strings(rule.code, "countries")?;
    if countries.contains(&info.country.as_str()) {
        return Ok(());
    }
    out.push(
        rule.at(field)
            .text("country", info.country.clone())
            .list("countries", &countries)
            .evidence("iban_country", info.country)
            .evidence("expected", countries),
    );
    Ok(())
}
