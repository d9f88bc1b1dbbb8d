//! Profile → findings.
//!
//! [`RULES`] is the registry: a plain list, one entry per code, in code order. Each entry names
//! the function that implements it, in one file per rule family. The policy a rule reads
//! (thresholds, patterns, texts) comes from the [`RulePack`], never from constants here.

mod address;
mod amazon;
mod characters;
mod eligibility;
mod identifiers;
mod incident;
mod loading;
mod merchant_id;
mod money;
mod names;
mod ozon;
mod secrets;

use crate::finding::Finding;
use crate::profile::{LoadIssue, Profile};
use crate::rulepack::{PolicyError, RulePack};

/// What a rule check sees.
pub struct Context<'a> {
    pub profile: &'a Profile,
    pub pack: &'a RulePack,
    /// `--as-of`; otherwise today is read from the clock when a date rule first asks.
    as_of: Option<jiff::civil::Date>,
    today: std::cell::OnceCell<jiff::civil::Date>,
    /// Name comparisons shared by BC101 and BC102.
    names: names::Memo<'a>,
}

impl<'a> Context<'a> {
    pub fn new(profile: &'a Profile, pack: &'a RulePack, as_of: Option<jiff::civil::Date>) -> Self {
        Context {
            profile,
            pack,
            as_of,
            today: std::cell::OnceCell::new(),
            names: names::Memo::default(),
        }
    }

    /// "Today" for date rules: `--as-of`, else the local date. Looked up lazily because the
    /// local time zone costs more to load than most profiles cost to check.
    pub fn today(&self) -> jiff::civil::Date {
        *self
            .today
            .get_or_init(|| self.as_of.unwrap_or_else(local_today))
    }
}

/// Today's date in the local time zone. Read from `TZ` or `/etc/localtime` directly: jiff's
/// `Zoned::now()` first indexes the whole time zone database, which costs more than checking a
/// profile. Falls back to UTC when no zone can be read.
pub fn local_today() -> jiff::civil::Date {
    jiff::Timestamp::now().to_zoned(local_zone().clone()).date()
}

/// The local time zone, read once per process: `lint` asks for today once per profile, and
/// reading and parsing the zone file each time cost more than most rules.
fn local_zone() -> &'static jiff::tz::TimeZone {
    static ZONE: std::sync::OnceLock<jiff::tz::TimeZone> = std::sync::OnceLock::new();
    ZONE.get_or_init(read_local_zone)
}

fn read_local_zone() -> jiff::tz::TimeZone {
    use jiff::tz::TimeZone;
    let from_tz = || {
        let name = std::env::var("TZ").ok()?;
        let name = name.trim_start_matches(':');
        let path = if name.starts_with('/') {
            std::path::PathBuf::from(name)
        } else {
            std::path::Path::new("/usr/share/zoneinfo").join(name)
        };
        TimeZone::tzif(name, &std::fs::read(path).ok()?).ok()
    };
    let from_localtime =
        || TimeZone::tzif("localtime", &std::fs::read("/etc/localtime").ok()?).ok();
    from_tz().or_else(from_localtime).unwrap_or(TimeZone::UTC)
}

