//! `bindcheck rules`: the catalogue.

use super::explain::TextOrJson;
use super::{CmdResult, LangArg, emit_styled, lang, load_rulepack};
use crate::report::{layout, words};
use crate::rulepack::Lang;
use crate::rules::RULES;
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
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
    let rows = RULES
        .iter()
        .filter_map(|r| pack.rule(r.code).map(|p| (r, p)));
    let text = match args.format {
        TextOrJson::Json => {
            let list: Vec<_> = rows
                .map(|(r, p)| {
                    json!({
                        "code": r.code,
                        "name": r.name,
                        "severity": p.severity_for("default"),
                        "confidence": p.confidence().as_str(),
                        "prior": p.prior(),
                        "title": p.texts(lang).title,
                        "sources": p.sources,
                    })
                })
                .collect();
            serde_json::to_string_pretty(&list).unwrap_or_default() + "\n"
        }
        TextOrJson::Text => {
            let term = super::terminal();
            let header = match lang {
                Lang::En => ["code", "name", "severity", "confidence", "title"],
                Lang::Zh => ["代码", "名称", "严重程度", "置信度", "标题"],
            };
            let mut table = layout::table(term, header);
            for (r, p) in rows {
                let severity = p.severity_for("default");
                table.add_row([
                    layout::severity_cell(r.code, severity, term),
                    r.name.into(),
                    layout::severity_cell(words::severity(severity, lang), severity, term),
                    words::confidence(p.confidence(), lang).into(),
                    p.texts(lang).title.clone().into(),
                ]);
            }
            // The title wraps; codes, names and keywords stay whole.
            layout::keep_width(&mut table, &[0, 1, 2, 3]);
            format!("{table}\n")
        }
    };
    emit_styled(&text)?;
    Ok(ExitCode::SUCCESS)
}
