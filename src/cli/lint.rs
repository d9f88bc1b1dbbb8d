//! `bindcheck lint PATH...`: many profiles, for CI.
//!
//! Exit codes ([`super::EXIT_CODES`]): 2 when a file could not be read or loaded, a fix could not be
//! written, or the run itself failed; else 1 when a reported finding is at or above
//! `--fail-on` (with `--diff`: when a file would change); else 0. `--exit-zero` and
//! `--write-baseline` (whose job is to accept the findings) turn that 1 into 0.

use super::{
    CmdResult, FailOn, Fatal, LangArg, emit, emit_already_escaped, emit_styled, lang,
    load_rulepack, parse_date, say, warn,
};
use crate::lint::{
    self, FileOutcome, FixMode, FixOutcome, LintOptions, Selection, baseline, config, walk,
};
use crate::pipeline::AnalyzeOptions;
use crate::report::{self, Format, RenderOptions, Report, ReportCommand};
use crate::rulepack::Lang;
use crate::rules::{RULES, selects};
use clap::ValueEnum;
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Profile files and folders (folders: every profile `*.toml`, honouring .gitignore).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_parser = super::format_parser(ReportCommand::Lint), default_value = "concise")]
    pub format: Format,
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
    /// Print the changes --fix would make as a unified diff; write nothing. With
    /// --output-file the diff is a patch for `git apply`; on the terminal characters are
    /// shown escaped.
    #[arg(long)]
    pub diff: bool,
    /// Skip named files that do not look like profiles too, as in folders (for pre-commit,
    /// which names every staged `*.toml`).
    #[arg(long)]
    pub profiles_only: bool,
    /// Print how many findings each rule produced instead of the findings (as a table, or
    /// JSON with --format json).
    #[arg(long)]
    pub statistics: bool,
    /// Write the report (or the statistics, or the --diff patch) to this file; the terminal
    /// gets a one-line summary.
    #[arg(long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Exit 0 even when findings fail the run (2 still means bindcheck could not do its job).
    #[arg(long)]
    pub exit_zero: bool,
    /// Show info findings (mostly BC004 "not checked") in concise and github output, where
    /// they are left out by default; JSON, JSONL, SARIF and JUnit always have them.
    #[arg(long)]
    pub show_info: bool,
    /// Worker threads (default: one per core; never more than 4 per core nor one per file).
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

fn check_selectors(flag: &str, list: &[String], lang: Lang) -> Result<(), Fatal> {
    for selector in list {
        let shown = crate::unicode::escape(selector);
        if !RULES.iter().any(|r| selects(selector, r)) {
            return Err(Fatal(say(
                lang,
                format!("{flag} `{shown}`: no rule code, name or code prefix matches"),
                format!("{flag} `{shown}`：没有匹配的规则代码、名称或代码前缀"),
            )));
        }
        if let Some(rule) = RULES
            .iter()
            .find(|r| r.code.eq_ignore_ascii_case(selector) || r.name == selector.as_str())
            .filter(|r| flag == "--ignore" && r.always_reported)
        {
            warn(&say(
                lang,
                format!(
                    "warning: --ignore {shown}: {} is always reported, since a value bindcheck could not read was not checked either",
                    rule.code
                ),
                format!(
                    "警告：--ignore {shown}：{} 总会报告，因为无法读取的值也没有被检查",
                    rule.code
                ),
            ));
        }
    }
    Ok(())
}

