//! A time-boxed fuzzing campaign in place of `cargo fuzz` (which needs a nightly toolchain):
//! profiles mutated from the shipped examples — TOML syntax spliced in, lines repeated, string
//! values replaced by long adversarial runs (spaces, `"a "`, U+200B, look-alikes, full-width,
//! mojibake, TOML 1.1 escapes) — are loaded, analysed and rendered in every format and both
//! languages. Each must: not panic, keep every span inside the file, write no raw control or
//! invisible character, produce JSON that parses, and finish in bounded time.
//!
//! `BINDCHECK_FUZZ_SECONDS` sets the budget (default 60; 0 skips the campaign) and
//! `BINDCHECK_FUZZ_SEED` the first seed (default: fixed, so a failure names a seed that
//! reproduces it: rerun with `BINDCHECK_FUZZ_SEED=N BINDCHECK_FUZZ_SECONDS=1`).

use bindcheck::pipeline::{AnalyzeError, AnalyzeOptions, analyze};
use bindcheck::report::{self, Format, RenderOptions, Report, Terminal};
use bindcheck::rulepack::{Lang, RulePack};
use bindcheck::unicode::is_unsafe_to_print;
use proptest::prelude::Rng as _;
use proptest::test_runner::{RngAlgorithm, TestRng};
use std::time::{Duration, Instant};

const SEEDS: &[&str] = &[
    include_str!("../fixtures/examples/ozon-lianlian-failing.toml"),
    include_str!("../fixtures/examples/ozon-lianlian-clean.toml"),
    include_str!("../fixtures/examples/amazon-lianlian-clean.toml"),
    include_str!("../fixtures/examples/amazon-lianlian-jp-clean.toml"),
    include_str!("../fixtures/examples/ozon-global-pay-clean.toml"),
];

/// Pieces spliced anywhere: TOML syntax, what TOML 1.1 added, and characters that must never
/// reach an output raw.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "\"", "'", "\"\"\"", "[", "]", "[[", "{", "}", "=", ".", ",", "#", "\n", "\r\n", "\\",
    "\\e", "\\x41", "\\u200B", "\u{200B}", "\u{202E}", "\u{FEFF}", "\u{0}", "\u{85}", "\u{E000}",
    "0x", "0b", "10:15", "T10:15+08:00", "{ a = 1, }", "{ a = 1,\n b = 2 }",
    "a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a = 1\n", "[[amazon.deposit_methods]]\n",
    "provider = \"lianlian\"\n", "[bindcheck]\n", "\u{FF21}", "锟斤拷", "Ã©",
];

/// Units repeated into a long string value.
#[rustfmt::skip]
const RUNS: &[&str] = &[
    " ", "a ", "\u{200B}", "\\u200B", "a\u{200B}", "\u{202E}x", "Pаy ", "АВС ABC ", "\u{FF21}",
    "深\u{3000}", "锟斤拷", "Ã©", "1", "\\t", "\\u0001",
];

/// Repeatable inputs from a seed.
struct Rng(TestRng);

impl Rng {
    fn new(seed: u64) -> Self {
        let mut bytes = [0u8; 32];
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
        Rng(TestRng::from_seed(RngAlgorithm::ChaCha, &bytes))
    }

    fn below(&mut self, n: usize) -> usize {
        (self.0.next_u64() % n.max(1) as u64) as usize
    }
}

/// A char boundary of `text` near `at`.
fn boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The largest input the campaign makes: larger ones cost a debug build seconds each and find
/// nothing new (`bench/worst.sh` measures inputs up to the size limit in a release build).
const MAX_INPUT: usize = 256 * 1024;

/// One mutated profile.
fn mutate(rng: &mut Rng) -> String {
    let mut text = SEEDS[rng.below(SEEDS.len())].to_string();
    for _ in 0..=rng.below(4) {
        match rng.below(4) {
            0 => {
                let at = boundary(&text, rng.below(text.len() + 1));
                text.insert_str(at, TOKENS[rng.below(TOKENS.len())]);
            }
            1 => {
                // A string value becomes a long run of one unit (up to 64 KB).
                let quotes: Vec<usize> = text.match_indices("= \"").map(|(i, _)| i + 3).collect();
                if let Some(&start) = quotes.get(rng.below(quotes.len())) {
                    let end = text[start..].find('"').map_or(start, |n| start + n);
                    let unit = RUNS[rng.below(RUNS.len())];
                    let run = unit.repeat(1 + rng.below(65_536 / unit.len()));
                    text.replace_range(start..end, &run);
                }
            }
            2 => {
                // A line repeated: many keys, duplicate keys, many tables.
                let lines: Vec<&str> = text.lines().collect();
                let line = lines[rng.below(lines.len())].to_string();
                let at = boundary(&text, rng.below(text.len() + 1));
                text.insert_str(at, &format!("\n{line}\n").repeat(1 + rng.below(200)));
            }
            _ => {
                let a = boundary(&text, rng.below(text.len() + 1));
                let b = boundary(&text, a + rng.below(64));
                text.replace_range(a..b, "");
            }
        }
        text.truncate(boundary(&text, MAX_INPUT));
    }
    text
}

