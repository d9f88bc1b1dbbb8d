//! No text bindcheck writes keeps a `{placeholder}` unfilled: every rule's findings on every
//! fixture (every variant the fixtures reach), each rule's description in SARIF and `explain`,
//! and every command's output, in both languages.

mod common;
use bindcheck::rules::RULES;
use common::*;

/// `{name}` as the rulepack writes a placeholder (JSON objects never look like this).
fn unfilled(text: &str) -> Vec<String> {
    let placeholder = regex::Regex::new(r"\{[A-Za-z_][A-Za-z0-9_]*\}").unwrap();
    placeholder
        .find_iter(text)
        .map(|m| m.as_str().to_string())
        .collect()
}

fn assert_filled(what: &str, text: &str, problems: &mut Vec<String>) {
    let found = unfilled(text);
    if !found.is_empty() {
        problems.push(format!("{what}: {}", found.join(", ")));
    }
}

fn finish(problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "unfilled placeholders:\n{}",
        problems.join("\n")
    );
}

fn run(args: &[&str]) -> String {
    let out = bindcheck().args(args).output().unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Every profile the repository ships, through `lint` in every format that carries messages,
/// steps and cause notes, and `diagnose` and `ticket` on the examples with a symptom and the
/// ranking formula.
#[test]
fn reports_fill_every_placeholder() {
    let fixtures = fixture("").display().to_string();
    let mut problems = Vec::new();
    for lang in ["en", "zh"] {
        for format in ["json", "concise", "sarif"] {
            let args = [
                "lint",
                &fixtures,
                "--as-of",
                "2026-11-21",
                "--lang",
                lang,
                "--show-info",
                "--format",
                format,
            ];
            assert_filled(&format!("lint {format} {lang}"), &run(&args), &mut problems);
        }
        let stats = run(&["lint", &fixtures, "--statistics", "--lang", lang]);
        assert_filled(&format!("lint --statistics {lang}"), &stats, &mut problems);
        for example in std::fs::read_dir(fixture("examples")).unwrap() {
            let path = example.unwrap().path().display().to_string();
            for extra in [
                &[][..],
                &[
                    "--symptom",
                    "Invalid Merchant ID; test payment succeeded",
                    "--explain-rank",
                ][..],
            ] {
                let mut args = vec!["diagnose", &path, "--as-of", "2026-11-21", "--lang", lang];
                args.extend(extra);
                assert_filled(
                    &format!("diagnose {path} {lang} {extra:?}"),
                    &run(&args),
                    &mut problems,
                );
            }
            let ticket = run(&[
                "ticket",
                &path,
                "--as-of",
                "2026-11-21",
                "--symptom",
                "ERR_9999",
            ]);
            assert_filled(&format!("ticket {path}"), &ticket, &mut problems);
        }
    }
    finish(problems);
}

/// `explain` of every rule, `rules` and every `init` template, in both languages.
#[test]
fn commands_fill_every_placeholder() {
    let mut problems = Vec::new();
    for lang in ["en", "zh"] {
        for rule in RULES {
            for format in ["text", "json"] {
                let text = run(&["explain", rule.code, "--lang", lang, "--format", format]);
                assert_filled(
                    &format!("explain {} {lang} {format}", rule.code),
                    &text,
                    &mut problems,
                );
            }
        }
        assert_filled(
            &format!("rules {lang}"),
            &run(&["rules", "--lang", lang]),
            &mut problems,
        );
        for platform in ["ozon-lianlian", "ozon-global-pay", "amazon-lianlian"] {
            let text = run(&["init", "--platform", platform, "--lang", lang]);
            assert_filled(&format!("init {platform} {lang}"), &text, &mut problems);
        }
    }
    finish(problems);
}
