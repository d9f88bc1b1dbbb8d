//! `bindcheck lint PATH...`: many profiles, for CI.
//!
//! Exit codes (SPEC §3): 2 when a file could not be read or loaded, a fix could not be
//! written, or the run itself failed; else 1 when a reported finding is at or above
//! `--fail-on` (with `--diff`: when a file would change); else 0.

use super::{
    CmdResult, FailOn, Fatal, LangArg, emit, emit_escaped, emit_styled, lang, load_rulepack,
    parse_date, warn,
};
use crate::lint::{
    self, FileOutcome, FixMode, FixOutcome, LintOptions, Selection, baseline, config, walk,
};
use crate::pipeline::AnalyzeOptions;
use crate::report::{self, Format, RenderOptions, Report};
use crate::rules::{RULES, selects};
use clap::ValueEnum;
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    Concise,
    Json,
    Jsonl,
    Sarif,
    Github,
    Junit,
}

impl LintFormat {
    fn format(self) -> Format {
        match self {
            LintFormat::Concise => Format::Concise,
            LintFormat::Json => Format::Json,
            LintFormat::Jsonl => Format::Jsonl,
            LintFormat::Sarif => Format::Sarif,
            LintFormat::Github => Format::Github,
            LintFormat::Junit => Format::Junit,
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Profile files and folders (folders: every profile `*.toml`, honouring .gitignore).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "concise")]
    pub format: LintFormat,
    /// The configuration (default: bindcheck.toml in the working directory or above).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Only these rules: codes, names or code prefixes, comma-separated (replaces `select`).
    #[arg(long, value_delimiter = ',')]
    pub select: Option<Vec<String>>,
    /// Not these rules: codes, names or code prefixes, comma-separated (replaces `ignore`).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Option<Vec<String>>,
    /// Hide the findings recorded in this baseline file.
    #[arg(long)]
    pub baseline: Option<PathBuf>,
    /// Record every current finding in this baseline file.
    #[arg(long)]
    pub write_baseline: Option<PathBuf>,
    /// Apply safe fixes in place, then report what remains.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the changes --fix would make as a unified diff; write nothing.
    #[arg(long)]
    pub diff: bool,
    /// Skip named files that do not look like profiles too, as in folders (for pre-commit,
    /// which names every staged `*.toml`).
    #[arg(long)]
    pub profiles_only: bool,
    /// Print how many findings each rule produced instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Exit 1 when a finding at or above this severity remains (default: error).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// A rulepack that overrides or extends the built-in one (replaces the config's `rules`).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Use this date as today for date rules (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<jiff::civil::Date>,
    /// Language of messages (default: from the locale).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Print identifiers in full instead of masked (secrets are never printed).
    #[arg(long)]
    pub show_values: bool,
    /// A count of checked files on stderr: `auto` shows it on a terminal for runs of 200 files
    /// or more.
    #[arg(long, value_enum, default_value = "auto")]
    pub progress: ProgressWhen,
}

/// When `lint` shows its progress (as cargo's `term.progress.when`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressWhen {
    Auto,
    Always,
    Never,
}

/// Runs of at least this many files show progress on a terminal.
const PROGRESS_MIN_FILES: usize = 200;

fn check_selectors(flag: &str, list: &[String]) -> Result<(), Fatal> {
    for selector in list {
        if !RULES.iter().any(|r| selects(selector, r)) {
            return Err(Fatal(format!(
                "{flag} `{}`: no rule code, name or code prefix matches",
                crate::unicode::escape(selector)
            )));
        }
    }
    Ok(())
}