fn pack() -> RulePack {
    RulePack::load(None).expect("built-in rulepack loads")
}

/// The first raw control or invisible character in `output` (newline and tab are the only
/// controls an output may hold).
fn raw_unsafe(output: &str) -> Option<String> {
    output
        .chars()
        .find(|&c| c != '\n' && c != '\t' && is_unsafe_to_print(c))
        .map(|c| format!("U+{:04X}", u32::from(c)))
}

/// Checks one input end to end; `Err` says what went wrong.
fn check(text: &str, pack: &RulePack) -> Result<(), String> {
    let bytes = text.as_bytes();
    let options = AnalyzeOptions {
        as_of: Some(jiff::civil::date(2026, 11, 21)),
        symptom: Some("Invalid Merchant ID".into()),
    };
    for lang in [Lang::En, Lang::Zh] {
        let render = RenderOptions {
            lang,
            show_values: false,
            explain_rank: false,
        };
        let file = match analyze("p.toml", bytes, pack, &options) {
            Ok(analysis) => {
                for ranked in &analysis.ranked {
                    let span = &ranked.finding.span;
                    if span.start > span.end || span.end > bytes.len() {
                        return Err(format!(
                            "{} span {span:?} outside the file",
                            ranked.finding.code
                        ));
                    }
                }
                report::build_file(
                    &analysis.profile,
                    &analysis.ranked,
                    &analysis.causes,
                    pack,
                    render,
                    None,
                )
                .with_source(&analysis.profile, render)
            }
            Err(AnalyzeError::Load(failure)) => {
                if failure.error.offset > bytes.len() {
                    return Err(format!(
                        "load error at {} past the end",
                        failure.error.offset
                    ));
                }
                report::build_unreadable("p.toml", &failure.error, pack, render)
            }
            Err(AnalyzeError::Policy(e)) => return Err(e.to_string()),
        };
        for format in [
            Format::Human,
            Format::Json,
            Format::Sarif,
            Format::Github,
            Format::Concise,
            Format::Jsonl,
            Format::Junit,
        ] {
            let renderer = format.renderer();
            let mut report = Report::new(pack, render)
                .with_catalogue(pack, renderer.as_ref())
                .with_terminal(Terminal::PLAIN);
            report.files.push(file.clone());
            let mut out = Vec::new();
            renderer
                .render(&report, &mut out)
                .map_err(|e| e.to_string())?;
            let out = String::from_utf8(out).map_err(|_| format!("{format:?} is not UTF-8"))?;
            if let Some(c) = raw_unsafe(&out) {
                return Err(format!("{format:?} ({lang:?}) writes {c} raw"));
            }
            if matches!(format, Format::Json | Format::Sarif) {
                serde_json::from_str::<serde_json::Value>(&out)
                    .map_err(|e| format!("{format:?} does not parse: {e}"))?;
            }
        }
    }
    Ok(())
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn mutated_profiles_never_break_the_promises() {
    let budget = Duration::from_secs(env_number("BINDCHECK_FUZZ_SECONDS", 60));
    let first_seed = env_number("BINDCHECK_FUZZ_SEED", 0x5EED_B1D0);
    // Per input, in a debug build on a busy machine: far above what a linear check needs for
    // 64 KB, far below what a quadratic one does.
    let per_input = Duration::from_secs(env_number("BINDCHECK_FUZZ_INPUT_SECONDS", 20));
    let pack = pack();
    let started = Instant::now();
    let mut inputs = 0u64;
    while started.elapsed() < budget {
        let seed = first_seed.wrapping_add(inputs);
        let mut rng = Rng::new(seed);
        let text = mutate(&mut rng);
        let one = Instant::now();
        let outcome = std::panic::catch_unwind(|| check(&text, &pack))
            .unwrap_or_else(|_| Err("panicked".into()));
        if let Err(problem) = outcome {
            panic!(
                "seed {seed}: {problem}\n(rerun: BINDCHECK_FUZZ_SEED={seed} BINDCHECK_FUZZ_SECONDS=1)"
            );
        }
        assert!(
            one.elapsed() < per_input,
            "seed {seed}: took {:?} for {} bytes",
            one.elapsed(),
            text.len()
        );
        inputs += 1;
    }
    eprintln!("fuzz campaign: {inputs} inputs in {:?}", started.elapsed());
    assert!(budget.is_zero() || inputs > 0, "the campaign ran no input");
}
