//! What to ask next, computed from the rule registry and the rulepack.
//!
//! Nothing here names a field. The questions are the fields the rules read ([`Rule::inputs`],
//! grouped by [`Rule::needs`] and [`Rule::judges`]); a rule added to the registry with its
//! inputs declared is asked about as it is.
//!
//! A rule is *open* while its outcome can still change: it applies to the profile's flows, it
//! has not fired (or, with a symptom reported, another of its sets can still give a finding),
//! and a field it reads can still be answered. A rule whose every `needs` /
//! `judges` set holds a field that cannot be answered (skipped, or outside the platform) can
//! never run, and asks nothing. Rules that read whole classes of fields ([`Rule::scans`]: the
//! character checks, the credential search) ask nothing either: they judge every answer given.
//!
//! A field can be asked when answering it keeps the profile on the same platform (adding its
//! section does not change the profile's flows), it is not a credential, it has not been
//! answered or skipped, and the answers do not rule it out: a field that exists only for some
//! values of another (`asked_when` in the rulepack's `[fields]`: a sort code for a bank in the
//! UK) is asked after that one, and not at all when its answer rules it out.
//!
//! Each open rule could, at best, produce a cause ranked by its *potential*: whether it explains
//! the reported symptom, its most severe severity, whether a reported fact rules it out, and
//! `weight(confidence) × prior × boost` — the ranking's own terms ([`crate::rank`]). When a
//! symptom is reported, every rule that could explain it is decided first, most likely first;
//! the interview stops once they all are and one of them fired. When none fired it goes on
//! with the platform's other rules, but only with those that could still rank at or above the
//! current first cause (or must be fixed before it): an answer to any other cannot change the
//! diagnosis' first cause. With no symptom every rule of the platform is decided.
//!
//! The next question is a field of the open rule with the best potential: a field of one of
//! its `needs` / `judges` sets before a field it only reads for context, then the field the
//! most (and most likely) open rules read, then the format's order.

use crate::pipeline::Analysis;
use crate::profile::schema::{self, FieldClass};
use crate::profile::{Flows, Profile};
use crate::rank::{Cause, Ranked, Reported};
use crate::rulepack::{RulePack, RulePolicy, Severity, matches_wildcard};
use crate::rules::{Rule, applies};
use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::BTreeSet;

/// Everything the plan is computed from.
pub struct Situation<'a> {
    /// The registry ([`crate::rules::RULES`]; tests pass others).
    rules: &'a [Rule],
    pack: &'a RulePack,
    /// The profile as answered so far, its findings and causes, as `pipeline::analyze` ranked
    /// them.
    profile: &'a Profile,
    ranked: &'a [Ranked],
    causes: &'a [Cause],
    reported: &'a Reported,
    /// Fields that were asked and not answered ("don't know").
    skipped: &'a BTreeSet<String>,
    /// The flows the profile describes, and for each section asked about whether adding it
    /// keeps them.
    flows: Flows,
    keeps: RefCell<Vec<(&'static str, bool)>>,
}

/// How high a rule's cause could rank at best (the terms of [`crate::rank::order`]).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Potential {
    explains: bool,
    severity: Severity,
    ruled_out: bool,
    score: f64,
}

impl Potential {
    /// `Less` when `self` ranks before `other`.
    fn order(&self, other: &Potential) -> Ordering {
        other
            .explains
            .cmp(&self.explains)
            .then(self.severity.cmp(&other.severity))
            .then(self.ruled_out.cmp(&other.ruled_out))
            .then(other.score.total_cmp(&self.score))
    }
}

/// Whether a field exists, given the answers so far (`asked_when` in `[fields]`).
#[derive(Debug, Clone, Copy)]
enum Existence {
    Exists,
    /// The answer to the deciding field rules it out: it is not asked.
    RuledOut,
    /// The deciding field, not answered yet, is asked first.
    Undecided(&'static str),
}

/// Which of a rule's sets and inputs an [`Open`] part stands for.
#[derive(Debug, Clone, Copy)]
enum Part {
    All,
    /// Those on which its finding would (`true`) or would not explain the reported symptom.
    Matching(bool),
}

/// An open rule (or part of one) and the fields that can still decide it, in the order to
/// ask them.
struct Open<'r> {
    rule: &'r Rule,
    potential: Potential,
    /// Fields of its `needs` / `judges` sets first, then its context inputs.
    fields: Vec<&'static str>,
    /// How many of `fields` belong to a set.
    set_fields: usize,
}

