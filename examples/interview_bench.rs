//! The interview's benchmark: how often a scripted interview reaches `diagnose`'s first cause,
//! and with how few questions.
//!
//! ```sh
//! cargo run --release --example interview_bench -- [--generic] target/release/bindcheck [DIR...]
//! ```
//!
//! For every profile under the folders (default: `fixtures/`) whose first cause explains a
//! symptom: the symptom is the most specific one that cause explains (the one the fewest rules
//! explain — what a seller reports is what they saw, "Invalid Merchant ID", not "it failed"),
//! given in the rulepack's English words. With `--generic`, the least specific one instead
//! (the one the most rules explain: usually "binding rejected or failed"), the worst case.
//! Then
//!
//! - `bindcheck diagnose FILE --symptom S` gives the reference first cause;
//! - `bindcheck interview --protocol jsonl --symptom S` is run with an answerer that reads
//!   every answer from FILE (the platform from what the file describes, "don't know" for a
//!   field the file lacks), and its `done` report gives the interview's first cause.
//!
//! Two first causes agree when their leading findings have the same code and field (a field of
//! the first `[[amazon.deposit_methods]]` entry counting as the same field of
//! `[amazon.deposit_method]`, which is where the interview saves it). Printed:
//! one line per profile, then the agreement and the median number of questions (the platform
//! question included), overall and per platform.

use bindcheck::pipeline::{AnalyzeOptions, analyze};
use bindcheck::profile::{Flow, Flows};
use bindcheck::rulepack::RulePack;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const AS_OF: &str = "2026-11-21";

struct Case {
    file: PathBuf,
    platform: &'static str,
    symptom: String,
}

