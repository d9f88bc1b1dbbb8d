//! Findings and their causes → ranked causes (the README's "How causes are ranked").
//!
//! Each finding is scored:
//!
//! ```text
//! score = weight(confidence) × prior × boost
//! boost = symptom_boost  if the rule explains a reported symptom and no reported fact rules it out
//!         1              otherwise
//! ```
//!
//! - `weight(confidence)`: `[ranking]` `high` / `medium` / `low` of the rulepack (built in:
//!   1.0 / 0.7 / 0.4), for the rule's `confidence`;
//! - `prior`: the rule's `prior` (0..1), how often this cause is behind a failed binding;
//! - the symptoms a rule explains are its `symptoms`, and its `symptoms_by_field` whose field
//!   pattern matches the finding's field ("Invalid Merchant ID" only for a Merchant ID);
//! - `symptom_boost`: `[ranking] symptom_boost` (built in: 3.0), applied once however many
//!   reported symptoms the rule explains, so a vague rule does not outrank a precise one;
//! - a rule is *ruled out* when a reported fact (`[facts]`) lists it in `rules_out`: the test
//!   payment succeeded, so the balance for it was enough.
//!
//! A finding about an `[incident]` field that restates a symptom read from that field joins the
//! best-scored cause that explains the symptom (see [`join_restatements`]).
//!
//! A cause (see [`crate::cause`]) takes the highest severity of its findings, the highest score,
//! and explains a symptom when one of its findings does; it is ruled out when all of its
//! findings are. Its leading finding — the first by severity, then of its root group, then by
//! score and position — gives its title and its steps. Its one value to enter is the fix of its
//! first finding that no other finding of the cause explains; an explained finding's own fix is
//! superseded (the finding offers none, and shows the steps of the finding whose fix supersedes
//! it). Causes are ordered by:
//!
//! 1. whether it explains a reported symptom (those first) — except that an info cause (a
//!    state, not a fault: "the money is kept until the threshold") comes after every error
//!    cause no reported fact rules out, since that error blocks the binding or the payout
//!    whatever the seller reported; a cause made only of problems of the file itself (a
//!    stored credential, BC901; an unknown key: the families of `Family::is_about_the_file`),
//!    which hold neither the binding nor the payout, comes after every other error and warning;
//! 2. severity (error, warning, info);
//! 3. whether reported facts rule it out (those last within their severity — never dropped);
//! 4. score, higher first;
//! 5. position of its leading finding in the file, then its code;
//!
//! and then a cause whose rule lists `prerequisites` is preceded by the causes of those rules
//! (KYC level 3 before the LianLian channel can be opened), and by the causes of other rules
//! whose `prerequisite_of` names a flow its rule is scoped to (an ineligible entity before every
//! other LianLian-on-Ozon fix); both say so. Findings follow the order of their causes; within a
//! cause, the order that picks its leading finding. Scores are shown rounded to three decimals
//! (JSON `score`, `--explain-rank`); sorting uses the exact value.
//!
//! Reported symptoms and facts ([`reported`]) come from:
//! - `--symptom TEXT`, `incident.error_message` and `incident.payout_status`: every symptom of
//!   the rulepack's `[symptoms]` table with a phrase in the text (compared in phrase form, see
//!   [`crate::unicode::phrase_form`]; phrases exist in English, Chinese and Russian). A finding
//!   about one of those `[incident]` fields restates the symptoms read from it and is not
//!   boosted by them;
//! - error codes (`incident.error_code`, or a word of `--symptom`) that the rulepack's
//!   `[error_codes]` documents; a word of `--symptom` shaped like an error code
//!   (`[ranking] error_code_pattern`), or written in words the rulepack knows (`[ranking]
//!   error_code_spellings`: "Error 4007" is ERR_4007), is kept in [`Reported::symptom_codes`], so
//!   an undocumented one is reported as BC806 like `incident.error_code`;
//! - `[facts]`: a fact holds when one of its conditions does (`incident.test_payment =
//!   "succeeded"`, `incident.attempts ≥ 2`, a symptom in `incident.payout_status`…), and implies
//!   its symptoms. Facts are evaluated until none is added, so one fact may rest on another's.
//!
//! What the seller saw fail outranks what a fact implies: when the texts and codes report a
//! symptom that is neither a fallback (`fallback = true`, "binding failed") nor one that
//! establishes a fact ("test payment succeeded"), the fallbacks and the symptoms the facts imply
//! are dropped (a fact still rules causes out); otherwise the implied symptoms join the ones
//! reported. "Invalid Merchant ID" with a test payment that
//! succeeded is the Merchant ID symptom alone; a test payment that succeeded with no message is
//! "payouts do not arrive".

