//! `bindcheck diagnose PROFILE`: one profile, ranked causes, for a seller or support agent.

use super::{
    CmdResult, FailOn, Fatal, LangArg, emit_styled, lang, load_rulepack, parse_date,
    warn_unloadable,
};
use crate::pipeline::{Analysis, AnalyzeError, AnalyzeOptions, LoadFailure, analyze};
use crate::report::{self, Format, RenderOptions, Renderer, Report, ReportCommand};
use crate::rulepack::{RulePack, Severity};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The seller profile (TOML).
    pub profile: PathBuf,
    #[arg(long, value_parser = super::format_parser(ReportCommand::Diagnose), default_value = "human")]
    pub format: Format,
    /// Language of messages (default: from LC_ALL / LC_MESSAGES / LANG; zh* → zh, else en).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// The reported symptom, e.g. "Invalid Merchant ID": causes that explain it rank higher.
    #[arg(long)]
    pub symptom: Option<String>,
    /// Exit 1 when a finding at or above this severity remains.
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    /// A rulepack that overrides or extends the built-in one.
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Use this date as today for date rules (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<jiff::civil::Date>,
    /// Print identifiers in full instead of masked (secrets are never printed).
    #[arg(long)]
    pub show_values: bool,
    /// Show how each cause's score was computed.
    #[arg(long)]
    pub explain_rank: bool,
}

pub fn run(args: Args) -> CmdResult {
    let pack = load_rulepack(args.rules.as_ref())?;
    let path = args.profile.display().to_string();
    let options = RenderOptions {
        lang: lang(args.lang),
        show_values: args.show_values,
        explain_rank: args.explain_rank,
    };
    let renderer = args.format.renderer();
    let bytes = match crate::input::read_profile(&args.profile) {
        Ok(bytes) => bytes,
        // Too large is a fact about the file, reported like any file that cannot be checked;
        // a path that cannot be read or is a folder is a mistake on the command line.
        Err(error @ crate::input::ReadError::TooLarge { .. }) => {
            let failure = LoadFailure {
                message_path: crate::unicode::escape(&path).into_owned(),
                error: crate::lint::read_load_error(&error),
            };
            return unloadable(&failure, &path, &pack, options, renderer.as_ref());
        }
        Err(error) => return Err(Fatal(super::read_error(&error, options.lang))),
    };
    let analyze_options = AnalyzeOptions {
        as_of: args.as_of,
        symptom: args.symptom.clone(),
    };
    let fail_on = args.fail_on.level();
    let (report, exit) = match analyze(&path, &bytes, &pack, &analyze_options) {
        Ok(analysis) => report_of(&analysis, &pack, options, renderer.as_ref(), fail_on),
        Err(AnalyzeError::Load(failure)) => {
            return unloadable(&failure, &path, &pack, options, renderer.as_ref());
        }
        Err(AnalyzeError::Policy(e)) => return Err(Fatal(e.to_string())),
    };
    let out = render(&report, renderer.as_ref())?;
    emit_styled(&out)?;
    Ok(exit)
}

/// A profile that cannot be checked: told on stderr for a reader, and in its format for a
/// machine; exit 2.
fn unloadable(
    failure: &LoadFailure,
    path: &str,
    pack: &RulePack,
    options: RenderOptions,
    renderer: &dyn Renderer,
) -> CmdResult {
    warn_unloadable(failure, pack, options.lang);
    if !renderer.wants_terminal() {
        let mut report = Report::new(pack, options).with_catalogue(pack, renderer);
        report.files.push(report::build_unreadable(
            path,
            &failure.error,
            pack,
            options,
        ));
        emit_styled(&render(&report, renderer)?)?;
    }
    Ok(ExitCode::from(2))
}

/// The report of an analysed profile as `diagnose` gives it for `renderer`, and its exit
/// code: 1 when a finding at or above `fail_on` remains, else 0.
pub(super) fn report_of(
    analysis: &Analysis,
    pack: &RulePack,
    options: RenderOptions,
    renderer: &dyn Renderer,
    fail_on: Option<Severity>,
) -> (Report, ExitCode) {
    let terminal = if renderer.wants_terminal() {
        super::terminal()
    } else {
        crate::report::Terminal::PLAIN
    };
    let mut report = Report::new(pack, options)
        .with_catalogue(pack, renderer)
        .with_terminal(terminal);
    let mut file = report::build_file(
        &analysis.profile,
        &analysis.ranked,
        &analysis.causes,
        pack,
        options,
        fail_on,
    );
    if renderer.wants_source() {
        file = file.with_source(&analysis.profile, options);
    }
    let exit = if file.status == report::Status::Failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    report.files.push(file);
    (report, exit)
}

/// `report` rendered by `renderer` (not yet escaped: see [`super::emit_styled`]).
pub(super) fn render(report: &Report, renderer: &dyn Renderer) -> Result<String, Fatal> {
    let mut out = Vec::new();
    renderer
        .render(report, &mut out)
        .map_err(|e| Fatal(format!("cannot render: {e}")))?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}
