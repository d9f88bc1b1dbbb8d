//! The command line (documented by `--help`, the README and `docs/`). Each subcommand lives in
//! its own file; this one parses
//! arguments, maps errors to exit code 2, and writes every output through [`emit`], which
//! escapes any control, bidi or invisible character that could still be in it.

mod diagnose;
mod docs_cmd;
mod explain;
mod init;
mod interview;
mod lint;
mod rules_cmd;
mod schema_cmd;
mod ticket;

use crate::report::{Format, ReportCommand, Terminal};
use crate::rulepack::{Lang, RulePack, Severity};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "bindcheck",
    version,
    about = "Explains why binding a payout channel (LianLian, Ozon Global Pay, Amazon) fails, and what to do about it",
    long_about = None
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Colour: `auto` colours a terminal unless NO_COLOR is set; never when piped.
    #[arg(long, value_enum, global = true, default_value = "auto")]
    pub color: ColorWhen,
}

/// `--color` (as cargo's `term.color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// Stdout as the human format sees it: its width and whether to colour, decided once.
static TERMINAL: std::sync::OnceLock<Terminal> = std::sync::OnceLock::new();

/// The terminal stdout is (see [`Terminal::width_for`]); plain until [`main`] decides.
pub fn terminal() -> Terminal {
    TERMINAL.get().copied().unwrap_or(Terminal::PLAIN)
}

fn detect_terminal(when: ColorWhen) -> Terminal {
    let stdout = std::io::stdout();
    let color = match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        // NO_COLOR, CLICOLOR, CLICOLOR_FORCE, TERM=dumb and whether stdout is a terminal.
        ColorWhen::Auto => anstream::AutoStream::choice(&stdout) != anstream::ColorChoice::Never,
    };
    let terminal_width = if stdout.is_terminal() {
        terminal_size::terminal_size_of(&stdout).map(|(w, _)| usize::from(w.0))
    } else {
        None
    };
    let columns = std::env::var("COLUMNS").ok();
    Terminal {
        width: Terminal::width_for(columns.as_deref(), terminal_width),
        color,
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Diagnose one seller profile: ranked causes with positions and remediation steps.
    #[command(after_help = exit_codes_help())]
    Diagnose(diagnose::Args),
    /// Check many profiles (files and folders) for CI.
    #[command(after_help = exit_codes_help())]
    Lint(lint::Args),
    /// Explain a rule: what it checks, why, how to fix, sources and confidence.
    Explain(explain::Args),
    /// List the rule catalogue.
    Rules(rules_cmd::Args),
    /// Print a commented profile template for a platform.
    Init(init::Args),
    /// No profile yet? Answer a few questions (only what the likely causes need) and get the diagnosis.
    Interview(interview::Args),
    /// Print the JSON Schema of the profile format, for editors.
    Schema,
    /// Draft an English support e-mail for a profile.
    Ticket(ticket::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell).
    ///
    /// For example: `bindcheck completions bash > ~/.local/share/bash-completion/completions/bindcheck`.
    Completions(CompletionsArgs),
    /// Print the man page (roff).
    ///
    /// For example: `bindcheck man > ~/.local/share/man/man1/bindcheck.1`, then `man bindcheck`.
    Man,
    /// Write or check the reference documentation under `docs/` (for bindcheck's developers).
    #[command(hide = true)]
    Docs(docs_cmd::Args),
}

#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Both are generated from the clap definition, so they always match this binary's flags.
fn completions(args: CompletionsArgs) -> CmdResult {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "bindcheck", &mut out);
    emit(&String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
}

fn man_page() -> CmdResult {
    let command = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut out)
        .map_err(|e| Fatal(format!("cannot render the man page: {e}")))?;
    emit(&String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
}

/// `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn level(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    Zh,
}

/// Resolves `--lang` or the locale.
pub fn lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Zh) => Lang::Zh,
        None => detect_lang(None),
    }
}

