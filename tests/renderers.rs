//! Every renderer of `src/report/`, snapshotted on one report of real profiles: a profile with
//! many causes (masked identifiers, related fields, evidence, fixes), one whose messages carry
//! the characters machine formats must escape (`,` `:` `%`) under a path with a space, one that
//! cannot be loaded, and a clean one. A change in any format's bytes shows up as a diff of
//! `tests/snapshots/renderers__*.snap`.

use bindcheck::docs::file_report;
use bindcheck::report::{Format, RenderOptions, Report, Terminal};
use bindcheck::rulepack::{Lang, RulePack};
use std::path::Path;

/// (the path the report shows, the fixture it is read from)
const FILES: &[(&str, &str)] = &[
    (
        "examples/ozon-lianlian-failing.toml",
        "examples/ozon-lianlian-failing.toml",
    ),
    ("shops/a b.toml", "formats/unknown-and-bad.toml"),
    ("broken.toml", "rules/BC001/fires.toml"),
    (
        "examples/ozon-lianlian-clean.toml",
        "examples/ozon-lianlian-clean.toml",
    ),
];

fn render(format: Format, lang: Lang) -> String {
    let pack = RulePack::builtin().unwrap();
    let options = RenderOptions {
        lang,
        show_values: false,
        explain_rank: false,
    };
    let mut report = Report::new(&pack, options)
        .with_catalogue(&pack, format.renderer().as_ref())
        .with_terminal(Terminal::PLAIN);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for (shown, fixture) in FILES {
        let bytes = std::fs::read(fixtures.join(fixture)).unwrap();
        report
            .files
            .push(file_report(shown, &bytes, &pack, lang).unwrap());
    }
    let mut out = Vec::new();
    format.renderer().render(&report, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// One snapshot test per renderer and language, each named after its format.
macro_rules! snapshots {
    ($($name:ident: $format:expr, $lang:expr;)*) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(render($format, $lang));
            }
        )*
    };
}

snapshots! {
    human: Format::Human, Lang::En;
    human_zh: Format::Human, Lang::Zh;
    json: Format::Json, Lang::En;
    jsonl: Format::Jsonl, Lang::En;
    sarif: Format::Sarif, Lang::En;
    github: Format::Github, Lang::En;
    junit: Format::Junit, Lang::En;
    concise: Format::Concise, Lang::En;
    concise_zh: Format::Concise, Lang::Zh;
}