use crate::cause::Place;
use crate::finding::{Applicability, Finding, Fix};
use crate::profile::{Flows, Profile};
use crate::rulepack::{Condition, Confidence, RulePack, Severity};
use std::collections::{BTreeMap, BTreeSet};

/// What was reported about a profile's incident.
#[derive(Debug, Clone, Default)]
pub struct Reported {
    /// Symptom ids (`[symptoms]`).
    pub symptoms: BTreeSet<String>,
    /// Fact ids (`[facts]`) that hold.
    pub facts: BTreeSet<String>,
    /// Words of `--symptom` shaped like an error code, as written.
    pub symptom_codes: Vec<String>,
    /// The symptoms read from the text of each `[incident]` field: a finding about that field
    /// restates them, and is not boosted by them.
    pub in_fields: BTreeMap<String, Vec<String>>,
}

/// A finding with its score and its place in the ranking.
#[derive(Debug, Clone)]
pub struct Ranked {
    /// What the rule found.
    pub finding: Finding,
    /// 1-based, in the order of the causes.
    pub rank: usize,
    /// The rank of its cause.
    pub cause: usize,
    /// Its place among the causes (see [`crate::cause`]).
    pub place: Place,
    /// The rule's severity for the finding's variant (a selection may change it).
    pub severity: Severity,
    /// The rule's confidence.
    pub confidence: Confidence,
    /// weight(confidence) × prior × symptom boost.
    pub score: f64,
    /// The reported symptoms this finding's rule explains here.
    pub matched_symptoms: Vec<String>,
    /// The reported facts that rule this finding's rule out.
    pub ruled_out: Vec<String>,
    /// Its rule's `prerequisites`: rules whose causes are fixed before its cause.
    pub prerequisites: Vec<String>,
    /// Its rule's scope.
    pub scope: Flows,
    /// Its rule's `prerequisite_of`: the flows whose rules' causes wait for its cause.
    pub prerequisite_of: Flows,
    /// Its own fix, when the fix of its cause supersedes it (see [`crate::cause`]): the
    /// finding then offers none.
    pub superseded_fix: Option<Fix>,
    /// The rank of the finding whose fix supersedes its own.
    pub superseded_by: Option<usize>,
}

impl Ranked {
    /// Whether it explains a reported symptom, and no reported fact rules it out.
    pub fn explains(&self) -> bool {
        !self.matched_symptoms.is_empty() && self.ruled_out.is_empty()
    }
}

/// One cause: findings that share one root cause and one fix.
#[derive(Debug, Clone)]
pub struct Cause {
    /// 1-based.
    pub rank: usize,
    /// The ranks of its findings, the leading one first.
    pub findings: Vec<usize>,
    /// The highest of its findings.
    pub severity: Severity,
    /// The highest of its findings.
    pub score: f64,
    /// One of its findings explains a reported symptom.
    pub symptom_match: bool,
    /// The reported symptoms its findings explain.
    pub matched_symptoms: Vec<String>,
    /// When every finding is ruled out: the facts that rule them out.
    pub ruled_out: Vec<String>,
    /// Ranks of the causes to fix before this one (its prerequisites).
    pub fix_first: Vec<usize>,
    /// Ranks of the causes that can only be fixed after this one.
    pub fix_before: Vec<usize>,
    /// The one value to enter: the fix of the first finding that no other finding of the
    /// cause explains, safe when a finding of its group offers the same value as a safe fix.
    pub fix: Option<Fix>,
    /// The rank of the finding that offers `fix`.
    pub fix_from: Option<usize>,
    /// The rank of its highest-scoring finding, whose formula is the cause's score.
    pub best: usize,
}