/// `--lang`, else `LC_ALL` / `LC_MESSAGES` / `LANG` (zh* → zh), else English: the language is
/// the command line's business, so the library only ever receives a [`Lang`].
fn detect_lang(explicit: Option<&str>) -> Lang {
    let from_env = || {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
    };
    match explicit.map(str::to_string).or_else(from_env) {
        Some(v) if v.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
        _ => Lang::En,
    }
}

/// What each exit status of `diagnose` and `lint` means; `docs/output.md` and their `--help`
/// show this table. Every other command exits 0, or 2 when it cannot do its job.
pub const EXIT_CODES: &[(u8, &str)] = &[
    (
        0,
        "nothing at or above `--fail-on` (default `error`); `lint` also with `--exit-zero`, and when it writes a baseline",
    ),
    (
        1,
        "a finding at or above `--fail-on` remains; `lint --diff`: `--fix` would change something",
    ),
    (
        2,
        "bindcheck could not do its job: a usage error, an unreadable or unloadable profile (`lint` reports it like a finding and still checks the other files), a path that does not exist, paths with no profile in them, an output or baseline file that would replace a profile being checked, a fix or output file that could not be written, an invalid rulepack or configuration",
    ),
];

/// [`EXIT_CODES`] as a `--help` section.
fn exit_codes_help() -> String {
    let mut text = String::from("Exit status:\n");
    for (code, meaning) in EXIT_CODES {
        text += &format!("  {code}  {}\n", meaning.replace('`', ""));
    }
    text
}

/// A failure that ends the command with exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Fatal(pub String);

pub type CmdResult = Result<ExitCode, Fatal>;

/// Loads the built-in rulepack, with `--rules FILE` merged on top.
pub fn load_rulepack(path: Option<&PathBuf>) -> Result<RulePack, Fatal> {
    let overlay = match path {
        Some(p) => Some((
            p.display().to_string(),
            std::fs::read_to_string(p)
                .map_err(|e| Fatal(format!("cannot read rulepack {}: {e}", p.display())))?,
        )),
        None => None,
    };
    let pack = RulePack::load(overlay.as_ref().map(|(p, t)| (p.as_str(), t.as_str())))
        .map_err(|e| Fatal(e.to_string()))?;
    crate::rules::validate_pack(&pack).map_err(|e| Fatal(e.to_string()))?;
    Ok(pack)
}

pub use crate::report::words::say;

/// The parser of `--format` for `command`: the names of the formats it accepts
/// ([`Format::accepted_by`]), so `--help`, completions and errors list exactly those.
pub fn format_parser(
    command: ReportCommand,
) -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    PossibleValuesParser::new(
        Format::accepted_by(command)
            .iter()
            .map(|format| PossibleValue::new(format.name())),
    )
    .try_map(|name| Format::from_name(&name).ok_or(format!("unknown format `{name}`")))
}

/// Parses `--as-of DATE`.
pub fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse()
        .map_err(|_| format!("`{s}` is not a date like 2026-11-21"))
}

/// Writes `text` to stdout with every unsafe character escaped (newlines kept).
pub fn emit(text: &str) -> Result<(), Fatal> {
    write_stdout(&crate::unicode::escape_keep_newlines(text))
}

/// Writes human output to stdout: with colour on, the palette's styles stay and every other
/// unsafe character is escaped; without, as [`emit`].
pub fn emit_styled(text: &str) -> Result<(), Fatal> {
    if terminal().color {
        write_stdout(&crate::report::style::escape_keep_styles(text))
    } else {
        emit(text)
    }
}

/// Writes text that has already been through [`crate::unicode::escape_keep_newlines`] (lint
/// escapes each file's output on its worker thread) to stdout as it is.
pub fn emit_already_escaped(text: &str) -> Result<(), Fatal> {
    debug_assert_eq!(crate::unicode::escape_keep_newlines(text), text);
    write_stdout(text)
}

