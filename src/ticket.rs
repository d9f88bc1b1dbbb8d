//! An English support e-mail drafted from an analysed profile (`bindcheck ticket`).
//!
//! Support desks (Ozon, LianLian, Amazon) answer faster when a ticket carries the items they
//! always ask for: the seller and merchant identifiers, the error code and time, what was tried,
//! and a screenshot showing the page URL and a timestamp (seed-ozon-lianlian-failures). The
//! draft is always English, whatever the locale, because that is what those desks require.
//!
//! The draft is made in two steps: [`Facts`] gathers what the e-mail says from the analysis
//! (and what it lacks), then each section is written from them. The e-mail is for someone who
//! never saw the profile: causes are worded by [`crate::report::finding_message`] with
//! [`Naming::Plain`] — each field by its plain label, each choice by what it means — and rule
//! codes and field paths stay below the cut, for the sender.
//!
//! Values: the Ozon / Amazon Seller ID and the LianLian Merchant ID are printed in full, since
//! support cannot find the account without them — unless bindcheck found a problem in one:
//! then the e-mail asks the sender for the real one instead of presenting a rejected value as
//! fact. Every value is escaped (`⟨U+200B⟩`) so that an invisible character is visible
//! instead of being pasted into the e-mail. Identifiers inside the causes' messages follow
//! `--show-values` like `diagnose`, but for those the account details print in full (and their
//! copies typed on another page): a cause never shows a masked copy of them.
//!
//! The e-mail lists what fails; advice that blocks nothing — an info, or a warning no finding
//! of which can explain a symptom a seller reports (a fee, a conversion cost) — and the
//! problems of the file itself stay below the cut, for the sender. Secrets are never printed: every value the draft quotes goes
//! through the profile's [`crate::redact::Secrets`] where it is put in, so a credential in a
//! free text (an error message) is shown as `‹secret›` and the rest of the text stays, and the
//! e-mail's own words are never blanked because a secret happens to spell them.

use crate::pipeline::Analysis;
use crate::profile::schema::FieldClass;
use crate::profile::{Profile, Value};
use crate::rank::{Cause, Ranked};
use crate::report::{Naming, Wording};
use crate::rulepack::{Lang, RulePack, Severity};
use crate::rules::{Family, RULES};
use crate::unicode::escape;
use std::borrow::Cow;

/// What changes the draft besides the profile.
#[derive(Debug, Clone, Default)]
pub struct TicketOptions {
    /// `--symptom TEXT`, quoted in the e-mail as the reported problem.
    pub symptom: Option<String>,
    /// Print identifiers inside the causes' messages in full.
    pub show_values: bool,
    /// How many causes to list.
    pub max_causes: usize,
}

/// An item the profile lacks for a complete ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// The profile field to fill in.
    pub field: &'static str,
    /// What it is, in the words of the e-mail.
    pub what: String,
}

/// A drafted ticket.
#[derive(Debug, Clone)]
pub struct Ticket {
    /// The subject line, without the `Subject: ` prefix.
    pub subject: String,
    /// The e-mail body.
    pub body: String,
    /// What to add to the profile before sending.
    pub missing: Vec<Missing>,
    /// For the sender, below the e-mail: the diagnosis with rule codes and fields.
    pub internal: Vec<String>,
}

impl Ticket {
    /// The whole output: the e-mail, then (outside it) what is missing.
    pub fn render(&self) -> String {
        let mut out = format!("Subject: {}\n\n{}", self.subject, self.body);
        out.push_str("\n----- not part of the e-mail -----\n");
        for line in &self.internal {
            out.push_str(line);
            out.push('\n');
        }
        if self.missing.is_empty() {
            out.push_str("Complete: the ticket has every item support asks for.\n");
        } else {
            out.push_str(
                "Missing for a complete ticket (add to the profile and run `bindcheck ticket` again):\n",
            );
            for m in &self.missing {
                out.push_str(&format!("  - {}: {}\n", m.field, m.what));
            }
        }
        out
    }
}

/// Which platforms and channels the profile is about.
struct Scope {
    ozon: bool,
    lianlian: bool,
    amazon: bool,
    ogp: bool,
}

impl Scope {
    fn of(profile: &Profile) -> Self {
        let amazon = profile.has_section("amazon") || profile.has_section("amazon.deposit_method");
        let ogp = profile.has_section("ozon_global_pay");
        let ozon = profile.has_section("ozon")
            || profile.has_section("ozon.payout_account")
            || (!amazon && !ogp);
        let lianlian = profile.has_section("lianlian")
            || profile.text("ozon.payment_method") == Some("lianlian")
            || profile.text("amazon.deposit_method.provider") == Some("lianlian");
        Scope {
            ozon,
            lianlian,
            amazon,
            ogp,
        }
    }

    fn topic(&self) -> &'static str {
        match (self.lianlian, self.ozon, self.amazon, self.ogp) {
            (true, true, _, _) => "LianLian payout binding problem on Ozon",
            (_, _, _, true) if !self.amazon => "Ozon Global Pay settlement account problem",
            (true, false, true, _) => "LianLian deposit method problem on Amazon",
            (false, _, true, _) => "Amazon deposit method problem",
            _ => "Payout binding problem",
        }
    }

    /// The topic as the e-mail's first sentence says it.
    fn sentence(&self) -> &'static str {
        match (self.lianlian, self.ozon, self.amazon, self.ogp) {
            (true, true, _, _) => {
                "binding our LianLian Global account to our Ozon store for payouts"
            }
            (_, _, _, true) if !self.amazon => "our Ozon Global Pay settlement account",
            (true, false, true, _) => {
                "setting our LianLian Global account as the Amazon deposit method"
            }
            (false, _, true, _) => "our Amazon deposit method",
            _ => "binding our payout account",
        }
    }
}

