//! Every rule fixture (`fixtures/rules/<CODE>/*.toml`) is a test of its own, in the style of
//! ruff's fixture tests: it must fire its rule (`fires*.toml`) or stay clean of it
//! (`clean*.toml`), and its whole diagnosis — messages, positions, causes, ranking,
//! remediation, evidence and fixes, in Chinese too for the firing ones — is snapshotted in
//! `tests/snapshots/`, so any change shows up as a reviewable diff.
//!
//! `cargo test --test fixture_snapshots BC501` runs one rule's fixtures (the test names are
//! `BC501::fires-case` …), and one failing fixture does not hide the others. Review a change
//! with `INSTA_UPDATE=always cargo test --test fixture_snapshots` and `git diff`.

use bindcheck::docs::{diagnosis, file_report, fixture_files};
use bindcheck::rulepack::{Lang, RulePack};
use bindcheck::rules::RULES;
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static PACK: LazyLock<RulePack> = LazyLock::new(|| RulePack::builtin().expect("builtin rulepack"));

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules")
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// One fixture: fires its rule or stays clean of it, then matches its snapshot.
fn fixture_test(code: &'static str, path: &Path) -> Result<(), Failed> {
    let name = file_name(path);
    let shown = format!("fixtures/rules/{code}/{name}");
    let bytes = std::fs::read(path).map_err(|e| format!("{shown}: {e}"))?;
    let file = file_report(&shown, &bytes, &PACK, Lang::En).map_err(|e| e.to_string())?;
    let fired = file.findings.iter().any(|f| f.code == code);
    let fires = name.starts_with("fires");
    if !fires && !name.starts_with("clean") {
        return Err(format!("{shown}: a fixture's name starts with `fires` or `clean`").into());
    }
    if fired != fires {
        let verb = if fires { "does not fire" } else { "fires" };
        return Err(format!(
            "{code} {verb} on {shown}:\n{}",
            diagnosis(&shown, &bytes, &PACK, Lang::En)
        )
        .into());
    }
    let mut text = format!("== {name}\n{}", diagnosis(&shown, &bytes, &PACK, Lang::En));
    if fires {
        text += &format!(
            "== zh {name}\n{}",
            diagnosis(&shown, &bytes, &PACK, Lang::Zh)
        );
    }
    let stem = name.trim_end_matches(".toml");
    insta::assert_snapshot!(format!("{code}__{stem}"), text);
    Ok(())
}

/// Every rule has a folder of fixtures with at least one profile it fires on and one near
/// miss it stays clean on.
fn firing_and_clean_fixtures(code: &str) -> Result<(), Failed> {
    let names: Vec<String> = fixture_files(&fixtures().join(code))
        .map_err(|e| e.to_string())?
        .iter()
        .map(|p| file_name(p))
        .collect();
    for prefix in ["fires", "clean"] {
        if !names.iter().any(|n| n.starts_with(prefix)) {
            return Err(format!("{code} has no fixtures/rules/{code}/{prefix}*.toml").into());
        }
    }
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let mut trials = Vec::new();
    for rule in RULES {
        let code = rule.code;
        trials.push(Trial::test(
            format!("{code}::has-firing-and-clean-fixtures"),
            move || firing_and_clean_fixtures(code),
        ));
        let files = fixture_files(&fixtures().join(code)).expect("fixtures/rules reads");
        for path in files {
            let name = format!("{code}::{}", file_name(&path).trim_end_matches(".toml"));
            trials.push(Trial::test(name, move || fixture_test(code, &path)));
        }
    }
    // A folder whose code is no rule would be checked by nothing.
    let folders = std::fs::read_dir(fixtures()).expect("fixtures/rules reads");
    for folder in folders.filter_map(Result::ok) {
        let name = folder.file_name().to_string_lossy().into_owned();
        trials.push(Trial::test(
            format!("{name}::is-a-rule"),
            move || match RULES.iter().any(|r| r.code == name) {
                true => Ok(()),
                false => Err(format!("fixtures/rules/{name} names no rule of the registry").into()),
            },
        ));
    }
    libtest_mimic::run(&args, trials).exit();
}
