//! The benchmark floor, and a per-stage timing harness.
//!
//! `parse_floor DIR` reads every `*.toml` under DIR and parses it with `toml`'s `DeTable`
//! (the parser bindcheck itself uses), single-threaded, and prints files, seconds and
//! files/second. Nothing bindcheck does per profile can be cheaper, so `lint --jobs 1` is
//! compared with this.
//!
//! `parse_floor DIR --stages` instead runs bindcheck's own stages on the same files and prints
//! where the time goes: reading, TOML parsing, `profile::load` (parse + schema walk), each
//! rule's check, ranking, and building the report entries.

use bindcheck::pipeline::{AnalyzeOptions, analyze};
use bindcheck::rulepack::RulePack;
use bindcheck::rules::{Context, RULES};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: parse_floor DIR [--stages]");
        std::process::exit(2);
    };
    let stages = args.next().as_deref() == Some("--stages");
    let mut files = Vec::new();
    collect(Path::new(&dir), &mut files);
    files.sort();
    if stages {
        run_stages(&files);
    } else {
        run_floor(&files);
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

fn run_floor(files: &[PathBuf]) {
    let start = Instant::now();
    let mut parsed = 0usize;
    for path in files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        if toml::de::DeTable::parse(&text).is_ok() {
            parsed += 1;
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "floor: {} files ({parsed} parsed) in {seconds:.3} s = {:.0} files/s",
        files.len(),
        files.len() as f64 / seconds.max(1e-9)
    );
}

fn run_stages(files: &[PathBuf]) {
    let pack = match RulePack::load(None) {
        Ok(pack) => pack,
        Err(e) => {
            eprintln!("rulepack: {e}");
            std::process::exit(2);
        }
    };
    let secrets = match bindcheck::profile::SecretPolicy::new(&pack) {
        Ok(secrets) => secrets,
        Err(e) => {
            eprintln!("rulepack: {e}");
            std::process::exit(2);
        }
    };
    let today = jiff::civil::date(2026, 11, 21);
    let options = AnalyzeOptions {
        as_of: Some(today),
        symptom: None,
    };
    let mut read = Duration::ZERO;
    let mut parse = Duration::ZERO;
    let mut load = Duration::ZERO;
    let mut analyze_total = Duration::ZERO;
    let mut per_rule = vec![Duration::ZERO; RULES.len()];
    let mut findings = 0usize;
    for path in files {
        let t = Instant::now();
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        read += t.elapsed();
        let name = path.display().to_string();

        let t = Instant::now();
        let text = String::from_utf8_lossy(&bytes);
        let _ = toml::de::DeTable::parse(&text);
        parse += t.elapsed();

        let t = Instant::now();
        let loaded = bindcheck::profile::load(&name, &bytes, &secrets);
        load += t.elapsed();

        if let Ok((profile, _)) = &loaded {
            let cx = Context::new(profile, &pack, Some(today));
            for (slot, rule) in per_rule.iter_mut().zip(RULES) {
                if let Some(check) = rule.check {
                    let mut out = Vec::new();
                    let t = Instant::now();
                    let _ = check(rule, &cx, &mut out);
                    *slot += t.elapsed();
                }
            }
        }

        let t = Instant::now();
        if let Ok(analysis) = analyze(&name, &bytes, &pack, &options) {
            findings += analysis.ranked.len();
        }
        analyze_total += t.elapsed();
    }
    let n = files.len().max(1) as f64;
    let us = |d: Duration| d.as_secs_f64() * 1e6 / n;
    println!(
        "{} files, {findings} findings; mean µs per file:",
        files.len()
    );
    println!("  read               {:>8.1}", us(read));
    println!("  toml DeTable parse {:>8.1}", us(parse));
    println!(
        "  profile::load      {:>8.1}  (parse + schema walk)",
        us(load)
    );
    println!(
        "  pipeline::analyze  {:>8.1}  (load + rules + rank)",
        us(analyze_total)
    );
    let mut rules: Vec<_> = RULES.iter().zip(&per_rule).collect();
    rules.sort_by(|a, b| b.1.cmp(a.1));
    println!("  slowest rule checks:");
    for (rule, time) in rules.iter().take(8) {
        println!("    {} {:<28} {:>8.1}", rule.code, rule.name, us(**time));
    }
}
