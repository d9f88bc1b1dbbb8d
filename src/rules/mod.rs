//! Profile → findings.
//!
//! [`RULES`] is the registry: a plain list, one entry per code, in code order. An entry owns
//! every fact about its rule that is logic: its family (the file it lives in), the fields its
//! check reads (`inputs`, and `scans` for checks that read every field of some classes), the
//! fields it needs together (`needs`, for BC004 "not checked") or can decide with (`judges`,
//! for what a ticket lists as checked), and the function that runs it. A unit test records the
//! fields each check looks up while it runs over every shipped profile and fails when one is
//! not declared.
//! The policy a rule reads (scope, thresholds, patterns, texts) comes from the [`RulePack`],
//! never from constants here.
//!
//! A check receives its own entry and builds its findings from it (`rule.at(field)`), so no
//! check spells its own code. Every code has a check of its own, even where one computation
//! yields several codes: the character scan (BC201–BC206) and the address comparison
//! (BC401/BC402) are computed once per profile into [`Context`] on first use, and each rule's
//! check takes its share of the result. One finding still belongs to exactly one rule, and a
//! rule can be selected, scoped or skipped on its own.
//!
//! A rule runs only for the flows its rulepack `scope` names ([`crate::profile::flow`]).

mod address;
mod amazon;
mod bank_details;
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
use crate::profile::schema::{self, FieldClass};
use crate::profile::{Field, Flows, LoadIssue, Profile};
use crate::rulepack::{PolicyError, RulePack};
use crate::source::Span;
pub use characters::code_of as character_code;

/// What a rule check sees.
pub struct Context<'a> {
    /// The profile being checked.
    pub profile: &'a Profile,
    /// The policy in force (built-in, with `--rules` merged on top).
    pub pack: &'a RulePack,
    /// `--as-of`; otherwise today is read from the clock when a date rule first asks.
    as_of: Option<jiff::civil::Date>,
    today: std::cell::OnceCell<jiff::civil::Date>,
    /// The flows the profile describes: a rule runs when its scope names one of them.
    pub flows: Flows,
    /// Which rules of [`RULES`] apply to those flows: bit `i` for `RULES[i]`.
    applicable: u128,
    /// Name comparisons shared by BC101 and BC102.
    names: names::Memo<'a>,
    /// The character scan that BC201–BC206 share.
    characters: std::cell::OnceCell<characters::Scanned<'a>>,
    /// The address comparison that BC401 and BC402 share.
    address: std::cell::OnceCell<Option<address::Compared<'a>>>,
    /// Identifier values as the validators judge them, by the field's value span: several
    /// rules validate the same value, and judging a long one is a full character scan.
    judged: identifiers::JudgedMemo,
}

impl<'a> Context<'a> {
    /// The context for checking `profile` under `pack`, with `as_of` as today when given.
    pub fn new(profile: &'a Profile, pack: &'a RulePack, as_of: Option<jiff::civil::Date>) -> Self {
        let flows = Flows::of(profile);
        Context {
            profile,
            pack,
            as_of,
            today: std::cell::OnceCell::new(),
            applicable: applicable(pack, flows),
            flows,
            names: names::Memo::default(),
            characters: std::cell::OnceCell::new(),
            address: std::cell::OnceCell::new(),
            judged: identifiers::JudgedMemo::default(),
        }
    }

    /// Whether `rule` applies to the profile's flows.
    pub fn applies(&self, rule: &Rule) -> bool {
        applies(rule, self.pack, self.flows)
    }

    /// Whether the rule at `index` of [`RULES`] applies to the profile's flows.
    fn applies_at(&self, index: usize) -> bool {
        index < 128 && self.applicable & (1 << index) != 0
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

/// A rule's check: given its own registry entry, appends its findings.
pub type CheckFn = fn(&Rule, &Context<'_>, &mut Vec<Finding>) -> Result<(), PolicyError>;

/// The rule families, one file each under `src/rules/`. A family's codes share a hundred
/// ([`Family::hundred`]); the families of a hundred split it by subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// `loading.rs`: what loading the file found.
    Loading,
    /// `names.rs`: account, holder and legal names.
    Names,
    /// `characters.rs`: invisible, look-alike and broken characters in any field.
    Characters,
    /// `merchant_id.rs`: the LianLian Merchant ID.
    MerchantId,
    /// `identifiers.rs`: registration numbers, IBANs, BICs and other identifiers.
    Identifiers,
    /// `bank_details.rs`: bank details that must agree between two accounts.
    BankDetails,
    /// `address.rs`: registered addresses.
    Address,
    /// `money.rs`: balances, thresholds and currencies.
    Money,
    /// `ozon.rs`: Ozon's payment settings and LianLian's Ozon channel.
    Ozon,
    /// `eligibility.rs`: who may use a channel, licences and KYC.
    Eligibility,
    /// `amazon.rs`: Amazon Seller Central deposit methods.
    Amazon,
    /// `incident.rs`: what the seller saw.
    Incident,
    /// `secrets.rs`: credentials stored in the profile.
    Secrets,
}

impl Family {
    /// A stable kebab-case name (SARIF tags it with this).
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Loading => "loading",
            Family::Names => "names",
            Family::Characters => "characters",
            Family::MerchantId => "merchant-id",
            Family::Identifiers => "identifiers",
            Family::BankDetails => "bank-details",
            Family::Address => "address",
            Family::Money => "money",
            Family::Ozon => "ozon",
            Family::Eligibility => "eligibility",
            Family::Amazon => "amazon",
            Family::Incident => "incident",
            Family::Secrets => "secrets",
        }
    }

