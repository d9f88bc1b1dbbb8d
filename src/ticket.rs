//! An English support e-mail drafted from an analysed profile (`bindcheck ticket`).
//!
//! Support desks (Ozon, LianLian, Amazon) answer faster when a ticket carries the items they
//! always ask for: the seller and merchant identifiers, the error code and time, what was tried,
//! and a screenshot showing the page URL and a timestamp (seed-ozon-lianlian-failures). The
//! draft is always English, whatever the locale, because that is what those desks require.
//!
//! Values: the Ozon / Amazon Seller ID and the LianLian Merchant ID are printed in full, since
//! support cannot find the account without them; every value is escaped (`⟨U+200B⟩`) so that an
//! invisible character is visible instead of being pasted into the e-mail. Identifiers inside
//! the causes' messages follow `--show-values` like `diagnose`. Secrets are never printed: the
//! whole draft goes through the profile's [`crate::redact::Secrets`], so a credential in a free
//! text (an error message) is shown as `‹secret›` and the rest of the text stays.

use crate::pipeline::Analysis;
use crate::profile::schema::FieldClass;
use crate::profile::{Profile, Value};
use crate::rank::{Cause, Ranked};
use crate::rulepack::{Lang, RulePack, Severity, fill};
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
    pub what: &'static str,
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

/// Codes that are about the profile file itself, not about the binding: not support's business.
fn about_the_file(code: &str) -> bool {
    crate::rules::lookup(code).is_some_and(|r| r.family.is_about_the_file())
}

/// What the e-mail shows in place of a credential: it is always English.
fn secret_marker() -> &'static str {
    crate::report::words::secret_marker(Lang::En)
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

/// How the e-mail names a field: the format's own description of it, in quotes.
fn field_in_words(path: &str) -> String {
    match crate::profile::schema::field(path) {
        Some(spec) => format!("\"{}\"", spec.en),
        None => format!("\"{}\"", escape(&path.replace(['.', '_'], " "))),
    }
}

/// A finding's English message for the e-mail, filled from its arguments (each escaped once),
/// with its fields named in words instead of by their paths.
fn plain_message(
    analysis: &Analysis,
    ranked: &Ranked,
    pack: &RulePack,
    show_values: bool,
) -> String {
    let finding = &ranked.finding;
    let texts = pack.rule(finding.code).map(|p| p.texts(Lang::En));
    let secrets = analysis.profile.source.secrets();
    let mut args = crate::report::finding_args(finding, secrets, show_values, Lang::En);
    args.push(("field", field_in_words(&finding.field)));
    if let Some(other) = finding.related.first() {
        args.push(("other_field", field_in_words(&other.field)));
    }
    // The rulepack quotes code-like words with backticks, which an e-mail does not need.
    texts
        .and_then(|t| t.message.get(finding.variant))
        .map(|m| fill(&m.replace('`', ""), &args))
        .unwrap_or_else(|| title(pack, finding.code))
}

