//! `bindcheck explain CODE|NAME`: what a rule checks, why, how to fix, sources and confidence.

use super::{CmdResult, Fatal, LangArg, emit, lang, load_rulepack};
use crate::profile::Flow;
use crate::rulepack::{Lang, RulePack, RulePolicy};
use crate::rules::{self, Rule};
use clap::ValueEnum;
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextOrJson {
    Text,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A rule code (BC301) or name (merchant-id-format).
    pub rule: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// A rulepack that overrides or extends the built-in one.
    #[arg(long)]
    pub rules: Option<PathBuf>,
}

pub fn run(args: Args) -> CmdResult {
    let pack = load_rulepack(args.rules.as_ref())?;
    let rule = rules::lookup(&args.rule).ok_or_else(|| {
        Fatal(format!(
            "no rule `{}`; `bindcheck rules` lists every code and name",
            crate::unicode::escape(&args.rule)
        ))
    })?;
    let policy = pack
        .rule(rule.code)
        .ok_or_else(|| Fatal(format!("the rulepack has no policy for {}", rule.code)))?;
    let lang = lang(args.lang);
    let text = match args.format {
        TextOrJson::Text => explain_text(rule, policy, &pack, lang),
        TextOrJson::Json => {
            serde_json::to_string_pretty(&explain_json(rule, policy, &pack, lang))
                .unwrap_or_default()
                + "\n"
        }
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// Placeholders in remediation steps are shown as `<name>` when no finding fills them.
fn generic(step: &str) -> String {
    let args: Vec<(&str, String)> = crate::rulepack::placeholders(step)
        .into_iter()
        .map(|p| (p, format!("<{p}>")))
        .collect();
    crate::rulepack::fill(step, &args)
}

fn labels(lang: Lang) -> [&'static str; 10] {
    match lang {
        Lang::En => [
            "severity",
            "confidence",
            "prior",
            "What it checks and why",
            "Where sources disagree",
            "How to fix",
            "Explains these symptoms",
            "Policy (rulepack parameters)",
            "Sources",
            "Applies to",
        ],
        Lang::Zh => [
            "严重程度",
            "置信度",
            "先验概率",
            "检查内容与原因",
            "来源分歧",
            "修复方法",
            "可解释的症状",
            "策略（规则包参数）",
            "来源",
            "适用范围",
        ],
    }
}

/// A flow of the rule's scope, with what it means in `lang`.
fn flow_text(flow: Flow, lang: Lang) -> (&'static str, &'static str) {
    let (en, zh) = flow.describe();
    (flow.as_str(), if lang == Lang::En { en } else { zh })
}

fn explain_text(rule: &Rule, policy: &RulePolicy, pack: &RulePack, lang: Lang) -> String {
    let texts = policy.texts(lang);
    let l = labels(lang);
    let mut out = format!("{} {}: {}\n\n", rule.code, rule.name, texts.title);
    out += &format!(
        "{}: {} · {}: {} · {}: {}\n\n",
        l[0],
        policy.severity_for("default"),
        l[1],
        policy.confidence().as_str(),
        l[2],
        policy.prior()
    );
    out += &format!("{}:\n", l[9]);
    for flow in &policy.scope {
        let (name, what) = flow_text(*flow, lang);
        out += &format!("  - {name}: {what}\n");
    }
    out += "\n";
    out += &format!("{}:\n  {}\n\n", l[3], texts.why);
    if !texts.note.is_empty() {
        out += &format!("{}:\n  {}\n\n", l[4], texts.note);
    }
    out += &format!("{}:\n", l[5]);
    for (i, step) in texts
        .remediation
        .get("default")
        .into_iter()
        .flatten()
        .enumerate()
    {
        out += &format!("  {}. {}\n", i + 1, generic(step));
    }
    out += &symptoms_text(policy, pack, lang, l[6]);
    if !policy.params.is_empty() {
        out += &format!("\n{}:\n", l[7]);
        for (key, value) in &policy.params {
            out += &format!("  {key} = {value}\n");
        }
    }
    out += &format!("\n{}:\n", l[8]);
    for id in &policy.sources {
        if let Some(source) = pack.sources.get(id) {
            let confidence = source.confidence.map_or("?", |c| c.as_str());
            out += &format!(
                "  - {id} ({confidence}): {}\n    {}\n",
                source.title, source.claims
            );
        }
    }
    out
}

/// The symptoms a rule explains (those it explains only at some fields, with the fields) and
/// the rules to fix before it.
fn symptoms_text(policy: &RulePolicy, pack: &RulePack, lang: Lang, heading: &str) -> String {
    let (at, first) = match lang {
        Lang::En => (" (only at {fields})", "Fix first (ranked before it)"),
        Lang::Zh => ("（仅限字段 {fields}）", "需先处理（排在其前）"),
    };
    let described = |id: &str| {
        pack.symptoms.get(id).map_or("", |s| match lang {
            Lang::En => s.en.as_str(),
            Lang::Zh => s.zh.as_str(),
        })
    };
    let mut out = String::new();
    if !policy.symptoms.is_empty() || !policy.symptoms_by_field.is_empty() {
        out += &format!("\n{heading}:\n");
        for id in &policy.symptoms {
            out += &format!("  - {id}: {}\n", described(id));
        }
        for (fields, ids) in &policy.symptoms_by_field {
            for id in ids {
                let at = crate::rulepack::fill(at, &[("fields", fields.clone())]);
                out += &format!("  - {id}: {}{at}\n", described(id));
            }
        }
    }
    if !policy.prerequisites.is_empty() {
        out += &format!("\n{first}:\n");
        for code in &policy.prerequisites {
            let title = pack.rule(code).map_or("", |p| p.texts(lang).title.as_str());
            out += &format!("  - {code}: {title}\n");
        }
    }
    out
}

fn explain_json(
    rule: &Rule,
    policy: &RulePolicy,
    pack: &RulePack,
    lang: Lang,
) -> serde_json::Value {
    let texts = policy.texts(lang);
    let sources: Vec<_> = policy
        .sources
        .iter()
        .filter_map(|id| pack.sources.get(id).map(|s| (id, s)))
        .map(|(id, s)| {
            json!({"id": id, "title": s.title, "confidence": s.confidence.map(|c| c.as_str()), "claims": s.claims})
        })
        .collect();
    let params: serde_json::Map<String, serde_json::Value> = policy
        .params
        .iter()
        .map(|(k, v)| (k.clone(), serde_json::to_value(v).unwrap_or_default()))
        .collect();
    json!({
        "code": rule.code,
        "name": rule.name,
        "title": texts.title,
        "severity": policy.severity_for("default"),
        "confidence": policy.confidence().as_str(),
        "prior": policy.prior(),
        "why": texts.why,
        "note": texts.note,
        "remediation": texts.remediation.get("default").map(|s| s.iter().map(|x| generic(x)).collect::<Vec<_>>()),
        "symptoms": policy.symptoms,
        "scope": policy.scope.iter().map(|flow| {
            let (name, what) = flow_text(*flow, lang);
            json!({"flow": name, "description": what})
        }).collect::<Vec<_>>(),
        "symptoms_by_field": policy.symptoms_by_field,
        "prerequisites": policy.prerequisites,
        "params": params,
        "sources": sources,
        "lang": lang.as_str(),
    })
}