/// Everything that shapes the run, from the flags and the configuration.
fn lint_options(
    args: &Args,
    config: Option<&config::Config>,
    cwd: PathBuf,
) -> Result<LintOptions, Fatal> {
    let lang = lang(args.lang);
    if let Some(list) = &args.select {
        check_selectors("--select", list, lang)?;
    }
    if let Some(list) = &args.ignore {
        check_selectors("--ignore", list, lang)?;
    }
    let selection = Selection {
        select: args
            .select
            .clone()
            .or_else(|| config.and_then(|c| c.select.clone())),
        ignore: args
            .ignore
            .clone()
            .or_else(|| config.map(|c| c.ignore.clone()))
            .unwrap_or_default(),
        severity: config.map(|c| c.severity.clone()).unwrap_or_default(),
        per_path: config.map(|c| c.per_path.clone()).unwrap_or_default(),
        cwd,
    };
    let fail_on = match args.fail_on {
        Some(level) => level.level(),
        None => config
            .and_then(|c| c.fail_on)
            .unwrap_or(FailOn::Error.level()),
    };
    let baseline = args
        .baseline
        .as_deref()
        .map(|path| baseline::Baseline::load(path, lang))
        .transpose()
        .map_err(Fatal)?;
    let fix = if args.fix {
        FixMode::Apply
    } else if args.diff {
        FixMode::Diff
    } else {
        FixMode::Off
    };
    let folder =
        |path: &Option<PathBuf>| path.as_deref().map(baseline::folder_of).unwrap_or_default();
    Ok(LintOptions {
        analyze: AnalyzeOptions {
            as_of: args.as_of,
            symptom: None,
        },
        render: RenderOptions {
            lang,
            show_values: args.show_values,
            explain_rank: false,
        },
        fail_on,
        selection,
        baseline,
        baseline_dir: folder(&args.baseline),
        write_baseline_dir: folder(&args.write_baseline),
        fix,
        collect_baseline: args.write_baseline.is_some(),
    })
}

/// `--statistics` writes a table (the concise format's) or JSON; it refuses the formats it
/// cannot write rather than printing another one.
fn check_statistics_format(args: &Args, lang: Lang) -> Result<(), Fatal> {
    if args.statistics && !matches!(args.format, Format::Concise | Format::Json) {
        let name = args.format.name();
        return Err(Fatal(say(
            lang,
            format!(
                "--statistics writes a table (--format concise) or JSON (--format json), not --format {name}"
            ),
            format!(
                "`--statistics` 只能输出表格（`--format concise`）或 JSON（`--format json`），不能输出 `--format {name}`"
            ),
        )));
    }
    Ok(())
}

/// Paths named on the command line that do not exist: a usage mistake, not a finding.
fn report_missing(walked: &mut walk::Walked, lang: Lang) -> bool {
    let (missing, others): (Vec<_>, Vec<_>) = std::mem::take(&mut walked.failures)
        .into_iter()
        .partition(|f| f.kind == std::io::ErrorKind::NotFound);
    walked.failures = others;
    for failure in &missing {
        let shown = crate::unicode::escape(&walk::display(&failure.path)).into_owned();
        warn(&say(
            lang,
            format!("error: {shown}: no such file or folder"),
            format!("错误：{shown}：文件或文件夹不存在"),
        ));
    }
    !missing.is_empty()
}

/// What the run counted, for the exit code and the closing notes.
#[derive(Default)]
struct Totals {
    summary: report::Summary,
    unreadable: bool,
    would_change: bool,
    /// Files a `--diff` would change.
    changed_files: usize,
    /// Files whose `--diff` hides a secret (`‹secret›`), so whose hunks do not apply.
    diffs_hiding_secrets: usize,
    fixed_values: usize,
    fixed_files: usize,
    baselined: usize,
    baseline_matched: std::collections::HashSet<String>,
    hidden_info: usize,
    entries: Vec<baseline::Entry>,
}

/// `--config FILE`, or the `bindcheck.toml` found upward from `cwd`.
fn load_config(
    args: &Args,
    cwd: &std::path::Path,
    lang: Lang,
) -> Result<Option<config::Config>, Fatal> {
    let config_path = match &args.config {
        Some(path) => Some(path.clone()),
        // Named as the user would: relative to where they are, when it is there.
        None => config::find(cwd)
            .map(|found| found.strip_prefix(cwd).map(PathBuf::from).unwrap_or(found)),
    };
    config_path
        .as_deref()
        .map(|path| config::load(path, lang))
        .transpose()
        .map_err(Fatal)
}