impl<'a> Situation<'a> {
    /// The situation of `analysis` (the profile answered so far) under `rules`, with the
    /// fields in `skipped` not to be asked again.
    pub fn new(
        rules: &'a [Rule],
        pack: &'a RulePack,
        analysis: &'a Analysis,
        skipped: &'a BTreeSet<String>,
    ) -> Self {
        Situation {
            rules,
            pack,
            profile: &analysis.profile,
            ranked: &analysis.ranked,
            causes: &analysis.causes,
            reported: &analysis.reported,
            skipped,
            flows: Flows::of(&analysis.profile),
            keeps: RefCell::new(Vec::new()),
        }
    }

    /// The field to ask next, or `None` when no answer can change the diagnosis any more.
    pub fn next_field(&self) -> Option<&'static str> {
        let open = self.relevant(self.open_rules());
        let best = open.iter().min_by(|a, b| {
            a.potential
                .order(&b.potential)
                .then(a.rule.code.cmp(b.rule.code))
        })?;
        let share = |field: &str| -> f64 {
            open.iter()
                .filter(|o| o.fields.contains(&field))
                .map(|o| o.potential.score)
                .sum()
        };
        let position = |field: &str| schema::FIELDS.iter().position(|f| f.path == field);
        best.fields
            .iter()
            .enumerate()
            .min_by(|(i, a), (j, b)| {
                (*i >= best.set_fields)
                    .cmp(&(*j >= best.set_fields))
                    .then(share(b).total_cmp(&share(a)))
                    .then(position(a).cmp(&position(b)))
            })
            .map(|(_, field)| *field)
    }

    /// The rules that apply to the profile and read the field at `path` (by their inputs):
    /// why the field is asked.
    pub fn readers(&self, path: &str) -> Vec<&'a Rule> {
        self.rules
            .iter()
            .filter(|r| {
                r.check.is_some() && r.inputs.contains(&path) && applies(r, self.pack, self.flows)
            })
            .collect()
    }

    /// Whether a value for the field at `path` is in the profile (for a deposit method's
    /// field: in one of its deposit methods).
    pub fn answered(&self, path: &str) -> bool {
        match schema::deposit_method_path(path) {
            Some(path) => self
                .profile
                .deposit_methods()
                .any(|m| m.field(path).is_some()),
            None => self.profile.field(path).is_some(),
        }
    }

    /// Whether the field at `path` can be asked (see the module documentation).
    pub fn askable(&self, path: &str) -> bool {
        self.could_ask(path) && !matches!(self.existence(path), Existence::RuledOut)
    }

    /// [`Situation::askable`], whatever the answers say of the field's existence.
    fn could_ask(&self, path: &str) -> bool {
        let Some(spec) = schema::field(path) else {
            return false;
        };
        spec.class != FieldClass::Secret
            && !self.answered(path)
            && !self.skipped.contains(path)
            && self.keeps_flows(schema::parent_of(spec.path))
    }

    /// Whether the field at `path` exists, by the rulepack's `asked_when` for it and the
    /// answers so far: a field whose condition nobody can answer any more is taken to exist.
    fn existence(&self, path: &str) -> Existence {
        let Some(when) = self.pack.asked_when(path) else {
            return Existence::Exists;
        };
        let Some(by) = schema::field(&when.field).map(|spec| spec.path) else {
            return Existence::Exists;
        };
        match self.value(by) {
            Some(value) if when.allows(value) => Existence::Exists,
            Some(_) => Existence::RuledOut,
            None if self.could_ask(by) => Existence::Undecided(by),
            None => Existence::Exists,
        }
    }

    /// The text value of the field at `path` (for a deposit method's field: in its first
    /// deposit method that has it).
    fn value(&self, path: &str) -> Option<&str> {
        match schema::deposit_method_path(path) {
            Some(path) => self.profile.deposit_methods().find_map(|m| m.text(path)),
            None => self.profile.text(path),
        }
    }

    /// Whether adding the section at `section` leaves the profile's flows as they are: a field
    /// of such a section belongs to the platform being asked about.
    fn keeps_flows(&self, section: &'static str) -> bool {
        if let Some((_, keeps)) = self.keeps.borrow().iter().find(|(s, _)| *s == section) {
            return *keeps;
        }
        let keeps =
            section.is_empty() || self.profile.sections.iter().any(|s| s.path == section) || {
                let text = format!("{}\n[{section}]\n", self.profile.source.text);
                crate::profile::credentials::SecretPolicy::new(self.pack)
                    .ok()
                    .and_then(|secrets| {
                        crate::profile::load("flows.toml", text.as_bytes(), &secrets).ok()
                    })
                    .is_some_and(|(with, _)| Flows::of(&with) == self.flows)
            };
        self.keeps.borrow_mut().push((section, keeps));
        keeps
    }

    /// The open rules. A rule that explains the reported symptom only by the field its finding
    /// is on ("Invalid Merchant ID" only in a Merchant ID) is two parts: the sets and inputs
    /// that can give such a finding explain it, the others do not.
    fn open_rules(&self) -> Vec<Open<'a>> {
        let mut open = Vec::new();
        for rule in self.rules {
            if rule.check.is_none()
                || rule.inputs.is_empty()
                || !applies(rule, self.pack, self.flows)
            {
                continue;
            }
            let Some(policy) = self.pack.rule(rule.code) else {
                continue;
            };
            let reported = &self.reported.symptoms;
            let patterns: Vec<&str> = policy
                .symptoms_by_field
                .iter()
                .filter(|(_, symptoms)| symptoms.iter().any(|s| reported.contains(s)))
                .map(|(pattern, _)| pattern.as_str())
                .collect();
            let explaining = |field: &str| patterns.iter().any(|p| matches_wildcard(p, field));
            let parts: Vec<(bool, Part)> = if policy.symptoms.iter().any(|s| reported.contains(s)) {
                vec![(true, Part::All)]
            } else if patterns.is_empty() {
                vec![(false, Part::All)]
            } else {
                vec![(true, Part::Matching(true)), (false, Part::Matching(false))]
            };
            for (explains, part) in parts {
                let keep = |field: &str| match part {
                    Part::All => true,
                    Part::Matching(wanted) => explaining(field) == wanted,
                };
                let Some((mut fields, set_fields)) = self.deciding_fields(rule, &keep, part) else {
                    break;
                };
                let potential = self.potential(rule, policy, explains);
                let fired = self
                    .ranked
                    .iter()
                    .any(|r| r.finding.code == rule.code && (!potential.explains || r.explains()));
                if fired {
                    // A rule that fired is decided, unless a symptom is reported: then another
                    // of its sets may give a finding that ranks with the first cause (by its
                    // position).
                    if reported.is_empty() {
                        continue;
                    }
                    fields.truncate(set_fields);
                }
                if !fields.is_empty() {
                    open.push(Open {
                        rule,
                        potential,
                        fields,
                        set_fields,
                    });
                }
            }
        }
        open
    }

    /// The unanswered fields that can still decide `rule` (within `part`: the sets with a
    /// field `keep` takes, or none, and the inputs it takes), sets' fields first, and how many
    /// of them are sets' fields; `None` when none of the rule's sets can be completed.
    fn deciding_fields(
        &self,
        rule: &Rule,
        keep: &dyn Fn(&str) -> bool,
        part: Part,
    ) -> Option<(Vec<&'static str>, usize)> {
        let sets: Vec<&[&'static str]> = rule.needs.iter().chain(rule.judges).copied().collect();
        let mut fields: Vec<&'static str> = Vec::new();
        // A field that exists only for some values of another is asked after that one.
        let push = |field: &'static str, fields: &mut Vec<&'static str>| {
            let field = match self.existence(field) {
                Existence::Undecided(by) if self.askable(field) => by,
                _ => field,
            };
            if !fields.contains(&field) && self.askable(field) {
                fields.push(field);
            }
        };
        let live: Vec<&&[&'static str]> = sets
            .iter()
            .filter(|set| set.iter().all(|f| self.answered(f) || self.askable(f)))
            .collect();
        if !sets.is_empty() && live.is_empty() {
            return None;
        }
        let taken = |set: &[&str]| match part {
            Part::All => true,
            Part::Matching(true) => set.iter().any(|f| keep(f)),
            Part::Matching(false) => set.iter().all(|f| keep(f)),
        };
        for field in live
            .iter()
            .filter(|set| taken(set))
            .flat_map(|set| set.iter())
        {
            push(field, &mut fields);
        }
        let set_fields = fields.len();
        for field in rule.inputs {
            if !sets.iter().any(|set| set.contains(field)) && keep(field) {
                push(field, &mut fields);
            }
        }
        Some((fields, set_fields))
    }

    fn potential(&self, rule: &Rule, policy: &RulePolicy, explains: bool) -> Potential {
        let ruled_out = self.reported.facts.iter().any(|id| {
            self.pack
                .facts
                .get(id)
                .is_some_and(|fact| fact.rules_out.iter().any(|c| c == rule.code))
        });
        let severity = policy
            .severity_variants
            .values()
            .copied()
            .chain([policy.severity_for("default")])
            .min()
            .unwrap_or(Severity::Warning);
        let boost = if explains && !ruled_out {
            self.pack.ranking.symptom_boost
        } else {
            1.0
        };
        Potential {
            explains: explains && !ruled_out,
            severity,
            ruled_out,
            score: self.pack.ranking.weight(policy.confidence()) * policy.prior() * boost,
        }
    }

    /// With a symptom reported: the open rules that could explain it, and the others that could
    /// still rank at or above the first cause or must be fixed before it. Without one: all.
    fn relevant(&self, open: Vec<Open<'a>>) -> Vec<Open<'a>> {
        let top = self.causes.first().and_then(|cause| {
            let lead = cause.lead(self.ranked)?;
            let potential = Potential {
                explains: cause.symptom_match,
                severity: cause.severity,
                ruled_out: !cause.ruled_out.is_empty(),
                score: cause.score,
            };
            Some((potential, lead.finding.code))
        });
        match top {
            Some((top, lead)) if !self.reported.symptoms.is_empty() => {
                let first = self.pack.rule(lead).map(|p| &p.prerequisites);
                open.into_iter()
                    .filter(|o| {
                        o.potential.explains
                            || o.potential.order(&top) != Ordering::Greater
                            || first.is_some_and(|p| p.iter().any(|c| c == o.rule.code))
                    })
                    .collect()
            }
            _ => open,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Finding;
    use crate::pipeline::{AnalyzeOptions, analyze};
    use crate::rulepack::PolicyError;
    use crate::rules::{Context, Family, RULES};

    fn analysis(pack: &RulePack, text: &str, symptom: Option<&str>) -> Analysis {
        let options = AnalyzeOptions {
            as_of: Some(jiff::civil::date(2026, 11, 21)),
            symptom: symptom.map(str::to_string),
        };
        analyze("p.toml", text.as_bytes(), pack, &options).unwrap()
    }

    /// Every field the plan would ask, answering "don't know" to each.
    fn asked(
        rules: &[Rule],
        pack: &RulePack,
        text: &str,
        symptom: Option<&str>,
    ) -> Vec<&'static str> {
        let analysis = analysis(pack, text, symptom);
        let mut skipped = BTreeSet::new();
        let mut asked = Vec::new();
        while let Some(field) = Situation::new(rules, pack, &analysis, &skipped).next_field() {
            assert!(!asked.contains(&field), "{field} asked twice: {asked:?}");
            asked.push(field);
            skipped.insert(field.to_string());
        }
        asked
    }

    /// A registry entry as it stands (rules are not `Clone`: the registry is a constant).
    fn copy(r: &Rule) -> Rule {
        Rule {
            code: r.code,
            name: r.name,
            family: r.family,
            inputs: r.inputs,
            scans: r.scans,
            needs: r.needs,
            judges: r.judges,
            check: r.check,
            always_reported: r.always_reported,
        }
    }

    fn never(_: &Rule, _: &Context<'_>, _: &mut Vec<Finding>) -> Result<(), PolicyError> {
        Ok(())
    }

    /// A rule added to the registry with its inputs declared is asked about as it stands:
    /// the interview keeps no list of fields of its own.
    #[test]
    fn a_new_rule_is_asked_about_from_its_declaration() {
        let overlay = r#"
[symptoms.representative-unknown]
en = "The legal representative was not recognised"
zh = "法定代表人未被识别"
phrases = ["representative not recognised"]
[rules.BC999]
severity = "error"
confidence = "high"
prior = 0.9
symptoms = ["representative-unknown"]
scope = ["any"]
[rules.BC999.en]
title = "Legal representative differs"
message = "differs"
remediation = ["Correct it."]
[rules.BC999.zh]
title = "法定代表人不一致"
message = "不一致"
remediation = ["请更正。"]
"#;
        let pack = RulePack::load(Some(("test.toml", overlay))).unwrap();
        let mut rules: Vec<Rule> = RULES.iter().map(copy).collect();
        rules.push(Rule {
            code: "BC999",
            name: "legal-representative-differs",
            family: Family::Names,
            inputs: &["seller.legal_representative"],
            scans: &[],
            needs: &[],
            judges: &[],
            check: Some(never),
            always_reported: false,
        });
        let symptom = Some("representative not recognised");
        let analysis = analysis(&pack, "format = 1\n", symptom);
        let skipped = BTreeSet::new();
        let situation = Situation::new(&rules, &pack, &analysis, &skipped);
        assert_eq!(situation.next_field(), Some("seller.legal_representative"));
        let readers = situation.readers("seller.legal_representative");
        assert_eq!(
            readers.iter().map(|r| r.code).collect::<Vec<_>>(),
            ["BC999"]
        );
        // The built-in registry has no rule that reads it: it is never asked.
        let without = asked(RULES, &pack, "format = 1\n", symptom);
        assert!(
            !without.contains(&"seller.legal_representative"),
            "{without:?}"
        );
    }

    /// Each platform is asked only about its own sections; a field several rules read is
    /// asked once; credentials are never asked; every field asked is read by a rule that
    /// applies.
    #[test]
    fn scope_decides_what_is_asked() {
        let pack = RulePack::builtin().unwrap();
        let platforms = [
            ("format = 1\n", &["amazon.", "ozon_global_pay."][..]),
            ("format = 1\n[ozon_global_pay]\n", &["amazon."]),
            (
                "format = 1\n[amazon]\n[lianlian]\n",
                &["ozon.", "ozon_global_pay."],
            ),
        ];
        for (text, foreign) in platforms {
            let fields = asked(RULES, &pack, text, None);
            assert!(fields.len() > 10, "{text}: {fields:?}");
            let analysis = analysis(&pack, text, None);
            let skipped = BTreeSet::new();
            let situation = Situation::new(RULES, &pack, &analysis, &skipped);
            for field in &fields {
                assert!(
                    !foreign.iter().any(|f| field.starts_with(f)),
                    "{text}: {field} belongs to another platform"
                );
                assert_ne!(schema::field(field).unwrap().class, FieldClass::Secret);
                assert!(!situation.readers(field).is_empty(), "{field}");
            }
        }
    }

    /// The character checks and the credential search read every field of their classes:
    /// they judge the answers given and ask nothing.
    #[test]
    fn rules_that_scan_ask_nothing() {
        let pack = RulePack::builtin().unwrap();
        let scanning: Vec<Rule> = RULES
            .iter()
            .filter(|r| !r.scans.is_empty())
            .map(copy)
            .collect();
        assert!(scanning.len() >= 7);
        assert!(asked(&scanning, &pack, "format = 1\n", None).is_empty());
    }

    /// The rules that explain the symptom are asked about first, most likely first; once a
    /// cause that explains it is established and no open rule could rank above it, nothing
    /// more is asked.
    #[test]
    fn the_symptom_decides_what_comes_first_and_when_to_stop() {
        let pack = RulePack::builtin().unwrap();
        let first = |symptom: &str| asked(RULES, &pack, "format = 1\n", Some(symptom))[0];
        assert_eq!(first("Invalid Merchant ID"), "lianlian.merchant_id");
        assert_eq!(first("Processing via Bank Transfer"), "ozon.payment_method");
        // A failed test payment is explained by the balance and by a channel not open for
        // Ozon; whether Ozon is being bound to LianLian at all (the payment method) decides
        // the channel rules and comes first, then the channel and the balance.
        let test_payment = asked(
            RULES,
            &pack,
            "format = 1\n",
            Some("Verification (test) payment failed"),
        );
        assert_eq!(
            test_payment[..3],
            [
                "ozon.payment_method",
                "lianlian.ozon_channel",
                "lianlian.balance"
            ],
            "{test_payment:?}"
        );
        let text = "format = 1\n[lianlian]\nmerchant_id = \"LL2024SZXH0000000000A7K3\"\n\
                    [ozon.payout_account]\nmerchant_id = \"LL2024SZXH0000000000A7X3\"\n";
        // A cause that explains the symptom is established: what is left to ask is what the
        // other rules that could explain it read (the login, for BC302; only Merchant ID
        // causes explain "Invalid Merchant ID", so not the channel), then nothing.
        let left = asked(RULES, &pack, text, Some("Invalid Merchant ID"));
        assert_eq!(left, ["lianlian.login"]);
        // Without a symptom every rule of the platform is decided.
        assert!(asked(RULES, &pack, text, None).len() > 20);
    }

    /// A bank's national codes are asked only for a bank of their country, after its country
    /// (`asked_when` in `[fields]`): for a bank in the US, its routing numbers and not a sort
    /// code, BSB, Japanese bank or branch code; in Japan the reverse; in the UK a sort code.
    /// Unknown country ("don't know"): every code is asked.
    #[test]
    fn a_bank_s_codes_are_asked_only_for_its_country() {
        let pack = RulePack::builtin().unwrap();
        let codes = |prefix: &str, country: &str| -> Vec<&'static str> {
            let text = format!(
                "format = 1\n[lianlian]\n[amazon.deposit_method]\nprovider = \"lianlian\"\n\
                 bank_country = \"{country}\"\n[lianlian.receiving_account]\nbank_country = \"{country}\"\n"
            );
            let mut asked = asked(RULES, &pack, &text, None);
            asked.retain(|f| {
                f.starts_with(prefix)
                    && [
                        ".routing_number",
                        ".wire_routing_number",
                        ".sort_code",
                        ".bsb",
                        ".bank_code",
                        ".branch_code",
                    ]
                    .iter()
                    .any(|code| f.ends_with(code))
            });
            asked.sort();
            asked
        };
        for prefix in ["amazon.deposit_method", "lianlian.receiving_account"] {
            let names = |country: &str| -> Vec<String> {
                codes(prefix, country)
                    .iter()
                    .map(|f| f.rsplit('.').next().unwrap().to_string())
                    .collect()
            };
            // Each country's codes, of which the rules still open ask some (a branch code
            // only as context, once the bank code is "don't know").
            for (country, allowed, first) in [
                (
                    "US",
                    &["routing_number", "wire_routing_number"][..],
                    "routing_number",
                ),
                ("JP", &["bank_code", "branch_code"], "bank_code"),
                ("GB", &["sort_code"], "sort_code"),
            ] {
                let asked = names(country);
                assert!(
                    asked.iter().any(|n| n == first),
                    "{prefix} {country}: {asked:?}"
                );
                assert!(
                    asked.iter().all(|n| allowed.contains(&n.as_str())),
                    "{prefix} {country}: {asked:?}"
                );
            }
        }
        // The country is asked before any code that depends on it; skipped, every code is asked.
        let all = asked(RULES, &pack, "format = 1\n[amazon]\n[lianlian]\n", None);
        let at = |field: &str| all.iter().position(|f| *f == field);
        let country = at("amazon.deposit_method.bank_country").expect("the country is asked");
        for code in ["routing_number", "sort_code", "bsb", "bank_code"] {
            let code = at(&format!("amazon.deposit_method.{code}")).expect(code);
            assert!(country < code, "{all:?}");
        }
    }
}
