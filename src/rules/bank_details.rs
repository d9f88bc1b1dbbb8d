//! BC309, BC312–BC314, BC317: bank details.
//!
//! What a seller types into Ozon's payment settings or Amazon's deposit method form must be the
//! LianLian receiving account's details, field for field (BC309, BC312); and the national codes
//! an account carries have shapes that can be checked on their own (BC313 the US routing
//! numbers, BC314 sort codes, BSBs and Japanese bank, branch and account numbers), and must
//! agree with the IBAN of the same account where it embeds them (BC317: a GB IBAN carries the
//! sort code and the account number).
//!
//! Values are compared and judged after the character family's fixes, as the validators are:
//! a zero-width space in a routing number is BC201's finding, not also a mismatch here.

use super::identifiers::{id_finding, judged};
use super::names::labels;
use super::{Context, Rule, characters};
use crate::finding::{Applicability, Finding, Fix};
use crate::profile::schema::{FieldClass, Kind};
use crate::profile::{DepositMethod, Field, Profile};
use crate::rulepack::PolicyError;
use crate::validators::{IdError, aba, bank_code, bic, iban};
use serde_json::json;

/// A bank field both account tables have: its key, and its path in LianLian's receiving account
/// and in a deposit method. Written out rather than joined per lookup: the checks look fields up
/// for every profile.
struct BankField {
    key: &'static str,
    lianlian: &'static str,
    deposit: &'static str,
}

macro_rules! bank_fields {
    ($($key:literal),* $(,)?) => {
        [$(BankField {
            key: $key,
            lianlian: concat!("lianlian.receiving_account.", $key),
            deposit: concat!("amazon.deposit_method.", $key),
        }),*]
    };
}

/// The bank fields a deposit method shares with LianLian's receiving account, in the order of
/// the Amazon form, then the ones BC312 does not compare.
const BANK_FIELDS: [BankField; 13] = bank_fields![
    "bank_country",
    "routing_number",
    "wire_routing_number",
    "sort_code",
    "bsb",
    "bank_code",
    "branch_code",
    "account_type",
    "account_number",
    "iban",
    "swift_bic",
    "currency",
    "bank_name",
];

/// How many of [`BANK_FIELDS`] BC312 compares.
const SHARED: usize = 11;
/// The US routing numbers (BC313).
const ROUTING: [&BankField; 2] = [&BANK_FIELDS[1], &BANK_FIELDS[2]];
/// The national codes of a fixed shape (BC314).
const CODES: [&BankField; 5] = [
    &BANK_FIELDS[3],
    &BANK_FIELDS[4],
    &BANK_FIELDS[5],
    &BANK_FIELDS[6],
    &BANK_FIELDS[8],
];

/// The bank field with this key.
fn bank_field(key: &str) -> &'static BankField {
    BANK_FIELDS
        .iter()
        .find(|f| f.key == key)
        .unwrap_or(&BANK_FIELDS[0])
}

/// What BC312 reads.
pub(super) const DEPOSIT_INPUTS: &[&str] = &[
    "amazon.deposit_method.provider",
    "amazon.deposit_method.currency",
    "amazon.deposit_method.bank_country",
    "amazon.deposit_method.routing_number",
    "amazon.deposit_method.wire_routing_number",
    "amazon.deposit_method.sort_code",
    "amazon.deposit_method.bsb",
    "amazon.deposit_method.bank_code",
    "amazon.deposit_method.branch_code",
    "amazon.deposit_method.account_type",
    "amazon.deposit_method.account_number",
    "amazon.deposit_method.iban",
    "amazon.deposit_method.swift_bic",
    "lianlian.receiving_account.currency",
    "lianlian.receiving_account.bank_country",
    "lianlian.receiving_account.routing_number",
    "lianlian.receiving_account.wire_routing_number",
    "lianlian.receiving_account.sort_code",
    "lianlian.receiving_account.bsb",
    "lianlian.receiving_account.bank_code",
    "lianlian.receiving_account.branch_code",
    "lianlian.receiving_account.account_type",
    "lianlian.receiving_account.account_number",
    "lianlian.receiving_account.iban",
    "lianlian.receiving_account.swift_bic",
];