impl Cause {
    /// Its leading finding, among `ranked` (the findings of the same ranking).
    pub fn lead<'a>(&self, ranked: &'a [Ranked]) -> Option<&'a Ranked> {
        self.findings
            .first()
            .and_then(|rank| ranked.get(rank.wrapping_sub(1)))
    }

    /// Its findings, among `ranked`, the leading one first.
    pub fn members<'a>(&'a self, ranked: &'a [Ranked]) -> impl Iterator<Item = &'a Ranked> + 'a {
        self.findings
            .iter()
            .filter_map(|rank| ranked.get(rank.wrapping_sub(1)))
    }
}

/// The symptoms and facts reported for a profile: from `--symptom` text and `[incident]`.
pub fn reported(pack: &RulePack, symptom: Option<&str>, profile: &Profile) -> Reported {
    let mut found = Reported::default();
    if let Some(text) = symptom {
        found
            .symptoms
            .extend(pack.symptoms_in(text).into_iter().map(str::to_string));
    }
    for path in ["incident.error_message", "incident.payout_status"] {
        if let Some(text) = profile.text(path) {
            let read: Vec<String> = pack
                .symptoms_in(text)
                .into_iter()
                .map(str::to_string)
                .collect();
            found.symptoms.extend(read.iter().cloned());
            found.in_fields.insert(path.to_string(), read);
        }
    }
    let words: Vec<&str> = symptom
        .map(|text| {
            text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .filter(|w| !w.is_empty())
                .collect()
        })
        .unwrap_or_default();
    // Compiled only when there are words to read: most runs have no `--symptom`.
    if !words.is_empty()
        && let Some(shape) = pack.error_code_pattern()
    {
        for word in &words {
            let seen = found
                .symptom_codes
                .iter()
                .any(|c| c.eq_ignore_ascii_case(word));
            if shape.is_match(word) && !seen {
                found.symptom_codes.push(word.to_string());
            }
        }
    }
    // "Error 4007" is read as the code it stands for, as if written ERR_4007.
    let spelled = symptom
        .map(|text| pack.spelled_error_codes(text))
        .unwrap_or_default();
    for code in &spelled {
        if !found
            .symptom_codes
            .iter()
            .any(|c| c.eq_ignore_ascii_case(code))
        {
            found.symptom_codes.push(code.clone());
        }
    }
    let codes = profile
        .text("incident.error_code")
        .into_iter()
        .chain(words)
        .chain(spelled.iter().map(String::as_str));
    for code in codes {
        let code = code.trim();
        if let Some((_, meaning)) = pack
            .error_codes
            .iter()
            .find(|(known, _)| !code.is_empty() && known.eq_ignore_ascii_case(code))
        {
            found.symptoms.extend(meaning.symptoms.iter().cloned());
        }
    }
    let implied = add_facts(pack, profile, &mut found);
    let mut symptoms: Vec<String> = std::mem::take(&mut found.symptoms).into_iter().collect();
    // What the seller saw fail comes first: the symptoms a fact implies only stand in for a
    // report that says nothing more than that something failed. A symptom that establishes a
    // fact ("test payment succeeded") is known through that fact, and tells no more than it.
    let establishing: BTreeSet<&str> = found
        .facts
        .iter()
        .filter_map(|id| pack.facts.get(id))
        .flat_map(|fact| fact.when.iter().filter_map(|c| c.symptom.as_deref()))
        .collect();
    let telling = symptoms.iter().any(|id| {
        !establishing.contains(id.as_str()) && pack.symptoms.get(id).is_some_and(|s| !s.fallback)
    });
    if telling {
        pack.drop_fallbacks(&mut symptoms);
    } else {
        for id in implied {
            if !symptoms.contains(&id) {
                symptoms.push(id);
            }
        }
    }
    found.symptoms = symptoms.into_iter().collect();
    found
}

