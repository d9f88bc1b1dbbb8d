//! BC002–BC006: what loading found, what could not be checked, and suppressions.
//!
//! BC001 and BC005 stop a file from being checked at all; they are [`crate::profile::LoadError`]s
//! and never reach this module.

use super::{RULES, lookup, selects};
use crate::finding::Finding;
use crate::profile::{LoadIssue, Profile, schema};
use std::collections::BTreeMap;

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
    code: &'static str,
    /// (field path, its section).
    fields: Vec<(&'static str, &'static str)>,
    /// The distinct sections of the fields.
    sections: Vec<&'static str>,
}

fn need_sets() -> &'static [NeedSet] {
    static SETS: std::sync::OnceLock<Vec<NeedSet>> = std::sync::OnceLock::new();
    SETS.get_or_init(|| {
        let mut sets = Vec::new();
        for rule in RULES {
            for set in rule.needs {
                let fields: Vec<_> = set.iter().map(|p| (*p, schema::parent_of(p))).collect();
                let mut sections: Vec<&'static str> = Vec::new();
                for &(_, section) in &fields {
                    if !sections.contains(&section) {
                        sections.push(section);
                    }
                }
                sets.push(NeedSet {
                    code: rule.code,
                    fields,
                    sections,
                });
            }
        }
        sets
    })
}

/// BC004: a present section lacks a field some rule needs. One finding per missing field,
/// naming every rule it keeps from running.
pub fn not_checked(profile: &Profile, issues: &[LoadIssue]) -> Vec<Finding> {
    let mut missing: BTreeMap<&'static str, Vec<&'static str>> = BTreeMap::new();
    for set in need_sets() {
        if !set.sections.iter().all(|s| profile.has_section(s)) {
            continue;
        }
        for &(path, _) in &set.fields {
            if profile.field(path).is_none() && !issues.iter().any(|i| i.path == path) {
                let rules = missing.entry(path).or_default();
                if !rules.contains(&set.code) {
                    rules.push(set.code);
                }
            }
        }
    }
    missing
        .into_iter()
        .filter_map(|(path, codes)| {
            let section = profile.section(schema::parent_of(path))?;
            let names: Vec<String> = codes
                .iter()
                .filter_map(|c| lookup(c))
                .map(|r| format!("{} {}", r.code, r.name))
                .collect();
            Some(
                Finding::new("BC004", path, section.span.clone())
                    .text("field", path)
                    .text("rules", names.join(", "))
                    .evidence("rules", codes.clone())
                    .fingerprint_value(path),
            )
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
