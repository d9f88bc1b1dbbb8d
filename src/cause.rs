//! Findings → causes: which findings of one profile share one root cause and one fix
//! (the README's "How causes are ranked").
//!
//! Computed from the findings alone (field, value, fix, related fields, the rule's remedy) and
//! from what the rules say about a patched profile — never from a list of code pairs, so a new
//! rule is grouped without any change here.
//!
//! 1. **Remedy.** Each finding says what its remediation does to the value it is about: enter
//!    the replacement of its fix, or remove the value (the rule's `remedy = "remove"`: a stored
//!    secret, an obsolete token). A finding about a value with neither asks for that value to be
//!    entered right, whatever the right value is (*re-enter*): an IBAN from the wrong country and
//!    a BIC from another are both fixed by entering the one right IBAN. A finding about no value
//!    (a key, a word of `--symptom`) has no remedy.
//! 2. **Same remedy, one group.** Findings on the same field with the same remedy are one group:
//!    the Ozon Merchant ID that differs from LianLian's (BC303, "enter LianLian's ID") and the
//!    zero-width space in it (BC201, "enter the value without it") name the same value to enter;
//!    BC901 and BC804 on `amazon.mws_auth_token` both say "remove it"; a licence number that
//!    differs from the seller's (BC702) and fails its check character (BC304) both ask for the
//!    one right number.
//! 3. **Explained by.** Group H is explained by group G when applying G's remedy to the source
//!    makes every finding of H disappear: the source is patched, loaded and checked again by
//!    `recheck` (a counterfactual). Entering exactly the LianLian account name (BC101) removes
//!    the trailing space (BC205) too; trimming the space leaves the case difference, so the
//!    explanation goes one way only. Only groups that touch G's field (as their field or a
//!    related one) are candidates, and most profiles have none: then nothing is re-checked. G is
//!    not re-checked either when every candidate already explains it (the answer could only
//!    make the two explain each other, which is one cause all the same). H's own fix is then
//!    superseded: within one cause only the cause's fix exists (`crate::rank`).
//! 4. **Causes.** A group that no other group explains is the root of a cause; every other
//!    group joins the cause of the group that explains it.
//! 5. **One mistake in several places.** Two causes are one when a rule found the same thing in
//!    two places and one action mends both:
//!    - *the same wrong value copied into several fields*: findings of one rule on equal values
//!      of fields that take the same kind of value (type and class), with the same remedy (the
//!      same invalid licence number in the seller's, LianLian's and Ozon's records; the same
//!      23-character Merchant ID on LianLian and on Ozon). An API key pasted as a Merchant ID and
//!      as an error code stays two causes: each field needs its own right value;
//!    - *one account copied wrong from another*: findings of one rule on several fields of one
//!      table (one account), each fixed by entering the value of its related field, the related
//!      fields all in one other table (a deposit method whose bank code, branch code and
//!      account type differ from the LianLian receiving account's: copy the account).
//!
//!    Each finding keeps its own position, and its own fix: those fixes name different values,
//!    so none supersedes another. Findings of one rule in one table that are not each a copy of
//!    one other table's value stay apart, since nothing says one action mends them.
//!
//! The result is a [`Place`] per finding. Ranking (`crate::rank`) picks each cause's leading
//! finding, severity, score and fix from it; the places stay valid when some findings are later
//! left out (`lint --select`): a group whose root is gone becomes a root itself.

use crate::finding::Finding;
use crate::profile::{Field, ListItem, Profile, Value};
use crate::rulepack::{Remedy, RulePack};
use crate::source::Span;
use std::collections::HashSet;

/// Where a finding sits among the causes of its profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Place {
    /// Its group: the findings on one value with one remedy.
    pub group: usize,
    /// The group at the root of its cause (`group` itself when nothing explains it).
    pub root: usize,
    /// The group whose remedy makes this group's findings disappear, when one does: its fix
    /// then supersedes theirs.
    pub explained_by: Option<usize>,
}