/// The PATH arguments as the files to check and the paths that failed, in path order; and
/// whether a path did not exist.
fn collect_items(args: &Args, lang: Lang) -> (Vec<Item>, bool) {
    let mut walked = walk::collect(&args.paths);
    let missing = report_missing(&mut walked, lang);
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
    for (link, folder) in &walked.link_loops {
        let (link, folder) = (walk::display(link), walk::display(folder));
        warn(&say(
            lang,
            format!("warning: skipped {link}: symbolic link loop back to {folder}"),
            format!("警告：已跳过 {link}：该符号链接循环指回上级文件夹 {folder}"),
        ));
    }
    let mut items: Vec<Item> = walked
        .targets
        .into_iter()
        .map(Item::Target)
        .chain(walked.failures.into_iter().map(Item::Failure))
        .collect();
    items.sort_by(|a, b| a.path().cmp(b.path()));
    (items, missing)
}

/// The rulepack and the options of the run, from the flags and the configuration.
fn prepare(args: &Args, lang: Lang) -> Result<(crate::rulepack::RulePack, LintOptions), Fatal> {
    let cwd = std::env::current_dir().map_err(|e| {
        Fatal(say(
            lang,
            format!("cannot read the working directory: {e}"),
            format!("无法读取当前目录：{e}"),
        ))
    })?;
    let config = load_config(args, &cwd, lang)?;
    let rules_path = args
        .rules
        .clone()
        .or_else(|| config.as_ref().and_then(|c| c.rules.clone()));
    let pack = load_rulepack(rules_path.as_ref())?;
    check_statistics_format(args, lang)?;
    let options = lint_options(args, config.as_ref(), cwd)?;
    Ok((pack, options))
}

pub fn run(args: Args) -> CmdResult {
    let lang = lang(args.lang);
    let (pack, options) = prepare(&args, lang)?;
    // Fail before the work when the output cannot be produced.
    let renderer = args.format.renderer();
    let (items, missing) = collect_items(&args, lang);
    refuse_writing_over_inputs(&args, &items, lang)?;
    let mut sink = Sink::open(args.output_file.as_deref(), lang)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(worker_threads(args.jobs, items.len()))
        .build()
        .map_err(|e| Fatal(format!("cannot start worker threads: {e}")))?;
    let progress = Progress::new(items.len(), args.progress);

    let mut report = Report::new(&pack, options.render).with_catalogue(&pack, renderer.as_ref());
    let output = Some(renderer).filter(|_| options.fix != FixMode::Diff && !args.statistics);
    let streaming = output.as_deref().filter(|r| r.streams());
    // Info findings (mostly BC004 "not checked") would drown the errors in a CI log.
    let hide_info = !args.show_info
        && output.is_some()
        && matches!(args.format, Format::Concise | Format::Github)
        && options.fail_on != Some(crate::rulepack::Severity::Info);
    let context = BatchContext {
        pool: &pool,
        pack: &pack,
        options: &options,
        progress: &progress,
        streaming,
        hide_info,
        count: args.statistics,
    };
    let mut totals = Totals::default();
    let keep = output.is_some() && streaming.is_none();
    let stats = check_items(&context, &items, &mut report, keep, &mut sink, &mut totals)?;
    progress.finish();

    if args.statistics {
        write_statistics(&stats, args.format, &mut sink, lang)?;
    } else if let Some(renderer) = &output {
        let text = if streaming.is_some() {
            render_to_string(|buf| renderer.end(&report, &totals.summary, buf))?
        } else {
            render_to_string(|buf| renderer.render(&report, buf))?
        };
        sink.write(&text)?;
    }
    let nothing_checked = totals.summary.files == 0 && !missing;
    if nothing_checked {
        // A CI step pointed at a wrong folder or an empty checkout must not pass.
        warn(&say(
            lang,
            "error: no profiles found in the given paths",
            "错误：所给路径下没有找到卖家档案",
        ));
    }
    let written_to = sink.finish()?;
    closing_notes(&args, &options, &items, &mut totals, lang)?;
    if let Some(path) = written_to {
        emit(&summary_line(&totals, &path, options.fix, lang))?;
    }
    Ok(exit_code(
        &args,
        &options,
        &totals,
        missing || nothing_checked,
    ))
}