/// Adds every fact that holds until nothing more is added, and returns the symptoms they
/// imply. A fact may rest on a symptom another fact implies.
fn add_facts(pack: &RulePack, profile: &Profile, found: &mut Reported) -> BTreeSet<String> {
    let mut implied: BTreeSet<String> = BTreeSet::new();
    loop {
        let known: BTreeSet<String> = found.symptoms.union(&implied).cloned().collect();
        let new: Vec<&String> = pack
            .facts
            .iter()
            .filter(|(id, fact)| {
                !found.facts.contains(*id)
                    && fact.when.iter().any(|c| holds(c, pack, profile, &known))
            })
            .map(|(id, _)| id)
            .collect();
        if new.is_empty() {
            return implied;
        }
        for id in new {
            found.facts.insert(id.clone());
            if let Some(fact) = pack.facts.get(id) {
                implied.extend(fact.symptoms.iter().cloned());
            }
        }
    }
}

fn holds(
    condition: &Condition,
    pack: &RulePack,
    profile: &Profile,
    symptoms: &BTreeSet<String>,
) -> bool {
    // The pack checked that a named field is a field of the format.
    let field = condition.field.as_deref();
    match (
        field,
        &condition.equals,
        condition.at_least,
        &condition.symptom,
    ) {
        (Some(field), Some(value), _, _) => profile.text(field) == Some(value.as_str()),
        (Some(field), _, Some(least), _) => profile.integer(field).is_some_and(|n| n >= least),
        (Some(field), _, _, Some(symptom)) => profile
            .text(field)
            .is_some_and(|text| pack.symptoms_in(text).contains(&symptom.as_str())),
        (None, _, _, Some(symptom)) => symptoms.contains(symptom),
        _ => false,
    }
}

/// Scores one finding.
pub fn score(finding: Finding, place: Place, pack: &RulePack, reported: &Reported) -> Ranked {
    let policy = pack.rule(finding.code);
    let severity = policy.map_or(Severity::Warning, |p| p.severity_for(finding.variant));
    let confidence = policy.map_or(Confidence::Low, |p| p.confidence());
    let prior = policy.map_or(0.5, |p| p.prior());
    let mut matched: Vec<String> = Vec::new();
    let restated = reported.in_fields.get(&finding.field);
    if let Some(policy) = policy.filter(|_| !reported.symptoms.is_empty()) {
        for symptom in policy.symptoms_at(&finding.field, finding.variant) {
            if reported.symptoms.contains(symptom)
                && !matched.contains(symptom)
                && !restated.is_some_and(|r| r.contains(symptom))
            {
                matched.push(symptom.clone());
            }
        }
    }
    let ruled_out: Vec<String> = reported
        .facts
        .iter()
        .filter(|id| {
            pack.facts
                .get(*id)
                .is_some_and(|f| f.rules_out.iter().any(|c| c == finding.code))
        })
        .cloned()
        .collect();
    let weight = pack.ranking.weight(confidence);
    let boosted = !matched.is_empty() && ruled_out.is_empty();
    let boost = if boosted {
        pack.ranking.symptom_boost
    } else {
        1.0
    };
    let score = weight * prior * boost;
    Ranked {
        finding,
        rank: 0,
        cause: 0,
        place,
        severity,
        confidence,
        score,
        matched_symptoms: matched,
        ruled_out,
        prerequisites: policy.map(|p| p.prerequisites.clone()).unwrap_or_default(),
        scope: policy.map(|p| Flows::scope(&p.scope)).unwrap_or_default(),
        prerequisite_of: policy
            .map(|p| Flows::scope(&p.prerequisite_of))
            .unwrap_or_default(),
        superseded_fix: None,
        superseded_by: None,
    }
}