pub fn run(args: Args) -> CmdResult {
    let cwd = std::env::current_dir()
        .map_err(|e| Fatal(format!("cannot read the working directory: {e}")))?;
    let config_path = match &args.config {
        Some(path) => Some(path.clone()),
        None => config::find(&cwd),
    };
    let config = config_path
        .as_deref()
        .map(config::load)
        .transpose()
        .map_err(Fatal)?;
    let rules_path = args
        .rules
        .clone()
        .or_else(|| config.as_ref().and_then(|c| c.rules.clone()));
    let pack = load_rulepack(rules_path.as_ref())?;

    if let Some(list) = &args.select {
        check_selectors("--select", list)?;
    }
    if let Some(list) = &args.ignore {
        check_selectors("--ignore", list)?;
    }
    let selection = Selection {
        select: args
            .select
            .clone()
            .or_else(|| config.as_ref().and_then(|c| c.select.clone())),
        ignore: args
            .ignore
            .clone()
            .or_else(|| config.as_ref().map(|c| c.ignore.clone()))
            .unwrap_or_default(),
        severity: config
            .as_ref()
            .map(|c| c.severity.clone())
            .unwrap_or_default(),
        per_path: config
            .as_ref()
            .map(|c| c.per_path.clone())
            .unwrap_or_default(),
        cwd: cwd.clone(),
    };
    let fail_on = match args.fail_on {
        Some(level) => level.level(),
        None => config
            .as_ref()
            .and_then(|c| c.fail_on)
            .unwrap_or(FailOn::Error.level()),
    };
    let render = RenderOptions {
        lang: lang(args.lang),
        show_values: args.show_values,
        explain_rank: false,
    };
    let baseline = args
        .baseline
        .as_deref()
        .map(baseline::Baseline::load)
        .transpose()
        .map_err(Fatal)?;
    let fix = if args.fix {
        FixMode::Apply
    } else if args.diff {
        FixMode::Diff
    } else {
        FixMode::Off
    };
    // Fail before the work when the output cannot be produced.
    let format = args.format.format();
    let needs_renderer = fix != FixMode::Diff && !args.statistics;
    let renderer = report::renderer(format);
    if needs_renderer && renderer.is_none() {
        return Err(Fatal(format!(
            "--format {} is not available in this build",
            format_name(args.format)
        )));
    }
    let options = LintOptions {
        analyze: AnalyzeOptions {
            as_of: args.as_of,
            symptom: None,
        },
        render,
        fail_on,
        selection,
        baseline,
        fix,
        collect_baseline: args.write_baseline.is_some(),
    };

    let mut walked = walk::collect(&args.paths);
    if args.profiles_only {
        walked.targets.retain(|t| {
            t.path
                .file_name()
                .is_none_or(|name| name != config::CONFIG_NAME)
        });
        for target in &mut walked.targets {
            target.explicit = false;
        }
    }
    for warning in &walked.warnings {
        warn(&format!("warning: {warning}"));
    }
    // Files are checked in batches, in path order, and a format that streams writes each batch
    // as soon as it is done: memory stays flat however many profiles there are.
    let mut items: Vec<Item> = walked
        .targets
        .into_iter()
        .map(Item::Target)
        .chain(walked.failures.into_iter().map(Item::Failure))
        .collect();
    items.sort_by(|a, b| a.path().cmp(b.path()));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Fatal(format!("cannot start worker threads: {e}")))?;
    let progress = Progress::new(items.len(), args.progress);

    let mut report = Report::new(&pack, render).with_catalogue(&pack, format);
    let output = renderer.filter(|_| fix != FixMode::Diff && !args.statistics);
    let streaming = output.as_deref().filter(|r| r.streams());
    let mut stats = lint::statistics::Statistics::default();
    let mut summary = report::Summary::default();
    let mut unreadable = false;
    let mut would_change = false;
    let mut fixed_values = 0;
    let mut fixed_files = 0;
    let mut baselined = 0;
    let mut entries = Vec::new();
    let mut out = String::new();
    if let Some(renderer) = streaming {
        out = crate::unicode::escape_keep_newlines_owned(render_to_string(|buf| {
            renderer.begin(&report, buf)
        })?);
    }
    for batch in items.chunks(BATCH) {
        for checked in check_batch(&pool, batch, &pack, &options, &progress, &report, streaming)? {
            let outcome = checked.outcome;
            unreadable |= outcome.unreadable();
            baselined += outcome.baselined;
            match &outcome.fix {
                Some(FixOutcome::Applied(n)) => {
                    fixed_values += n;
                    fixed_files += 1;
                }
                Some(FixOutcome::Diff(diff)) if !diff.is_empty() => {
                    would_change = true;
                    emit(diff)?;
                }
                Some(FixOutcome::Refused(reason)) => {
                    unreadable = true;
                    warn(&format!(
                        "error: {}: not fixed: {reason}",
                        crate::unicode::escape(&outcome.report.path)
                    ));
                }
                _ => {}
            }
            entries.extend(outcome.baseline_entries);
            if args.statistics {
                stats.add(&outcome.report);
            }
            let first = summary.files == 0;
            summary.add(&outcome.report);
            if let (Some(renderer), Some(rendered)) = (streaming, &checked.rendered) {
                if !first {
                    out.push_str(renderer.separator());
                }
                out.push_str(rendered);
            } else if output.is_some() {
                report.files.push(outcome.report);
            }
        }
        if !out.is_empty() {
            emit_escaped(&out)?;
            out.clear();
        }
    }
    progress.finish();

    if let Some(path) = &args.write_baseline {
        let count = entries.len();
        baseline::write(path, entries).map_err(Fatal)?;
        warn(&format!(
            "wrote {count} baseline entr{} to {}",
            if count == 1 { "y" } else { "ies" },
            crate::unicode::escape(&walk::display(path))
        ));
    }
    if baselined > 0 {
        warn(&format!(
            "{baselined} finding{} hidden by the baseline",
            if baselined == 1 { "" } else { "s" }
        ));
    }
    if fix == FixMode::Apply {
        warn(&format!(
            "fixed {fixed_values} value{} in {fixed_files} file{}",
            if fixed_values == 1 { "" } else { "s" },
            if fixed_files == 1 { "" } else { "s" }
        ));
    }

    if args.statistics {
        if args.format == LintFormat::Json {
            let mut text = serde_json::to_string_pretty(&stats.to_json())
                .map_err(|e| Fatal(format!("cannot render: {e}")))?;
            text.push('\n');
            emit(&text)?;
        } else {
            emit_styled(&stats.table(render.lang, super::terminal()))?;
        }
    } else if let Some(renderer) = &output {
        let text = if streaming.is_some() {
            render_to_string(|buf| renderer.end(&report, &summary, buf))?
        } else {
            render_to_string(|buf| renderer.render(&report, buf))?
        };
        emit(&text)?;
    }

    let failed = if fix == FixMode::Diff {
        would_change
    } else {
        // Unreadable files count as failed too, but they already make the exit code 2.
        summary.failed > 0
    };
    Ok(if unreadable {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn format_name(format: LintFormat) -> String {
    format
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

/// How many files are checked before their results are written.
const BATCH: usize = 1024;

/// One path to report on: a file to check, or one the walk could not reach.
enum Item {
    Target(walk::Target),
    Failure(walk::WalkFailure),
}

impl Item {
    fn path(&self) -> &std::path::Path {
        match self {
            Item::Target(t) => &t.path,
            Item::Failure(f) => &f.path,
        }
    }
}

/// A count of checked files on stderr, by default only for long runs on a terminal.
struct Progress {
    total: usize,
    shown: bool,
    done: AtomicUsize,
}

impl Progress {
    fn new(total: usize, when: ProgressWhen) -> Self {
        let shown = match when {
            ProgressWhen::Auto => total >= PROGRESS_MIN_FILES && std::io::stderr().is_terminal(),
            ProgressWhen::Always => true,
            ProgressWhen::Never => false,
        };
        Progress {
            total,
            shown,
            done: AtomicUsize::new(0),
        }
    }

    fn tick(&self) {
        if self.shown {
            let n = self.done.fetch_add(1, Ordering::Relaxed) + 1;
            if n % 100 == 0 || n == self.total {
                eprint!("\rchecked {n}/{} files", self.total);
            }
        }
    }

    fn finish(&self) {
        if self.shown {
            eprint!("\r\x1b[2K");
        }
    }
}

fn render_error(e: std::io::Error) -> Fatal {
    Fatal(format!("cannot render: {e}"))
}

/// Runs a renderer into a string; renderers write UTF-8, and anything else would be a bug
/// shown as replacement characters rather than written raw.
fn render_to_string(
    render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
) -> Result<String, Fatal> {
    let mut buf = Vec::new();
    render(&mut buf).map_err(render_error)?;
    Ok(String::from_utf8(buf)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// One checked file, and its piece of a streaming format's output.
struct Checked {
    outcome: FileOutcome,
    /// Rendered and escaped on the worker thread, so the main thread only writes bytes.
    rendered: Option<String>,
}

/// Checks a batch on the pool; results in batch order (files that turn out not to be
/// profiles are left out). With a streaming renderer each file is also rendered there.
fn check_batch(
    pool: &rayon::ThreadPool,
    batch: &[Item],
    pack: &crate::rulepack::RulePack,
    options: &LintOptions,
    progress: &Progress,
    report: &Report,
    streaming: Option<&dyn report::Renderer>,
) -> Result<Vec<Checked>, Fatal> {
    let results: Result<Vec<Option<Checked>>, Fatal> = pool.install(|| {
        batch
            .par_iter()
            .map(|item| {
                let result = match item {
                    Item::Target(target) => lint::lint_file(target, pack, options),
                    Item::Failure(failure) => {
                        let shown = walk::display(&failure.path);
                        Ok(Some(FileOutcome {
                            report: lint::unreadable_report(
                                &shown,
                                crate::profile::LoadErrorKind::Unreadable,
                                vec![(
                                    "reason",
                                    crate::finding::Arg::Term(crate::finding::Term::Io {
                                        kind: failure.kind,
                                        text: failure.text.clone(),
                                    }),
                                )],
                                pack,
                                options.render,
                            ),
                            baseline_entries: Vec::new(),
                            baselined: 0,
                            fix: None,
                        }))
                    }
                };
                progress.tick();
                let Some(outcome) = result.map_err(|e| Fatal(e.to_string()))? else {
                    return Ok(None);
                };
                let rendered = match streaming {
                    Some(renderer) => Some(crate::unicode::escape_keep_newlines_owned(
                        render_to_string(|buf| renderer.file(report, &outcome.report, buf))?,
                    )),
                    None => None,
                };
                Ok(Some(Checked { outcome, rendered }))
            })
            .collect()
    });
    Ok(results?.into_iter().flatten().collect())
}