/// What BC313 and BC314 read: the codes of every account, and the country and currency that
/// say which national format applies.
pub(super) const CODE_INPUTS: &[&str] = &[
    "lianlian.receiving_account.bank_country",
    "lianlian.receiving_account.currency",
    "lianlian.receiving_account.routing_number",
    "lianlian.receiving_account.wire_routing_number",
    "lianlian.receiving_account.sort_code",
    "lianlian.receiving_account.bsb",
    "lianlian.receiving_account.bank_code",
    "lianlian.receiving_account.branch_code",
    "lianlian.receiving_account.account_number",
    "amazon.deposit_method.bank_country",
    "amazon.deposit_method.currency",
    "amazon.deposit_method.routing_number",
    "amazon.deposit_method.wire_routing_number",
    "amazon.deposit_method.sort_code",
    "amazon.deposit_method.bsb",
    "amazon.deposit_method.bank_code",
    "amazon.deposit_method.branch_code",
    "amazon.deposit_method.account_number",
];

/// What BC317 reads: each account's IBAN and the details it embeds.
pub(super) const IBAN_DETAIL_INPUTS: &[&str] = &[
    "lianlian.receiving_account.iban",
    "lianlian.receiving_account.sort_code",
    "lianlian.receiving_account.account_number",
    "amazon.deposit_method.iban",
    "amazon.deposit_method.sort_code",
    "amazon.deposit_method.account_number",
];

/// The rule whose params name each bank field in both languages (BC312); BC313 and BC314 name
/// fields the same way.
const FIELD_LABELS_RULE: &str = "BC312";

/// An account that carries bank codes: LianLian's receiving account or an Amazon deposit
/// method.
enum Account<'a> {
    Lianlian(&'a Profile),
    Deposit(DepositMethod<'a>),
}

impl<'a> Account<'a> {
    fn all(profile: &'a Profile) -> impl Iterator<Item = Account<'a>> {
        std::iter::once(Account::Lianlian(profile))
            .chain(profile.deposit_methods().map(Account::Deposit))
    }

    /// Its field `bank` (one of [`BANK_FIELDS`]).
    fn field(&self, bank: &BankField) -> Option<&'a Field> {
        match self {
            Account::Lianlian(profile) => profile.field(bank.lianlian),
            Account::Deposit(method) => method.field(bank.deposit),
        }
    }

    fn text(&self, key: &str) -> Option<&'a str> {
        self.field(bank_field(key)).and_then(Field::text)
    }
}

/// A bank number as forms take it: without the spaces and dashes it is printed with
/// (`04-06-05`, `GB03 CLRB …`, `582-114430`), upper case. A choice (a country, an account
/// type) loses only whitespace: a dash there is part of the value.
fn plain(s: &str, identifier: bool) -> String {
    s.chars()
        .filter(|&c| !(c.is_whitespace() || (identifier && c == '-')))
        .flat_map(char::to_uppercase)
        .collect()
}

/// [`plain`], and for a BIC the branch code XXX dropped: it names the primary office, so
/// `DEUTDEFF` and `DEUTDEFFXXX` are one BIC written two ways.
fn loose(plain: &str, bic: bool) -> &str {
    if bic && plain.len() == 11 && plain.ends_with("XXX") {
        &plain[..8]
    } else {
        plain
    }
}