/// An identifier the e-mail presents, as support needs it.
#[derive(Debug, Clone)]
enum Shown {
    /// The value, escaped.
    Value(String),
    /// Not in the profile: the sender is asked for it.
    Asked,
    /// Rejected by a check: the sender is asked for the correct one.
    Rejected,
}

impl Shown {
    fn or_placeholder(&self, what: &str) -> String {
        match self {
            Shown::Value(value) => value.clone(),
            Shown::Asked => placeholder(what),
            Shown::Rejected => placeholder(&format!("the correct {what}")),
        }
    }

    fn value(&self) -> Option<&str> {
        match self {
            Shown::Value(value) => Some(value),
            Shown::Asked | Shown::Rejected => None,
        }
    }
}

/// Everything the e-mail states, gathered from the analysis before a line of it is written,
/// and what the profile lacks for it.
struct Facts {
    scope: Scope,
    company: Option<String>,
    /// Each of [`IDENTIFIERS`], when the profile's platforms need it.
    ids: [Option<Shown>; 3],
    /// The error code as the e-mail shows it; `None` when absent or "none".
    error_code: Option<String>,
    /// Whether anything documents the code.
    code_known: bool,
    /// The profile records that the page showed no code.
    no_code_shown: bool,
    error_message: Option<String>,
    occurred_at: Option<String>,
    attempts: Option<i64>,
    cache_cleared: Option<bool>,
    missing: Vec<Missing>,
}

/// Codes that are about the profile file itself, not about the binding: not support's business.
fn about_the_file(code: &str) -> bool {
    crate::rules::lookup(code).is_some_and(|r| r.family.is_about_the_file())
}

/// What the e-mail shows in place of a credential: it is always English.
fn secret_marker() -> &'static str {
    crate::report::words::secret_marker(Lang::En)
}

/// A text bindcheck quotes in the draft (the reported problem): escaped, with
/// every credential in it replaced.
fn redacted(analysis: &Analysis, text: &str) -> String {
    let secrets = analysis.profile.source.secrets();
    escape(&secrets.redact(text, secret_marker())).into_owned()
}

/// A value of the field at `path` for the e-mail: escaped once, with every credential in it
/// replaced; a secret value that holds no credential text of its own is replaced whole.
fn shown(analysis: &Analysis, path: &str, value: &str) -> String {
    let secrets = analysis.profile.source.secrets();
    let redacted = secrets.redact(value, secret_marker());
    let hidden = analysis
        .profile
        .field(path)
        .is_some_and(|f| secrets.hides(&f.span));
    if secrets.is_secret_text(value) || (hidden && matches!(redacted, Cow::Borrowed(_))) {
        secret_marker().to_string()
    } else {
        escape(&redacted).into_owned()
    }
}

/// The value of an enum field in words ("Ozon Global Pay"), other values as they are.
fn in_words(analysis: &Analysis, path: &str, value: &str) -> String {
    match crate::profile::values::meaning(path, value, Lang::En) {
        Some(meaning) => meaning.to_string(),
        None => shown(analysis, path, value),
    }
}

/// The titles of the checks that rejected the value of the field at `path`, if any did.
fn rejections(analysis: &Analysis, pack: &RulePack, path: &str) -> Vec<String> {
    let mut titles: Vec<String> = Vec::new();
    for ranked in &analysis.ranked {
        let finding = &ranked.finding;
        if finding.field == path && ranked.severity <= Severity::Warning {
            let t = title(pack, finding.code, finding.variant);
            if !titles.contains(&t) {
                titles.push(t);
            }
        }
    }
    titles
}

/// An identifier support looks an account up by.
struct Identifier {
    path: &'static str,
    /// What the e-mail calls it.
    name: &'static str,
    /// The platform's own name for it, after the name.
    aka: &'static str,
    /// Where the profile holds the same identifier as typed on another platform's page.
    copies: &'static [&'static str],
}

impl Identifier {
    fn label(&self) -> String {
        if self.aka.is_empty() {
            self.name.to_string()
        } else {
            format!("{} ({})", self.name, self.aka)
        }
    }
}

/// The identifiers, in the order the e-mail lists them; the first two are Seller IDs.
const IDENTIFIERS: [Identifier; 3] = [
    Identifier {
        path: "ozon.seller_id",
        name: "Ozon Seller ID",
        aka: "Client-Id",
        copies: &[],
    },
    Identifier {
        path: "amazon.seller_id",
        name: "Amazon Seller ID",
        aka: "Merchant Token",
        copies: &[],
    },
    Identifier {
        path: "lianlian.merchant_id",
        name: "LianLian Merchant ID",
        aka: "",
        copies: &["ozon.payout_account.merchant_id"],
    },
];

