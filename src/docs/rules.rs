//! `docs/rules/`: the rule reference, one page per rule and an index, from the registry
//! ([`RULES`]), the rulepack and each rule's fixtures (`fixtures/rules/<CODE>/`).

use super::{Page, cell, generated_notice};
use crate::profile::Flow;
use crate::rulepack::{Lang, RulePack, RulePolicy};
use crate::rules::{Family, RULES, Rule};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The index and every rule's page. `fixtures` is the folder of rule fixtures.
pub fn pages(pack: &RulePack, fixtures: &Path) -> std::io::Result<Vec<Page>> {
    let mut pages = vec![Page {
        path: "rules/README.md".into(),
        text: index(pack),
    }];
    for rule in RULES {
        let Some(policy) = pack.rule(rule.code) else {
            continue;
        };
        let examples = fixture_files(&fixtures.join(rule.code))?;
        pages.push(Page {
            path: format!("rules/{}.md", rule.code),
            text: rule_page(rule, policy, pack, &examples),
        });
    }
    Ok(pages)
}

/// The profiles in a rule's fixture folder, sorted: `fires*.toml` the rule fires on,
/// `clean*.toml` near misses it stays silent on. `*.rules.toml` files are rulepack overlays
/// that tests pass with `--rules`. A rule without a folder has none.
pub fn fixture_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if name.is_some_and(|n| n.ends_with(".toml") && !n.ends_with(".rules.toml")) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn index(pack: &RulePack) -> String {
    let mut out = format!(
        "# Rules\n\n{}\n",
        generated_notice("src/rules/mod.rs (RULES) and rulepack/*.toml")
    );
    out += "Every rule has a stable code and a kebab-case name, usable wherever a code is \
            (`--select`, `--ignore`, `explain`, `[[bindcheck.ignore]]`). Severity: **error** = \
            the binding or payout will fail or be blocked; **warning** = likely to fail, delay \
            or cost money; **info** = advice, or something that could not be verified. \
            Confidence: **high** = the platform's own documentation, **medium** = several \
            independent guides agree, **low** = one unverified source.\n\n\
            Codes are grouped by family, one file under `src/rules/` each; a family's codes \
            share a hundred.\n";
    let mut family: Option<Family> = None;
    for rule in RULES {
        if family != Some(rule.family) {
            family = Some(rule.family);
            let _ = write!(
                out,
                "\n## {} (BC{}xx, `src/rules/{}`)\n\n| code | name | severity | confidence | title | 标题 |\n|---|---|---|---|---|---|\n",
                rule.family.as_str(),
                rule.family.hundred(),
                rule.family.file()
            );
        }
        if let Some(policy) = pack.rule(rule.code) {
            let _ = writeln!(
                out,
                "| [{0}]({0}.md) | `{1}` | {2} | {3} | {4} | {5} |",
                rule.code,
                rule.name,
                policy.severity_for("default").as_str(),
                policy.confidence().as_str(),
                cell(&policy.texts(Lang::En).title),
                cell(&policy.texts(Lang::Zh).title)
            );
        }
    }
    out
}

fn rule_page(rule: &Rule, policy: &RulePolicy, pack: &RulePack, examples: &[PathBuf]) -> String {
    let (en, zh) = (policy.texts(Lang::En), policy.texts(Lang::Zh));
    let mut out = format!(
        "# {} {}\n\n{}\n**{}** · **{}**\n\n",
        rule.code,
        rule.name,
        generated_notice("the registry, rulepack and fixtures"),
        en.title,
        zh.title
    );
    out += &facts_table(rule, policy);
    let _ = write!(
        out,
        "\n## What it checks and why\n\n{}\n\n{}\n",
        en.why, zh.why
    );
    if !en.note.is_empty() {
        let _ = write!(
            out,
            "\n## Where sources disagree\n\n{}\n\n{}\n",
            en.note, zh.note
        );
    }
    out += &inputs_text(rule);
    out += &messages_text(policy);
    out += &symptoms_text(policy, pack);
    if !policy.params.is_empty() {
        let mut params = toml::Table::new();
        params.insert("params".into(), toml::Value::Table(policy.params.clone()));
        let mut rules = toml::Table::new();
        rules.insert(rule.code.into(), toml::Value::Table(params));
        let mut root = toml::Table::new();
        root.insert("rules".into(), toml::Value::Table(rules));
        let _ = write!(
            out,
            "\n## Parameters\n\nThe built-in values; a rulepack passed with `--rules FILE` (or \
             `rules = \"FILE\"` in `bindcheck.toml`) can change them without a rebuild.\n\n\
             ```toml\n{}```\n",
            toml::to_string(&root).unwrap_or_default()
        );
    }
    out += &sources_text(policy, pack);
    out += &examples_text(rule, examples, pack);
    out
}