/// A finding of `rule` when the value `typed` on a platform differs from `issued`, LianLian's.
///
/// The same number written without the spaces and dashes LianLian prints it with (`040605`
/// for `04-06-05`) is no finding: that bare form is what the platforms' forms take (Amazon's
/// sort code field takes six digits), and banks read the number the same either way. Any
/// other difference only in spacing, dashes, case or an XXX branch code is a warning
/// (`formatting`) whose safe fix is the bare form; anything else is an error whose fix is
/// LianLian's value after the safe character fixes.
fn differs(rule: &Rule, typed: &Field, issued: &Field) -> Option<Finding> {
    let identifier = typed.spec.is_masked();
    let (actual, expected) = (typed.text()?, issued.text()?);
    // Equal values of fields fixed the same way stay equal after the fixes.
    if actual == expected
        && characters::scan_class(typed) == characters::scan_class(issued)
        && characters::is_iban(typed) == characters::is_iban(issued)
    {
        return None;
    }
    let actual_clean = characters::safe_fixed(typed, actual);
    let expected_clean = characters::safe_fixed(issued, expected);
    if actual_clean == expected_clean {
        return None;
    }
    let number = typed.spec.class == FieldClass::Identifier;
    let (actual_plain, expected_plain) =
        (plain(&actual_clean, number), plain(&expected_clean, number));
    if actual_plain == expected_plain && actual_clean == actual_plain {
        return None;
    }
    let bic = typed.spec.path.ends_with(".swift_bic");
    let formatting = loose(&actual_plain, bic) == loose(&expected_plain, bic);
    // Numbers (sort codes, account numbers) are compared digit by digit: LianLian prints them
    // with dashes the forms do not take, so where they differ is counted in digits.
    let digits = !formatting && number && is_number(&actual_plain) && is_number(&expected_plain);
    let (expected_clean, first_difference) = if digits {
        let first = first_difference(&actual_plain, &expected_plain);
        (expected_plain, first)
    } else if formatting {
        let first = first_difference(&actual_clean, &expected_plain);
        (expected_plain, first)
    } else {
        let first = first_difference(&actual_clean, &expected_clean);
        (expected_clean, first)
    };
    // A choice (a country, an account type) differs as a whole: where is no news.
    let variant = if formatting {
        "formatting"
    } else if digits && actual_plain.len() == expected_clean.len() {
        "digits"
    } else if digits {
        "digits_from"
    } else if typed.spec.class == FieldClass::Identifier {
        "default"
    } else {
        "choice"
    };
    let mut finding = rule.at(typed).variant(variant).related(issued);
    if variant == "digits" {
        let (actual_digits, expected_digits) = (actual_plain.as_bytes(), expected_clean.as_bytes());
        finding = finding.text("digits", differing_digits(actual_digits, expected_digits));
    }
    let finding = match typed.spec.kind {
        _ if identifier => finding
            .ident("actual", actual)
            .ident("expected", expected_clean.clone()),
        Kind::Enum(_) => finding.choice("actual", typed.spec.path, actual).choice(
            "expected",
            typed.spec.path,
            expected_clean.clone(),
        ),
        _ => finding
            .text("actual", actual)
            .text("expected", expected_clean.clone()),
    };
    Some(
        finding
            .evidence(
                "kind",
                if formatting {
                    "formatting"
                } else {
                    "different"
                },
            )
            .text("position", first_difference.to_string())
            .evidence("first_difference", first_difference)
            .fix(Fix {
                applicability: if formatting {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                },
                span: typed.span.clone(),
                replacement: expected_clean,
                identifier,
            }),
    )
}

/// Whether `plain` is a number: digits only.
fn is_number(plain: &str) -> bool {
    !plain.is_empty() && plain.bytes().all(|b| b.is_ascii_digit())
}

/// The 1-based index of the first char where `a` and `b` differ (one past the shorter when one
/// starts the other).
fn first_difference(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count() + 1
}

/// Which digits of two numbers of the same length differ, as a reader counts them: `5–6` for
/// a run, `3, 7` for single ones.
fn differing_digits(actual: &[u8], expected: &[u8]) -> String {
    let differ: Vec<usize> = (0..actual.len())
        .filter(|&i| actual.get(i) != expected.get(i))
        .map(|i| i + 1)
        .collect();
    let mut runs: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(&start) = differ.get(i) {
        let mut end = start;
        while differ.get(i + 1) == Some(&(end + 1)) {
            end += 1;
            i += 1;
        }
        runs.push(if end > start {
            format!("{start}–{end}")
        } else {
            start.to_string()
        });
        i += 1;
    }
    runs.join(", ")
}

/// BC309: the bank details typed into Ozon must be LianLian's receiving account.
pub fn bank_details_mismatch(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let p = ctx.profile;
    if p.text("ozon.payment_method")
        .is_some_and(|m| m != "lianlian")
    {
        return Ok(());
    }
    for (typed, issued) in [
        (
            "ozon.payout_account.iban",
            "lianlian.receiving_account.iban",
        ),
        (
            "ozon.payout_account.swift_bic",
            "lianlian.receiving_account.swift_bic",
        ),
        (
            "ozon.payout_account.account_number",
            "lianlian.receiving_account.account_number",
        ),
    ] {
        if let (Some(typed_field), Some(issued)) = (p.field(typed), p.field(issued)) {
            let key = typed.rsplit('.').next().unwrap_or(typed);
            let (what_en, what_zh) = labels(ctx.pack, FIELD_LABELS_RULE, "fields", &[key]);
            out.extend(
                differs(rule, typed_field, issued)
                    .map(|f| f.text("what_en", what_en).text("what_zh", what_zh)),
            );
        }
    }
    Ok(())
}