impl Facts {
    /// The value of the text field at `path`, or a [`Missing`] item saying `what` it is.
    fn need(&mut self, analysis: &Analysis, path: &'static str, what: &str) -> Option<String> {
        match analysis.profile.text(path) {
            Some(v) if !v.trim().is_empty() => Some(shown(analysis, path, v)),
            _ => {
                self.missing.push(Missing {
                    field: path,
                    what: what.to_string(),
                });
                None
            }
        }
    }

    /// An identifier support looks the account up by: shown when present and accepted; asked
    /// for when missing, or when a check rejected it (then the item says why).
    fn identifier(&mut self, analysis: &Analysis, pack: &RulePack, id: &Identifier) -> Shown {
        let (path, what) = (id.path, format!("the {}", id.label()));
        let rejected = rejections(analysis, pack, path);
        if rejected.is_empty() {
            return self
                .need(analysis, path, &what)
                .map_or(Shown::Asked, Shown::Value);
        }
        self.missing.push(Missing {
            field: path,
            what: format!(
                "{what}, copied again from its account page: a check rejected the profile's value ({})",
                rejected.join("; ")
            ),
        });
        Shown::Rejected
    }

    fn gather(analysis: &Analysis, pack: &RulePack) -> Facts {
        let profile = &analysis.profile;
        let scope = Scope::of(profile);
        let mut facts = Facts {
            company: [
                "seller.legal_name_en",
                "ozon.legal_name",
                "amazon.legal_name",
                "seller.legal_name",
            ]
            .iter()
            .find_map(|p| profile.text(p).map(|v| shown(analysis, p, v))),
            ids: [None, None, None],
            error_code: None,
            code_known: false,
            no_code_shown: false,
            error_message: None,
            occurred_at: None,
            attempts: profile.integer("incident.attempts"),
            cache_cleared: profile.boolean("incident.browser_cache_cleared"),
            missing: Vec::new(),
            scope,
        };
        let scope = &facts.scope;
        let wanted = [scope.ozon || scope.ogp, scope.amazon, scope.lianlian];
        for (i, id) in IDENTIFIERS.iter().enumerate() {
            if wanted[i] {
                facts.ids[i] = Some(facts.identifier(analysis, pack, id));
            }
        }
        facts.gather_incident(analysis, pack);
        facts
    }

    /// The error code, message, time and attempts.
    fn gather_incident(&mut self, analysis: &Analysis, pack: &RulePack) {
        let profile = &analysis.profile;
        // An error code given with `--symptom` answers the item as `incident.error_code` would.
        let symptom_code = analysis.reported.symptom_codes.first();
        let recorded = profile.text("incident.error_code");
        let raw_code = recorded.or(symptom_code.map(String::as_str));
        self.code_known = raw_code.is_some_and(|raw| {
            pack.error_codes
                .keys()
                .any(|known| known.eq_ignore_ascii_case(raw.trim()))
        });
        self.error_code = match symptom_code {
            Some(code) if recorded.is_none() => Some(redacted(analysis, code)),
            // "none" records that the page showed no code: the item is answered, not missing.
            _ => self
                .need(
                    analysis,
                    "incident.error_code",
                    "the error code shown on the page (write \"none\" if no code was shown)",
                )
                .filter(|c| !c.trim().eq_ignore_ascii_case("none")),
        };
        self.no_code_shown = recorded.is_some_and(|c| c.trim().eq_ignore_ascii_case("none"));
        self.error_message = self.need(
            analysis,
            "incident.error_message",
            "the error message, copied exactly as shown",
        );
        self.occurred_at = match profile.field("incident.occurred_at").map(|f| &f.value) {
            Some(Value::DateTime(t)) => Some(shown(analysis, "incident.occurred_at", t)),
            _ => {
                self.missing.push(Missing {
                    field: "incident.occurred_at",
                    what: "when the error occurred, with time zone (2026-11-20T10:15:00+08:00)"
                        .to_string(),
                });
                None
            }
        };
        if self.attempts.is_none() {
            self.missing.push(Missing {
                field: "incident.attempts",
                what: "how many times the binding was attempted".to_string(),
            });
        }
    }

    /// The identifiers the e-mail presents in full, as the profile holds them, with their
    /// copies typed on other pages: the causes show these in full too, never a masked copy of
    /// what the account details print.
    fn in_full<'a>(&self, analysis: &'a Analysis) -> Vec<&'a str> {
        IDENTIFIERS
            .iter()
            .zip(&self.ids)
            .filter(|(_, shown)| shown.as_ref().is_some_and(|s| s.value().is_some()))
            .flat_map(|(id, _)| std::iter::once(id.path).chain(id.copies.iter().copied()))
            .filter_map(|path| analysis.profile.text(path))
            .collect()
    }

    /// The Seller ID the subject names: the Ozon one, else the Amazon one, when presented.
    fn seller_id(&self) -> Option<&str> {
        self.ids[..2]
            .iter()
            .find_map(|id| id.as_ref().and_then(Shown::value))
    }
}

/// What the e-mail shows where the profile lacks an item, for the sender to fill in.
fn placeholder(what: &str) -> String {
    format!("<ADD: {what}>")
}

/// The subject line: the topic, then the Seller ID and the error code when known.
fn subject_line(facts: &Facts) -> String {
    let mut subject = facts.scope.topic().to_string();
    let mut tags: Vec<String> = Vec::new();
    if let Some(id) = facts.seller_id() {
        tags.push(format!("Seller ID {id}"));
    }
    if let Some(code) = &facts.error_code {
        tags.push(format!("error {code}"));
    }
    if !tags.is_empty() {
        subject.push_str(&format!(" ({})", tags.join(", ")));
    }
    subject
}