/// What following a finding's remediation does to its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Action<'a> {
    /// Enter this value (decoded text) in place of the value at the span.
    Enter(&'a str),
    /// Delete the value.
    Remove,
    /// Enter the right value, which the finding does not know, in place of the value starting
    /// at this offset.
    ReEnter(usize),
}

/// A finding's remedy: which value, and what to do with it.
#[derive(Debug, Clone)]
struct FindingRemedy<'a> {
    field: &'a str,
    span: &'a Span,
    action: Action<'a>,
}

fn remedy<'a>(
    finding: &'a Finding,
    held: Option<Held<'a>>,
    pack: &RulePack,
) -> Option<FindingRemedy<'a>> {
    let removes = pack
        .rule(finding.code)
        .is_some_and(|p| p.remedy == Remedy::Remove);
    if removes && !finding.field.is_empty() {
        return Some(FindingRemedy {
            field: &finding.field,
            span: &finding.span,
            action: Action::Remove,
        });
    }
    if let Some(fix) = &finding.fix {
        return Some(FindingRemedy {
            field: &finding.field,
            span: &fix.span,
            action: Action::Enter(&fix.replacement),
        });
    }
    held.map(|held| FindingRemedy {
        field: &finding.field,
        span: held.span(),
        action: Action::ReEnter(held.span().start),
    })
}

/// The value a finding is about: the field, or the item of a list field, whose value holds the
/// start of the finding's span.
#[derive(Debug, Clone, Copy)]
struct Held<'a> {
    field: &'a Field,
    item: Option<&'a ListItem>,
}

impl<'a> Held<'a> {
    fn span(&self) -> &'a Span {
        self.item.map_or(&self.field.span, |item| &item.span)
    }

    fn text(&self) -> Option<&'a str> {
        match self.item {
            Some(item) => Some(&item.text),
            None => self.field.text(),
        }
    }

    /// The value and the kind of value its field takes, as a key: equal keys are one value in
    /// fields that one right value serves (a Merchant ID, not a Merchant ID and an error code).
    /// `None` for an empty value, which is no value copied from one place to another.
    fn key(&self) -> Option<String> {
        let value = match (self.item, &self.field.value) {
            (Some(item), _) => item.text.clone(),
            (None, Value::Text(text)) => text.clone(),
            (None, other) => format!("{other:?}"),
        };
        let spec = self.field.spec;
        (!value.trim().is_empty()).then(|| format!("{:?} {:?} {value}", spec.kind, spec.class))
    }

    /// The table that holds the value: its path, and its entry in an array of tables.
    fn table(&self) -> (&'static str, Option<usize>) {
        let path = self.field.spec.path;
        (
            path.rsplit_once('.').map_or("", |(table, _)| table),
            self.field.entry,
        )
    }
}

/// The profile's values by where they start in the source, to find the one holding an offset.
struct Values<'a> {
    by_start: Vec<&'a Field>,
}

impl<'a> Values<'a> {
    fn new(profile: &'a Profile) -> Self {
        let mut by_start: Vec<&Field> = profile.fields.iter().collect();
        by_start.sort_by_key(|f| f.span.start);
        Values { by_start }
    }

    /// The value holding `offset`: in a list, the item holding it (none for the list as a
    /// whole).
    fn at(&self, offset: usize) -> Option<Held<'a>> {
        let after = self.by_start.partition_point(|f| f.span.start <= offset);
        let field = *self.by_start.get(after.checked_sub(1)?)?;
        if !field.span.contains(&offset) {
            return None;
        }
        let item = match &field.value {
            Value::List(items) => Some(items.iter().find(|i| i.span.contains(&offset))?),
            _ => None,
        };
        Some(Held { field, item })
    }
}

/// Re-checks after a patch are bounded: each costs a whole load and check of the profile.
/// Real profiles are a few kilobytes and need one or two. A larger file (a hostile one, or not
/// a profile) is grouped by same remedy only: what a re-check would have explained stays a
/// cause of its own, so nothing is lost, and the run costs what one check costs.
const MAX_RECHECKS: usize = 32;
const MAX_RECHECKED_SOURCE: usize = 64 * 1024;
const MAX_RECHECKED_BYTES: usize = 256 * 1024;

