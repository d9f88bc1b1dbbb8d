//! Every rule fixture (`fixtures/rules/<CODE>/*.toml`), diagnosed and snapshotted, in the style
//! of ruff's fixture tests: a change in any message, position, grouping into causes or ranking
//! shows up as a diff of `tests/snapshots/`. Review with `INSTA_UPDATE=always cargo test --test fixture_snapshots`
//! and `git diff`.

use bindcheck::pipeline::{AnalyzeOptions, analyze};
use bindcheck::report::{RenderOptions, report_finding};
use bindcheck::rulepack::{Lang, RulePack};
use std::path::Path;

fn render(path: &Path, pack: &RulePack, lang: Lang) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shown = path
        .strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string();
    let bytes = std::fs::read(path).expect("fixture reads");
    let options = AnalyzeOptions {
        as_of: Some(jiff::civil::date(2026, 11, 21)),
        symptom: None,
    };
    let render_options = RenderOptions {
        lang,
        show_values: false,
        explain_rank: false,
    };
    match analyze(&shown, &bytes, pack, &options) {
        Ok(analysis) => analysis
            .ranked
            .iter()
            .map(|r| {
                let f = report_finding(r, &analysis.profile.source, pack, render_options);
                format!(
                    "{}. [cause {}] {} {} {} {}:{}-{}:{} score={}\n   {}\n",
                    f.rank,
                    f.cause,
                    f.code,
                    f.severity,
                    f.field,
                    f.line,
                    f.column,
                    f.end_line,
                    f.end_column,
                    f.score,
                    f.message
                )
            })
            .collect(),
        Err(bindcheck::pipeline::AnalyzeError::Load(failure)) => {
            let error = &failure.error;
            format!(
                "cannot be checked: {}:{}:{}: {}\n",
                failure.message_path,
                error.position.line,
                error.position.column,
                bindcheck::report::load_error_message(error, pack, lang)
            )
        }
        Err(e) => format!("cannot be checked: {e}\n"),
    }
}

#[test]
fn rule_fixtures() {
    let pack = RulePack::builtin().expect("builtin rulepack");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    let mut codes: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/rules")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    codes.sort();
    assert!(codes.len() >= 61, "every rule has fixtures");
    for code_dir in codes {
        let code = code_dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<_> = std::fs::read_dir(&code_dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && !is_rulepack(p))
            .collect();
        files.sort();
        let mut text = String::new();
        for file in &files {
            let name = file.file_name().unwrap().to_string_lossy();
            text += &format!("== {name}\n{}", render(file, &pack, Lang::En));
            if name.starts_with("fires") {
                // The first firing fixture of each rule, in Chinese too.
                if !text.contains("== zh") {
                    text += &format!("== zh {name}\n{}", render(file, &pack, Lang::Zh));
                }
            }
        }
        insta::assert_snapshot!(code, text);
    }
}

/// Some fixture folders hold rulepack overlays used with `--rules`.
fn is_rulepack(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|t| t.contains("[rules."))
}

/// Every rule that has a check has a folder of fixtures with at least one profile it fires on
/// and one near-miss it stays clean on.
#[test]
fn every_rule_has_firing_and_clean_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    for rule in bindcheck::rules::RULES.iter().filter(|r| r.check.is_some()) {
        let names: Vec<String> = std::fs::read_dir(dir.join(rule.code))
            .unwrap_or_else(|_| panic!("{}: no fixtures/rules/{} folder", rule.code, rule.code))
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        for prefix in ["fires", "clean"] {
            assert!(
                names
                    .iter()
                    .any(|n| n.starts_with(prefix) && n.ends_with(".toml")),
                "{} has no {prefix}*.toml fixture",
                rule.code
            );
        }
    }
}