/// The "Account details" part: the company, the identifiers support looks the account up by,
/// and the payout settings, each choice in words.
fn account_details(facts: &Facts, analysis: &Analysis) -> String {
    let mut body = String::from("Account details\n");
    if let Some(c) = &facts.company {
        body.push_str(&format!("  Company: {c}\n"));
    }
    for (identifier, shown) in IDENTIFIERS.iter().zip(&facts.ids) {
        if let Some(shown) = shown {
            body.push_str(&format!(
                "  {}: {}\n",
                identifier.label(),
                shown.or_placeholder(identifier.name)
            ));
        }
    }
    for (path, label) in [
        ("ozon.payment_method", "Payment method selected on Ozon"),
        (
            "ozon.default_payout_method",
            "Default payout method on Ozon",
        ),
        ("lianlian.ozon_channel", "Ozon channel status in LianLian"),
        ("ozon_global_pay.status", "Ozon Global Pay account status"),
        (
            "amazon.deposit_method.provider",
            "Amazon deposit method provider",
        ),
    ] {
        if let Some(v) = analysis.profile.text(path) {
            body.push_str(&format!("  {label}: {}\n", in_words(analysis, path, v)));
        }
    }
    body
}

/// The "What happened" part: the error code, message, time and attempts, and what was
/// reported. A text quoted in another language than the e-mail's carries an English rendering.
fn what_happened(
    facts: &Facts,
    analysis: &Analysis,
    pack: &RulePack,
    options: &TicketOptions,
) -> String {
    let mut body = String::from("\nWhat happened\n");
    body.push_str(&match &facts.error_code {
        Some(code) if facts.code_known => format!("  Error code: {code}\n"),
        Some(code) => format!(
            "  Error code: {code} (we found no documented meaning for this code; please tell us what it means)\n"
        ),
        None if facts.no_code_shown => "  Error code: none was shown\n".to_string(),
        None => format!("  Error code: {}\n", placeholder("error code")),
    });
    // Without a recorded message, the problem the seller reported with `--symptom` stands for
    // it (quoted once, there).
    let reported = reported_problem(analysis, options);
    body.push_str(&match (&facts.error_message, &reported) {
        (Some(m), _) => format!("  Error message: \"{m}\"{}\n", in_english(pack, m)),
        (None, Some(_)) => "  Error message: as reported below\n".to_string(),
        (None, None) => format!("  Error message: {}\n", placeholder("error message")),
    });
    body.push_str(&format!(
        "  Time: {}\n",
        facts
            .occurred_at
            .clone()
            .unwrap_or_else(|| placeholder("date, time and time zone"))
    ));
    let cache = match facts.cache_cleared {
        Some(true) => " (browser cache cleared before retrying: yes)",
        Some(false) => " (browser cache cleared before retrying: no)",
        None => "",
    };
    body.push_str(&format!(
        "  Attempts made: {}{cache}\n",
        facts
            .attempts
            .map_or_else(|| placeholder("number of attempts"), |n| n.to_string())
    ));
    body.push_str(&reported_lines(analysis, pack, reported.as_deref()));
    body
}

/// The problem reported with `--symptom`, redacted when it holds a credential.
fn reported_problem(analysis: &Analysis, options: &TicketOptions) -> Option<String> {
    // A credential in it was recorded with the profile's secrets when it was analysed.
    options
        .symptom
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| redacted(analysis, s))
}

/// What the e-mail adds after a quoted `text` written in another script than English: the
/// English names of the symptoms bindcheck reads in it, or a placeholder asking the sender for
/// a translation. Support desks work in English; the original stays, since it is what the page
/// showed.
fn in_english(pack: &RulePack, text: &str) -> String {
    if !text.chars().any(needs_translation) {
        return String::new();
    }
    let names: Vec<&str> = pack
        .symptoms_in(text)
        .into_iter()
        .filter_map(|id| pack.symptoms.get(id))
        .map(|symptom| symptom.en.as_str())
        .collect();
    let english = if names.is_empty() {
        placeholder(UNTRANSLATED)
    } else {
        names.join("; ")
    };
    format!(" (in English: {english})")
}

/// What the placeholder for a missing English rendering asks for.
const UNTRANSLATED: &str = "English translation";

/// A letter of a script an English-reading support agent cannot read (Greek, Cyrillic, Chinese,
/// …): Latin letters, accented or not, are read.
fn needs_translation(ch: char) -> bool {
    ch.is_alphabetic() && ch > '\u{024F}'
}

/// The last lines of "What happened": the test payment, the payout status and the problem
/// reported with `--symptom`.
fn reported_lines(analysis: &Analysis, pack: &RulePack, reported: Option<&str>) -> String {
    let profile = &analysis.profile;
    let mut body = String::new();
    if let Some(t) = profile.text("incident.test_payment") {
        body.push_str(&format!(
            "  Test payment: {}\n",
            in_words(analysis, "incident.test_payment", t)
        ));
    }
    if let Some(s) = profile.text("incident.payout_status") {
        let status = shown(analysis, "incident.payout_status", s);
        let english = in_english(pack, &status);
        body.push_str(&format!("  Payout status shown: \"{status}\"{english}\n"));
    }
    if let Some(text) = reported {
        let english = in_english(pack, text);
        body.push_str(&format!("  Reported problem: \"{text}\"{english}\n"));
    }
    body
}