/// A rule's check: appends its findings.
pub type CheckFn = fn(&Context<'_>, &mut Vec<Finding>) -> Result<(), PolicyError>;

/// One rule of the catalogue.
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    /// The function that emits this code. `None` when another entry's function emits it (the
    /// character family is one scan) or the loader does (BC001–BC005).
    pub check: Option<CheckFn>,
    /// Sets of fields a check needs; when every section of a set is present but a field of it
    /// is missing, the rule is listed as not checked (BC004).
    pub needs: &'static [&'static [&'static str]],
}

const fn rule(
    code: &'static str,
    name: &'static str,
    check: Option<CheckFn>,
    needs: &'static [&'static [&'static str]],
) -> Rule {
    Rule {
        code,
        name,
        check,
        needs,
    }
}

/// The catalogue (SPEC §2), in code order.
pub const RULES: &[Rule] = &[
    rule("BC001", "invalid-toml", None, &[]),
    rule("BC002", "unknown-field", None, &[]),
    rule("BC003", "invalid-value", None, &[]),
    rule("BC004", "not-checked", None, &[]),
    rule("BC005", "unsupported-format", None, &[]),
    rule("BC006", "unused-suppression", None, &[]),
    rule(
        "BC101",
        "account-name-mismatch",
        Some(names::account_name_mismatch),
        &[&[
            "ozon.payout_account.account_name",
            "lianlian.receiving_account.account_name",
        ]],
    ),
    rule(
        "BC102",
        "legal-name-mismatch",
        Some(names::legal_name_mismatch),
        &[
            &["ozon.payout_account.account_name", "ozon.legal_name"],
            &["ozon_global_pay.account_name", "seller.legal_name"],
        ],
    ),
    rule("BC103", "name-not-latin", Some(names::name_not_latin), &[]),
    rule("BC201", "invisible-character", Some(characters::scan), &[]),
    rule("BC202", "bidi-control", None, &[]),
    rule("BC203", "confusable-character", None, &[]),
    rule("BC204", "compatibility-form", None, &[]),
    rule("BC205", "irregular-whitespace", None, &[]),
    rule("BC206", "broken-character", None, &[]),
    rule(
        "BC301",
        "merchant-id-format",
        Some(merchant_id::format),
        &[&["lianlian.merchant_id"]],
    ),
    rule(
        "BC302",
        "merchant-id-is-login",
        Some(merchant_id::is_login),
        &[],
    ),
    rule(
        "BC303",
        "merchant-id-mismatch",
        Some(merchant_id::mismatch),
        &[&["ozon.payout_account.merchant_id", "lianlian.merchant_id"]],
    ),
    rule(
        "BC304",
        "uscc-invalid",
        Some(identifiers::uscc),
        &[&["seller.license_number"]],
    ),
    rule("BC305", "inn-invalid", Some(identifiers::inn), &[]),
    rule("BC306", "ogrn-invalid", Some(identifiers::ogrn), &[]),
    rule("BC307", "iban-invalid", Some(identifiers::iban), &[]),
    rule("BC308", "bic-invalid", Some(identifiers::bic), &[]),
    rule(
        "BC309",
        "bank-details-mismatch",
        Some(identifiers::bank_details_mismatch),
        &[
            &[
                "ozon.payout_account.account_number",
                "lianlian.receiving_account.account_number",
            ],
            &[
                "ozon.payout_account.swift_bic",
                "lianlian.receiving_account.swift_bic",
            ],
        ],
    ),
    rule(
        "BC310",
        "amazon-seller-id-format",
        Some(identifiers::amazon_seller_id),
        &[&["amazon.seller_id"]],
    ),
    rule(
        "BC311",
        "bank-country-mismatch",
        Some(identifiers::bank_country_mismatch),
        &[
            &["lianlian.receiving_account.bank_country"],
            &["amazon.deposit_method.bank_country"],
        ],
    ),
    rule(
        "BC401",
        "address-wording-differs",
        Some(address::compare),
        &[&["ozon.registered_address", "seller.registered_address"]],
    ),
    rule("BC402", "address-place-differs", None, &[]),
    rule(
        "BC403",
        "license-region-mismatch",
        Some(address::license_region),
        &[&["seller.license_number", "seller.registered_address"]],
    ),
    rule(
        "BC501",
        "verification-balance-low",
        Some(money::verification_balance),
        &[&["lianlian.balance"]],
    ),
    rule(
        "BC502",
        "auto-withdraw-threshold-low",
        Some(money::auto_withdraw_threshold),
        &[],
    ),
    rule(
        "BC503",
        "payout-below-minimum",
        Some(money::payout_below_minimum),
        &[],
    ),
    rule(
        "BC504",
        "channel-currency-unsupported",
        Some(money::channel_currency),
        &[],
    ),
    rule(
        "BC601",
        "wrong-payment-method",
        Some(ozon::wrong_payment_method),
        &[&["ozon.payment_method"]],
    ),
    rule(
        "BC602",
        "channel-not-opened",
        Some(ozon::channel_not_opened),
        // Only when an Ozon store is described too: an Amazon-only LianLian seller has no
        // Ozon channel to report on.
        &[&["lianlian.ozon_channel", "ozon.payment_method"]],
    ),
    rule(
        "BC603",
        "channel-needs-authorization",
        Some(ozon::channel_needs_authorization),
        &[],
    ),
    rule(
        "BC604",
        "channel-suspended",
        Some(ozon::channel_suspended),
        &[],
    ),
    rule(
        "BC605",
        "default-payout-method",
        Some(ozon::default_payout_method),
        &[],
    ),
    rule(
        "BC606",
        "category-manual-review",
        Some(ozon::category_manual_review),
        &[],
    ),
    rule(
        "BC607",
        "payout-fell-back",
        Some(ozon::payout_fell_back),
        &[],
    ),
    rule(
        "BC608",
        "operator-not-authorized",
        Some(ozon::operator_not_authorized),
        &[],
    ),
    rule(
        "BC701",
        "entity-not-eligible",
        Some(eligibility::entity_not_eligible),
        &[],
    ),
    rule(
        "BC702",
        "license-number-mismatch",
        Some(eligibility::license_number_mismatch),
        &[],
    ),
    rule(
        "BC703",
        "kyc-incomplete",
        Some(eligibility::kyc_incomplete),
        &[&["lianlian.kyc_level"]],
    ),
    rule(
        "BC704",
        "import-export-rights-missing",
        Some(eligibility::import_export_rights),
        &[],
    ),
    rule(
        "BC705",
        "license-expired",
        Some(eligibility::license_expired),
        &[],
    ),
    rule(
        "BC706",
        "document-too-old",
        Some(eligibility::document_too_old),
        &[],
    ),
    rule(
        "BC801",
        "deposit-change-in-settlement-window",
        Some(amazon::deposit_change_in_window),
        &[],
    ),
    rule(
        "BC802",
        "two-step-verification-off",
        Some(amazon::two_step_verification_off),
        &[],
    ),
    rule(
        "BC803",
        "support-not-notified",
        Some(amazon::support_not_notified),
        &[],
    ),
    rule(
        "BC804",
        "obsolete-credential",
        Some(amazon::obsolete_credential),
        &[],
    ),
    rule(
        "BC805",
        "repeated-attempts",
        Some(incident::repeated_attempts),
        &[],
    ),
    rule(
        "BC806",
        "unknown-error-code",
        Some(incident::unknown_error_code),
        &[],
    ),
    rule(
        "BC901",
        "secret-in-profile",
        Some(secrets::secret_in_profile),
        &[],
    ),
];

/// The rule with this code (`BC101`) or name (`account-name-mismatch`), case-insensitive.
pub fn lookup(code_or_name: &str) -> Option<&'static Rule> {
    // Every finding a report words looks its code up: the registry is in code order, so an
    // exact code is found by bisection; names and other spellings by a scan.
    if let Ok(at) = RULES.binary_search_by(|r| r.code.cmp(code_or_name)) {
        return RULES.get(at);
    }
    RULES.iter().find(|r| {
        r.code.eq_ignore_ascii_case(code_or_name) || r.name.eq_ignore_ascii_case(code_or_name)
    })
}

/// Whether `selector` (a code, a name or a code prefix such as `BC2`) selects `rule`.
pub fn selects(selector: &str, rule: &Rule) -> bool {
    let selector = selector.trim();
    rule.name.eq_ignore_ascii_case(selector)
        || (!selector.is_empty()
            && rule.code.len() >= selector.len()
            && rule.code[..selector.len()].eq_ignore_ascii_case(selector))
}

/// Checks that the rulepack describes exactly the rules in [`RULES`].
pub fn validate_pack(pack: &RulePack) -> Result<(), PolicyError> {
    for code in pack.rules.keys() {
        if lookup(code).is_none_or(|r| r.code != code) {
            return Err(PolicyError {
                origin: "rules".into(),
                problem: format!(
                    "rules.{code}: no such rule (a rulepack tunes existing rules; codes are listed by `bindcheck rules`)"
                ),
            });
        }
    }
    for rule in RULES {
        if pack.rule(rule.code).is_none() {
            return Err(PolicyError {
                origin: "builtin".into(),
                problem: format!("rules.{} has no policy", rule.code),
            });
        }
    }
    Ok(())
}

/// The result of checking one profile: findings in source order, before ranking.
#[derive(Debug, Default)]
pub struct Checked {
    pub findings: Vec<Finding>,
    /// Findings hidden by a `[[bindcheck.ignore]]` entry (kept for statistics and baselines).
    pub suppressed: Vec<Finding>,
}

/// Runs every rule over a loaded profile.
pub fn check(
    profile: &Profile,
    load_issues: &[LoadIssue],
    pack: &RulePack,
    as_of: Option<jiff::civil::Date>,
) -> Result<Checked, PolicyError> {
    let ctx = Context::new(profile, pack, as_of);
    let mut findings = loading::load_issue_findings(profile, load_issues);
    findings.extend(loading::not_checked(profile, load_issues));
    for rule in RULES {
        if let Some(check) = rule.check {
            check(&ctx, &mut findings)?;
        }
    }
    findings.sort_by(|a, b| (a.span.start, a.code).cmp(&(b.span.start, b.code)));
    Ok(loading::apply_suppressions(profile, findings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_in_code_order_with_unique_names() {
        assert!(RULES.windows(2).all(|w| w[0].code < w[1].code));
        let mut names: Vec<_> = RULES.iter().map(|r| r.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
    }

    #[test]
    fn builtin_rulepack_matches_registry() {
        validate_pack(&RulePack::builtin().unwrap()).unwrap();
    }

    #[test]
    fn every_needed_field_exists() {
        for rule in RULES {
            for set in rule.needs {
                for path in *set {
                    assert!(crate::profile::schema::field(path).is_some(), "{path}");
                }
            }
        }
    }

    #[test]
    fn selectors() {
        let bc201 = lookup("BC201").unwrap();
        assert!(selects("BC2", bc201));
        assert!(selects("bc201", bc201));
        assert!(selects("invisible-character", bc201));
        assert!(!selects("BC3", bc201));
        assert_eq!(lookup("merchant-id-format").unwrap().code, "BC301");
    }
}