/// Scores and ranks one profile's findings, grouped by `places` (one per finding).
pub fn rank(
    findings: Vec<Finding>,
    places: Vec<Place>,
    pack: &RulePack,
    reported: &Reported,
) -> (Vec<Ranked>, Vec<Cause>) {
    let mut scored: Vec<Ranked> = findings
        .into_iter()
        .zip(places)
        .map(|(finding, place)| score(finding, place, pack, reported))
        .collect();
    join_restatements(&mut scored, pack, reported);
    order(scored)
}

/// A finding about an `[incident]` field that restates a symptom read from it (a payout made
/// "via bank transfer", BC607) reports what another cause did, when a finding on another field
/// explains that symptom (the payment method that sent the payout there, BC601): it joins that
/// cause, the best-scored one, instead of standing apart with nothing of its own to fix.
fn join_restatements(scored: &mut [Ranked], pack: &RulePack, reported: &Reported) {
    for i in 0..scored.len() {
        let r = &scored[i];
        let (Some(read), Some(policy)) = (
            reported.in_fields.get(&r.finding.field),
            pack.rule(r.finding.code),
        ) else {
            continue;
        };
        let restated: Vec<&String> = policy
            .symptoms_at(&r.finding.field, r.finding.variant)
            .filter(|s| read.contains(s))
            .collect();
        if restated.is_empty() || r.place.root != r.place.group {
            continue;
        }
        let explainer = scored
            .iter()
            .filter(|o| {
                o.finding.field != r.finding.field
                    && o.explains()
                    && o.matched_symptoms.iter().any(|s| restated.contains(&s))
            })
            .max_by(|a, b| {
                a.score
                    .total_cmp(&b.score)
                    .then(b.finding.span.start.cmp(&a.finding.span.start))
            })
            .map(|o| o.place);
        let Some(target) = explainer.filter(|t| t.root != r.place.group) else {
            continue;
        };
        let own = r.place.group;
        for other in scored.iter_mut().filter(|o| o.place.root == own) {
            other.place.root = target.root;
        }
        scored[i].place.explained_by.get_or_insert(target.group);
    }
}

/// A cause being ranked: its findings (indexes into the scored list, in cause order).
struct Draft {
    members: Vec<usize>,
    severity: Severity,
    score: f64,
    best: usize,
    symptom_match: bool,
    ruled_out: bool,
    /// Every member is about the profile file itself (a stored credential, an unknown key),
    /// not about the binding or the payout.
    about_the_file: bool,
    /// The member whose fix is the cause's: the first that no other member explains.
    fix_from: Option<usize>,
}

impl Draft {
    /// Its tier in the order of causes, lowest first: the causes that explain a reported
    /// symptom, then the others. An info states a fact, not a fault ("the money is kept until
    /// the threshold"): while an error that no fact rules out blocks the binding or the
    /// payout, the info explains the symptom only after every such error, whether or not that
    /// error explains it too. A problem of the file itself (a stored credential, BC901, is an
    /// error so that the file is not shared with it) holds neither the binding nor the payout:
    /// its cause comes after every error and warning about them, before the infos.
    fn tier(&self, blocking: bool) -> u8 {
        let note = self.severity == Severity::Info && blocking;
        match (self.symptom_match, note) {
            (true, false) => 0,
            (true, true) => 2,
            _ if self.severity == Severity::Info => 5,
            _ if self.about_the_file => 4,
            _ if self.severity == Severity::Error && !self.ruled_out => 1,
            _ => 3,
        }
    }
}

/// Whether a rule is about the profile file itself (how it is written, a credential stored in
/// it) rather than about the binding.
fn about_the_file(code: &str) -> bool {
    crate::rules::lookup(code).is_some_and(|r| r.family.is_about_the_file())
}