/// The causes the e-mail lists: those about the binding, at most `max_causes`; apart from
/// them those about the profile file, which support does not need, and the advice, which
/// blocks nothing.
struct Listed<'a> {
    binding: Vec<&'a Cause>,
    file: Vec<&'a Cause>,
    advice: Vec<&'a Cause>,
    shown: usize,
}

impl<'a> Listed<'a> {
    fn of(analysis: &'a Analysis, pack: &RulePack, options: &TicketOptions) -> Self {
        let (mut binding, mut file, mut advice) = (Vec::new(), Vec::new(), Vec::new());
        for cause in &analysis.causes {
            let mut members = cause.members(&analysis.ranked);
            if members.all(|r| about_the_file(r.finding.code)) {
                if cause.severity <= Severity::Warning {
                    file.push(cause);
                }
            } else if blocks_nothing(cause, analysis, pack) {
                advice.push(cause);
            } else {
                binding.push(cause);
            }
        }
        let shown = binding.len().min(options.max_causes.max(1));
        Listed {
            binding,
            file,
            advice,
            shown,
        }
    }

    fn in_email(&self) -> &[&'a Cause] {
        &self.binding[..self.shown]
    }
}

/// Whether a cause is advice that blocks nothing: an info, or a warning none of whose
/// findings can explain any symptom a seller reports (a fee or a conversion cost, like a low
/// auto-withdraw threshold). Support is asked about what fails, not about what costs.
fn blocks_nothing(cause: &Cause, analysis: &Analysis, pack: &RulePack) -> bool {
    cause.severity == Severity::Info
        || (cause.severity == Severity::Warning
            && cause.members(&analysis.ranked).all(|r| {
                pack.rule(r.finding.code).is_none_or(|policy| {
                    policy.symptoms.is_empty()
                        && policy.symptoms_by_field.values().all(Vec::is_empty)
                })
            }))
}

/// The "What we checked" part: the causes found, by title and in plain words, then the checks
/// that found nothing.
fn what_we_checked(
    analysis: &Analysis,
    pack: &RulePack,
    shown: &Shows,
    listed: &Listed,
    not_found: &NotFound,
) -> String {
    let mut body = String::from("\nWhat we checked\n");
    let intro = "  A check of our account details (bindcheck)";
    body.push_str(&match (listed.shown, listed.binding.len()) {
        (0, _) if !listed.file.is_empty() => {
            format!("{intro} found no problem in the payout details themselves.\n")
        }
        (0, _) if listed.advice.iter().all(|c| c.severity == Severity::Info) => {
            format!("{intro} found no error or warning.\n")
        }
        (0, _) => format!("{intro} found nothing that blocks the binding or the payout.\n"),
        (1, 1) => format!("{intro} found one possible cause:\n"),
        (n, all) if n == all => {
            format!("{intro} found {all} possible causes, most likely first:\n")
        }
        (n, all) => format!("{intro} found {all} possible causes; the {n} most likely first:\n"),
    });
    for (i, cause) in listed.in_email().iter().enumerate() {
        body.push_str(&plain_cause(i + 1, cause, analysis, pack, shown));
    }
    body.push_str(&not_found.email);
    body
}

/// How many checks found nothing, and the few the e-mail names.
struct NotFound {
    /// The e-mail's lines.
    email: String,
    /// The codes of every check that found nothing, for below the cut.
    codes: Vec<&'static str>,
    /// Checks that found nothing but read a field another check rejected: their silence says
    /// nothing (a rule stands aside when another one's cause takes the value), so the e-mail
    /// does not claim them.
    inconclusive: Vec<&'static str>,
    /// Checks whose findings the profile suppresses (`[[bindcheck.ignore]]`): not checked, by
    /// request.
    by_request: Vec<&'static str>,
}

/// The most checks the e-mail names as having found nothing: the rest are counted.
const NOT_FOUND_NAMED: usize = 6;