/// The worker threads for `files` files: `--jobs` (0 or none: one per core), never more than
/// there are files, nor more than [`MAX_THREADS_PER_CORE`] per core — threads beyond that only
/// cost memory (each has its own stack), and an absurd `--jobs` must not exhaust it.
fn worker_threads(jobs: Option<usize>, files: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let asked = jobs.filter(|&j| j > 0).unwrap_or(cores);
    asked.min(cores * MAX_THREADS_PER_CORE).min(files.max(1))
}

/// See [`worker_threads`].
const MAX_THREADS_PER_CORE: usize = 4;

/// Refuses (exit 2) an `--output-file` or `--write-baseline` that names one of the profiles
/// being checked: the report or baseline would replace the seller's profile.
fn refuse_writing_over_inputs(args: &Args, items: &[Item], lang: Lang) -> Result<(), Fatal> {
    let outputs: Vec<(&str, &std::path::Path, PathBuf)> = [
        ("--output-file", &args.output_file),
        ("--write-baseline", &args.write_baseline),
    ]
    .into_iter()
    .filter_map(|(flag, path)| path.as_deref().map(|p| (flag, p, walk::same_file(p))))
    .collect();
    // Most runs write no file: then no input path is resolved at all.
    if outputs.is_empty() {
        return Ok(());
    }
    let inputs: std::collections::HashSet<PathBuf> = items
        .iter()
        .map(|item| walk::same_file(item.path()))
        .collect();
    if let Some((flag, path, _)) = outputs.iter().find(|(_, _, key)| inputs.contains(key)) {
        let shown = walk::display(path);
        return Err(Fatal(say(
            lang,
            format!(
                "error: {flag} {shown} is one of the profiles being checked; write it to another file"
            ),
            format!("错误：{flag} {shown} 是正在检查的卖家档案之一；请写到另一个文件"),
        )));
    }
    Ok(())
}

/// Checks every item in batches, in path order; a format that streams writes each batch as
/// soon as it is done, so memory stays flat however many profiles there are. The reports of
/// the other formats are kept in `report` when `keep`. Returns the counts of `--statistics`.
fn check_items(
    context: &BatchContext<'_>,
    items: &[Item],
    report: &mut Report,
    keep: bool,
    sink: &mut Sink,
    totals: &mut Totals,
) -> Result<lint::statistics::Statistics, Fatal> {
    let lang = context.options.render.lang;
    let mut stats = lint::statistics::Statistics::default();
    let mut out = String::new();
    if let Some(renderer) = context.streaming {
        out = crate::unicode::escape_keep_newlines_owned(render_to_string(|buf| {
            renderer.begin(report, buf)
        })?);
    }
    for batch in items.chunks(BATCH) {
        for checked in check_batch(context, batch, report)? {
            let outcome = checked.outcome;
            tally(totals, &outcome, checked.hidden_info, sink, lang)?;
            if context.count {
                stats.add(&outcome.report);
            }
            let first = totals.summary.files == 0;
            totals.summary.add(&outcome.report);
            totals.summary.infos += checked.hidden_info;
            if let (Some(renderer), Some(rendered)) = (context.streaming, &checked.rendered) {
                if !first {
                    out.push_str(renderer.separator());
                }
                out.push_str(rendered);
            } else if keep {
                report.files.push(outcome.report);
            }
        }
        if !out.is_empty() {
            sink.write_escaped(&out)?;
            out.clear();
        }
    }
    Ok(stats)
}

/// `--statistics`: JSON, or the table (at the terminal's width when it goes there).
fn write_statistics(
    stats: &lint::statistics::Statistics,
    format: Format,
    sink: &mut Sink,
    lang: Lang,
) -> Result<(), Fatal> {
    if format == Format::Json {
        let mut text = serde_json::to_string_pretty(&stats.to_json())
            .map_err(|e| Fatal(format!("cannot render: {e}")))?;
        text.push('\n');
        sink.write(&text)
    } else {
        let terminal = if sink.is_file() {
            crate::report::Terminal::PLAIN
        } else {
            super::terminal()
        };
        sink.write_styled(&stats.table(lang, terminal))
    }
}