/// The order of findings within a cause and of two causes' leading findings.
fn finding_order(a: &Ranked, b: &Ranked) -> std::cmp::Ordering {
    a.severity
        .cmp(&b.severity)
        .then(b.score.total_cmp(&a.score))
        .then(a.finding.span.start.cmp(&b.finding.span.start))
        .then(a.finding.code.cmp(b.finding.code))
}

/// Orders scored findings into ranked causes (see the module documentation). Used again by
/// `lint` after it has left findings out or changed their severity: the places still hold.
pub fn order(mut scored: Vec<Ranked>) -> (Vec<Ranked>, Vec<Cause>) {
    // A fix superseded in an earlier ordering is the finding's own again: what superseded it
    // may have been left out since.
    for r in &mut scored {
        if let Some(fix) = r.superseded_fix.take() {
            r.finding.fix = Some(fix);
        }
        r.superseded_by = None;
    }
    let drafts = drafts(&scored);
    let blocking = drafts
        .iter()
        .any(|d| d.severity == Severity::Error && !d.ruled_out);
    let mut sorted: Vec<usize> = (0..drafts.len()).collect();
    sorted.sort_by(|&a, &b| {
        let (a, b) = (&drafts[a], &drafts[b]);
        a.tier(blocking)
            .cmp(&b.tier(blocking))
            .then(a.severity.cmp(&b.severity))
            .then(a.ruled_out.cmp(&b.ruled_out))
            .then(b.score.total_cmp(&a.score))
            .then_with(|| finding_order(&scored[a.members[0]], &scored[b.members[0]]))
    });
    let prerequisites = prerequisite_drafts(&scored, &drafts);
    let mut placed = vec![false; drafts.len()];
    let mut in_order = Vec::with_capacity(drafts.len());
    for &d in &sorted {
        place_after_prerequisites(d, &prerequisites, &sorted, &mut placed, &mut in_order);
    }
    // Number causes and findings in that order.
    let mut cause_rank = vec![0; drafts.len()];
    let mut finding_rank = vec![0; scored.len()];
    let mut next = 0;
    for (i, &d) in in_order.iter().enumerate() {
        cause_rank[d] = i + 1;
        for &m in &drafts[d].members {
            next += 1;
            finding_rank[m] = next;
            scored[m].rank = next;
            scored[m].cause = i + 1;
        }
    }
    for draft in &drafts {
        supersede(&mut scored, draft, &finding_rank);
    }
    // Who waits for whom, the other way round.
    let mut waiting: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); drafts.len()];
    for (d, before) in prerequisites.iter().enumerate() {
        for &p in before {
            waiting[p].insert(cause_rank[d]);
        }
    }
    let causes = in_order
        .iter()
        .map(|&d| {
            cause_of(
                &drafts[d],
                &scored,
                cause_rank[d],
                prerequisites[d].iter().map(|&p| cause_rank[p]).collect(),
                waiting[d].iter().copied().collect(),
                &finding_rank,
            )
        })
        .collect();
    let mut ordered: Vec<Option<Ranked>> = scored.into_iter().map(Some).collect();
    let mut findings: Vec<Ranked> = Vec::with_capacity(ordered.len());
    for &d in &in_order {
        findings.extend(drafts[d].members.iter().filter_map(|&m| ordered[m].take()));
    }
    (findings, causes)
}