/// The checks that looked at the profile and found nothing. The e-mail names those support
/// cares about — the checks that could explain the reported problem, or with none reported
/// the checks of errors that block a binding — the likeliest first, at most
/// [`NOT_FOUND_NAMED`], and counts the others. A check that read a value another check
/// rejected, or that the profile suppresses, did not judge it: it is neither named nor counted.
fn not_found(analysis: &Analysis, pack: &RulePack) -> NotFound {
    let profile = &analysis.profile;
    let fired = |code: &str| {
        analysis.ranked.iter().any(|r| r.finding.code == code)
            || analysis.suppressed.iter().any(|f| f.code == code)
    };
    let reported = &analysis.reported.symptoms;
    let relevant = |code: &str| {
        pack.rule(code).is_some_and(|policy| {
            if reported.is_empty() {
                policy.severity_for("default") == Severity::Error
            } else {
                policy.could_explain(reported)
            }
        })
    };
    let rejected = rejected_fields(analysis);
    let reads_rejected = |rule: &crate::rules::Rule| {
        rule.inputs
            .iter()
            .chain(
                rule.needs
                    .iter()
                    .chain(rule.judges)
                    .flat_map(|set| set.iter()),
            )
            .any(|path| rejected.contains(path))
    };
    let silent: Vec<&'static crate::rules::Rule> = RULES
        .iter()
        .filter(|r| r.family != Family::Characters && !r.family.is_about_the_file())
        .filter(|r| !fired(r.code) && crate::rules::was_checked(r, pack, profile))
        .collect();
    let (inconclusive, clean): (Vec<_>, Vec<_>) =
        silent.into_iter().partition(|r| reads_rejected(r));
    let inconclusive = inconclusive.iter().map(|r| r.code).collect();
    let mut clean: Vec<&'static str> = clean.iter().map(|r| r.code).collect();
    let mut by_request: Vec<&'static str> = RULES
        .iter()
        .filter(|r| analysis.suppressed.iter().any(|f| f.code == r.code))
        .map(|r| r.code)
        .collect();
    by_request.dedup();
    let character_fields = profile
        .fields
        .iter()
        .filter(|f| {
            matches!(
                f.spec.class,
                FieldClass::Identifier | FieldClass::Name | FieldClass::Address
            )
        })
        .count();
    let characters_clean = character_fields > 0
        && !RULES
            .iter()
            .filter(|r| r.family == Family::Characters)
            .any(|r| fired(r.code));
    let characters_relevant = characters_clean
        && RULES
            .iter()
            .any(|r| r.family == Family::Characters && relevant(r.code));
    let likelihood = |code: &str| pack.rule(code).map_or(0.0, |p| p.prior());
    let mut named: Vec<&'static str> = clean.iter().copied().filter(|c| relevant(c)).collect();
    named.sort_by(|a, b| likelihood(b).total_cmp(&likelihood(a)));
    let room = NOT_FOUND_NAMED.saturating_sub(usize::from(characters_relevant));
    named.truncate(room);
    let checks = clean.len() + usize::from(characters_clean);
    let others = checks - named.len() - usize::from(characters_relevant);
    let mut email = String::new();
    if checks > 0 {
        email.push_str("  Also checked for, and not found:\n");
        for code in &named {
            email.push_str(&format!("    - {}\n", title(pack, code, "default")));
        }
        if characters_relevant {
            email.push_str(&format!(
                "    - hidden, look-alike or broken characters ({character_fields} names, addresses and identifiers)\n"
            ));
        }
        email.push_str(
            &match (others, named.len() + usize::from(characters_relevant)) {
                (0, _) => String::new(),
                (n, 0) => format!(
                    "    - {n} check(s) of the account details, none of which found a problem\n"
                ),
                (1, _) => "    - and 1 other check, which found no problem either\n".to_string(),
                (n, _) => format!("    - and {n} other checks, which found no problem either\n"),
            },
        );
    }
    if characters_clean {
        clean.push("BC201-BC206");
    }
    NotFound {
        email,
        codes: clean,
        inconclusive,
        by_request,
    }
}

/// The fields a check rejected (an error or a warning, not the character checks, which judge
/// a value's characters and leave it readable), by the paths rules read them by.
fn rejected_fields(analysis: &Analysis) -> Vec<&'static str> {
    let mut fields: Vec<&'static str> = Vec::new();
    for ranked in &analysis.ranked {
        let family = crate::rules::lookup(ranked.finding.code).map(|r| r.family);
        if ranked.severity > Severity::Warning || family == Some(Family::Characters) {
            continue;
        }
        let path = crate::profile::schema::without_entry(&ranked.finding.field);
        let path = crate::profile::schema::deposit_method_path(&path)
            .or_else(|| crate::profile::schema::field(&path).map(|spec| spec.path));
        if let Some(path) = path
            && !fields.contains(&path)
        {
            fields.push(path);
        }
    }
    fields
}

/// The lines below the cut: the diagnosis as `diagnose` counts it, the causes of the e-mail
/// with their codes and positions, what was left out, and every check that found nothing.
fn for_the_sender(analysis: &Analysis, listed: &Listed, not_found: &NotFound) -> Vec<String> {
    let mut internal = vec![diagnosis_summary(analysis)];
    if listed.shown > 0 {
        internal.push("Causes in the e-mail (as `bindcheck diagnose` lists them):".to_string());
        for (i, cause) in listed.in_email().iter().enumerate() {
            internal.push(format!("  {}. {}", i + 1, technical(cause, analysis)));
        }
    }
    for (left_out, why) in [
        (
            &listed.file,
            "problems of the profile file itself, which support does not need (fix them before sending)",
        ),
        (
            &listed.advice,
            "advice that blocks nothing (a cost, a note), yours to act on",
        ),
    ] {
        if !left_out.is_empty() {
            internal.push(format!("Left out of the e-mail: {why}:"));
            for cause in left_out {
                internal.push(format!("  - {}", technical(cause, analysis)));
            }
        }
    }
    if !not_found.codes.is_empty() {
        internal.push(format!(
            "Checked without a problem: {}",
            not_found.codes.join(", ")
        ));
    }
    if !not_found.inconclusive.is_empty() {
        internal.push(format!(
            "Not claimed as checked (they read a value another check rejected): {}",
            not_found.inconclusive.join(", ")
        ));
    }
    if !not_found.by_request.is_empty() {
        internal.push(format!(
            "Not checked, by request ([[bindcheck.ignore]] in the profile): {}",
            not_found.by_request.join(", ")
        ));
    }
    internal
}

