//! `bindcheck explain CODE|NAME`: what a rule checks, why, how to fix, sources and confidence.

use super::{CmdResult, Fatal, LangArg, emit_styled, lang, load_rulepack};
use crate::profile::Flow;
use crate::report::layout::wrap;
use crate::report::style::{self, Terminal};
use crate::report::words;
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
    let lang = lang(args.lang);
    let rule = rules::lookup(&args.rule).ok_or_else(|| {
        let shown = crate::unicode::escape(&args.rule);
        Fatal(super::say(
            lang,
            format!("no rule `{shown}`; `bindcheck rules` lists every code and name"),
            format!("没有规则 `{shown}`；`bindcheck rules` 列出了所有代码和名称"),
        ))
    })?;
    let policy = pack
        .rule(rule.code)
        .ok_or_else(|| Fatal(format!("the rulepack has no policy for {}", rule.code)))?;
    let text = match args.format {
        TextOrJson::Text => explain_text(rule, policy, &pack, lang, super::terminal()),
        TextOrJson::Json => {
            serde_json::to_string_pretty(&explain_json(rule, policy, &pack, lang))
                .unwrap_or_default()
                + "\n"
        }
    };
    emit_styled(&text)?;
    Ok(ExitCode::SUCCESS)
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

fn explain_text(
    rule: &Rule,
    policy: &RulePolicy,
    pack: &RulePack,
    lang: Lang,
    term: Terminal,
) -> String {
    let texts = policy.texts(lang);
    let l = labels(lang);
    let colon = words::colon(lang);
    let width = term.width;
    let heading = |text: &str| term.paint(&format!("{text}{}", colon.trim_end()), style::heading());
    let paragraph = |text: &str| wrap(text, width, "  ", "  ");
    let severity = policy.severity_for("default");
    let title = format!("{} {}{colon}{}", rule.code, rule.name, texts.title);
    let mut out = format!(
        "{}

",
        term.paint(&wrap(&title, width, "", "  "), style::heading())
    );
    let facts = format!(
        "{}{colon}{} · {}{colon}{} · {}{colon}{}",
        l[0],
        term.paint(words::severity(severity, lang), style::severity(severity)),
        l[1],
        words::confidence(policy.confidence(), lang),
        l[2],
        policy.prior()
    );
    out += &format!("{}\n\n", wrap(&facts, width, "", ""));
    out += &format!("{}\n", heading(l[9]));
    for flow in &policy.scope {
        let (name, what) = flow_text(*flow, lang);
        out += &format!(
            "{}\n",
            wrap(&format!("`{name}`{colon}{what}"), width, "  - ", "    ")
        );
    }
    out += "\n";
    out += &format!("{}\n{}\n\n", heading(l[3]), paragraph(&texts.why));
    if !texts.note.is_empty() {
        out += &format!("{}\n{}\n\n", heading(l[4]), paragraph(&texts.note));
    }
    out += &format!("{}\n", heading(l[5]));
    for (i, step) in texts
        .remediation
        .get("default")
        .into_iter()
        .flatten()
        .enumerate()
    {
        let number = format!("  {}. ", i + 1);
        out += &format!(
            "{}\n",
            wrap(
                &crate::rulepack::generic(step, &policy.params),
                width,
                &number,
                "     "
            )
        );
    }
    out += &symptoms_text(policy, pack, lang, &heading(l[6]), width);
    if !policy.params.is_empty() {
        out += &format!("\n{}\n", heading(l[7]));
        for (key, value) in &policy.params {
            for line in param_lines(key, value) {
                out += &format!("{}\n", wrap(&line, width, "  ", "      "));
            }
        }
    }
    out += &format!("\n{}\n", heading(l[8]));
    for id in &policy.sources {
        if let Some(source) = pack.sources.get(id) {
            let confidence = source
                .confidence
                .map_or("?", |c| words::confidence(c, lang));
            let item = format!(
                "{id}{}{colon}{}",
                words::aside(confidence, lang),
                source.title(lang)
            );
            out += &format!("{}\n", wrap(&item, width, "  - ", "    "));
            out += &format!("{}\n", wrap(source.claims(lang), width, "    ", "    "));
        }
    }
    out
}

/// The symptoms a rule explains (those it explains only at some fields, with the fields) and
/// the rules to fix before it.
fn symptoms_text(
    policy: &RulePolicy,
    pack: &RulePack,
    lang: Lang,
    heading: &str,
    width: usize,
) -> String {
    let colon = words::colon(lang);
    let (at, first, before) = match lang {
        Lang::En => (
            " (only at {fields})",
            "Fix first (ranked before it)",
            "Fix before the other rules of these flows (ranked before them)",
        ),
        Lang::Zh => (
            "（仅限字段 {fields}）",
            "需先处理（排在其前）",
            "先于这些流程的其他规则处理（排在它们之前）",
        ),
    };
    let described = |id: &str| {
        pack.symptoms.get(id).map_or("", |s| match lang {
            Lang::En => s.en.as_str(),
            Lang::Zh => s.zh.as_str(),
        })
    };
    let item = |text: String| format!("{}\n", wrap(&text, width, "  - ", "    "));
    let mut out = String::new();
    if !policy.symptoms.is_empty() || !policy.symptoms_by_field.is_empty() {
        out += &format!("\n{heading}\n");
        for id in &policy.symptoms {
            out += &item(format!("{id}{colon}{}", described(id)));
        }
        for (fields, ids) in &policy.symptoms_by_field {
            for id in ids {
                let at = crate::rulepack::fill(at, &[("fields", fields.clone())]);
                out += &item(format!("{id}{colon}{}{at}", described(id)));
            }
        }
    }
    if !policy.prerequisites.is_empty() {
        out += &format!("\n{first}{}\n", colon.trim_end());
        for code in &policy.prerequisites {
            let title = pack.rule(code).map_or("", |p| p.texts(lang).title.as_str());
            out += &item(format!("{code}{colon}{title}"));
        }
    }
    if !policy.prerequisite_of.is_empty() {
        out += &format!("\n{before}{}\n", colon.trim_end());
        for &flow in &policy.prerequisite_of {
            let (name, what) = flow_text(flow, lang);
            out += &item(format!("{name}{colon}{what}"));
        }
    }
    out
}

/// A parameter as `key = value` lines, tables flattened into dotted keys so that no line holds
/// a whole nested table.
fn param_lines(key: &str, value: &toml::Value) -> Vec<String> {
    match value {
        toml::Value::Table(table) => table
            .iter()
            .flat_map(|(k, v)| param_lines(&format!("{key}.{k}"), v))
            .collect(),
        other => vec![format!("{key} = {other}")],
    }
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
            json!({"id": id, "title": s.title(lang), "confidence": s.confidence.map(|c| c.as_str()), "claims": s.claims(lang)})
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
        "remediation": texts.remediation.get("default").map(|s| s.iter().map(|x| crate::rulepack::generic(x, &policy.params)).collect::<Vec<_>>()),
        "symptoms": policy.symptoms,
        "scope": policy.scope.iter().map(|flow| {
            let (name, what) = flow_text(*flow, lang);
            json!({"flow": name, "description": what})
        }).collect::<Vec<_>>(),
        "symptoms_by_field": policy.symptoms_by_field,
        "prerequisites": policy.prerequisites,
        "prerequisite_of": policy.prerequisite_of.iter().map(|flow| flow.as_str()).collect::<Vec<_>>(),
        "params": params,
        "sources": sources,
        "lang": lang.as_str(),
    })
}