/// Groups `findings` (of `profile`) into causes. `recheck` loads and checks a patched source
/// and returns its findings (`None` when it does not load).
pub fn group(
    findings: &[Finding],
    profile: &Profile,
    pack: &RulePack,
    recheck: &mut dyn FnMut(&str) -> Option<Vec<Finding>>,
) -> Vec<Place> {
    if !any_field_shared(findings) && !any_code_repeated(findings) {
        // Nothing to merge and nothing to re-check: each finding is a cause of its own.
        return (0..findings.len())
            .map(|i| Place {
                group: i,
                root: i,
                explained_by: None,
            })
            .collect();
    }
    let values = Values::new(profile);
    let held: Vec<Option<Held<'_>>> = findings.iter().map(|f| values.at(f.span.start)).collect();
    let remedies: Vec<Option<FindingRemedy<'_>>> = findings
        .iter()
        .zip(&held)
        .map(|(f, held)| remedy(f, *held, pack))
        .collect();
    let (group_of, groups) = same_remedy_groups(&remedies);
    let explainers = explanations(
        findings,
        &profile.source.text,
        &remedies,
        &group_of,
        &groups,
        recheck,
    );
    let (mut roots, explained_by) = roots(&explainers);
    let kin = Kin {
        findings,
        held: &held,
        remedies: &remedies,
        values: &values,
    };
    kin.join(&group_of, &mut roots);
    group_of
        .iter()
        .map(|&group| Place {
            group,
            root: roots[group],
            explained_by: explained_by[group],
        })
        .collect()
}

/// Whether one rule found something twice: the only case in which two causes can be one
/// mistake made in several places.
fn any_code_repeated(findings: &[Finding]) -> bool {
    let mut codes: Vec<&str> = findings.iter().map(|f| f.code).collect();
    codes.sort_unstable();
    codes.windows(2).any(|w| w[0] == w[1])
}

/// What step 5 of the module documentation reads: the findings, their values and remedies.
struct Kin<'f, 'a> {
    findings: &'a [Finding],
    held: &'a [Option<Held<'f>>],
    remedies: &'a [Option<FindingRemedy<'f>>],
    values: &'a Values<'f>,
}

/// A finding's part in one mistake made in several places: findings with equal keys are one.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum KinKey<'a> {
    /// Its rule, what to do, and the value.
    SameValue(&'a str, Action<'a>, String),
    /// Its rule, its table, and the table its value is to be copied from.
    CopiedFrom(
        &'a str,
        (&'static str, Option<usize>),
        (&'static str, Option<usize>),
    ),
}

impl<'f> Kin<'f, '_> {
    /// Joins the causes (`roots`, one per group) that share a finding key: each group's root is
    /// then the first root of its joined cause.
    fn join(&self, group_of: &[usize], roots: &mut [usize]) {
        let mut keys: Vec<(KinKey<'_>, usize)> = Vec::new();
        for i in 0..self.findings.len() {
            keys.extend(self.same_value(i).map(|k| (k, i)));
            keys.extend(self.copied_from(i).map(|k| (k, i)));
        }
        if keys.len() < 2 {
            return;
        }
        keys.sort_unstable();
        // Union-find over root groups; the smaller root stands for the joined cause.
        let mut joined: Vec<usize> = (0..roots.len()).collect();
        for pair in keys.windows(2) {
            if pair[0].0 == pair[1].0 {
                let a = find(&mut joined, roots[group_of[pair[0].1]]);
                let b = find(&mut joined, roots[group_of[pair[1].1]]);
                joined[a.max(b)] = a.min(b);
            }
        }
        for root in roots.iter_mut() {
            *root = find(&mut joined, *root);
        }
    }

    /// The same wrong value, found by one rule: its key, when the finding is about a value.
    fn same_value(&self, i: usize) -> Option<KinKey<'f>> {
        let held = self.held[i]?;
        let action = match self.remedies[i].as_ref()?.action {
            // Re-entering the right value is one action wherever the value is.
            Action::ReEnter(_) => Action::ReEnter(0),
            other => other,
        };
        Some(KinKey::SameValue(
            self.findings[i].code,
            action,
            held.key()?,
        ))
    }

    /// A value fixed by copying its related field's value: its key, when the finding's fix
    /// enters exactly the value of its (first) related field.
    fn copied_from(&self, i: usize) -> Option<KinKey<'f>> {
        let finding = &self.findings[i];
        let fix = finding.fix.as_ref()?;
        let own = self.held[i]?;
        let source = self.values.at(finding.related.first()?.span.start)?;
        if source.text() != Some(fix.replacement.as_str()) || own.table() == source.table() {
            return None;
        }
        Some(KinKey::CopiedFrom(
            finding.code,
            own.table(),
            source.table(),
        ))
    }
}