/// Takes away the fixes that the fix of their cause supersedes: a member explained by another
/// group of its cause (see [`crate::cause`]) is mended by that group's remedy, so a fix of its
/// own (trim the account name that must become LianLian's, rename the account to match a legal
/// name that is itself to be corrected) would contradict it. A fix equal to that group's stays.
fn supersede(scored: &mut [Ranked], draft: &Draft, finding_rank: &[usize]) {
    // The finding whose fix (or, without one, whose steps) stands for each explaining group.
    let stands_for = |g: usize| {
        let mut group = draft
            .members
            .iter()
            .copied()
            .filter(|&m| scored[m].place.group == g);
        let first = group.next()?;
        Some(
            std::iter::once(first)
                .chain(group)
                .find(|&o| scored[o].finding.fix.is_some())
                .unwrap_or(first),
        )
    };
    let mut superseded: Vec<(usize, usize)> = Vec::new();
    for &m in &draft.members {
        let r = &scored[m];
        let (Some(own), Some(by)) = (&r.finding.fix, r.place.explained_by.and_then(stands_for))
        else {
            continue;
        };
        let same = scored[by]
            .finding
            .fix
            .as_ref()
            .is_some_and(|f| f.span == own.span && f.replacement == own.replacement);
        if !same {
            superseded.push((m, by));
        }
    }
    for &(m, mut by) in &superseded {
        // Steps come from a finding that keeps its fix: a chain of explanations is followed.
        for _ in 0..superseded.len() {
            match superseded.iter().find(|(s, _)| *s == by) {
                Some(&(_, next)) if next != m => by = next,
                _ => break,
            }
        }
        let r = &mut scored[m];
        r.superseded_fix = r.finding.fix.take();
        r.superseded_by = Some(finding_rank[by]);
    }
}

/// The causes of the scored findings, unordered: findings with the same root group, the most
/// severe first, then the root group's. A group whose root group has no finding left is a root
/// itself.
fn drafts(scored: &[Ranked]) -> Vec<Draft> {
    let present: BTreeSet<usize> = scored.iter().map(|r| r.place.group).collect();
    let root_of = |r: &Ranked| {
        if present.contains(&r.place.root) {
            r.place.root
        } else {
            r.place.group
        }
    };
    let mut by_root: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (i, r) in scored.iter().enumerate() {
        by_root.entry(root_of(r)).or_default().push(i);
    }
    by_root
        .into_iter()
        .map(|(root, mut members)| {
            members.sort_by(|&a, &b| {
                let (a, b) = (&scored[a], &scored[b]);
                a.severity
                    .cmp(&b.severity)
                    .then((a.place.group != root).cmp(&(b.place.group != root)))
                    .then_with(|| finding_order(a, b))
            });
            let member = |i: &usize| &scored[*i];
            let explained = |r: &Ranked| {
                r.place
                    .explained_by
                    .is_some_and(|g| members.iter().any(|&o| scored[o].place.group == g))
            };
            let fix_from = members
                .iter()
                .copied()
                .find(|&m| scored[m].finding.fix.is_some() && !explained(&scored[m]));
            let best = members
                .iter()
                .copied()
                .max_by(|&a, &b| scored[a].score.total_cmp(&scored[b].score).then(b.cmp(&a)))
                .unwrap_or(members[0]);
            Draft {
                severity: members
                    .iter()
                    .map(|i| member(i).severity)
                    .min()
                    .unwrap_or(Severity::Info),
                score: scored[best].score,
                best,
                symptom_match: members.iter().any(|i| member(i).explains()),
                ruled_out: members.iter().all(|i| !member(i).ruled_out.is_empty()),
                about_the_file: members
                    .iter()
                    .all(|i| about_the_file(member(i).finding.code)),
                fix_from,
                members,
            }
        })
        .collect()
}

/// For each draft, the drafts holding a finding of one of its rules' `prerequisites`, and those
/// holding a finding of another rule that is a prerequisite of a flow its rules are scoped to.
fn prerequisite_drafts(scored: &[Ranked], drafts: &[Draft]) -> Vec<Vec<usize>> {
    let mut found = prerequisites_by_code(scored, drafts);
    // Few rules are prerequisites of a flow, and most profiles have none of their findings.
    let of_flows: Vec<(usize, &Ranked)> = drafts
        .iter()
        .enumerate()
        .flat_map(|(d, draft)| draft.members.iter().map(move |&m| (d, &scored[m])))
        .filter(|(_, r)| r.prerequisite_of != Flows::default())
        .collect();
    for (this, draft) in drafts.iter().enumerate() {
        for &(p, before) in &of_flows {
            let waits = draft.members.iter().any(|&m| {
                let r = &scored[m];
                r.finding.code != before.finding.code && before.prerequisite_of.admits(r.scope)
            });
            if waits && p != this && !found[this].contains(&p) {
                found[this].push(p);
            }
        }
    }
    found
}