struct Outcome {
    agrees: bool,
    questions: usize,
    reference: String,
    interview: String,
}

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let generic = args.next_if(|a| a == "--generic").is_some();
    let bin = PathBuf::from(
        args.next()
            .expect("usage: interview_bench [--generic] BINDCHECK [DIR...]"),
    );
    let mut dirs: Vec<PathBuf> = args.map(PathBuf::from).collect();
    if dirs.is_empty() {
        dirs.push(PathBuf::from("fixtures"));
    }
    let pack = RulePack::builtin().expect("the built-in rulepack loads");
    // The files `lint` would check in those folders.
    let files: Vec<PathBuf> = bindcheck::lint::walk::collect(&dirs)
        .targets
        .into_iter()
        .map(|target| target.path)
        .collect();
    let work = std::env::temp_dir().join(format!("interview-bench-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("a temporary folder");
    let mut results: Vec<(Case, Outcome)> = Vec::new();
    // Why profiles were left out: does not load, no cause, a first cause that explains no
    // symptom (a file-level finding such as a misspelt key, or advice such as BC502).
    let mut left_out = [0; 3];
    for file in files {
        let case = match case_of(&file, &pack, generic) {
            Ok(case) => case,
            Err(reason) => {
                left_out[reason] += 1;
                continue;
            }
        };
        let save = work.join(format!("{}.toml", results.len()));
        let outcome = run(&bin, &case, &save);
        println!(
            "{:<5} {:>2} q  {:<48} {:<24} ref {:<40} got {}",
            if outcome.agrees { "same" } else { "DIFF" },
            outcome.questions,
            case.file.display(),
            case.symptom.chars().take(24).collect::<String>(),
            outcome.reference,
            outcome.interview
        );
        results.push((case, outcome));
    }
    let _ = std::fs::remove_dir_all(&work);
    println!(
        "\nprofiles with a first cause that explains a symptom: {}",
        results.len()
    );
    println!(
        "left out: {} that do not load, {} with no cause, {} whose first cause explains no symptom",
        left_out[0], left_out[1], left_out[2]
    );
    summary("all", results.iter().map(|(_, o)| o).collect());
    for flow in ["ozon-lianlian", "ozon-global-pay", "amazon-lianlian"] {
        summary(
            flow,
            results
                .iter()
                .filter(|(c, _)| c.platform == flow)
                .map(|(_, o)| o)
                .collect(),
        );
    }
}

fn summary(name: &str, outcomes: Vec<&Outcome>) {
    if outcomes.is_empty() {
        return;
    }
    let agree = outcomes.iter().filter(|o| o.agrees).count();
    let mut questions: Vec<usize> = outcomes.iter().map(|o| o.questions).collect();
    questions.sort_unstable();
    let median = if questions.len() % 2 == 1 {
        questions[questions.len() / 2] as f64
    } else {
        (questions[questions.len() / 2 - 1] + questions[questions.len() / 2]) as f64 / 2.0
    };
    println!(
        "{name:<16} {:>3} profiles  same first cause {:>5.1} % ({agree})  median questions {median}  max {}",
        outcomes.len(),
        100.0 * agree as f64 / outcomes.len() as f64,
        questions.last().copied().unwrap_or(0),
    );
}

/// The symptom to report for `file`: the most specific one its first cause explains (the
/// least specific one when `generic`).
/// `Err` says why there is none: 0 the file does not load, 1 it has no cause, 2 its first
/// cause explains no symptom.
fn case_of(file: &Path, pack: &RulePack, generic: bool) -> Result<Case, usize> {
    let bytes = std::fs::read(file).map_err(|_| 0usize)?;
    let options = AnalyzeOptions {
        as_of: AS_OF.parse().ok(),
        symptom: None,
    };
    let analysis =
        analyze(&file.display().to_string(), &bytes, pack, &options).map_err(|_| 0usize)?;
    let lead = analysis
        .causes
        .first()
        .and_then(|cause| cause.lead(&analysis.ranked))
        .ok_or(1usize)?;
    let policy = pack.rule(lead.finding.code).ok_or(2usize)?;
    let explaining = |symptom: &str| {
        pack.rules
            .values()
            .filter(|p| {
                p.symptoms.iter().any(|s| s == symptom)
                    || p.symptoms_by_field.values().flatten().any(|s| s == symptom)
            })
            .count()
    };
    let symptoms = policy.symptoms_at(&lead.finding.field, lead.finding.variant);
    let symptom = if generic {
        symptoms.max_by_key(|s| explaining(s))
    } else {
        symptoms.min_by_key(|s| explaining(s))
    }
    .ok_or(2usize)?;
    // The platform the seller is binding: the one the first cause is about when the profile
    // describes several; an Amazon store is asked about as a LianLian deposit method.
    let flows = Flows::of(&analysis.profile);
    let field = lead.finding.field.as_str();
    let about = |flow: Flow, prefix: &str| flows.contains(flow) && field.starts_with(prefix);
    let platform = if about(Flow::OzonGlobalPay, "ozon_global_pay") {
        Flow::OzonGlobalPay
    } else if about(Flow::Amazon, "amazon") {
        Flow::AmazonLianlian
    } else if flows.contains(Flow::OzonLianlian) {
        Flow::OzonLianlian
    } else if flows.contains(Flow::OzonGlobalPay) {
        Flow::OzonGlobalPay
    } else if flows.contains(Flow::Amazon) {
        Flow::AmazonLianlian
    } else {
        Flow::OzonLianlian
    }
    .as_str();
    Ok(Case {
        file: file.to_path_buf(),
        platform,
        symptom: pack.symptoms.get(symptom).ok_or(2usize)?.en.clone(),
    })
}

/// `code field` of the first cause's leading finding in a JSON report.
fn first_cause(report: &Value) -> String {
    let file = &report["files"][0];
    let Some(rank) = file["causes"][0]["findings"][0].as_u64() else {
        return "(none)".into();
    };
    let lead = &file["findings"][rank as usize - 1];
    // The interview writes a deposit method as `[amazon.deposit_method]`; a profile may hold
    // it as the first `[[amazon.deposit_methods]]` entry.
    let field = lead["field"]
        .as_str()
        .unwrap_or("")
        .replace("amazon.deposit_methods[0].", "amazon.deposit_method.");
    format!("{} {field}", lead["code"].as_str().unwrap_or(""))
}

fn run(bin: &Path, case: &Case, save: &Path) -> Outcome {
    let reference = Command::new(bin)
        .arg("diagnose")
        .arg(&case.file)
        .args([
            "--format",
            "json",
            "--as-of",
            AS_OF,
            "--symptom",
            &case.symptom,
        ])
        .output()
        .expect("diagnose runs");
    let reference: Value = serde_json::from_slice(&reference.stdout).expect("diagnose JSON");
    let reference = first_cause(&reference);

    let text = std::fs::read_to_string(&case.file).expect("the profile reads");
    let profile: toml::Table = text.parse().expect("the profile is TOML");
    let mut child = Command::new(bin)
        .args([
            "interview",
            "--protocol",
            "jsonl",
            "--lang",
            "en",
            "--as-of",
            AS_OF,
        ])
        .args(["--symptom", &case.symptom])
        .arg("--save")
        .arg(save)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("interview starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut done = Value::Null;
    for line in stdout.lines() {
        let message: Value = serde_json::from_str(&line.expect("a line")).expect("JSON");
        match message["type"].as_str() {
            Some("question") => {
                let field = message["field"].as_str().unwrap_or("");
                let answer = if field == "--platform" {
                    json!({"value": case.platform})
                } else {
                    match value_at(&profile, field) {
                        Some(value) => json!({ "value": value }),
                        None => json!({"skip": true}),
                    }
                };
                writeln!(stdin, "{answer}").expect("the interview reads");
            }
            Some("done") => {
                done = message;
                break;
            }
            _ => {}
        }
    }
    drop(stdin);
    let _ = child.wait();
    let interview = first_cause(&done["report"]);
    Outcome {
        agrees: interview == reference,
        questions: done["questions"].as_u64().unwrap_or(0) as usize,
        reference,
        interview,
    }
}

/// The value at the dotted `path` of `profile` as the protocol sends it; a deposit method's
/// field from `[amazon.deposit_method]` or the first `[[amazon.deposit_methods]]` entry.
fn value_at(profile: &toml::Table, path: &str) -> Option<Value> {
    let found = lookup(profile, path).or_else(|| {
        let rest = path.strip_prefix("amazon.deposit_method.")?;
        let first = profile
            .get("amazon")?
            .get("deposit_methods")?
            .as_array()?
            .first()?;
        first.get(rest)
    })?;
    match found {
        toml::Value::String(s) => Some(json!(s)),
        toml::Value::Integer(i) => Some(json!(i)),
        toml::Value::Boolean(b) => Some(json!(b)),
        toml::Value::Datetime(d) => Some(json!(d.to_string())),
        toml::Value::Array(items) => items
            .iter()
            .map(|item| item.as_str().map(|s| json!(s)))
            .collect::<Option<Vec<_>>>()
            .map(Value::Array),
        _ => None,
    }
}

fn lookup<'t>(table: &'t toml::Table, path: &str) -> Option<&'t toml::Value> {
    let mut parts = path.split('.');
    let mut value = table.get(parts.next()?)?;
    for part in parts {
        value = value.get(part)?;
    }
    Some(value)
}
