//! `bindcheck lint`: many profiles at once, for CI.
//!
//! [`walk`] turns PATH arguments into files; each file then goes through [`lint_file`] on a
//! worker thread: read (with the size limit), analyse, narrow the findings to what the
//! configuration selects ([`Selection`]), drop those in the [`baseline`], optionally [`fix`],
//! and build the file's report. Only the reports are kept, never the profiles, so memory does
//! not grow with the number of clean files.

pub mod baseline;
pub mod config;
pub mod fix;
pub mod statistics;
pub mod walk;

use crate::finding::{Arg, Finding, Term};
use crate::input;
use crate::pipeline::{AnalyzeError, AnalyzeOptions, analyze};
use crate::profile::{LoadError, LoadErrorKind};
use crate::rank::{self, Cause, Ranked};
use crate::redact::Secrets;
use crate::report::words::secret_marker;
use crate::report::{self, FileReport, RenderOptions};
use crate::rulepack::{Lang, PolicyError, RulePack, Severity};
use crate::rules::{lookup, selects};
use crate::source::Position;
use std::path::{Component, Path, PathBuf};

/// Which rules report, and at what severity.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// `None`: every rule.
    pub select: Option<Vec<String>>,
    /// Codes, names or prefixes not reported.
    pub ignore: Vec<String>,
    /// Selector → severity; the most specific matching selector wins.
    pub severity: Vec<(String, Severity)>,
    /// `[[per-path]]` ignores.
    pub per_path: Vec<config::PerPath>,
    /// The working directory, which relative file paths are resolved against before
    /// per-path globs are matched.
    pub cwd: PathBuf,
}

/// How specifically `selector` names `code`: 0 = not at all; a full code or name beats a
/// prefix, a longer prefix beats a shorter one.
fn specificity(selector: &str, code: &str) -> usize {
    match lookup(code) {
        Some(rule) if selects(selector, rule) => {
            if rule.name.eq_ignore_ascii_case(selector.trim()) {
                code.len()
            } else {
                selector.trim().len()
            }
        }
        _ => 0,
    }
}

fn best(selectors: &[String], code: &str) -> usize {
    selectors
        .iter()
        .map(|s| specificity(s, code))
        .max()
        .unwrap_or(0)
}

impl Selection {
    /// Whether findings of `code` in the file at `path` are reported. When a selected prefix
    /// and an ignored one both match, the more specific wins (`select = ["BC201"]` with
    /// `ignore = ["BC2"]` keeps BC201), as in ruff.
    pub fn enabled(&self, code: &str, path: &Path) -> bool {
        if lookup(code).is_some_and(|r| r.always_reported) {
            return true;
        }
        let selected = match &self.select {
            None => 1,
            Some(list) => best(list, code),
        };
        if selected == 0 || best(&self.ignore, code) >= selected.max(1) {
            return false;
        }
        if self.per_path.is_empty() {
            return true;
        }
        let absolute = normalize(&self.cwd.join(path));
        !self
            .per_path
            .iter()
            .any(|p| p.matches(&absolute) && best(&p.ignore, code) > 0)
    }

    /// The severity of `code`, after overrides.
    pub fn severity(&self, code: &str, default: Severity) -> Severity {
        self.severity
            .iter()
            .map(|(selector, level)| (specificity(selector, code), *level))
            .filter(|(s, _)| *s > 0)
            // Later entries win ties, as later lines of a file override earlier ones.
            .fold(
                (0, default),
                |acc, (s, level)| if s >= acc.0 { (s, level) } else { acc },
            )
            .1
    }
}

/// `path` without `.` and `..` components, lexically (symbolic links are not resolved, as
/// globs are written against the paths people see).
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// What `--fix` / `--diff` do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FixMode {
    /// Report only.
    #[default]
    Off,
    /// Write the fixed file.
    Apply,
    /// Compute the diff only.
    Diff,
}

/// Everything that shapes one run.
#[derive(Debug, Clone)]
pub struct LintOptions {
    /// `--as-of`.
    pub analyze: AnalyzeOptions,
    /// Language and masking of the reports.
    pub render: RenderOptions,
    /// A file fails when a finding is at or above this level; `None` = never.
    pub fail_on: Option<Severity>,
    /// Which rules report, and how severely.
    pub selection: Selection,
    /// Findings to hide.
    pub baseline: Option<baseline::Baseline>,
    /// The folder of the `--baseline` file: its paths are relative to it.
    pub baseline_dir: PathBuf,
    /// The folder of the `--write-baseline` file.
    pub write_baseline_dir: PathBuf,
    /// `--fix` / `--diff`.
    pub fix: FixMode,
    /// Collect baseline entries (for `--write-baseline`).
    pub collect_baseline: bool,
}