    /// The digit after `BC` of every code of the family: new codes go in their family's
    /// hundred.
    pub fn hundred(self) -> char {
        match self {
            Family::Loading => '0',
            Family::Names => '1',
            Family::Characters => '2',
            Family::MerchantId | Family::Identifiers | Family::BankDetails => '3',
            Family::Address => '4',
            Family::Money => '5',
            Family::Ozon => '6',
            Family::Eligibility => '7',
            Family::Amazon | Family::Incident => '8',
            Family::Secrets => '9',
        }
    }

    /// The file under `src/rules/` that holds the family's checks: its name in snake case.
    pub fn file(self) -> String {
        format!("{}.rs", self.as_str().replace('-', "_"))
    }

    /// Whether the family's findings are about the profile file itself (how it loads, a
    /// credential stored in it) rather than about the seller's accounts.
    pub fn is_about_the_file(self) -> bool {
        matches!(self, Family::Loading | Family::Secrets)
    }
}

/// One rule of the catalogue: every fact about it that is logic rather than policy. Policy
/// (severity, confidence, prior, symptoms, sources, scope, parameters, texts) is in the
/// rulepack under the same code.
#[derive(Debug)]
pub struct Rule {
    /// `BC101`: stable, in its family's hundred.
    pub code: &'static str,
    /// `account-name-mismatch`: usable wherever a code is.
    pub name: &'static str,
    /// The family, and so the file its check lives in.
    pub family: Family,
    /// Every profile field the check reads. A deposit method's field is named by its
    /// `amazon.deposit_method.` path and stands for that field of every deposit method
    /// (`[[amazon.deposit_methods]]` entries too).
    pub inputs: &'static [&'static str],
    /// Field classes of which the check reads every field (the character scan, the credential
    /// search), besides `inputs`.
    pub scans: &'static [FieldClass],
    /// Sets of inputs the check needs together; when every section of a set is present but a
    /// field of it is missing, the rule is listed as not checked (BC004).
    pub needs: &'static [&'static [&'static str]],
    /// Further sets of inputs with which the check can decide something, for inputs that are
    /// only context (a bank country, a payment method): with one of these or of `needs` present
    /// the rule has looked at the profile (a ticket lists it as checked). When both are empty,
    /// any one input present is enough.
    pub judges: &'static [&'static [&'static str]],
    /// The function that emits this code; `None` for what the loader reports (BC001–BC006).
    pub check: Option<CheckFn>,
    /// Its findings say that a file did not load properly: a value bindcheck could not read
    /// was not checked either, so no `--select`, `--ignore` or `[[per-path]]` hides them.
    pub always_reported: bool,
}

impl Rule {
    const fn new(
        code: &'static str,
        name: &'static str,
        family: Family,
        check: Option<CheckFn>,
    ) -> Rule {
        Rule {
            code,
            name,
            family,
            inputs: &[],
            scans: &[],
            needs: &[],
            judges: &[],
            check,
            always_reported: false,
        }
    }

    const fn always_reported(mut self) -> Rule {
        self.always_reported = true;
        self
    }

    const fn inputs(mut self, inputs: &'static [&'static str]) -> Rule {
        self.inputs = inputs;
        self
    }

    const fn scans(mut self, scans: &'static [FieldClass]) -> Rule {
        self.scans = scans;
        self
    }

    const fn needs(mut self, needs: &'static [&'static [&'static str]]) -> Rule {
        self.needs = needs;
        self
    }

    const fn judges(mut self, judges: &'static [&'static [&'static str]]) -> Rule {
        self.judges = judges;
        self
    }

    /// A finding of this rule about a whole field value (see [`Finding::at`]).
    pub fn at(&self, field: &Field) -> Finding {
        Finding::at(self.code, field)
    }

    /// A finding of this rule at `span` of the value at `field`.
    pub fn finding(&self, field: impl Into<String>, span: Span) -> Finding {
        Finding::new(self.code, field, span)
    }

    /// Whether the check reads the field at `path` (by `inputs` or by its class).
    pub fn reads(&self, path: &str) -> bool {
        let path = schema::deposit_method_path(path).unwrap_or(path);
        self.inputs.contains(&path)
            || schema::field(path).is_some_and(|f| self.scans.contains(&f.class))
    }
}

/// Whether `rule` applies to a profile describing `flows`: its rulepack scope names one of
/// them (or `any`). A rule the pack does not describe applies nowhere.
pub fn applies(rule: &Rule, pack: &RulePack, flows: Flows) -> bool {
    pack.rule(rule.code)
        .is_some_and(|policy| flows.admit(&policy.scope))
}

/// For each rule of [`RULES`], whether it applies to `flows`. A pack that describes exactly the
/// rules of [`RULES`] (every pack in use: [`validate_pack`]) holds their scopes in the same code
/// order, so they are read by position instead of looking each policy up: this runs for every
/// profile.
fn applicable(pack: &RulePack, flows: Flows) -> u128 {
    const _: () = assert!(RULES.len() <= 128, "one bit per rule");
    let mut bits = 0;
    if pack.scopes().len() == RULES.len() {
        for (index, scope) in pack.scopes().iter().enumerate() {
            if flows.admits(*scope) {
                bits |= 1 << index;
            }
        }
    } else {
        for (index, rule) in RULES.iter().enumerate() {
            if applies(rule, pack, flows) {
                bits |= 1 << index;
            }
        }
    }
    bits
}

/// Whether `rule` applies to the flow of an `init` / `interview` platform (`ozon-lianlian`,
/// `ozon-global-pay`, `amazon-lianlian`); `false` for an unknown platform.
pub fn applies_to_platform(rule: &Rule, pack: &RulePack, platform: &str) -> bool {
    Flows::of_platform(platform).is_some_and(|flows| applies(rule, pack, flows))
}

/// Whether `rule` looked at `profile` and had what it needs: it applies to the profile's flows,
/// and every field of one of its `needs` or `judges` sets is present (a rule with neither: one
/// of its inputs is). What a ticket lists as "already checked".
pub fn was_checked(rule: &Rule, pack: &RulePack, profile: &Profile) -> bool {
    if rule.check.is_none() || !applies(rule, pack, Flows::of(profile)) {
        return false;
    }
    let present = |path: &str| match schema::deposit_method_path(path) {
        Some(path) => profile.deposit_methods().any(|m| m.field(path).is_some()),
        None => profile.field(path).is_some(),
    };
    if rule.needs.is_empty() && rule.judges.is_empty() {
        rule.inputs.iter().any(|p| present(p))
    } else {
        rule.needs
            .iter()
            .chain(rule.judges)
            .any(|set| set.iter().all(|p| present(p)))
    }
}

use Family::*;
use FieldClass::{Address as AddressClass, Code, FreeText, Identifier, Name, Secret};

/// Every field class: what the credential search reads.
const EVERY_CLASS: &[FieldClass] = &[Identifier, Name, AddressClass, FreeText, Secret, Code];
/// What the character family scans.
const CHARACTER_CLASSES: &[FieldClass] = &[Identifier, Name, AddressClass];

/// The catalogue, in code order (`docs/rules/` is generated from it and the rulepack).
pub const RULES: &[Rule] = &[
    Rule::new("BC001", "invalid-toml", Loading, None).always_reported(),
    Rule::new("BC002", "unknown-field", Loading, None).always_reported(),
    Rule::new("BC003", "invalid-value", Loading, None).always_reported(),
    // Advice about missing fields: selectable.
    Rule::new("BC004", "not-checked", Loading, None),
    Rule::new("BC005", "unsupported-format", Loading, None).always_reported(),
    Rule::new("BC006", "unused-suppression", Loading, None),
    Rule::new(
        "BC101",
        "account-name-mismatch",
        Names,
        Some(names::account_name_mismatch),
    )
    .inputs(&[
        "ozon.payout_account.account_name",
        "lianlian.receiving_account.account_name",
        "amazon.deposit_method.provider",
        "amazon.deposit_method.account_holder_name",
    ])
    .needs(&[&[
        "ozon.payout_account.account_name",
        "lianlian.receiving_account.account_name",
    ]])
    .judges(&[&[
        "amazon.deposit_method.provider",
        "amazon.deposit_method.account_holder_name",
        "lianlian.receiving_account.account_name",
    ]]),
    Rule::new(
        "BC102",
        "legal-name-mismatch",
        Names,
        Some(names::legal_name_mismatch),
    )
    .inputs(&[
        "ozon.legal_name",
        "ozon.payout_account.account_name",
        "ozon_global_pay.account_name",
        "seller.legal_name",
        "seller.legal_name_en",
        "amazon.deposit_method.provider",
        "amazon.deposit_method.account_holder_name",
        "amazon.legal_name",
    ])
    .needs(&[
        &["ozon.payout_account.account_name", "ozon.legal_name"],
        &["ozon_global_pay.account_name", "seller.legal_name"],
    ])
    .judges(&[&[
        "amazon.deposit_method.provider",
        "amazon.deposit_method.account_holder_name",
        "amazon.legal_name",
    ]]),
    Rule::new(
        "BC103",
        "name-not-latin",
        Names,
        Some(names::name_not_latin),
    )
    .inputs(&[
        "ozon.legal_name",
        "ozon.payout_account.account_name",
        "seller.legal_name_en",
        "lianlian.receiving_account.account_name",
    ])
    .judges(&[&["ozon.legal_name"], &["ozon.payout_account.account_name"]]),
    Rule::new(
        "BC104",
        "ozon-legal-name-differs",
        Names,
        Some(names::ozon_legal_name_differs),
    )
    .inputs(&["ozon.legal_name", "seller.legal_name_en"])
    .judges(&[&["ozon.legal_name", "seller.legal_name_en"]]),
    Rule::new(
        "BC201",
        "invisible-character",
        Characters,
        Some(characters::invisible_character),
    )
    .scans(CHARACTER_CLASSES),
    Rule::new(
        "BC202",
        "bidi-control",
        Characters,
        Some(characters::bidi_control),
    )
    .scans(CHARACTER_CLASSES),
    Rule::new(
        "BC203",
        "confusable-character",
        Characters,
        Some(characters::confusable_character),
    )
    .scans(CHARACTER_CLASSES),
    Rule::new(
        "BC204",
        "compatibility-form",
        Characters,
        Some(characters::compatibility_form),
    )
    .scans(CHARACTER_CLASSES),
    Rule::new(
        "BC205",
        "irregular-whitespace",
        Characters,
        Some(characters::irregular_whitespace),
    )
    .scans(CHARACTER_CLASSES),
    Rule::new(
        "BC206",
        "broken-character",
        Characters,
        Some(characters::broken_character),
    )
    .scans(CHARACTER_CLASSES),
    Rule::new(
        "BC301",
        "merchant-id-format",
        MerchantId,
        Some(merchant_id::format),
    )
    .inputs(merchant_id::INPUTS)
    .needs(&[&["lianlian.merchant_id"]]),
    Rule::new(
        "BC302",
        "merchant-id-is-login",
        MerchantId,
        Some(merchant_id::is_login),
    )
    .inputs(merchant_id::INPUTS),
    Rule::new(
        "BC303",
        "merchant-id-mismatch",
        MerchantId,
        Some(merchant_id::mismatch),
    )
    .inputs(merchant_id::INPUTS)
    .needs(&[&["ozon.payout_account.merchant_id", "lianlian.merchant_id"]]),
    Rule::new(
        "BC304",
        "uscc-invalid",
        Identifiers,
        Some(identifiers::uscc),
    )
    .inputs(&[
        "seller.country",
        "seller.license_number",
        "lianlian.license_number",
        "ozon.license_number",
    ])
    .needs(&[&["seller.license_number"]])
    .judges(&[&["lianlian.license_number"], &["ozon.license_number"]]),
    Rule::new("BC305", "inn-invalid", Identifiers, Some(identifiers::inn)).inputs(&["ozon.inn"]),
    Rule::new(
        "BC306",
        "ogrn-invalid",
        Identifiers,
        Some(identifiers::ogrn),
    )
    .inputs(&["ozon.ogrn"]),
    Rule::new(
        "BC307",
        "iban-invalid",
        Identifiers,
        Some(identifiers::iban),
    )
    .inputs(identifiers::ACCOUNT_INPUTS)
    .judges(&[
        &["lianlian.receiving_account.iban"],
        &["ozon.payout_account.iban"],
        &["ozon_global_pay.iban"],
        &["amazon.deposit_method.iban"],
    ]),
    Rule::new("BC308", "bic-invalid", Identifiers, Some(identifiers::bic))
        .inputs(identifiers::ACCOUNT_INPUTS)
        .judges(&[
            &["lianlian.receiving_account.swift_bic"],
            &["ozon.payout_account.swift_bic"],
            &["ozon_global_pay.swift_bic"],
            &["amazon.deposit_method.swift_bic"],
        ]),
    Rule::new(
        "BC309",
        "bank-details-mismatch",
        BankDetails,
        Some(bank_details::bank_details_mismatch),
    )
    .inputs(&[
        "ozon.payment_method",
        "ozon.payout_account.iban",
        "ozon.payout_account.swift_bic",
        "ozon.payout_account.account_number",
        "lianlian.receiving_account.iban",
        "lianlian.receiving_account.swift_bic",
        "lianlian.receiving_account.account_number",
    ])
    .needs(&[
        &[
            "ozon.payout_account.account_number",
            "lianlian.receiving_account.account_number",
        ],
        &[
            "ozon.payout_account.swift_bic",
            "lianlian.receiving_account.swift_bic",
        ],
    ])
    .judges(&[&[
        "ozon.payout_account.iban",
        "lianlian.receiving_account.iban",
    ]]),
    Rule::new(
        "BC310",
        "amazon-seller-id-format",
        Identifiers,
        Some(identifiers::amazon_seller_id),
    )
    .inputs(&["amazon.seller_id"])
    .needs(&[&["amazon.seller_id"]]),
    Rule::new(
        "BC311",
        "bank-country-mismatch",
        Identifiers,
        Some(identifiers::bank_country_mismatch),
    )
    .inputs(identifiers::ACCOUNT_INPUTS)
    .needs(&[
        &["lianlian.receiving_account.bank_country"],
        &["amazon.deposit_method.bank_country"],
    ]),
    Rule::new(
        "BC312",
        "deposit-details-mismatch",
        BankDetails,
        Some(bank_details::deposit_details_mismatch),
    )
    .inputs(bank_details::DEPOSIT_INPUTS)
    .judges(&[
        &[
            "amazon.deposit_method.provider",
            "amazon.deposit_method.account_number",
            "lianlian.receiving_account.account_number",
        ],
        &[
            "amazon.deposit_method.provider",
            "amazon.deposit_method.iban",
            "lianlian.receiving_account.iban",
        ],
    ]),
    Rule::new(
        "BC313",
        "routing-number-invalid",
        BankDetails,
        Some(bank_details::routing_number_invalid),
    )
    .inputs(bank_details::CODE_INPUTS)
    .judges(&[
        &["lianlian.receiving_account.routing_number"],
        &["lianlian.receiving_account.wire_routing_number"],
        &["amazon.deposit_method.routing_number"],
        &["amazon.deposit_method.wire_routing_number"],
    ]),
    Rule::new(
        "BC314",
        "bank-code-invalid",
        BankDetails,
        Some(bank_details::bank_code_invalid),
    )
    .inputs(bank_details::CODE_INPUTS)
    .judges(&[
        &["lianlian.receiving_account.sort_code"],
        &["lianlian.receiving_account.bsb"],
        &["lianlian.receiving_account.bank_code"],
        &["amazon.deposit_method.sort_code"],
        &["amazon.deposit_method.bsb"],
        &["amazon.deposit_method.bank_code"],
    ]),
    Rule::new(
        "BC315",
        "ozon-client-id-format",
        Identifiers,
        Some(identifiers::ozon_client_id),
    )
    .inputs(&["ozon.seller_id"]),
    Rule::new(
        "BC316",
        "settlement-iban-country",
        Identifiers,
        Some(identifiers::settlement_iban_country),
    )
    .inputs(&["ozon_global_pay.iban"]),
    Rule::new(
        "BC317",
        "iban-details-mismatch",
        BankDetails,
        Some(bank_details::iban_details_mismatch),
    )
    .inputs(bank_details::IBAN_DETAIL_INPUTS)
    .judges(&[
        &[
            "lianlian.receiving_account.iban",
            "lianlian.receiving_account.sort_code",
        ],
        &[
            "lianlian.receiving_account.iban",
            "lianlian.receiving_account.account_number",
        ],
        &[
            "amazon.deposit_method.iban",
            "amazon.deposit_method.sort_code",
        ],
        &[
            "amazon.deposit_method.iban",
            "amazon.deposit_method.account_number",
        ],
    ]),
    Rule::new(
        "BC401",
        "address-wording-differs",
        Address,
        Some(address::wording_differs),
    )
    .inputs(address::COMPARED)
    .needs(&[address::COMPARED]),
    Rule::new(
        "BC402",
        "address-place-differs",
        Address,
        Some(address::place_differs),
    )
    .inputs(address::COMPARED)
    .judges(&[address::COMPARED]),
    Rule::new(
        "BC403",
        "license-region-mismatch",
        Address,
        Some(address::license_region),
    )
    .inputs(&[
        "seller.country",
        "seller.license_number",
        "seller.registered_address",
    ])
    .needs(&[&["seller.license_number", "seller.registered_address"]]),
    Rule::new(
        "BC404",
        "address-not-compared",
        Address,
        Some(address::not_compared),
    )
    .inputs(address::COMPARED)
    .judges(&[address::COMPARED]),
    Rule::new(
        "BC501",
        "verification-balance-low",
        Money,
        Some(money::verification_balance),
    )
    .inputs(&["lianlian.balance"])
    .needs(&[&["lianlian.balance"]]),
    Rule::new(
        "BC502",
        "auto-withdraw-threshold-low",
        Money,
        Some(money::auto_withdraw_threshold),
    )
    .inputs(&["lianlian.auto_withdraw_threshold"]),
    Rule::new(
        "BC503",
        "payout-below-minimum",
        Money,
        Some(money::payout_below_minimum),
    )
    .inputs(&["ozon.balance", "ozon_global_pay.pending_settlement"]),
    Rule::new(
        "BC504",
        "channel-currency-unsupported",
        Money,
        Some(money::channel_currency),
    )
    .inputs(&[
        "seller.country",
        "ozon.contract_currency",
        "ozon.payment_method",
    ])
    .judges(&[&["seller.country"], &["ozon.contract_currency"]]),
    Rule::new(
        "BC505",
        "deposit-currency-differs",
        Money,
        Some(money::deposit_currency_differs),
    )
    .inputs(&[
        "amazon.deposit_method.currency",
        "amazon.deposit_method.provider",
        "amazon.deposit_method.bank_country",
        "amazon.deposit_method.marketplaces",
        "lianlian.receiving_account.currency",
        "lianlian.receiving_account.bank_country",
        "amazon.marketplaces",
    ])
    .judges(&[
        &["amazon.deposit_method.currency"],
        &[
            "amazon.deposit_method.provider",
            "lianlian.receiving_account.currency",
        ],
    ]),
    Rule::new(
        "BC506",
        "settlement-currency-unsupported",
        Money,
        Some(money::settlement_currency_unsupported),
    )
    .inputs(&[
        "ozon.contract_currency",
        "ozon_global_pay.pending_settlement",
    ]),
    Rule::new(
        "BC601",
        "wrong-payment-method",
        Ozon,
        Some(ozon::wrong_payment_method),
    )
    .inputs(&[
        "ozon.payment_method",
        "seller.country",
        "lianlian.merchant_id",
    ])
    .needs(&[&["ozon.payment_method"]]),
    Rule::new(
        "BC602",
        "channel-not-opened",
        Ozon,
        Some(ozon::channel_not_opened),
    )
    .inputs(&["lianlian.ozon_channel", "ozon.payment_method"])
    // Only when an Ozon store is described too: a LianLian account described alone may serve
    // a store the profile does not name.
    .needs(&[&["lianlian.ozon_channel", "ozon.payment_method"]]),
    Rule::new(
        "BC603",
        "channel-needs-authorization",
        Ozon,
        Some(ozon::channel_needs_authorization),
    )
    .inputs(&["lianlian.ozon_channel"]),
    Rule::new(
        "BC604",
        "channel-suspended",
        Ozon,
        Some(ozon::channel_suspended),
    )
    .inputs(&["lianlian.ozon_channel"]),
    Rule::new(
        "BC605",
        "default-payout-method",
        Ozon,
        Some(ozon::default_payout_method),
    )
    .inputs(&[
        "ozon.default_payout_method",
        "ozon.payment_method",
        "seller.country",
    ])
    .judges(&[&["ozon.default_payout_method", "ozon.payment_method"]]),
    Rule::new(
        "BC606",
        "category-manual-review",
        Ozon,
        Some(ozon::category_manual_review),
    )
    .inputs(&["ozon.manual_review_categories"]),
    Rule::new(
        "BC607",
        "payout-fell-back",
        Ozon,
        Some(ozon::payout_fell_back),
    )
    .inputs(&["incident.payout_status", "ozon.default_payout_method"])
    .judges(&[&["incident.payout_status"]]),
    Rule::new(
        "BC608",
        "operator-not-authorized",
        Ozon,
        Some(ozon::operator_not_authorized),
    )
    .inputs(&["ozon.operator_role", "amazon.primary_owner"]),
    Rule::new(
        "BC609",
        "settlement-account-not-active",
        Ozon,
        Some(ozon::settlement_account_not_active),
    )
    .inputs(&[
        "ozon_global_pay.status",
        "ozon_global_pay.pending_settlement",
    ])
    .judges(&[&["ozon_global_pay.status"]]),
    Rule::new(
        "BC701",
        "entity-not-eligible",
        Eligibility,
        Some(eligibility::entity_not_eligible),
    )
    .inputs(&["seller.entity_type", "ozon.payment_method"])
    .judges(&[&["seller.entity_type"]]),
    Rule::new(
        "BC702",
        "license-number-mismatch",
        Eligibility,
        Some(eligibility::license_number_mismatch),
    )
    .inputs(&[
        "seller.license_number",
        "lianlian.license_number",
        "ozon.license_number",
    ])
    .judges(&[
        &["seller.license_number", "lianlian.license_number"],
        &["seller.license_number", "ozon.license_number"],
    ]),
    Rule::new(
        "BC703",
        "kyc-incomplete",
        Eligibility,
        Some(eligibility::kyc_incomplete),
    )
    .inputs(&["lianlian.kyc_level"])
    .needs(&[&["lianlian.kyc_level"]]),
    Rule::new(
        "BC704",
        "import-export-rights-missing",
        Eligibility,
        Some(eligibility::import_export_rights),
    )
    .inputs(&["seller.import_export_rights"]),
    Rule::new(
        "BC705",
        "license-expired",
        Eligibility,
        Some(eligibility::license_expired),
    )
    .inputs(&["seller.license_expires"]),
    Rule::new(
        "BC706",
        "document-too-old",
        Eligibility,
        Some(eligibility::document_too_old),
    )
    .inputs(&[
        "amazon.deposit_method.document_date",
        "amazon.deposit_method.provider",
    ]),
    Rule::new(
        "BC707",
        "settlement-entity-not-eligible",
        Eligibility,
        Some(eligibility::settlement_entity_not_eligible),
    )
    .inputs(&["seller.entity_type"]),
    Rule::new(
        "BC708",
        "settlement-inn-missing",
        Eligibility,
        Some(eligibility::settlement_inn_missing),
    )
    .inputs(&["ozon.inn", "ozon_global_pay.status"])
    // About the INN being absent too: judged with or without it.
    .judges(&[&["ozon.inn"], &["ozon_global_pay.status"]]),
    Rule::new(
        "BC709",
        "entity-type-contradicts-licence",
        Eligibility,
        Some(eligibility::entity_type_contradicts_licence),
    )
    .inputs(&[
        "seller.country",
        "seller.entity_type",
        "seller.license_number",
    ])
    .judges(&[&["seller.entity_type", "seller.license_number"]]),
    Rule::new(
        "BC710",
        "country-contradicts-company",
        Eligibility,
        Some(eligibility::country_contradicts_company),
    )
    .inputs(&[
        "seller.country",
        "seller.entity_type",
        "seller.license_number",
    ]),
    Rule::new(
        "BC801",
        "deposit-change-in-settlement-window",
        Amazon,
        Some(amazon::deposit_change_in_window),
    )
    .inputs(&["amazon.deposit_change_date", "amazon.settlement_period_end"])
    .judges(&[&["amazon.deposit_change_date", "amazon.settlement_period_end"]]),
    Rule::new(
        "BC802",
        "two-step-verification-off",
        Amazon,
        Some(amazon::two_step_verification_off),
    )
    .inputs(&["amazon.two_step_verification"]),
    Rule::new(
        "BC803",
        "support-not-notified",
        Amazon,
        Some(amazon::support_not_notified),
    )
    .inputs(&["amazon.support_notified", "amazon.deposit_change_date"])
    .judges(&[&["amazon.support_notified", "amazon.deposit_change_date"]]),
    Rule::new(
        "BC804",
        "obsolete-credential",
        Amazon,
        Some(amazon::obsolete_credential),
    )
    .inputs(&["amazon.mws_auth_token"]),
    Rule::new(
        "BC805",
        "repeated-attempts",
        Incident,
        Some(incident::repeated_attempts),
    )
    .inputs(&["incident.attempts", "incident.browser_cache_cleared"])
    .judges(&[&["incident.attempts", "incident.browser_cache_cleared"]]),
    Rule::new(
        "BC806",
        "unknown-error-code",
        Incident,
        Some(incident::unknown_error_code),
    )
    .inputs(&["incident.error_code"]),
    Rule::new(
        "BC807",
        "marketplace-without-deposit-method",
        Amazon,
        Some(amazon::marketplace_without_deposit_method),
    )
    .inputs(&["amazon.marketplaces", "amazon.deposit_method.marketplaces"])
    .judges(&[&["amazon.marketplaces", "amazon.deposit_method.marketplaces"]]),
    Rule::new(
        "BC901",
        "secret-in-profile",
        Secrets,
        Some(secrets::secret_in_profile),
    )
    .scans(EVERY_CLASS),
];

/// The code of what could not be checked for a missing field: `diagnose` lists its findings
/// apart from the causes.
pub const NOT_CHECKED: &str = "BC004";

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
    /// The findings reported.
    pub findings: Vec<Finding>,
    /// Findings hidden by a `[[bindcheck.ignore]]` entry (kept for statistics and baselines).
    pub suppressed: Vec<Finding>,
}

/// Runs every rule that applies over a loaded profile.
pub fn check(
    profile: &Profile,
    load_issues: &[LoadIssue],
    pack: &RulePack,
    as_of: Option<jiff::civil::Date>,
) -> Result<Checked, PolicyError> {
    let ctx = Context::new(profile, pack, as_of);
    let mut findings = loading::load_issue_findings(profile, load_issues);
    findings.extend(loading::not_checked(&ctx, load_issues));
    for (index, rule) in RULES.iter().enumerate() {
        if let Some(check) = rule.check
            && ctx.applies_at(index)
        {
            check(rule, &ctx, &mut findings)?;
        }
    }
    characters::no_repair_of_invalid_values(pack, &mut findings);
    findings.sort_by(|a, b| (a.span.start, a.code).cmp(&(b.span.start, b.code)));
    Ok(loading::apply_suppressions(profile, findings))
}

/// A finding about an Amazon deposit method, worded for the provider that holds it: its steps
/// say where to get what they ask for. `{provider}` names it ("Payoneer"); the variant is
/// `bank` for the company's own bank account and `provider` for a payment service provider
/// other than LianLian, whose steps the rulepack words where they differ (LianLian's pages are
/// the default wording). A finding that has a variant of its own keeps it.
pub(super) fn for_provider(finding: Finding, method: &crate::profile::DepositMethod) -> Finding {
    let path = "amazon.deposit_method.provider";
    let Some(provider) = method.field(path).and_then(Field::text) else {
        return finding;
    };
    let finding = finding.choice("provider", path, provider);
    if finding.variant != "default" {
        return finding;
    }
    match provider {
        "lianlian" => finding,
        "bank" => finding.variant("bank"),
        _ => finding.variant("provider"),
    }
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
        let pack = RulePack::builtin().unwrap();
        validate_pack(&pack).unwrap();
        // The walk in `applicable` relies on the pack holding the registry's codes in order.
        let codes: Vec<&str> = pack.rules.keys().map(String::as_str).collect();
        let registry: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        assert_eq!(codes, registry);
        let flows = Flows::of_platform("amazon-lianlian").unwrap();
        for (index, rule) in RULES.iter().enumerate() {
            assert_eq!(
                applicable(&pack, flows) & (1 << index) != 0,
                applies(rule, &pack, flows),
                "{}",
                rule.code
            );
        }
    }

    #[test]
    fn inputs_and_needs_name_fields_of_the_format() {
        for rule in RULES {
            for path in rule.inputs {
                assert!(schema::field(path).is_some(), "{}: {path}", rule.code);
            }
            for set in rule.needs.iter().chain(rule.judges) {
                for path in *set {
                    assert!(rule.inputs.contains(path), "{}: needs {path}", rule.code);
                }
            }
            // Loading rules are the loader's; every other rule has a check that reads something.
            assert_eq!(
                rule.check.is_none(),
                rule.family == Family::Loading,
                "{}",
                rule.code
            );
            if rule.check.is_some() {
                assert!(
                    !rule.inputs.is_empty() || !rule.scans.is_empty(),
                    "{}",
                    rule.code
                );
            }
        }
    }

    #[test]
    fn each_family_has_its_file() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        for rule in RULES {
            let file = dir.join(rule.family.file());
            assert!(file.is_file(), "{}: {}", rule.code, file.display());
        }
    }

    #[test]
    fn families_keep_to_their_hundreds() {
        for rule in RULES {
            assert_eq!(
                rule.code[2..].chars().next(),
                Some(rule.family.hundred()),
                "{}",
                rule.code
            );
        }
    }

    /// Every profile the repository ships (rule fixtures, examples, lint and format fixtures):
    /// each rule runs on its own, and everything it reads must be declared in its entry.
    #[test]
    fn rules_read_only_the_fields_they_declare() {
        let pack = RulePack::builtin().unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut files = Vec::new();
        let mut dirs = vec![root];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|x| x == "toml") {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 100, "{}", files.len());
        let mut checked = 0;
        for file in files {
            let bytes = std::fs::read(&file).unwrap();
            let Ok((profile, _)) = crate::profile::load(
                "p.toml",
                &bytes,
                &crate::profile::credentials::test_policy(),
            ) else {
                continue;
            };
            checked += 1;
            for rule in RULES {
                let Some(check) = rule.check else { continue };
                let ctx = Context::new(&profile, &pack, Some(jiff::civil::date(2026, 11, 21)));
                let mut out = Vec::new();
                let read = crate::profile::reads::during(|| {
                    let _ = check(rule, &ctx, &mut out);
                });
                for path in read {
                    assert!(
                        rule.reads(path),
                        "{} reads {path}, which its registry entry does not declare ({})",
                        rule.code,
                        file.display()
                    );
                }
                for finding in &out {
                    assert_eq!(finding.code, rule.code, "{}", file.display());
                }
            }
        }
        assert!(checked > 100);
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