/// The deposit methods that describe LianLian's receiving account: LianLian is the provider,
/// and nothing says the method is another LianLian account. A currency other than the
/// receiving account's does (LianLian issues one receiving account per currency and the profile
/// describes one), unless the method has the receiving account's IBAN or account number: one
/// account has one currency, so the method's currency is then the mistake; without currencies, a bank country other than the receiving account's does
/// when several LianLian deposit methods are described, since only one of them can be this
/// account — a single one with another country is this account with a wrong country.
fn lianlian_deposit_methods<'a>(profile: &'a Profile) -> Vec<DepositMethod<'a>> {
    let lianlian = Account::Lianlian(profile);
    let methods: Vec<DepositMethod<'a>> = profile
        .deposit_methods()
        .filter(|m| m.provider() == Some("lianlian"))
        .collect();
    let several = methods.len() > 1;
    methods
        .into_iter()
        .filter(|method| {
            let own = Account::Deposit(*method);
            match (own.text("currency"), lianlian.text("currency")) {
                (Some(a), Some(b)) => a == b || same_number(&own, &lianlian).is_some(),
                _ => {
                    !several
                        || own
                            .text("bank_country")
                            .zip(lianlian.text("bank_country"))
                            .is_none_or(|(a, b)| a == b)
                }
            }
        })
        .collect()
}

/// The account identifier (`iban`, else `account_number`) a deposit method and LianLian's
/// receiving account both have and write alike (ignoring spaces, dashes and case), if any.
fn same_number<'a>(own: &Account<'a>, lianlian: &Account<'a>) -> Option<&'a Field> {
    ["iban", "account_number"].into_iter().find_map(|key| {
        let bank = bank_field(key);
        let (typed, issued) = (own.field(bank)?, lianlian.field(bank)?);
        let clean = |field: &Field| {
            let value = characters::safe_fixed(field, field.text()?);
            Some(plain(&value, true)).filter(|v| !v.is_empty())
        };
        (clean(typed)? == clean(issued)?).then_some(issued)
    })
}

/// Whether `method` is the LianLian receiving account the profile describes (see
/// [`lianlian_deposit_methods`]).
pub(super) fn is_receiving_account(profile: &Profile, method: &DepositMethod<'_>) -> bool {
    lianlian_deposit_methods(profile)
        .iter()
        .any(|m| std::ptr::eq(m.section, method.section))
}

/// BC312: every bank field typed into an Amazon deposit method whose provider is LianLian must
/// be the receiving account's. LianLian's Fedwire number typed as the routing number is named
/// as such: the form wants the ACH routing number.
pub fn deposit_details_mismatch(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let lianlian = Account::Lianlian(ctx.profile);
    for method in lianlian_deposit_methods(ctx.profile) {
        let own = Account::Deposit(method);
        for bank in &BANK_FIELDS[..SHARED] {
            let key = bank.key;
            let (Some(typed), Some(issued)) = (own.field(bank), lianlian.field(bank)) else {
                continue;
            };
            let Some(mut finding) = differs(rule, typed, issued) else {
                continue;
            };
            if key == "routing_number"
                && let Some(wire) = lianlian.field(bank_field("wire_routing_number"))
                && wire.text().map(|w| characters::safe_fixed(wire, w))
                    == typed.text().map(|t| characters::safe_fixed(typed, t))
            {
                finding = finding.variant("wire_number").related(wire);
            }
            let (what_en, what_zh) = labels(ctx.pack, FIELD_LABELS_RULE, "fields", &[key]);
            out.push(
                finding
                    .text("what_en", what_en)
                    .text("what_zh", what_zh)
                    .evidence("key", key),
            );
        }
        out.extend(currency_of_same_account(rule, ctx, &own, &lianlian));
    }
    Ok(())
}