/// Writes `clean` to stdout as it is: the caller has escaped it.
pub(super) fn write_stdout(clean: &str) -> Result<(), Fatal> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(clean.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Fatal(format!("cannot write output: {e}"))),
    }
}

/// Tells stderr why a profile cannot be checked, in `lang`:
/// `error[BC001]: path:line:col: message`, or `error[BC001]: path: message` for an error about
/// the whole file (too large to be a profile).
pub fn warn_unloadable(failure: &crate::pipeline::LoadFailure, pack: &RulePack, lang: Lang) {
    let error = &failure.error;
    let message = crate::report::load_error_message(error, pack, lang);
    let severity = crate::report::words::severity(Severity::Error, lang);
    let colon = crate::report::words::colon(lang);
    let place = if error.kind.is_whole_file() {
        String::new()
    } else {
        format!(":{}:{}", error.position.line, error.position.column)
    };
    warn(&format!(
        "{severity}[{}]{colon}{}{place}{colon}{message}",
        error.code, failure.message_path
    ));
}

/// Writes a message to stderr, escaped.
pub fn warn(text: &str) {
    let clean = crate::unicode::escape_keep_newlines(text);
    let _ = writeln!(std::io::stderr(), "{clean}");
}

/// The language of messages written before (or without) a parsed `--lang`: the `--lang` among
/// the raw arguments, else the locale.
fn language_of_args() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    let named = args
        .iter()
        .enumerate()
        .find_map(|(i, arg)| match arg.as_str() {
            "--lang" => args.get(i + 1).map(String::as_str),
            other => other.strip_prefix("--lang="),
        });
    detect_lang(named)
}

/// Why a profile could not be read, in `lang`.
pub fn read_error(error: &crate::input::ReadError, lang: Lang) -> String {
    use crate::input::ReadError;
    match error {
        ReadError::Io { path, source } => {
            let reason = crate::report::words::term(
                &crate::finding::Term::Io {
                    kind: source.kind(),
                    text: crate::lint::walk::io_message(source),
                },
                lang,
            );
            say(
                lang,
                format!("cannot read {path}: {reason}"),
                format!("无法读取 {path}：{reason}"),
            )
        }
        ReadError::TooLarge { path, size, limit } => say(
            lang,
            format!("{path} is {size} bytes, over the {limit}-byte limit for a profile"),
            format!("{path} 有 {size} 字节，超过了档案 {limit} 字节的上限"),
        ),
        ReadError::NotAFile { path } => say(
            lang,
            format!("{path} is not a regular file (a folder? `bindcheck lint` checks folders)"),
            format!("{path} 不是普通文件（如果是文件夹，请用 `bindcheck lint` 检查）"),
        ),
    }
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let usage_error = !matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
            );
            if usage_error && language_of_args() == Lang::Zh {
                // clap words its own errors in English; the seller first reads what happened.
                warn(
                    "错误：命令行参数有误（英文说明见下方；`bindcheck --help` 列出所有命令和选项）",
                );
            }
            let _ = e.print();
            return if usage_error {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let _ = TERMINAL.set(detect_terminal(cli.color));
    let result = match cli.command {
        Command::Diagnose(args) => diagnose::run(args),
        Command::Lint(args) => lint::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Rules(args) => rules_cmd::run(args),
        Command::Init(args) => init::run(args),
        Command::Interview(args) => interview::run(args),
        Command::Schema => schema_cmd::run(),
        Command::Ticket(args) => ticket::run(args),
        Command::Completions(args) => completions(args),
        Command::Man => man_page(),
        Command::Docs(args) => docs_cmd::run(args),
    };
    match result {
        Ok(code) => code,
        Err(Fatal(message)) => {
            let prefix = say(language_of_args(), "error: ", "错误：");
            warn(&format!("{prefix}{message}"));
            ExitCode::from(2)
        }
    }
}