/// The representative of `x` in a union-find forest, halving the path on the way.
fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Whether two findings are about one field (as their field or a related one): the only case
/// in which they can share a remedy or one can explain the other. Most profiles have none.
fn any_field_shared(findings: &[Finding]) -> bool {
    let mut fields: Vec<(&str, usize)> = Vec::with_capacity(findings.len() * 2);
    for (i, finding) in findings.iter().enumerate() {
        fields.push((&finding.field, i));
        fields.extend(finding.related.iter().map(|r| (r.field.as_str(), i)));
    }
    fields.sort_unstable();
    fields
        .windows(2)
        .any(|w| w[0].0 == w[1].0 && w[0].1 != w[1].1)
}

/// The group of each finding, and each group's findings: one group per (field, remedy); a
/// finding without a remedy is a group of its own. Groups are numbered in finding order.
fn same_remedy_groups(remedies: &[Option<FindingRemedy<'_>>]) -> (Vec<usize>, Vec<Vec<usize>>) {
    // Sorted rather than hashed: a profile has a handful of findings, too few for hashing
    // every replacement to pay off.
    let mut keyed: Vec<(&str, &Action<'_>, usize)> = remedies
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.as_ref().map(|r| (r.field, &r.action, i)))
        .collect();
    keyed.sort_unstable();
    let mut first_of: Vec<usize> = (0..remedies.len()).collect();
    for pair in keyed.windows(2) {
        if (pair[0].0, pair[0].1) == (pair[1].0, pair[1].1) {
            first_of[pair[1].2] = first_of[pair[0].2];
        }
    }
    let mut group_of = vec![0; remedies.len()];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in 0..remedies.len() {
        let group = if first_of[i] == i {
            groups.push(Vec::new());
            groups.len() - 1
        } else {
            group_of[first_of[i]]
        };
        groups[group].push(i);
        group_of[i] = group;
    }
    (group_of, groups)
}

/// For each group, the groups whose remedy explains it, in group order.
fn explanations(
    findings: &[Finding],
    source: &str,
    remedies: &[Option<FindingRemedy<'_>>],
    group_of: &[usize],
    groups: &[Vec<usize>],
    recheck: &mut dyn FnMut(&str) -> Option<Vec<Finding>>,
) -> Vec<Vec<usize>> {
    // Which groups touch each field, as the field of a finding or a related one: sorted by
    // field, so the groups touching one field are a run found by bisection.
    let mut touching: Vec<(&str, usize)> = Vec::new();
    for (finding, &group) in findings.iter().zip(group_of) {
        touching.push((&finding.field, group));
        touching.extend(finding.related.iter().map(|r| (r.field.as_str(), group)));
    }
    touching.sort_unstable();
    touching.dedup();
    let touching_field = |field: &str| -> &[(&str, usize)] {
        let start = touching.partition_point(|(f, _)| *f < field);
        let len = touching[start..].partition_point(|(f, _)| *f == field);
        &touching[start..start + len]
    };
    let mut explained_by: Vec<Vec<usize>> = vec![Vec::new(); groups.len()];
    let (mut rechecks, mut bytes) = (0, 0);
    for (g, members) in groups.iter().enumerate() {
        let Some(remedy) = members.first().and_then(|&i| remedies[i].as_ref()) else {
            continue;
        };
        let candidates: Vec<usize> = touching_field(remedy.field)
            .iter()
            .map(|&(_, h)| h)
            .filter(|&h| h != g)
            .collect();
        // Nothing to learn when every candidate already explains this group: whether this
        // group explains them too, they end up one cause.
        if candidates.iter().all(|h| explained_by[g].contains(h)) {
            continue;
        }
        if rechecks == MAX_RECHECKS
            || source.len() > MAX_RECHECKED_SOURCE
            || bytes + source.len() > MAX_RECHECKED_BYTES
        {
            break;
        }
        let Some(patched) = patch(source, remedy) else {
            continue;
        };
        rechecks += 1;
        bytes += patched.len();
        let Some(after) = recheck(&patched) else {
            continue;
        };
        let remaining: HashSet<(&str, &str)> =
            after.iter().map(|a| (a.code, a.field.as_str())).collect();
        for h in candidates {
            let gone = groups[h].iter().all(|&i| {
                let finding = &findings[i];
                !remaining.contains(&(finding.code, finding.field.as_str()))
            });
            if gone {
                explained_by[h].push(g);
            }
        }
    }
    explained_by
}

/// The root group of every group, and the group that explains it (its parent). Two groups
/// that explain each other (either fix removes both) are one cause, rooted at the first; a group
/// explained by several joins the first of them that is a root, else the first; chains are
/// followed to their root.
fn roots(explained_by: &[Vec<usize>]) -> (Vec<usize>, Vec<Option<usize>>) {
    let explains = |g: usize, h: usize| explained_by[h].contains(&g);
    // The explainers that count: a mutual pair keeps only the edge to the earlier group.
    let parents: Vec<Vec<usize>> = explained_by
        .iter()
        .enumerate()
        .map(|(h, by)| {
            by.iter()
                .copied()
                .filter(|&g| !(explains(h, g) && h < g))
                .collect()
        })
        .collect();
    let is_root = |g: usize| parents[g].is_empty();
    let parent: Vec<Option<usize>> = parents
        .iter()
        .map(|by| {
            by.iter()
                .copied()
                .find(|&g| is_root(g))
                .or(by.first().copied())
        })
        .collect();
    let roots = (0..parents.len())
        .map(|start| root_of(start, &parent))
        .collect();
    (roots, parent)
}

/// Follows `parent` from `start` to a group without one. A cycle (each group explaining the
/// next) has no such group: its first group stands in for a root.
fn root_of(start: usize, parent: &[Option<usize>]) -> usize {
    let mut path = vec![start];
    let mut at = start;
    while let Some(next) = parent[at] {
        if let Some(seen) = path.iter().position(|&p| p == next) {
            return path[seen..].iter().copied().min().unwrap_or(next);
        }
        path.push(next);
        at = next;
    }
    at
}

/// The source with `remedy` applied, or `None` when it cannot be applied as text.
fn patch(source: &str, remedy: &FindingRemedy<'_>) -> Option<String> {
    let span = remedy.span;
    let (before, after) = (source.get(..span.start)?, source.get(span.end..)?);
    match remedy.action {
        // What to enter is not known: nothing to re-check.
        Action::ReEnter(_) => None,
        Action::Enter(value) => {
            let literal = crate::lint::fix::basic_string(value);
            Some([before, &literal, after].concat())
        }
        Action::Remove => {
            // Only a `key = value` line is removed whole; a value inside an inline table or
            // an array is left alone (the re-check would then find nothing explained).
            let line_start = before.rfind('\n').map_or(0, |at| at + 1);
            let key = before.get(line_start..)?.trim_end();
            let rest_of_line = after.split('\n').next().unwrap_or_default().trim();
            let plain_key = key.ends_with('=') && !key.contains(['{', '[', ',']);
            if !plain_key || !(rest_of_line.is_empty() || rest_of_line.starts_with('#')) {
                return None;
            }
            let line_end = after.find('\n').map_or(after.len(), |at| at + 1);
            Some([source.get(..line_start)?, after.get(line_end..)?].concat())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Applicability, Fix};
    use crate::profile::Profile;

    /// Two rules that exist only in this test, written the way any rule is: they know nothing
    /// of causes. BC998: a Merchant ID typed into Ozon holds something other than ASCII letters
    /// and digits (its fix: keep only those). BC997: an account name typed into Ozon ends with a
    /// space (no fix of its own).
    fn test_rules(profile: &Profile) -> Vec<Finding> {
        let mut out = Vec::new();
        if let Some(field) = profile.field("ozon.payout_account.merchant_id")
            && let Some(text) = field.text()
            && text.chars().any(|c| !c.is_ascii_alphanumeric())
        {
            let clean: String = text.chars().filter(char::is_ascii_alphanumeric).collect();
            out.push(Finding::at("BC998", field).fix(Fix {
                applicability: Applicability::Safe,
                span: field.span.clone(),
                replacement: clean,
                identifier: true,
            }));
        }
        if let Some(field) = profile.field("ozon.payout_account.account_name")
            && field.text().is_some_and(|t| t.ends_with(' '))
        {
            out.push(Finding::at("BC997", field));
        }
        out
    }

    /// The built-in rules and the test rules over `text`.
    fn check_all(text: &str, pack: &RulePack) -> Option<Vec<Finding>> {
        let (profile, issues) = crate::profile::load(
            "p.toml",
            text.as_bytes(),
            &crate::profile::credentials::test_policy(),
        )
        .ok()?;
        let date = Some(jiff::civil::date(2026, 11, 21));
        let mut findings = crate::rules::check(&profile, &issues, pack, date)
            .ok()?
            .findings;
        findings.extend(test_rules(&profile));
        Some(findings)
    }

    #[test]
    fn a_new_rule_is_grouped_with_no_change_here() {
        let pack = RulePack::builtin().unwrap();
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/examples/ozon-lianlian-failing.toml"
        );
        let source = std::fs::read_to_string(path).unwrap();
        let findings = check_all(&source, &pack).unwrap();
        let places = grouped(&findings, &source, &pack);
        let root_of = |code: &str| {
            let at = findings.iter().position(|f| f.code == code).unwrap();
            places[at].root
        };
        // Same value to enter as BC303 and BC201: one group.
        let bc998 = findings.iter().position(|f| f.code == "BC998").unwrap();
        let bc201 = findings.iter().position(|f| f.code == "BC201").unwrap();
        assert_eq!(places[bc998].group, places[bc201].group);
        assert_eq!(root_of("BC998"), root_of("BC303"));
        // No fix of its own, but entering the LianLian name makes it stop: explained.
        assert_eq!(root_of("BC997"), root_of("BC101"));
        assert_ne!(root_of("BC997"), root_of("BC303"));
        // Unrelated findings stay causes of their own.
        assert_ne!(root_of("BC602"), root_of("BC501"));
    }

    /// The places of `findings` of the profile `source`, re-checked with the test rules too.
    fn grouped(findings: &[Finding], source: &str, pack: &RulePack) -> Vec<Place> {
        let (profile, _) = crate::profile::load(
            "p.toml",
            source.as_bytes(),
            &crate::profile::credentials::test_policy(),
        )
        .unwrap();
        group(findings, &profile, pack, &mut |patched| {
            check_all(patched, pack)
        })
    }

    /// Two more rules of this test only. BC996: a value of Ozon's payout account differs from
    /// the same value of LianLian's receiving account (its fix: LianLian's value). BC995: a
    /// Merchant ID or login shorter than five characters (no fix).
    fn kin_rules(profile: &Profile) -> Vec<Finding> {
        let mut out = Vec::new();
        for name in ["account_number", "swift_bic", "account_name"] {
            let (Some(ozon), Some(lianlian)) = (
                profile.field(&format!("ozon.payout_account.{name}")),
                profile.field(&format!("lianlian.receiving_account.{name}")),
            ) else {
                continue;
            };
            if ozon.value != lianlian.value {
                out.push(Finding::at("BC996", ozon).related(lianlian).fix(Fix {
                    applicability: Applicability::Unsafe,
                    span: ozon.span.clone(),
                    replacement: lianlian.text().unwrap_or_default().to_string(),
                    identifier: true,
                }));
            }
        }
        for path in [
            "lianlian.merchant_id",
            "ozon.payout_account.merchant_id",
            "lianlian.login",
        ] {
            if let Some(field) = profile.field(path)
                && field.text().is_some_and(|t| t.chars().count() < 5)
            {
                out.push(Finding::at("BC995", field));
            }
        }
        out
    }

    #[test]
    fn one_mistake_in_several_places_is_one_cause() {
        let pack = RulePack::builtin().unwrap();
        let source = "format = 1\n[lianlian]\nmerchant_id = \"LLX\"\nlogin = \"abc\"\n\
                      [lianlian.receiving_account]\naccount_name = \"ACME LTD\"\n\
                      account_number = \"123456\"\nswift_bic = \"DHBKHKHHXXX\"\n\
                      [ozon.payout_account]\naccount_name = \"ACME LIMITED\"\n\
                      merchant_id = \"LLX\"\naccount_number = \"123457\"\nswift_bic = \"DHBKHKHH\"\n";
        let (profile, _) = crate::profile::load(
            "p.toml",
            source.as_bytes(),
            &crate::profile::credentials::test_policy(),
        )
        .unwrap();
        let findings = kin_rules(&profile);
        let places = group(&findings, &profile, &pack, &mut |_| None);
        let root_at = |code: &str, field: &str| {
            let at = findings
                .iter()
                .position(|f| f.code == code && f.field == field)
                .unwrap();
            places[at].root
        };
        // Copied from one account: one cause, whatever the values.
        let number = root_at("BC996", "ozon.payout_account.account_number");
        assert_eq!(root_at("BC996", "ozon.payout_account.swift_bic"), number);
        assert_eq!(root_at("BC996", "ozon.payout_account.account_name"), number);
        // The same value in two places: one cause; another value: a cause of its own.
        let merchant_id = root_at("BC995", "lianlian.merchant_id");
        assert_eq!(
            root_at("BC995", "ozon.payout_account.merchant_id"),
            merchant_id
        );
        assert_ne!(root_at("BC995", "lianlian.login"), merchant_id);
        assert_ne!(merchant_id, number);
        // Joined, not explained: each keeps its own fix.
        assert!(places.iter().all(|p| p.explained_by.is_none()));
    }

    #[test]
    fn roots_follow_one_way_explanations_and_merge_mutual_ones() {
        // 1 is explained by 0; 2 and 3 explain each other; 4 is explained by 1 (a chain).
        let by = vec![vec![], vec![0], vec![3], vec![2], vec![1]];
        let (roots_of, parents) = roots(&by);
        assert_eq!(roots_of, vec![0, 0, 2, 2, 0]);
        assert_eq!(parents, vec![None, Some(0), None, Some(2), Some(1)]);
        // A cycle of three has a root all the same.
        let by = vec![vec![2], vec![0], vec![1]];
        let (r, _) = roots(&by);
        assert!(r.iter().all(|&g| g == r[0]), "{r:?}");
        // A group explained by two prefers the root.
        let by = vec![vec![], vec![2], vec![], vec![1, 2]];
        assert_eq!(roots(&by).0, vec![0, 2, 2, 2]);
    }

    #[test]
    fn remove_patches_only_a_plain_key_line() {
        let source = "[amazon]\nmws_auth_token = \"x\"   # old\nseller_id = \"A\"\n";
        let start = source.find("\"x\"").unwrap();
        let span = start..start + 3;
        let remedy = FindingRemedy {
            field: "amazon.mws_auth_token",
            span: &span,
            action: Action::Remove,
        };
        assert_eq!(
            patch(source, &remedy).as_deref(),
            Some("[amazon]\nseller_id = \"A\"\n")
        );
        let inline = "amazon = { mws_auth_token = \"x\" }\n";
        let start = inline.find("\"x\"").unwrap();
        let span = start..start + 3;
        let remedy = FindingRemedy {
            span: &span,
            ..remedy
        };
        assert_eq!(patch(inline, &remedy), None);
    }
}