/// The "What we checked" part of the e-mail, in the words of the e-mail: the causes found, by
/// title and in plain words, and what was checked without a problem. Rule codes and field paths
/// stay out of the e-mail; the lines returned say them, for the part below it.
fn what_we_checked(
    analysis: &Analysis,
    pack: &RulePack,
    options: &TicketOptions,
    body: &mut String,
) -> Vec<String> {
    let profile = &analysis.profile;
    let mut internal = Vec::new();
    body.push_str("\nWhat we checked\n");
    let (binding, file): (Vec<&Cause>, Vec<&Cause>) = analysis
        .causes
        .iter()
        .filter(|c| c.severity <= Severity::Warning)
        .partition(|c| {
            !c.members(&analysis.ranked)
                .all(|r| about_the_file(r.finding.code))
        });
    let listed = &binding[..binding.len().min(options.max_causes.max(1))];
    match (listed.len(), binding.len()) {
        (0, _) if file.is_empty() => body.push_str(
            "  A check of our account details (bindcheck) found no error or warning.\n",
        ),
        (0, _) => body.push_str(
            "  A check of our account details (bindcheck) found no problem in the payout details themselves.\n",
        ),
        (1, 1) => body.push_str(
            "  A check of our account details (bindcheck) found one possible cause:\n",
        ),
        (n, all) if n == all => body.push_str(&format!(
            "  A check of our account details (bindcheck) found {all} possible causes, most likely first:\n"
        )),
        (n, all) => body.push_str(&format!(
            "  A check of our account details (bindcheck) found {all} possible causes; the {n} most likely first:\n"
        )),
    }
    for (i, cause) in listed.iter().enumerate() {
        body.push_str(&plain_cause(
            i + 1,
            cause,
            analysis,
            pack,
            options.show_values,
        ));
    }
    internal.push(diagnosis_summary(analysis));
    if !listed.is_empty() {
        internal.push("Causes in the e-mail (as `bindcheck diagnose` lists them):".to_string());
        for (i, cause) in listed.iter().enumerate() {
            internal.push(format!("  {}. {}", i + 1, technical(cause, analysis)));
        }
    }
    if !file.is_empty() {
        internal.push(
            "Left out of the e-mail: problems of the profile file itself, which support does not need (fix them before sending):"
                .to_string(),
        );
        for cause in &file {
            internal.push(format!("  - {}", technical(cause, analysis)));
        }
    }
    let fired = |code: &str| {
        analysis.ranked.iter().any(|r| r.finding.code == code)
            || analysis.suppressed.iter().any(|f| f.code == code)
    };
    let clean: Vec<&'static str> = RULES
        .iter()
        .filter(|r| r.family != Family::Characters && !r.family.is_about_the_file())
        .filter(|r| !fired(r.code) && crate::rules::was_checked(r, pack, profile))
        .map(|r| r.code)
        .collect();
    let char_fields = profile
        .fields
        .iter()
        .filter(|f| {
            matches!(
                f.spec.class,
                FieldClass::Identifier | FieldClass::Name | FieldClass::Address
            )
        })
        .count();
    let char_clean = char_fields > 0
        && !RULES
            .iter()
            .filter(|r| r.family == Family::Characters)
            .any(|r| fired(r.code));
    if !clean.is_empty() || char_clean {
        body.push_str("  Also checked for, and not found:\n");
        for code in &clean {
            body.push_str(&format!("    - {}\n", title(pack, code)));
        }
        if char_clean {
            body.push_str(&format!(
                "    - hidden, look-alike or broken characters ({char_fields} names, addresses and identifiers)\n"
            ));
        }
        let mut codes: Vec<&str> = clean.clone();
        if char_clean {
            codes.push("BC201-BC206");
        }
        internal.push(format!("Checked without a problem: {}", codes.join(", ")));
    }
    internal
}

