//! Arbitrary bytes through `profile::load` and `pipeline::analyze`: no panic, no hang, and
//! every finding's span inside the file.
#![no_main]

use bindcheck::pipeline::{AnalyzeOptions, analyze};
use bindcheck::rulepack::RulePack;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn pack() -> &'static RulePack {
    static PACK: OnceLock<RulePack> = OnceLock::new();
    PACK.get_or_init(|| RulePack::load(None).expect("built-in rulepack"))
}

fuzz_target!(|data: &[u8]| {
    if let Ok(secrets) = bindcheck::profile::SecretPolicy::new(pack()) {
        let _ = bindcheck::profile::load("fuzz.toml", data, &secrets);
    }
    let options = AnalyzeOptions {
        as_of: Some(jiff::civil::date(2026, 11, 21)),
        symptom: Some("Invalid Merchant ID".into()),
    };
    if let Ok(analysis) = analyze("fuzz.toml", data, pack(), &options) {
        let len = analysis.profile.source.text.len();
        for ranked in &analysis.ranked {
            assert!(ranked.finding.span.end <= len, "{}", ranked.finding.code);
        }
    }
});
