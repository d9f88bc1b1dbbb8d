//! `docs/output.md`: exit codes, the output formats, and every key of the JSON report (from
//! [`crate::report::JSON_KEYS`]) with an example written by the JSON renderer itself.

use super::{cell, generated_notice};
use crate::report::{self, Format, Renderer, Report, ReportCommand};
use crate::rulepack::{Lang, RulePack};
use std::fmt::Write;
use std::path::Path;

/// The fixture the example report is of.
const EXAMPLE: &str = "BC201/fires.toml";

pub fn page(pack: &RulePack, fixtures: &Path) -> std::io::Result<String> {
    let mut out = format!(
        "# Output and exit codes\n\n{}\n",
        generated_notice("src/report/json.rs (KEYS) and src/cli/mod.rs (EXIT_CODES)")
    );
    out += "## Exit codes (`diagnose`, `lint`)\n\n| status | meaning |\n|---|---|\n";
    for (code, meaning) in crate::cli::EXIT_CODES {
        let _ = writeln!(out, "| {code} | {} |", cell(meaning));
    }
    out += "\nOther commands (`explain`, `rules`, `init`, `schema`, `ticket`, …) exit 0, or 2 \
            when they cannot do their job. Error messages go to stderr, reports to stdout (or \
            `--output-file`).\n\n";
    out += &formats_table();
    out += "\n## The JSON report (`--format json`)\n\nCodes, field paths and keys never change \
            with `--lang`; titles, messages and steps do. Every string is escaped: control, \
            bidi and invisible characters appear as `⟨U+200B⟩`.\n\n| key | meaning |\n|---|---|\n";
    for (key, meaning) in report::JSON_KEYS {
        let _ = writeln!(out, "| `{key}` | {} |", cell(meaning));
    }
    let _ = write!(
        out,
        "\n### Example\n\n`bindcheck diagnose fixtures/rules/{EXAMPLE} --format json --as-of {}`:\n\n```json\n{}```\n",
        super::AS_OF,
        example_json(pack, fixtures)?
    );
    Ok(out)
}

/// What each format is; the commands that write it come from [`Format::accepted_by`].
const FORMATS: [(Format, &str); 7] = [
    (
        Format::Human,
        "ranked causes with numbered steps and the source line, wrapped to the terminal, coloured on a terminal",
    ),
    (
        Format::Concise,
        "one line per finding: `path:line:column: CODE message`; info findings only with `--show-info`",
    ),
    (Format::Json, "the report below"),
    (
        Format::Jsonl,
        "one finding object per line, with the file's `path` added",
    ),
    (
        Format::Sarif,
        "SARIF 2.1.0 as GitHub code scanning accepts it: every rule with its help, results with regions, `columnKind` and `partialFingerprints`; `level` is the finding's severity",
    ),
    (
        Format::Github,
        "GitHub Actions workflow commands (`::error file=…,line=…::message`, `::warning`, `::notice` by severity), escaped as the runner requires",
    ),
    (
        Format::Junit,
        "JUnit XML: one test suite per file, one test case per finding, failing for a finding at or above `--fail-on` (the others pass, their text in `<system-out>`)",
    ),
];

/// The table of formats: each with the commands that write it, `(default)` where it is one.
fn formats_table() -> String {
    let mut out = String::from("## Formats\n\n| format | commands | what it is |\n|---|---|---|\n");
    for (format, what) in FORMATS {
        let commands: Vec<String> = ReportCommand::ALL
            .into_iter()
            .filter_map(|command| {
                let accepted = Format::accepted_by(command);
                let name = command.name();
                accepted.contains(&format).then(|| {
                    let default = if accepted.first() == Some(&format) {
                        " (default)"
                    } else {
                        ""
                    };
                    format!("`{name}`{default}")
                })
            })
            .collect();
        let _ = writeln!(
            out,
            "| `{}` | {} | {what} |",
            format.name(),
            commands.join(", ")
        );
    }
    out
}

/// The JSON report of [`EXAMPLE`], as `diagnose` writes it.
fn example_json(pack: &RulePack, fixtures: &Path) -> std::io::Result<String> {
    let bytes = std::fs::read(fixtures.join(EXAMPLE))?;
    let path = format!("fixtures/rules/{EXAMPLE}");
    let file = super::example::file_report(&path, &bytes, pack, Lang::En)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let mut report = Report::new(pack, super::example::options(Lang::En));
    report.files.push(file);
    let mut out = Vec::new();
    report::Json.render(&report, &mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}