/// For each draft, the drafts holding a finding of one of its rules' `prerequisites`.
fn prerequisites_by_code(scored: &[Ranked], drafts: &[Draft]) -> Vec<Vec<usize>> {
    let with_code = |code: &str| {
        drafts
            .iter()
            .position(|d| d.members.iter().any(|&m| scored[m].finding.code == code))
    };
    drafts
        .iter()
        .enumerate()
        .map(|(this, draft)| {
            let mut found: Vec<usize> = Vec::new();
            for &m in &draft.members {
                for code in &scored[m].prerequisites {
                    if let Some(p) = with_code(code).filter(|&p| p != this && !found.contains(&p)) {
                        found.push(p);
                    }
                }
            }
            found
        })
        .collect()
}

/// Appends `d` to `out`, its unplaced prerequisites first (in rank order). A cycle of
/// prerequisites is broken where it closes.
fn place_after_prerequisites(
    d: usize,
    prerequisites: &[Vec<usize>],
    sorted: &[usize],
    placed: &mut [bool],
    out: &mut Vec<usize>,
) {
    if placed[d] {
        return;
    }
    placed[d] = true;
    let mut before: Vec<usize> = prerequisites[d].clone();
    before.sort_by_key(|p| sorted.iter().position(|s| s == p));
    for p in before {
        place_after_prerequisites(p, prerequisites, sorted, placed, out);
    }
    out.push(d);
}

fn cause_of(
    draft: &Draft,
    scored: &[Ranked],
    rank: usize,
    fix_first: Vec<usize>,
    fix_before: Vec<usize>,
    finding_rank: &[usize],
) -> Cause {
    let from = draft.fix_from.map(|m| &scored[m]);
    let group = from.map(|r| r.place.group);
    let fix = from.and_then(|r| r.finding.fix.clone()).map(|mut fix| {
        let safe_elsewhere = draft.members.iter().any(|&m| {
            let other = &scored[m];
            Some(other.place.group) == group
                && other.finding.fix.as_ref().is_some_and(|f| {
                    f.applicability == Applicability::Safe && f.replacement == fix.replacement
                })
        });
        if safe_elsewhere {
            fix.applicability = Applicability::Safe;
        }
        fix
    });
    let mut matched: Vec<String> = Vec::new();
    let mut ruled_out: Vec<String> = Vec::new();
    for &m in &draft.members {
        let r = &scored[m];
        if r.explains() {
            matched.extend(r.matched_symptoms.iter().cloned());
        }
        if draft.ruled_out {
            ruled_out.extend(r.ruled_out.iter().cloned());
        }
    }
    dedupe(&mut matched);
    dedupe(&mut ruled_out);
    Cause {
        rank,
        findings: draft.members.iter().map(|&m| finding_rank[m]).collect(),
        severity: draft.severity,
        score: draft.score,
        symptom_match: draft.symptom_match,
        matched_symptoms: matched,
        ruled_out,
        fix_first,
        fix_before,
        fix,
        fix_from: draft.fix_from.map(|m| finding_rank[m]),
        best: finding_rank[draft.best],
    }
}

/// Keeps the first of each value, in order.
fn dedupe(values: &mut Vec<String>) {
    let mut seen = BTreeSet::new();
    values.retain(|v| seen.insert(v.clone()));
}

/// Scores are shown with three decimals.
pub fn round(score: f64) -> f64 {
    (score * 1000.0).round() / 1000.0
}