/// Counts one file's outcome and writes its diff.
fn tally(
    totals: &mut Totals,
    outcome: &FileOutcome,
    hidden_info: usize,
    sink: &mut Sink,
    lang: Lang,
) -> Result<(), Fatal> {
    totals.unreadable |= outcome.unreadable();
    totals.baselined += outcome.baselined;
    totals.hidden_info += hidden_info;
    totals
        .baseline_matched
        .extend(outcome.baseline_matched.iter().cloned());
    match &outcome.fix {
        Some(FixOutcome::Applied(n)) => {
            totals.fixed_values += n;
            totals.fixed_files += 1;
        }
        Some(FixOutcome::Diff(diff)) if !diff.is_empty() => {
            totals.would_change = true;
            totals.changed_files += 1;
            // The diff is redacted like every output: a line holding a secret shows the marker
            // instead, and `git apply` cannot match it.
            if diff.contains(crate::report::words::secret_marker(lang)) {
                totals.diffs_hiding_secrets += 1;
            }
            sink.write_diff(diff)?;
        }
        Some(FixOutcome::Refused(reason)) => {
            totals.unreadable = true;
            let path = crate::unicode::escape(&outcome.report.path);
            warn(&say(
                lang,
                format!("error: {path}: not fixed: {reason}"),
                format!("错误：{path}：未修复：{reason}"),
            ));
        }
        _ => {}
    }
    totals
        .entries
        .extend(outcome.baseline_entries.iter().cloned());
    Ok(())
}

/// What stderr is told after the findings: the baseline written or matched, fixes applied,
/// info findings left out.
fn closing_notes(
    args: &Args,
    options: &LintOptions,
    items: &[Item],
    totals: &mut Totals,
    lang: Lang,
) -> Result<(), Fatal> {
    let plural = |n: usize, one: &'static str, many: &'static str| if n == 1 { one } else { many };
    // The checked files as a baseline in `dir` names them.
    let checked_in = |dir: &std::path::Path| -> std::collections::HashSet<String> {
        items
            .iter()
            .map(|item| baseline::relative_path(dir, &options.selection.cwd, item.path()))
            .collect()
    };
    if let Some(path) = &args.write_baseline {
        // Entries about files this run did not check stay: refreshing after a run over some
        // files must not drop the others' accepted findings.
        let kept = baseline::Baseline::load(path, lang)
            .map(|old| old.entries_not_about(&checked_in(&options.write_baseline_dir)))
            .unwrap_or_default();
        let (count, others) = (totals.entries.len(), kept.len());
        let mut entries = std::mem::take(&mut totals.entries);
        entries.extend(kept);
        baseline::write(path, entries, lang).map_err(Fatal)?;
        let shown = crate::unicode::escape(&walk::display(path)).into_owned();
        let (kept_en, kept_zh) = if others > 0 {
            (
                format!(" ({others} kept for files not checked in this run)"),
                format!("（另保留未在本次检查的文件的 {others} 条）"),
            )
        } else {
            (String::new(), String::new())
        };
        warn(&say(
            lang,
            format!(
                "wrote {count} baseline entr{} to {shown}{kept_en}",
                plural(count, "y", "ies")
            ),
            format!("已将 {count} 条基线记录写入 {shown}{kept_zh}"),
        ));
    }
    if let (Some(baseline), Some(path)) = (&options.baseline, &args.baseline) {
        let shown = crate::unicode::escape(&walk::display(path)).into_owned();
        let matched = totals.baseline_matched.len();
        // Only entries about the files checked can be stale; the others are not judged.
        let about = baseline.entries_about(&checked_in(&options.baseline_dir));
        let entries = baseline.len();
        if entries > 0 && matched == 0 && about == 0 && totals.summary.failed > 0 {
            // Findings the baseline hides none of, and no entry about the files checked: its
            // paths are not the ones this run sees.
            warn(&say(
                lang,
                format!(
                    "warning: the baseline {shown} matches no finding: its {entries} entr{} name other files or values (paths in it are relative to its folder)",
                    plural(entries, "y", "ies")
                ),
                format!(
                    "警告：基线 {shown} 没有匹配到任何问题：其中 {entries} 条记录针对的是其他文件或值（其中的路径相对于基线文件所在的文件夹）"
                ),
            ));
        } else if matched < about {
            let (stale, entries) = (about - matched, about);
            warn(&say(
                lang,
                format!(
                    "{stale} of {entries} baseline entries in {shown} match no finding any more; --write-baseline {shown} refreshes it"
                ),
                format!(
                    "基线 {shown} 的 {entries} 条记录中有 {stale} 条不再匹配任何问题；用 --write-baseline {shown} 可以更新它"
                ),
            ));
        }
    }
    if totals.baselined > 0 {
        let n = totals.baselined;
        warn(&say(
            lang,
            format!("{n} finding{} hidden by the baseline", plural(n, "", "s")),
            format!("{n} 个问题已被基线隐藏"),
        ));
    }
    if totals.hidden_info > 0 {
        let n = totals.hidden_info;
        warn(&say(
            lang,
            format!(
                "{n} info finding{} not shown (mostly BC004 \"not checked\"); --show-info shows them",
                plural(n, "", "s")
            ),
            format!("未显示 {n} 条提示（多为 BC004“未检查”）；加 --show-info 可显示"),
        ));
    }
    if options.fix == FixMode::Apply {
        let (values, files) = (totals.fixed_values, totals.fixed_files);
        warn(&say(
            lang,
            format!(
                "fixed {values} value{} in {files} file{}",
                plural(values, "", "s"),
                plural(files, "", "s")
            ),
            format!("已在 {files} 个文件中修复 {values} 个值"),
        ));
    }
    Ok(())
}