/// The rule's English title for `variant` (a not-compared variant has its own), or its code
/// when a rulepack gives none.
fn title(pack: &RulePack, code: &str, variant: &str) -> String {
    pack.rule(code)
        .map(|p| escape(p.texts(Lang::En).title_for(variant)).into_owned())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| code.to_string())
}

/// What a severity means, in the words of the e-mail (the severities of `docs/rules/`).
fn consequence(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "this blocks the binding or the payout",
        Severity::Warning => "this is likely to make it fail, delay it or cost money",
        Severity::Info => "advice",
    }
}

/// How the causes show identifiers: in full with `--show-values`, and those the account
/// details print in full ([`Facts::in_full`]) always.
struct Shows<'a> {
    values: bool,
    in_full: Vec<&'a str>,
}

/// A finding's message as the e-mail says it: in plain words, as a sentence.
fn plain_message(analysis: &Analysis, ranked: &Ranked, pack: &RulePack, shown: &Shows) -> String {
    let wording = Wording {
        lang: Lang::En,
        show_values: shown.values,
        naming: Naming::Plain,
    };
    let secrets = analysis.profile.source.secrets();
    let mut args = crate::report::finding_args(&ranked.finding, secrets, pack, wording);
    let in_full = Wording {
        show_values: true,
        ..wording
    };
    for (key, arg) in &ranked.finding.args {
        if let crate::finding::Arg::Ident(value) = arg
            && shown.in_full.contains(&value.as_str())
            && let Some(slot) = args.iter_mut().find(|(k, _)| k == key)
        {
            let arg = secrets.redact_arg(arg, secret_marker());
            slot.1 = crate::report::render_arg(&arg, in_full);
        }
    }
    let message = crate::report::finding_message(&ranked.finding, &args, secrets, pack, wording);
    let mut chars = message.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// One cause as the e-mail lists it: its title and what it means, the leading finding's
/// message in plain words, the other findings it explains by title, and why it is unlikely.
fn plain_cause(
    number: usize,
    cause: &Cause,
    analysis: &Analysis,
    pack: &RulePack,
    shown: &Shows,
) -> String {
    let mut members = cause.members(&analysis.ranked);
    let Some(lead) = members.next() else {
        return String::new();
    };
    let lead_title = title(pack, lead.finding.code, lead.finding.variant);
    let mut text = format!(
        "    {number}. {lead_title} ({})\n       {}\n",
        consequence(cause.severity),
        plain_message(analysis, lead, pack, shown)
    );
    let mut also: Vec<String> = Vec::new();
    for other in members {
        let t = title(pack, other.finding.code, other.finding.variant);
        if t != lead_title && !also.contains(&t) {
            also.push(t);
        }
    }
    if !also.is_empty() {
        text.push_str(&format!("       Found with it: {}.\n", also.join("; ")));
    }
    let reasons: Vec<&str> = cause
        .ruled_out
        .iter()
        .filter_map(|id| pack.facts.get(id).map(|f| f.en.as_str()))
        .filter(|t| !t.is_empty())
        .collect();
    if !reasons.is_empty() {
        text.push_str(&format!(
            "       Unlikely, since {}.\n",
            escape(&reasons.join("; "))
        ));
    }
    text
}

/// A cause as `diagnose` names it: severity, codes, field and position of each finding.
fn technical(cause: &Cause, analysis: &Analysis) -> String {
    let source = &analysis.profile.source;
    let findings: Vec<String> = cause
        .members(&analysis.ranked)
        .map(|r| {
            let at = source.position(r.finding.span.start);
            format!(
                "{} {} at {} ({}:{})",
                r.finding.code,
                crate::rules::lookup(r.finding.code).map_or("", |rule| rule.name),
                escape(
                    &source
                        .secrets()
                        .redact_path(&r.finding.field, secret_marker())
                ),
                at.line,
                at.column
            )
        })
        .collect();
    format!(
        "cause {} [{}] {}",
        cause.rank,
        cause.severity.as_str(),
        findings.join(" + ")
    )
}

/// What `bindcheck diagnose` found, counted the way it counts: the causes and findings of its
/// heading, the findings of each severity among them, and apart from them the fields whose
/// absence kept rules from running (its "not checked" list).
fn diagnosis_summary(analysis: &Analysis) -> String {
    let (mut causes, mut findings, mut not_checked) = (0, 0, 0);
    let (mut errors, mut warnings, mut infos) = (0, 0, 0);
    for cause in &analysis.causes {
        if cause
            .lead(&analysis.ranked)
            .is_some_and(|r| r.finding.code == crate::rules::NOT_CHECKED)
        {
            not_checked += cause.findings.len();
            continue;
        }
        causes += 1;
        for member in cause.members(&analysis.ranked) {
            findings += 1;
            match member.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                Severity::Info => infos += 1,
            }
        }
    }
    format!(
        "Diagnosis (as `bindcheck diagnose` gives it): {causes} cause(s) from {findings} finding(s); findings: {errors} error(s), {warnings} warning(s), {infos} info; fields not checked: {not_checked}."
    )
}