/// The rule's English title, or its code when a rulepack gives none.
fn title(pack: &RulePack, code: &str) -> String {
    pack.rule(code)
        .map(|p| escape(&p.texts(Lang::En).title).into_owned())
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

/// One cause as the e-mail lists it: its title and what it means, the leading finding's
/// message with the fields named in words, the other findings it explains by title, and why it
/// is unlikely.
fn plain_cause(
    number: usize,
    cause: &Cause,
    analysis: &Analysis,
    pack: &RulePack,
    show_values: bool,
) -> String {
    let mut members = cause.members(&analysis.ranked);
    let Some(lead) = members.next() else {
        return String::new();
    };
    let lead_title = title(pack, lead.finding.code);
    let mut text = format!(
        "    {number}. {lead_title} ({})\n       {}\n",
        consequence(cause.severity),
        plain_message(analysis, lead, pack, show_values)
    );
    let mut also: Vec<String> = Vec::new();
    for other in members {
        let t = title(pack, other.finding.code);
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
                escape(&r.finding.field),
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

/// The last lines of "What happened": the test payment, the payout status and the problem
/// reported with `--symptom` (redacted when it holds a credential).
fn reported_lines(analysis: &Analysis, options: &TicketOptions) -> String {
    let profile = &analysis.profile;
    let mut body = String::new();
    if let Some(t) = profile.text("incident.test_payment") {
        body.push_str(&format!("  Test payment: {}\n", t.replace('_', " ")));
    }
    if let Some(s) = profile.text("incident.payout_status") {
        body.push_str(&format!(
            "  Payout status shown: \"{}\"\n",
            shown(analysis, "incident.payout_status", s)
        ));
    }
    if let Some(symptom) = options.symptom.as_deref().filter(|s| !s.trim().is_empty()) {
        // A credential in it was recorded with the profile's secrets when it was analysed.
        let secrets = profile.source.secrets();
        let text = escape(&secrets.redact(symptom.trim(), secret_marker())).into_owned();
        body.push_str(&format!("  Reported problem: \"{text}\"\n"));
    }
    body
}

/// What the e-mail shows where the profile lacks an item, for the sender to fill in.
fn placeholder(what: &str) -> String {
    format!("<ADD: {what}>")
}

/// The subject line: the topic, then the Seller ID and the error code when known.
fn subject_line(scope: &Scope, seller_id: Option<&str>, error_code: Option<&str>) -> String {
    let mut subject = scope.topic().to_string();
    let mut tags: Vec<String> = Vec::new();
    if let Some(id) = seller_id {
        tags.push(format!("Seller ID {id}"));
    }
    if let Some(code) = error_code {
        tags.push(format!("error {code}"));
    }
    if !tags.is_empty() {
        subject.push_str(&format!(" ({})", tags.join(", ")));
    }
    subject
}

/// The "Account details" part. `values`: the company name, the Ozon and Amazon Seller IDs and
/// the LianLian Merchant ID, each as the e-mail shows it (absent: a placeholder to fill in).
fn account_details(scope: &Scope, analysis: &Analysis, values: [&Option<String>; 4]) -> String {
    let profile = &analysis.profile;
    let mut body = String::new();
    body.push_str("Account details\n");
    let [company, ozon_id, amazon_id, merchant_id] = values;
    if let Some(c) = company {
        body.push_str(&format!("  Company: {c}\n"));
    }
    if scope.ozon || scope.ogp {
        body.push_str(&format!(
            "  Ozon Seller ID (Client-Id): {}\n",
            ozon_id
                .clone()
                .unwrap_or_else(|| placeholder("Ozon Seller ID"))
        ));
    }
    if scope.amazon {
        body.push_str(&format!(
            "  Amazon Seller ID (Merchant Token): {}\n",
            amazon_id
                .clone()
                .unwrap_or_else(|| placeholder("Amazon Seller ID"))
        ));
    }
    if scope.lianlian {
        body.push_str(&format!(
            "  LianLian Merchant ID: {}\n",
            merchant_id
                .clone()
                .unwrap_or_else(|| placeholder("LianLian Merchant ID"))
        ));
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
        if let Some(v) = profile.text(path) {
            body.push_str(&format!("  {label}: {}\n", shown(analysis, path, v)));
        }
    }
    body
}

/// The "Error code" line: the code, whether anything documents it, or that none was shown.
fn error_code_line(
    error_code: Option<&str>,
    raw_code: Option<&str>,
    no_code_shown: bool,
    pack: &RulePack,
) -> String {
    let code_known = raw_code.is_some_and(|raw| {
        pack.error_codes
            .keys()
            .any(|known| known.eq_ignore_ascii_case(raw.trim()))
    });
    match error_code {
        Some(code) if code_known => format!("  Error code: {code}\n"),
        Some(code) => format!(
            "  Error code: {code} (we found no documented meaning for this code; please tell us what it means)\n"
        ),
        None if no_code_shown => "  Error code: none was shown\n".to_string(),
        None => format!("  Error code: {}\n", placeholder("error code")),
    }
}

/// Drafts the ticket for an analysed profile.
pub fn draft(analysis: &Analysis, pack: &RulePack, options: &TicketOptions) -> Ticket {
    let profile = &analysis.profile;
    let scope = Scope::of(profile);
    let mut missing: Vec<Missing> = Vec::new();
    let mut need = |path: &'static str, what: &'static str| -> Option<String> {
        match profile.text(path) {
            Some(v) if !v.trim().is_empty() => Some(shown(analysis, path, v)),
            _ => {
                missing.push(Missing { field: path, what });
                None
            }
        }
    };

    let ozon_id = if scope.ozon || scope.ogp {
        need("ozon.seller_id", "the Ozon Seller ID (Client-Id)")
    } else {
        None
    };
    let amazon_id = if scope.amazon {
        need("amazon.seller_id", "the Amazon Seller ID (Merchant Token)")
    } else {
        None
    };
    let merchant_id = if scope.lianlian {
        need("lianlian.merchant_id", "the LianLian Merchant ID")
    } else {
        None
    };
    // An error code given with `--symptom` answers the item as `incident.error_code` would.
    let symptom_code = analysis.reported.symptom_codes.first();
    let raw_code = profile
        .text("incident.error_code")
        .or(symptom_code.map(String::as_str));
    let error_code = match symptom_code {
        Some(code) if profile.text("incident.error_code").is_none() => {
            Some(escape(code).into_owned())
        }
        // "none" records that the page showed no code: the item is answered, not missing.
        _ => need(
            "incident.error_code",
            "the error code shown on the page (write \"none\" if no code was shown)",
        )
        .filter(|c| !c.trim().eq_ignore_ascii_case("none")),
    };
    let no_code_shown = profile
        .text("incident.error_code")
        .is_some_and(|c| c.trim().eq_ignore_ascii_case("none"));
    let error_message = need(
        "incident.error_message",
        "the error message, copied exactly as shown",
    );
    let occurred_at = match profile.field("incident.occurred_at").map(|f| &f.value) {
        Some(Value::DateTime(t)) => Some(escape(t).into_owned()),
        _ => {
            missing.push(Missing {
                field: "incident.occurred_at",
                what: "when the error occurred, with time zone (2026-11-20T10:15:00+08:00)",
            });
            None
        }
    };
    let attempts = profile.integer("incident.attempts");
    if attempts.is_none() {
        missing.push(Missing {
            field: "incident.attempts",
            what: "how many times the binding was attempted",
        });
    }

    let seller_id = ozon_id.clone().or_else(|| amazon_id.clone());
    let subject = subject_line(&scope, seller_id.as_deref(), error_code.as_deref());

    let company = [
        "seller.legal_name_en",
        "ozon.legal_name",
        "amazon.legal_name",
    ]
    .iter()
    .chain(["seller.legal_name"].iter())
    .find_map(|p| profile.text(p).map(|v| shown(analysis, p, v)));

    let mut body = String::new();
    body.push_str("Hello,\n\n");
    body.push_str(&format!(
        "We need help with {}. The details are below.\n\n",
        scope.sentence()
    ));

    body.push_str(&account_details(
        &scope,
        analysis,
        [&company, &ozon_id, &amazon_id, &merchant_id],
    ));

    body.push_str("\nWhat happened\n");
    body.push_str(&error_code_line(
        error_code.as_deref(),
        raw_code,
        no_code_shown,
        pack,
    ));
    body.push_str(&format!(
        "  Error message: {}\n",
        error_message
            .map(|m| format!("\"{m}\""))
            .unwrap_or_else(|| placeholder("error message"))
    ));
    body.push_str(&format!(
        "  Time: {}\n",
        occurred_at.unwrap_or_else(|| placeholder("date, time and time zone"))
    ));
    let cache = match profile.boolean("incident.browser_cache_cleared") {
        Some(true) => " (browser cache cleared before retrying: yes)",
        Some(false) => " (browser cache cleared before retrying: no)",
        None => "",
    };
    body.push_str(&format!(
        "  Attempts made: {}{cache}\n",
        attempts.map_or_else(|| placeholder("number of attempts"), |n| n.to_string())
    ));
    body.push_str(&reported_lines(analysis, options));

    let internal = what_we_checked(analysis, pack, options, &mut body);

    body.push_str(&attachments(&scope, pack));

    body.push_str("\nPlease tell us what causes the error and what we need to change to complete the setup.\n\nBest regards,\n");
    body.push_str(&company.unwrap_or_else(|| placeholder("company name")));
    body.push('\n');

    // Everything above is built from the profile in many places: one last pass makes sure no
    // credential of it is in the draft, whichever part quoted it.
    let secrets = profile.source.secrets();
    let redact = |text: String| secrets.redact_owned(text, secret_marker());
    Ticket {
        subject: redact(subject),
        body: redact(body),
        missing,
        internal: internal.into_iter().map(redact).collect(),
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