/// What the terminal is told when `--output-file` took the report.
fn summary_line(totals: &Totals, path: &str, fix: FixMode, lang: Lang) -> String {
    let report::Summary {
        files,
        failed,
        errors,
        warnings,
        infos,
    } = totals.summary;
    if fix == FixMode::Diff && totals.diffs_hiding_secrets > 0 {
        let (changed, hiding) = (totals.changed_files, totals.diffs_hiding_secrets);
        return say(
            lang,
            format!(
                "Checked {files} file{}: {changed} would change. Patch written to {path}, but the lines that hold a secret show ‹secret› in {hiding} of them, so `git apply` will not take those hunks: run `bindcheck lint --fix` on those files instead.\n",
                if files == 1 { "" } else { "s" }
            ),
            format!(
                "已检查 {files} 个文件：{changed} 个需要修改。补丁已写入 {path}，但其中 {hiding} 个文件含凭证的行显示为 ‹凭证已隐藏›，`git apply` 无法应用这些部分：请对这些文件改用 `bindcheck lint --fix`。\n"
            ),
        );
    }
    if fix == FixMode::Diff {
        let changed = totals.changed_files;
        return say(
            lang,
            format!(
                "Checked {files} file{}: {changed} would change. Patch written to {path}; apply it with `git apply {path}`.\n",
                if files == 1 { "" } else { "s" }
            ),
            format!(
                "已检查 {files} 个文件：{changed} 个需要修改。补丁已写入 {path}；用 `git apply {path}` 应用。\n"
            ),
        );
    }
    let written = say(
        lang,
        format!("Report written to {path}."),
        format!("报告已写入 {path}。"),
    );
    match lang {
        Lang::En => format!(
            "Checked {files} file{}: {failed} failed; {errors} error{}, {warnings} warning{}, {infos} info. {written}\n",
            if files == 1 { "" } else { "s" },
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" },
        ),
        Lang::Zh => format!(
            "已检查 {files} 个文件：{failed} 个未通过；错误 {errors} 个，警告 {warnings} 个，提示 {infos} 个。{written}\n"
        ),
    }
}