/// BC312 on the currency: a deposit method with the receiving account's IBAN or account number
/// is that account, and an account has one currency: the method's other currency is the
/// mistake (variant `currency`, naming the number that makes them one account).
fn currency_of_same_account(
    rule: &Rule,
    ctx: &Context<'_>,
    own: &Account<'_>,
    lianlian: &Account<'_>,
) -> Option<Finding> {
    let bank = bank_field("currency");
    let (typed, issued) = (own.field(bank)?, lianlian.field(bank)?);
    if typed.text()? == issued.text()? {
        return None;
    }
    let number = same_number(own, lianlian)?;
    let key = number.spec.path.rsplit('.').next().unwrap_or_default();
    let (what_en, what_zh) = labels(ctx.pack, FIELD_LABELS_RULE, "fields", &[key]);
    let finding = differs(rule, typed, issued)?;
    Some(
        finding
            .variant("currency")
            .related(number)
            .text("what_en", what_en)
            .text("what_zh", what_zh)
            .evidence("key", "currency")
            .evidence("same", key),
    )
}

/// BC313: a US routing number (ACH or Fedwire) that is not one: a SWIFT/BIC code typed into
/// the field, or a number failing the ABA length, district or check digit. Judged on accounts
/// in the US and on accounts whose country is not given.
pub fn routing_number_invalid(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    for account in Account::all(ctx.profile) {
        if account.text("bank_country").is_some_and(|c| c != "US") {
            continue;
        }
        for bank in ROUTING {
            let key = bank.key;
            let Some(field) = account.field(bank) else {
                continue;
            };
            let Some(value) = judged(ctx, field) else {
                continue;
            };
            let (what_en, what_zh) = labels(ctx.pack, FIELD_LABELS_RULE, "fields", &[key]);
            let finding = if bic::validate(&value.text).is_ok() {
                rule.at(field).variant("swift")
            } else {
                match aba::validate(&value.text) {
                    Ok(()) => continue,
                    Err(err) => id_finding(rule, field, &value, &err),
                }
            };
            out.push(finding.text("what_en", what_en).text("what_zh", what_zh));
        }
    }
    Ok(())
}

/// A validator of a code's shape.
type Shape = fn(&str) -> Result<(), IdError>;

/// The national format a code of an account follows, if its shape is fixed: sort codes and
/// BSBs wherever they are given; Japanese bank, branch and account numbers on accounts in Japan
/// (or in yen, when the country is not given).
fn shape_of(account: &Account<'_>, key: &str) -> Option<Shape> {
    let japanese = match account.text("bank_country") {
        Some(country) => country == "JP",
        None => account.text("currency") == Some("JPY"),
    };
    match key {
        "sort_code" => Some(bank_code::sort_code),
        "bsb" => Some(bank_code::bsb),
        "bank_code" if japanese => Some(bank_code::jp_bank_code),
        "branch_code" if japanese => Some(bank_code::jp_branch_code),
        "account_number" if japanese => Some(bank_code::jp_account_number),
        _ => None,
    }
}

/// BC314: a sort code, BSB or Japanese bank, branch or account number of the wrong shape.
pub fn bank_code_invalid(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    for account in Account::all(ctx.profile) {
        for bank in CODES {
            let key = bank.key;
            let Some(field) = account.field(bank) else {
                continue;
            };
            let Some(validate) = shape_of(&account, key) else {
                continue;
            };
            let Some(value) = judged(ctx, field) else {
                continue;
            };
            if let Err(err) = validate(&value.text) {
                let (what_en, what_zh) = labels(ctx.pack, rule.code, "codes", &[key]);
                let mut finding = id_finding(rule, field, &value, &err);
                if key == "account_number" && matches!(err, IdError::Length { .. }) {
                    finding = finding.variant("account_length");
                }
                out.push(
                    finding
                        .text("what_en", what_en)
                        .text("what_zh", what_zh)
                        .evidence("key", key),
                );
            }
        }
    }
    Ok(())
}