fn facts_table(rule: &Rule, policy: &RulePolicy) -> String {
    let severity = policy.severity_for("default");
    let mut severity_text = severity.as_str().to_string();
    for (variant, other) in &policy.severity_variants {
        let _ = write!(severity_text, "; `{variant}`: {}", other.as_str());
    }
    let scope: Vec<String> = policy
        .scope
        .iter()
        .map(|flow: &Flow| format!("`{}` ({})", flow.as_str(), flow.describe().0))
        .collect();
    let remedy = match policy.remedy {
        crate::rulepack::Remedy::Enter => "enter the value of its fix",
        crate::rulepack::Remedy::Remove => "delete the value",
    };
    let mut out = String::from("| | |\n|---|---|\n");
    let _ = writeln!(out, "| severity | {} |", cell(&severity_text));
    let _ = writeln!(out, "| confidence | {} |", policy.confidence().as_str());
    let _ = writeln!(out, "| prior | {} |", policy.prior());
    let _ = writeln!(out, "| applies to | {} |", cell(&scope.join(", ")));
    let _ = writeln!(out, "| remedy | {remedy} |");
    let _ = writeln!(
        out,
        "| family | {} (`src/rules/{}`) |",
        rule.family.as_str(),
        rule.family.file()
    );
    if rule.always_reported {
        out += "| selection | always reported: no `--select`, `--ignore` or `[[per-path]]` hides it |\n";
    }
    out
}

/// The fields the check reads and those it needs together.
fn inputs_text(rule: &Rule) -> String {
    if rule.check.is_none() {
        return "\n## Fields it reads\n\nReported by the loader while it reads the file.\n".into();
    }
    let mut out = String::from("\n## Fields it reads\n\n");
    for path in rule.inputs {
        let _ = writeln!(out, "- `{path}`");
    }
    if !rule.scans.is_empty() {
        let classes: Vec<String> = rule
            .scans
            .iter()
            .map(|c| format!("`{}`", c.as_str()))
            .collect();
        let _ = writeln!(
            out,
            "- every field of class {} ([field classes](../profile.md#field-classes))",
            classes.join(", ")
        );
    }
    for set in rule.needs {
        let fields: Vec<String> = set.iter().map(|p| format!("`{p}`")).collect();
        let _ = writeln!(
            out,
            "\nNeeds {} together: when their sections are present and one is missing, the \
             rule is listed as not checked (BC004).",
            fields.join(" and ")
        );
    }
    out
}

/// Messages and remediation steps of every variant, in both languages. `{name}` stands for a
/// value of the finding.
fn messages_text(policy: &RulePolicy) -> String {
    let (en, zh) = (policy.texts(Lang::En), policy.texts(Lang::Zh));
    let mut out = String::from(
        "\n## Messages and how to fix\n\n`{name}` stands for a value taken from the finding.\n",
    );
    let mut variants: Vec<&str> = en.message.keys();
    for key in en.remediation.keys() {
        if !variants.contains(&key) {
            variants.push(key);
        }
    }
    for variant in variants {
        let _ = write!(out, "\n### `{variant}`\n\n");
        for (lang, texts) in [("en", en), ("zh", zh)] {
            if let Some(message) = texts.message.get(variant) {
                let _ = writeln!(out, "- {lang}: {message}");
            }
        }
        for (lang, texts) in [("en", en), ("zh", zh)] {
            let steps = texts.remediation.get(variant).cloned().unwrap_or_default();
            if !steps.is_empty() {
                let _ = writeln!(out, "\n{lang}:\n");
            }
            for (i, step) in steps.iter().enumerate() {
                let _ = writeln!(out, "{}. {step}", i + 1);
            }
        }
    }
    out
}

