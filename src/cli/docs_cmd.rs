//! `bindcheck docs [--check] [--root DIR]`: writes the generated reference under `docs/` of a
//! bindcheck checkout, or checks that it is current. Hidden from `--help`: it is for
//! bindcheck's developers, not for sellers.

use super::{CmdResult, Fatal, emit, warn};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only check: exit 1 and name the pages that differ from what would be written.
    #[arg(long)]
    pub check: bool,
    /// The checkout: pages go to `ROOT/docs`, examples come from `ROOT/fixtures/rules`.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

pub fn run(args: Args) -> CmdResult {
    let fixtures = args.root.join("fixtures/rules");
    if !fixtures.is_dir() {
        return Err(Fatal(format!(
            "{} is not a bindcheck checkout (no fixtures/rules); give one with --root",
            args.root.display()
        )));
    }
    let pack = crate::rulepack::RulePack::builtin().map_err(|e| Fatal(e.to_string()))?;
    let cannot = |e: std::io::Error| Fatal(format!("cannot generate docs: {e}"));
    let pages = crate::docs::generate(&pack, &fixtures).map_err(cannot)?;
    let docs = args.root.join("docs");
    let stale = crate::docs::stale(&docs, &pages).map_err(cannot)?;
    if args.check {
        if stale.is_empty() {
            return Ok(ExitCode::SUCCESS);
        }
        warn(&format!(
            "docs/ is stale; regenerate it with `cargo run -- docs`:\n  {}",
            stale.join("\n  ")
        ));
        return Ok(ExitCode::from(1));
    }
    crate::docs::write(&docs, &pages, &stale).map_err(cannot)?;
    emit(&format!(
        "{} of {} pages under {} rewritten\n",
        stale.len(),
        pages.len(),
        docs.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}