/// Where a country's IBAN embeds an account's national details: for each bank field, the
/// 1-based position of its first character in the electronic IBAN and its length.
type Layout = Vec<(&'static BankField, usize, usize)>;

/// The layout of `country`'s IBAN from `params.embedded` (`None` when the country's IBAN
/// embeds nothing the account also names).
fn embedded_layout(rule: &Rule, ctx: &Context<'_>, country: &str) -> Result<Layout, PolicyError> {
    let invalid = || PolicyError {
        origin: "in use".into(),
        problem: format!(
            "rules.{}.params.embedded must map countries to tables of bank fields to [position, length]",
            rule.code
        ),
    };
    let embedded = ctx
        .pack
        .rule(rule.code)
        .and_then(|r| r.params.get("embedded"))
        .and_then(toml::Value::as_table)
        .ok_or_else(invalid)?;
    let Some(fields) = embedded.get(country) else {
        return Ok(Vec::new());
    };
    let mut layout = Vec::new();
    for (key, place) in fields.as_table().ok_or_else(invalid)? {
        let bank = BANK_FIELDS
            .iter()
            .find(|f| f.key == key)
            .ok_or_else(invalid)?;
        let numbers: Vec<usize> = place
            .as_array()
            .ok_or_else(invalid)?
            .iter()
            .map(|n| n.as_integer().and_then(|n| usize::try_from(n).ok()))
            .collect::<Option<_>>()
            .ok_or_else(invalid)?;
        let [start, len] = numbers[..] else {
            return Err(invalid());
        };
        if start == 0 || len == 0 {
            return Err(invalid());
        }
        layout.push((bank, start, len));
    }
    Ok(layout)
}

/// The digits of a sort code or account number as typed: its separators (`-`, spaces) dropped.
fn digits_of(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, '-' | ' ')).collect()
}

/// `digits` written the way `typed` was: a sort code typed in pairs ("04-06-15") is suggested
/// in pairs too.
fn written_like(typed: &str, digits: &str) -> String {
    if !typed.contains('-') || digits.len() != 6 {
        return digits.to_string();
    }
    let pairs: Vec<&str> = [0, 2, 4]
        .iter()
        .filter_map(|&i| digits.get(i..i + 2))
        .collect();
    pairs.join("-")
}

/// BC317: a sort code or account number that is not the one the same account's IBAN carries.
/// Judged only on a valid IBAN (an invalid one is BC307's finding) and on a sort code of the
/// right shape (BC314's otherwise); the IBAN's check digits cover the embedded details, so the
/// IBAN is the value to trust.
pub fn iban_details_mismatch(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    for account in Account::all(ctx.profile) {
        let Some(iban_field) = account.field(bank_field("iban")) else {
            continue;
        };
        let Some(iban_value) = judged(ctx, iban_field) else {
            continue;
        };
        let Ok(info) = iban::validate(&iban_value.text) else {
            continue;
        };
        let electronic: String = iban_value
            .text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        for (bank, start, len) in embedded_layout(rule, ctx, &info.country)? {
            let Some(field) = account.field(bank) else {
                continue;
            };
            let Some(value) = judged(ctx, field) else {
                continue;
            };
            let Some(embedded) = electronic.get(start - 1..start - 1 + len) else {
                continue;
            };
            if bank.key == "sort_code" && bank_code::sort_code(&value.text).is_err() {
                continue;
            }
            if digits_of(&value.text) == embedded {
                continue;
            }
            let expected = written_like(&value.text, embedded);
            let (what_en, what_zh) = labels(ctx.pack, FIELD_LABELS_RULE, "fields", &[bank.key]);
            // A sort code names a bank branch, not an account: shown in full, as elsewhere.
            let masked = field.spec.is_masked();
            let finding = rule.at(field).related(iban_field);
            let finding = if masked {
                finding
                    .ident("actual", value.text.clone())
                    .ident("expected", expected.clone())
            } else {
                finding
                    .text("actual", value.text.clone())
                    .text("expected", expected.clone())
            };
            out.push(
                finding
                    .text("what_en", what_en)
                    .text("what_zh", what_zh)
                    .text("start", start.to_string())
                    .text("end", (start + len - 1).to_string())
                    .text("country", info.country.clone())
                    .evidence("key", bank.key)
                    .evidence("iban_positions", json!([start, start + len - 1]))
                    .fix(Fix {
                        applicability: Applicability::Unsafe,
                        span: field.span.clone(),
                        replacement: expected,
                        identifier: masked,
                    }),
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_tables_name_what_they_say() {
        let keys = |fields: &[&BankField]| fields.iter().map(|f| f.key).collect::<Vec<_>>();
        assert_eq!(keys(&ROUTING), ["routing_number", "wire_routing_number"]);
        assert_eq!(
            keys(&CODES),
            [
                "sort_code",
                "bsb",
                "bank_code",
                "branch_code",
                "account_number"
            ]
        );
        for field in &BANK_FIELDS {
            assert!(
                crate::profile::schema::field(field.lianlian).is_some(),
                "{}",
                field.key
            );
            assert!(
                crate::profile::schema::field(field.deposit).is_some(),
                "{}",
                field.key
            );
        }
    }
}
