//! The reference under `docs/`, generated from the code so that it cannot drift from it: the
//! profile format from the schema table, the rule reference from the registry and the
//! rulepack with examples from each rule's fixtures, the JSON report from the renderer's key
//! table and the exit codes from the command line's. `bindcheck docs` writes it;
//! `bindcheck docs --check`, run by `cargo test`, fails while it is stale. Pages not listed
//! here (`docs/README.md`, `docs/adding-a-rule.md`) are written by hand.

mod example;
mod output;
mod profile;
mod rules;

pub use example::{AS_OF, diagnosis, file_report};
pub use rules::fixture_files;

use crate::rulepack::RulePack;
use std::path::Path;

/// One generated page: its path under `docs/` and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Relative to `docs/`, `/`-separated (`rules/BC101.md`).
    pub path: String,
    /// The whole page, Markdown.
    pub text: String,
}

/// Folders under `docs/` that hold generated pages only: any other file there is stale.
const GENERATED_FOLDERS: &[&str] = &["rules"];

/// Every generated page. `fixtures` is the folder of rule fixtures (`fixtures/rules`).
pub fn generate(pack: &RulePack, fixtures: &Path) -> std::io::Result<Vec<Page>> {
    let mut pages = vec![
        Page {
            path: "profile.md".into(),
            text: profile::page(),
        },
        Page {
            path: "output.md".into(),
            text: output::page(pack, fixtures)?,
        },
    ];
    pages.extend(rules::pages(pack, fixtures)?);
    Ok(pages)
}

/// The paths under `docs` that differ from `pages`: missing or changed pages, and files in a
/// generated folder that no page is.
pub fn stale(docs: &Path, pages: &[Page]) -> std::io::Result<Vec<String>> {
    let mut out = Vec::new();
    for page in pages {
        match std::fs::read_to_string(docs.join(&page.path)) {
            Ok(text) if text == page.text => {}
            Ok(_) => out.push(page.path.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => out.push(page.path.clone()),
            Err(e) => return Err(e),
        }
    }
    for folder in GENERATED_FOLDERS {
        let entries = match std::fs::read_dir(docs.join(folder)) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let name = entry?.file_name().to_string_lossy().into_owned();
            let path = format!("{folder}/{name}");
            if !pages.iter().any(|p| p.path == path) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Brings the `stale` paths under `docs` in line with `pages`: each changed page is replaced
/// whole (written next to it, then renamed), each file no page is removed.
pub fn write(docs: &Path, pages: &[Page], stale: &[String]) -> std::io::Result<()> {
    for path in stale {
        let target = docs.join(path);
        let Some(page) = pages.iter().find(|p| &p.path == path) else {
            std::fs::remove_file(&target)?;
            continue;
        };
        let dir = target.parent().unwrap_or(docs);
        std::fs::create_dir_all(dir)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (temp, mut file) = crate::lint::fix::create_temp(dir, &name)?;
        let written = std::io::Write::write_all(&mut file, page.text.as_bytes())
            .and_then(|_| file.sync_all())
            .and_then(|_| std::fs::rename(&temp, &target));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&temp);
            return Err(e);
        }
    }
    Ok(())
}

/// The line under a generated page's title.
fn generated_notice(from: &str) -> String {
    format!("<!-- Generated from {from} by `cargo run -- docs`; edit those, not this page. -->\n")
}

/// `text` as one Markdown table cell: on one line, with `|` escaped.
fn cell(text: &str) -> String {
    text.replace('\n', " ").replace('|', "\\|")
}