/// The "Attachments" part: what support asks to see for the platforms of the profile.
fn attachments(scope: &Scope, pack: &RulePack) -> String {
    let mut body = String::new();
    body.push_str("\nAttachments\n");
    body.push_str("  [ ] Screenshot of the error, showing the full page URL (address bar) and the date and time (timestamp)\n");
    if scope.ozon && scope.lianlian {
        body.push_str("  [ ] Screenshot of Ozon Seller Center > Settings > Payments showing the payment method and payout details, with URL and timestamp\n");
        body.push_str("  [ ] Screenshot of the LianLian Global store page showing the Merchant ID and the Ozon channel status, with URL and timestamp\n");
    }
    if scope.ogp {
        body.push_str("  [ ] Screenshot of the Ozon Global Pay account page showing its status, with URL and timestamp\n");
    }
    if scope.amazon {
        let days = pack.param_integer("BC706", "max_age_days").map_or_else(
            |_| String::new(),
            |d| format!(", issued within the last {d} days"),
        );
        body.push_str(&format!(
            "  [ ] Bank account verification document (PDF, not a screenshot{days})\n"
        ));
        body.push_str("  [ ] Screenshot of Seller Central > Settings > Deposit Methods, with URL and timestamp\n");
    }
    body.push_str("  [ ] Business licence (scan of the original)\n");
    body
}

/// Drafts the ticket for an analysed profile: gathers its facts, then writes each section.
pub fn draft(analysis: &Analysis, pack: &RulePack, options: &TicketOptions) -> Ticket {
    let mut facts = Facts::gather(analysis, pack);
    let listed = Listed::of(analysis, pack, options);
    let nothing_found = not_found(analysis, pack);
    let mut body = format!(
        "Hello,\n\nWe need help with {}. The details are below.\n\n",
        facts.scope.sentence()
    );
    body.push_str(&account_details(&facts, analysis));
    if reported_problem(analysis, options).is_some() {
        // The reported problem stands for the message: it is not missing.
        facts
            .missing
            .retain(|m| m.field != "incident.error_message");
    }
    body.push_str(&what_happened(&facts, analysis, pack, options));
    let shown = Shows {
        values: options.show_values,
        in_full: facts.in_full(analysis),
    };
    body.push_str(&what_we_checked(
        analysis,
        pack,
        &shown,
        &listed,
        &nothing_found,
    ));
    body.push_str(&attachments(&facts.scope, pack));
    body.push_str("\nPlease tell us what causes the error and what we need to change to complete the setup.\n\nBest regards,\n");
    body.push_str(
        &facts
            .company
            .clone()
            .unwrap_or_else(|| placeholder("company name")),
    );
    body.push('\n');

    // No pass over the whole draft: each value was redacted where it was put in, and a pass
    // over the e-mail's own words would blank those a secret happens to spell.
    let mut internal = for_the_sender(analysis, &listed, &nothing_found);
    if body.contains(&placeholder(UNTRANSLATED)) {
        internal.push(format!(
            "Support reads English: replace {} with what the message says before sending.",
            placeholder(UNTRANSLATED)
        ));
    }
    Ticket {
        subject: subject_line(&facts),
        body,
        missing: facts.missing,
        internal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{AnalyzeOptions, analyze};
    use proptest::prelude::*;

    /// A TOML basic string holding `s` exactly.
    fn toml_string(s: &str) -> String {
        let mut out = String::from("\"");
        for ch in s.chars() {
            match ch {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    fn draft_for(text: &str, symptom: Option<String>) -> Option<Ticket> {
        let pack = RulePack::builtin().ok()?;
        let options = AnalyzeOptions {
            as_of: Some(jiff::civil::date(2026, 11, 21)),
            symptom: symptom.clone(),
        };
        let analysis = analyze("p.toml", text.as_bytes(), &pack, &options).ok()?;
        Some(draft(
            &analysis,
            &pack,
            &TicketOptions {
                symptom,
                show_values: false,
                max_causes: 5,
            },
        ))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Whatever the values, drafting does not panic, prints no secret and no raw invisible
        /// or control character.
        #[test]
        fn any_values_draft_safely(
            seller in "\\PC{0,12}",
            merchant in "\\PC{0,30}",
            code in "\\PC{0,12}",
            message in "\\PC{0,40}",
            symptom in proptest::option::of("\\PC{0,40}"),
            attempts in -3i64..20,
        ) {
            let text = format!(
                "format = 1\n[lianlian]\nmerchant_id = {}\napi_key = \"SECRET-VALUE-XYZ\"\n[ozon]\nseller_id = {}\n[incident]\nerror_code = {}\nerror_message = {}\nattempts = {attempts}\n",
                toml_string(&merchant),
                toml_string(&seller),
                toml_string(&code),
                toml_string(&message),
            );
            if let Some(ticket) = draft_for(&text, symptom) {
                let out = ticket.render();
                prop_assert!(!out.contains("SECRET-VALUE-XYZ"));
                prop_assert!(
                    !out.chars().any(|c| c != '\n' && crate::unicode::is_unsafe_to_print(c)),
                    "{out}"
                );
            }
        }
    }

    #[test]
    fn empty_profile_lists_every_item() {
        let ticket = draft_for("format = 1\n", None).unwrap();
        assert_eq!(ticket.subject, "Payout binding problem");
        let fields: Vec<&str> = ticket.missing.iter().map(|m| m.field).collect();
        assert_eq!(
            fields,
            vec![
                "ozon.seller_id",
                "incident.error_code",
                "incident.error_message",
                "incident.occurred_at",
                "incident.attempts"
            ]
        );
    }
}
