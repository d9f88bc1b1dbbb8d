//! BC002–BC006: what loading found, what could not be checked, and suppressions.
//!
//! BC001 and BC005 stop a file from being checked at all; they are [`crate::profile::LoadError`]s
//! and never reach this module.

use super::{Context, RULES, Rule, lookup, selects};
use crate::finding::Finding;
use crate::profile::{LoadIssue, Profile, schema};
use crate::source::Span;
use std::borrow::Cow;

/// BC002 / BC003 findings from the loader's issues. The fingerprint covers the text as written,
/// so a baselined BC003 comes back when the bad value changes.
pub fn load_issue_findings(profile: &Profile, issues: &[LoadIssue]) -> Vec<Finding> {
    issues
        .iter()
        .map(|issue| {
            let written = profile.source.slice(&issue.span);
            let mut finding = Finding::new(issue.code, issue.path.clone(), issue.span.clone())
                .variant(issue.variant)
                .fingerprint_value(format!("{}\0{written}", issue.variant));
            finding.args.extend(issue.args.iter().cloned());
            finding
        })
        .collect()
}

/// One set of fields a rule needs (see [`super::Rule::needs`]), with the section of each field
/// split off once per process instead of once per profile.
struct NeedSet {
    /// The rule's index in [`RULES`].
    index: usize,
    rule: &'static Rule,
    /// (field path, its section).
    fields: Vec<(&'static str, &'static str)>,
    /// The distinct sections of the fields, but a deposit method's.
    sections: Vec<&'static str>,
    /// Some field is a deposit method's: the set is judged for each deposit method.
    deposit: bool,
}

fn need_sets() -> &'static [NeedSet] {
    static SETS: std::sync::OnceLock<Vec<NeedSet>> = std::sync::OnceLock::new();
    SETS.get_or_init(|| {
        let mut sets = Vec::new();
        for (index, rule) in RULES.iter().enumerate() {
            for set in rule.needs {
                let fields: Vec<_> = set.iter().map(|p| (*p, schema::parent_of(p))).collect();
                let deposit = fields.iter().any(|(_, s)| *s == schema::DEPOSIT_METHOD);
                let mut sections: Vec<&'static str> = Vec::new();
                for &(_, section) in &fields {
                    if section != schema::DEPOSIT_METHOD && !sections.contains(&section) {
                        sections.push(section);
                    }
                }
                sets.push(NeedSet {
                    index,
                    rule,
                    fields,
                    sections,
                    deposit,
                });
            }
        }
        sets
    })
}

/// A missing field some rules need: where it would go, and the rules it keeps from running.
struct Missing {
    /// The path as reported (a deposit method entry's field with its index).
    path: Cow<'static, str>,
    /// The span of its section's header.
    section: Span,
    codes: Vec<&'static str>,
}

/// BC004: a present section lacks a field some rule that applies needs. One finding per
/// missing field, naming every rule it keeps from running. A deposit method's field is missing
/// from each deposit method that lacks it.
pub fn not_checked(ctx: &Context<'_>, issues: &[LoadIssue]) -> Vec<Finding> {
    let profile = ctx.profile;
    let mut missing: Vec<Missing> = Vec::new();
    let mut note = |path: Cow<'static, str>, section: Span, code: &'static str| {
        if issues.iter().any(|i| i.path == path) {
            return;
        }
        match missing.iter_mut().find(|m| m.path == path) {
            Some(m) if !m.codes.contains(&code) => m.codes.push(code),
            Some(_) => {}
            None => missing.push(Missing {
                path,
                section,
                codes: vec![code],
            }),
        }
    };
    for set in need_sets() {
        if !set.sections.iter().all(|s| profile.has_section(s)) || !ctx.applies_at(set.index) {
            continue;
        }
        if set.deposit {
            for method in profile.deposit_methods() {
                for &(path, _) in &set.fields {
                    if schema::deposit_method_path(path).is_some() {
                        if method.field(path).is_none() {
                            let reported = Cow::Owned(method.field_path(path));
                            note(reported, method.section.span.clone(), set.rule.code);
                        }
                    } else if profile.field(path).is_none()
                        && let Some(section) = profile.section(schema::parent_of(path))
                    {
                        note(Cow::Borrowed(path), section.span.clone(), set.rule.code);
                    }
                }
            }
            continue;
        }
        for &(path, section) in &set.fields {
            if profile.field(path).is_none()
                && let Some(section) = profile.section(section)
            {
                note(Cow::Borrowed(path), section.span.clone(), set.rule.code);
            }
        }
    }
    missing.sort_by(|a, b| a.path.cmp(&b.path));
    missing
        .into_iter()
        .map(|m| {
            let names: Vec<String> = m
                .codes
                .iter()
                .filter_map(|c| lookup(c))
                .map(|r| format!("{} {}", r.code, r.name))
                .collect();
            Finding::new("BC004", m.path.to_string(), m.section)
                .text("field", m.path.to_string())
                .list("rules", &names)
                .evidence("rules", m.codes.clone())
                .fingerprint_value(m.path.into_owned())
        })
        .collect()
}

/// Hides findings matched by a `[[bindcheck.ignore]]` entry; an entry that matches nothing is
/// itself reported (BC006), so stale suppressions do not pile up.
pub fn apply_suppressions(profile: &Profile, findings: Vec<Finding>) -> super::Checked {
    if profile.suppressions.is_empty() {
        return super::Checked {
            findings,
            suppressed: Vec::new(),
        };
    }
    let mut used = vec![false; profile.suppressions.len()];
    let mut checked = super::Checked::default();
    for finding in findings {
        let rule = lookup(finding.code);
        let hit = profile.suppressions.iter().position(|s| {
            let code_matches = match (&s.code, rule) {
                (Some(code), Some(rule)) => selects(code, rule),
                _ => false,
            };
            code_matches && s.field.as_deref().is_none_or(|f| f == finding.field)
        });
        match hit {
            Some(i) => {
                used[i] = true;
                checked.suppressed.push(finding);
            }
            None => checked.findings.push(finding),
        }
    }
    for (suppression, used) in profile.suppressions.iter().zip(used) {
        if !used {
            let code = suppression.code.clone().unwrap_or_default();
            checked.findings.push(
                Finding::new("BC006", "bindcheck.ignore", suppression.span.clone())
                    .text("code", crate::unicode::escape(&code).into_owned())
                    .fingerprint_value(code),
            );
        }
    }
    checked
}