/// [`super::EXIT_CODES`]: 2 when bindcheck could not do its job, else 1 when something fails, else 0.
fn exit_code(args: &Args, options: &LintOptions, totals: &Totals, missing: bool) -> ExitCode {
    let failed = if options.fix == FixMode::Diff {
        totals.would_change
    } else {
        // Unreadable files count as failed too, but they already make the exit code 2.
        totals.summary.failed > 0
    };
    if totals.unreadable || missing {
        ExitCode::from(2)
    } else if failed && !args.exit_zero && args.write_baseline.is_none() {
        // Writing a baseline is the job asked for: the findings are now accepted.
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Where the report goes: stdout, or `--output-file`, which is written beside its target and
/// renamed over it when the run ends, so an interrupted run leaves no half-written report.
struct Sink {
    file: Option<OutputFile>,
    lang: Lang,
    /// A display-diff note was printed.
    noted: bool,
}

struct OutputFile {
    target: PathBuf,
    temp: PathBuf,
    writer: std::io::BufWriter<std::fs::File>,
}

impl Sink {
    fn open(path: Option<&std::path::Path>, lang: Lang) -> Result<Self, Fatal> {
        let file = match path {
            None => None,
            Some(target) => {
                let dir = baseline::folder_of(target);
                let name = target
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let (temp, file) = lint::fix::create_temp(&dir, &name)
                    .map_err(|e| cannot_write(target, &e, lang))?;
                Some(OutputFile {
                    target: target.to_path_buf(),
                    temp,
                    writer: std::io::BufWriter::new(file),
                })
            }
        };
        Ok(Sink {
            file,
            lang,
            noted: false,
        })
    }

    fn is_file(&self) -> bool {
        self.file.is_some()
    }

    fn write_bytes(&mut self, text: &str) -> Result<(), Fatal> {
        use std::io::Write;
        let lang = self.lang;
        match &mut self.file {
            Some(file) => file
                .writer
                .write_all(text.as_bytes())
                .map_err(|e| cannot_write(&file.target, &e, lang)),
            None => emit_already_escaped(text),
        }
    }

    /// Report text that is already escaped.
    fn write_escaped(&mut self, text: &str) -> Result<(), Fatal> {
        self.write_bytes(text)
    }

    /// Report text, escaped on its way out.
    fn write(&mut self, text: &str) -> Result<(), Fatal> {
        self.write_bytes(&crate::unicode::escape_keep_newlines(text))
    }

    /// Human text that may carry the palette's colours (stdout only).
    fn write_styled(&mut self, text: &str) -> Result<(), Fatal> {
        if self.file.is_some() {
            self.write(text)
        } else {
            emit_styled(text)
        }
    }

    /// A `--diff`: as it is into a file, so that `git apply` takes it; on stdout, with unsafe
    /// characters escaped and a note saying that this display does not apply as it is.
    fn write_diff(&mut self, diff: &str) -> Result<(), Fatal> {
        if self.file.is_some() {
            return self.write_bytes(diff);
        }
        let shown = escape_diff(diff);
        if shown != diff && !self.noted {
            self.noted = true;
            let note = say(
                self.lang,
                "# bindcheck: a display diff: invisible, control and unusual whitespace characters are shown escaped (⟨U+200B⟩, ⟨U+00A0⟩), so the hunks that show them, in this file and any below, do not apply as they are; --output-file FILE writes a patch for `git apply`\n",
                "# bindcheck：以下差异仅供查看：不可见字符、控制字符和特殊空白字符以转义形式显示（⟨U+200B⟩、⟨U+00A0⟩），本文件及后面文件中显示它们的部分不能直接应用；用 --output-file FILE 可写出供 `git apply` 使用的补丁\n",
            );
            emit_already_escaped(&note)?;
        }
        super::write_stdout(&shown)
    }

    /// Renames the output file into place; returns its name for the summary line.
    fn finish(mut self) -> Result<Option<String>, Fatal> {
        use std::io::Write;
        let Some(file) = self.file.take() else {
            return Ok(None);
        };
        let OutputFile {
            target,
            temp,
            mut writer,
        } = file;
        let done = writer
            .flush()
            .and_then(|_| writer.get_ref().sync_all())
            .and_then(|_| std::fs::rename(&temp, &target));
        if let Err(e) = done {
            let _ = std::fs::remove_file(&temp);
            return Err(cannot_write(&target, &e, self.lang));
        }
        Ok(Some(
            crate::unicode::escape(&walk::display(&target)).into_owned(),
        ))
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        // Still here only if the run failed before `finish`.
        if let Some(file) = &self.file {
            let _ = std::fs::remove_file(&file.temp);
        }
    }
}

fn cannot_write(path: &std::path::Path, e: &std::io::Error, lang: Lang) -> Fatal {
    let shown = crate::unicode::escape(&walk::display(path)).into_owned();
    let reason = crate::report::words::term(
        &crate::finding::Term::Io {
            kind: e.kind(),
            text: walk::io_message(e),
        },
        lang,
    );
    Fatal(say(
        lang,
        format!("cannot write {shown}: {reason}"),
        format!("无法写入 {shown}：{reason}"),
    ))
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
    /// Info findings left out of the output.
    hidden_info: usize,
}

/// What every batch of a run shares.
struct BatchContext<'a> {
    pool: &'a rayon::ThreadPool,
    pack: &'a crate::rulepack::RulePack,
    options: &'a LintOptions,
    progress: &'a Progress,
    streaming: Option<&'a dyn report::Renderer>,
    /// Leave info findings out of the output (concise and github, unless asked).
    hide_info: bool,
    /// Count the findings of each rule (`--statistics`).
    count: bool,
}

/// Checks a batch on the pool; results in batch order (files that turn out not to be
/// profiles are left out). With a streaming renderer each file is also rendered there.
fn check_batch(
    context: &BatchContext<'_>,
    batch: &[Item],
    report: &Report,
) -> Result<Vec<Checked>, Fatal> {
    let BatchContext {
        pool,
        pack,
        options,
        progress,
        streaming,
        hide_info,
        ..
    } = *context;
    let results: Result<Vec<Option<Checked>>, Fatal> = pool.install(|| {
        batch
            .par_iter()
            .map(|item| {
                let result = match item {
                    Item::Target(target) => lint::lint_file(target, pack, options),
                    Item::Failure(failure) => Ok(Some(lint::outcome(lint::unreadable_report(
                        &walk::display(&failure.path),
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
                    )))),
                };
                progress.tick();
                let Some(mut outcome) = result.map_err(|e| Fatal(e.to_string()))? else {
                    return Ok(None);
                };
                let mut hidden_info = 0;
                if hide_info {
                    let before = outcome.report.findings.len();
                    outcome
                        .report
                        .findings
                        .retain(|f| f.severity != crate::rulepack::Severity::Info);
                    hidden_info = before - outcome.report.findings.len();
                }
                let rendered = match streaming {
                    Some(renderer) => Some(crate::unicode::escape_keep_newlines_owned(
                        render_to_string(|buf| renderer.file(report, &outcome.report, buf))?,
                    )),
                    None => None,
                };
                Ok(Some(Checked {
                    outcome,
                    rendered,
                    hidden_info,
                }))
            })
            .collect()
    });
    Ok(results?.into_iter().flatten().collect())
}

/// A diff for display: every unsafe character escaped except the CRLF ending of a line, which
/// is the file's own line ending (shown as ⟨U+000D⟩ it would mark every line of a Windows file
/// as changed in a way it is not, and a redirected display would no longer apply).
fn escape_diff(diff: &str) -> std::borrow::Cow<'_, str> {
    use crate::unicode::escape_keep_newlines;
    if !diff.contains('\r') {
        return escape_keep_newlines(diff);
    }
    let mut shown = String::with_capacity(diff.len());
    for line in diff.split_inclusive('\n') {
        match line.strip_suffix("\r\n") {
            Some(body) => {
                shown.push_str(&escape_keep_newlines(body));
                shown.push_str("\r\n");
            }
            None => shown.push_str(&escape_keep_newlines(line)),
        }
    }
    std::borrow::Cow::Owned(shown)
}
