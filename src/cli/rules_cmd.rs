//! `bindcheck rules`: the catalogue.

use super::explain::TextOrJson;
use super::{CmdResult, LangArg, emit, lang, load_rulepack};
use crate::rules::RULES;
use comfy_table::{ContentArrangement, Table, presets};
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
            let mut table = Table::new();
            table
                .load_preset(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(120)
                .set_header(["code", "name", "severity", "confidence", "title"]);
            for (r, p) in rows {
                table.add_row([
                    r.code.to_string(),
                    r.name.to_string(),
                    p.severity_for("default").to_string(),
                    p.confidence().as_str().to_string(),
                    p.texts(lang).title.clone(),
                ]);
            }
            format!("{table}\n")
        }
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