fn symptoms_text(policy: &RulePolicy, pack: &RulePack) -> String {
    let mut out = String::new();
    let describe = |id: &str| {
        pack.symptoms
            .get(id)
            .map_or(String::new(), |s| format!(": {} · {}", s.en, s.zh))
    };
    if !policy.symptoms.is_empty() || !policy.symptoms_by_field.is_empty() {
        out += "\n## Symptoms it explains\n\nCauses that explain a reported symptom \
                (`--symptom`, `[incident]`) rank first.\n\n";
        for id in &policy.symptoms {
            let _ = writeln!(out, "- `{id}`{}", describe(id));
        }
        // By symptom, each with the fields where the rule explains it.
        let mut by_symptom: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
        for (fields, ids) in &policy.symptoms_by_field {
            for id in ids {
                by_symptom
                    .entry(id)
                    .or_default()
                    .push(format!("`{fields}`"));
            }
        }
        for (id, fields) in by_symptom {
            let _ = writeln!(
                out,
                "- `{id}`{}, only at {}",
                describe(id),
                fields.join(", ")
            );
        }
    }
    if !policy.prerequisites.is_empty() {
        out += "\n## Fix first\n\nThese rules' causes rank before this one's, which can only \
                be fixed after them:\n\n";
        for code in &policy.prerequisites {
            let _ = writeln!(out, "- [{code}]({code}.md)");
        }
    }
    if !policy.prerequisite_of.is_empty() {
        out += "\n## Fix before\n\nThis rule's cause ranks before the cause of every other rule \
                scoped to these flows, which can only be fixed after it:\n\n";
        for flow in &policy.prerequisite_of {
            let (en, zh) = flow.describe();
            let _ = writeln!(out, "- `{}`: {en} · {zh}", flow.as_str());
        }
    }
    out
}

fn sources_text(policy: &RulePolicy, pack: &RulePack) -> String {
    let mut out = String::from("\n## Sources\n\n");
    for id in &policy.sources {
        let Some(source) = pack.sources.get(id) else {
            continue;
        };
        let confidence = source.confidence.map_or("unrated", |c| c.as_str());
        let _ = write!(
            out,
            "- `{id}` ({confidence}): {} · {}",
            source.title(Lang::En),
            source.title(Lang::Zh)
        );
        if !source.url.is_empty() {
            let _ = write!(out, " <{}>", source.url);
        }
        let _ = writeln!(out, "\n  - {}", source.claims(Lang::En));
    }
    out
}

/// The first profile it fires on and the first it stays clean on, in full with their
/// diagnosis; the other fixtures by name.
fn examples_text(rule: &Rule, examples: &[PathBuf], pack: &RulePack) -> String {
    if examples.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "\n## Examples\n\nFrom `fixtures/rules/{}/`, diagnosed as of {} with identifiers \
         masked; invisible characters are shown as `⟨U+200B⟩`.\n",
        rule.code,
        super::example::AS_OF
    );
    let name = |p: &PathBuf| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let first = |prefix: &str| {
        let exact = format!("{prefix}.toml");
        examples
            .iter()
            .find(|p| name(p) == exact)
            .or_else(|| examples.iter().find(|p| name(p).starts_with(prefix)))
    };
    let shown: Vec<&PathBuf> = [first("fires"), first("clean")]
        .into_iter()
        .flatten()
        .collect();
    for path in &shown {
        let bytes = std::fs::read(path).unwrap_or_default();
        let shown_path = format!("fixtures/rules/{}/{}", rule.code, name(path));
        let text = String::from_utf8_lossy(&bytes);
        let _ = write!(
            out,
            "\n### `{}`\n\n```toml\n{}```\n\n```text\n{}```\n",
            name(path),
            crate::unicode::escape_keep_newlines(&text),
            super::example::diagnosis(&shown_path, &bytes, pack, Lang::En)
        );
    }
    let others: Vec<String> = examples
        .iter()
        .filter(|p| !shown.contains(p))
        .map(|p| format!("[`{0}`](../../fixtures/rules/{1}/{0})", name(p), rule.code))
        .collect();
    if !others.is_empty() {
        let _ = writeln!(out, "\nMore fixtures: {}.", others.join(", "));
    }
    out
}
