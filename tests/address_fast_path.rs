//! The usual addresses are resolved without building cpca's parser, whose construction costs
//! ten times the rest of `diagnose`.
//!
//! One test in its own binary: the count of parser reads is per process, so no other test may
//! resolve addresses concurrently.

use bindcheck::address;
use bindcheck::pipeline::{AnalyzeOptions, analyze};
use bindcheck::rulepack::RulePack;
use std::path::Path;

/// (fixture under `fixtures/`, the address rule it must raise, if any)
const FIXTURES: [(&str, Option<&str>); 11] = [
    ("rules/BC401/clean.toml", None),
    ("rules/BC401/fires-short-form.toml", Some("BC401")),
    ("rules/BC402/clean.toml", None),
    ("rules/BC402/fires-city.toml", Some("BC402")),
    ("rules/BC402/fires-district.toml", Some("BC402")),
    ("rules/BC403/clean.toml", None),
    ("rules/BC403/fires.toml", Some("BC403")),
    ("examples/ozon-lianlian-failing.toml", Some("BC401")),
    ("examples/ozon-lianlian-clean.toml", None),
    ("examples/ozon-global-pay-clean.toml", None),
    ("examples/amazon-lianlian-clean.toml", None),
];

const LICENCE: &str = "广东省深圳市南山区粤海街道科技南十二路18号";

#[test]
fn usual_addresses_do_not_build_cpca() {
    let pack = RulePack::builtin().expect("builtin rulepack");
    let options = AnalyzeOptions {
        as_of: Some(jiff::civil::date(2026, 11, 21)),
        symptom: None,
    };
    for (relative, expected) in FIXTURES {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(relative);
        let bytes = std::fs::read(&path).expect("fixture reads");
        let analysis = analyze(relative, &bytes, &pack, &options).expect("analyses");
        let codes: Vec<&str> = analysis
            .ranked
            .iter()
            .map(|r| r.finding.code)
            .filter(|code| {
                bindcheck::rules::lookup(code)
                    .is_some_and(|r| r.family == bindcheck::rules::Family::Address)
            })
            .collect();
        assert_eq!(codes, Vec::from_iter(expected), "{relative}");
    }

    for other in [
        "广东深圳南山粤海街道科技南十二路18号",
        "深圳市南山区粤海街道科技南十二路18号",
        "广东省深圳市南山区科技南十二路18号",
        "北京市朝阳区建国路88号",
        "上海市浦东新区世纪大道100号",
        "浙江省金华市义乌市稠城街道工人北路143号",
        "福建省厦门市思明区鹭江道96号",
    ] {
        let _ = address::compare(LICENCE, other);
    }
    assert_eq!(address::cpca_reads(), 0);

    // The count does count: levels in reverse order are left to cpca.
    let place = address::resolve("南山区深圳市广东省");
    assert_eq!(place.city.as_deref(), Some("深圳市"));
    assert_eq!(address::cpca_reads(), 1);
}