/// What became of the fixes of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixOutcome {
    /// Fixes written (how many values changed).
    Applied(usize),
    /// `--diff`: the unified diff (empty when nothing would change).
    Diff(String),
    /// Nothing written, and why.
    Refused(String),
}

/// One checked file.
#[derive(Debug, Clone)]
pub struct FileOutcome {
    /// What the output formats show (without the source text).
    pub report: FileReport,
    /// Baseline entries of its findings (before the baseline was applied).
    pub baseline_entries: Vec<baseline::Entry>,
    /// Findings hidden because the baseline holds them.
    pub baselined: usize,
    /// The baseline fingerprints that matched a finding.
    pub baseline_matched: Vec<String>,
    pub fix: Option<FixOutcome>,
}

impl FileOutcome {
    /// The file could not be read or loaded.
    pub fn unreadable(&self) -> bool {
        self.report.status == report::Status::Unreadable
    }
}

/// The report of a file that could not be read at all (unreadable, too large, a folder that
/// cannot be listed): shown like a BC001.
pub fn unreadable_report(
    path: &str,
    kind: LoadErrorKind,
    args: Vec<(&'static str, Arg)>,
    pack: &RulePack,
    options: RenderOptions,
) -> FileReport {
    report::build_unreadable(path, &whole_file_error(kind, args), pack, options)
}

/// Why a file could not be read, as a message argument.
pub fn io_reason(error: &std::io::Error) -> Arg {
    Arg::Term(Term::Io {
        kind: error.kind(),
        text: walk::io_message(error),
    })
}

/// The outcome of a file that was not checked.
pub fn outcome(report: FileReport) -> FileOutcome {
    FileOutcome {
        report,
        baseline_entries: Vec::new(),
        baselined: 0,
        baseline_matched: Vec::new(),
        fix: None,
    }
}

/// The findings of an analysis that the selection and baseline let through, re-ranked into
/// causes (the grouping of the analysis still holds for what is left).
struct Narrowed {
    ranked: Vec<Ranked>,
    causes: Vec<Cause>,
    entries: Vec<baseline::Entry>,
    baselined: usize,
    matched: Vec<String>,
}

/// `secrets`: the profile's, which baseline entries and fingerprints never depend on.
fn narrow(
    path: &Path,
    (ranked, causes): (Vec<Ranked>, Vec<Cause>),
    options: &LintOptions,
    secrets: &Secrets,
) -> Narrowed {
    let all = ranked.len();
    let mut changed = false;
    let selection = &options.selection;
    let mut entries = Vec::new();
    let mut baselined = 0;
    let mut matched = Vec::new();
    let mut kept: Vec<Ranked> = Vec::with_capacity(ranked.len());
    // Baselines name files relative to their own folder, so they match wherever lint runs.
    let relative = |dir: &Path| baseline::relative_path(dir, &selection.cwd, path);
    let match_path = options
        .baseline
        .as_ref()
        .map(|_| relative(&options.baseline_dir));
    let write_path = options
        .collect_baseline
        .then(|| relative(&options.write_baseline_dir));
    for mut r in ranked {
        if !selection.enabled(r.finding.code, path) {
            continue;
        }
        let severity = selection.severity(r.finding.code, r.severity);
        changed |= severity != r.severity;
        r.severity = severity;
        // A fingerprint is a SHA-256: only worth computing when a baseline is involved.
        if let Some(write_path) = &write_path {
            let fingerprint = report::fingerprint(write_path, &r.finding, secrets);
            entries.push(entry(write_path, &r.finding, fingerprint, secrets));
        }
        if let (Some(baseline), Some(match_path)) = (&options.baseline, &match_path) {
            let fingerprint = report::fingerprint(match_path, &r.finding, secrets);
            if baseline.contains(&fingerprint) {
                baselined += 1;
                matched.push(fingerprint);
                continue;
            }
        }
        kept.push(r);
    }
    // Overrides may have changed severities, and left-out findings leave causes smaller; when
    // neither happened, the analysis' ranking stands.
    let (ranked, causes) = if changed || kept.len() != all {
        rank::order(kept)
    } else {
        (kept, causes)
    };
    Narrowed {
        ranked,
        causes,
        entries,
        baselined,
        matched,
    }
}

/// A baseline entry: a file for machines, so a secret in the key path is shown by the
/// English marker whatever the language.
fn entry(
    display: &str,
    finding: &Finding,
    fingerprint: String,
    secrets: &Secrets,
) -> baseline::Entry {
    let field = secrets.redact(&finding.field, secret_marker(Lang::En));
    baseline::Entry {
        fingerprint,
        code: finding.code.to_string(),
        path: crate::unicode::escape(display).into_owned(),
        field: crate::unicode::escape(&field).into_owned(),
    }
}

/// Rounds of fix → re-check before giving up; a fix can reveal another (rare), and a fix that
/// keeps producing new fixes must not loop for ever.
const MAX_FIX_ROUNDS: usize = 10;

/// Checks one file. `Ok(None)`: a file found in a folder that is not a profile.
pub fn lint_file(
    target: &walk::Target,
    pack: &RulePack,
    options: &LintOptions,
) -> Result<Option<FileOutcome>, PolicyError> {
    let display = target.display();
    let bytes = match input::read_profile(&target.path) {
        Ok(bytes) => bytes,
        Err(e) => return Ok(Some(outcome(read_error_report(&display, e, pack, options)))),
    };
    if !target.explicit && !walk::looks_like_profile(&bytes) {
        return Ok(None);
    }
    let mut checked = match Checked::new(&target.path, &display, &bytes, pack, options)? {
        Ok(checked) => checked,
        Err(report) => return Ok(Some(outcome(report))),
    };
    let mut fix = None;
    if options.fix != FixMode::Off {
        (checked, fix) = fix_file(target, &display, &bytes, checked, pack, options)?;
    }
    // Lint formats name places by line and column and never quote the source, so the report
    // leaves it out and memory stays flat over many files.
    let Checked { analysis, narrowed } = checked;
    let report = report::build_file(
        &analysis.profile,
        &narrowed.ranked,
        &narrowed.causes,
        pack,
        options.render,
        options.fail_on,
    );
    Ok(Some(FileOutcome {
        report,
        baseline_entries: narrowed.entries,
        baselined: narrowed.baselined,
        baseline_matched: narrowed.matched,
        fix,
    }))
}

/// The report of a file that could not be read (unreadable, too large, not a file).
fn read_error_report(
    display: &str,
    error: input::ReadError,
    pack: &RulePack,
    options: &LintOptions,
) -> FileReport {
    let error = read_load_error(&error);
    report::build_unreadable(display, &error, pack, options.render)
}

/// A file that could not be read, as the BC001 error of the whole file (at 1:1, where formats
/// that need a place put it; [`LoadErrorKind::is_whole_file`] is true for its kind).
pub fn read_load_error(error: &input::ReadError) -> LoadError {
    let (kind, args) = match error {
        input::ReadError::Io { source, .. } => (
            LoadErrorKind::Unreadable,
            vec![("reason", io_reason(source))],
        ),
        input::ReadError::TooLarge { size, limit, .. } => (
            LoadErrorKind::TooLarge,
            vec![
                ("size", Arg::Text(size.to_string())),
                ("limit", Arg::Text(limit.to_string())),
            ],
        ),
        input::ReadError::NotAFile { .. } => (LoadErrorKind::NotAFile, Vec::new()),
    };
    whole_file_error(kind, args)
}

fn whole_file_error(kind: LoadErrorKind, args: Vec<(&'static str, Arg)>) -> LoadError {
    LoadError {
        kind,
        code: "BC001",
        args,
        position: Position { line: 1, column: 1 },
        offset: 0,
    }
}

/// A profile analysed, and what of its findings lint reports.
struct Checked {
    analysis: crate::pipeline::Analysis,
    narrowed: Narrowed,
}

impl Checked {
    /// `bytes` (the file at `path`) analysed and narrowed; `Ok(Err(report))` when it does not
    /// load.
    fn new(
        path: &Path,
        display: &str,
        bytes: &[u8],
        pack: &RulePack,
        options: &LintOptions,
    ) -> Result<Result<Checked, FileReport>, PolicyError> {
        let mut analysis = match analyze(display, bytes, pack, &options.analyze) {
            Ok(analysis) => analysis,
            Err(AnalyzeError::Load(failure)) => {
                return Ok(Err(report::build_unreadable(
                    display,
                    &failure.error,
                    pack,
                    options.render,
                )));
            }
            Err(AnalyzeError::Policy(e)) => return Err(e),
        };
        let narrowed = narrow(
            path,
            (
                std::mem::take(&mut analysis.ranked),
                std::mem::take(&mut analysis.causes),
            ),
            options,
            analysis.profile.source.secrets(),
        );
        Ok(Ok(Checked { analysis, narrowed }))
    }
}

/// `--fix` / `--diff` of one checked file: the safe fixes of what lint reports are applied
/// and the file checked again, round after round, until none is left. Returns what to report
/// (the fixed text's findings, or the file's as it is when nothing is written) and what became
/// of the fixes.
fn fix_file(
    target: &walk::Target,
    display: &str,
    bytes: &[u8],
    mut checked: Checked,
    pack: &RulePack,
    options: &LintOptions,
) -> Result<(Checked, Option<FixOutcome>), PolicyError> {
    let original = checked.analysis.profile.source.clone();
    let mut text = original.text.clone();
    let mut changed = 0;
    let mut refused = None;
    for _ in 0..MAX_FIX_ROUNDS {
        let edits = fix::safe_edits(&checked.narrowed.ranked);
        if edits.is_empty() {
            break;
        }
        let (new_text, applied) = match fix::apply(&text, &edits) {
            Ok(result) => result,
            Err(e) => {
                refused = Some(e.to_string());
                break;
            }
        };
        if applied == 0 || new_text == text {
            break;
        }
        let Ok(Ok(next)) = Checked::new(&target.path, display, new_text.as_bytes(), pack, options)
        else {
            // A fix that breaks loading is never written.
            refused = Some("the fixed file would not load; fix it by hand".into());
            break;
        };
        changed += applied;
        text = new_text;
        checked = next;
    }
    let marker = secret_marker(options.render.lang);
    let fix_outcome = if let Some(reason) = refused.as_ref().filter(|_| text == original.text) {
        let reason = original.secrets().redact(reason, marker).into_owned();
        Some(FixOutcome::Refused(reason))
    } else if options.fix == FixMode::Diff {
        // Both sides as they may be shown: the fixed text has secrets of its own places.
        let old = original.secrets().redact_source(&original.text, 0, marker);
        let new = checked
            .analysis
            .profile
            .source
            .secrets()
            .redact_source(&text, 0, marker);
        Some(FixOutcome::Diff(fix::unified_diff(display, &old, &new)))
    } else if text != original.text {
        Some(
            match fix::write_atomic(&target.path, bytes, text.as_bytes()) {
                Ok(()) => FixOutcome::Applied(changed),
                Err(e) => FixOutcome::Refused(e.to_string()),
            },
        )
    } else {
        None
    };
    if matches!(fix_outcome, Some(FixOutcome::Refused(_))) && text != original.text {
        // Nothing was written: report what the file on disk holds.
        if let Ok(on_disk) = Checked::new(&target.path, display, bytes, pack, options)? {
            checked = on_disk;
        }
    }
    Ok((checked, fix_outcome))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn selection(select: Option<&[&str]>, ignore: &[&str]) -> Selection {
        Selection {
            select: select.map(|s| s.iter().map(|x| x.to_string()).collect()),
            ignore: ignore.iter().map(|x| x.to_string()).collect(),
            ..Selection::default()
        }
    }

    #[test]
    fn more_specific_selector_wins() {
        let s = selection(Some(&["BC201"]), &["BC2"]);
        assert!(s.enabled("BC201", Path::new("a.toml")));
        assert!(!s.enabled("BC202", Path::new("a.toml")));
        let s = selection(Some(&["BC2"]), &["invisible-character"]);
        assert!(!s.enabled("BC201", Path::new("a.toml")));
        assert!(s.enabled("BC205", Path::new("a.toml")));
        assert!(!s.enabled("BC301", Path::new("a.toml")));
        let s = selection(None, &["BC0"]);
        assert!(!s.enabled("BC004", Path::new("a.toml")));
        assert!(s.enabled("BC101", Path::new("a.toml")));
    }

    #[test]
    fn no_selection_hides_that_a_file_did_not_load_properly() {
        for s in [
            selection(Some(&["BC1"]), &[]),
            selection(None, &["BC0", "BC003", "invalid-value", "unknown-field"]),
        ] {
            for rule in crate::rules::RULES.iter().filter(|r| r.always_reported) {
                assert!(s.enabled(rule.code, Path::new("a.toml")), "{}", rule.code);
            }
            assert!(!s.enabled("BC004", Path::new("a.toml")));
        }
    }

    #[test]
    fn severity_override_by_specificity() {
        let s = Selection {
            severity: vec![
                ("BC50".into(), Severity::Info),
                ("BC502".into(), Severity::Error),
            ],
            ..Selection::default()
        };
        assert_eq!(s.severity("BC502", Severity::Warning), Severity::Error);
        assert_eq!(s.severity("BC501", Severity::Warning), Severity::Info);
        assert_eq!(s.severity("BC101", Severity::Warning), Severity::Warning);
    }

    #[test]
    fn normalizes_lexically() {
        assert_eq!(
            normalize(Path::new("/a/./b/../c/d.toml")),
            PathBuf::from("/a/c/d.toml")
        );
    }
}
