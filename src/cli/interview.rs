//! `bindcheck interview`: the diagnosis for a seller who has no profile yet.

use super::diagnose::{render, report_of};
use super::init::Platform;
use super::{
    CmdResult, FailOn, Fatal, LangArg, emit, emit_styled, lang, load_rulepack, parse_date, say,
};
use crate::interview::terminal::{self, End, TerminalError};
use crate::interview::{Interview, Options, Saved, protocol};
use crate::profile::Flow;
use crate::report::{Human, Json, RenderOptions};
use crate::rulepack::{Lang, Severity};
use crate::rules::lookup;
use clap::ValueEnum;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// `--protocol`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Protocol {
    /// One JSON object per line on stdin and stdout, no prompts.
    Jsonl,
}

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Asks one question at a time — only what the likely causes need, most likely first — \
and diagnoses as it goes. Each question says where the value is found; `?` says why it is asked. \
Every answer is saved at once to --save as a commented profile that `diagnose`, `ticket` and `lint` \
read as it is; an existing file is continued from its answers (on a terminal, after asking) and never \
overwritten. Esc or Ctrl-C stops and keeps the answers (exit status 130); running the same command \
continues.\n\n\
--protocol jsonl drives the same questions from a program: see the README.\n\n\
Exit status at the end, as `diagnose`: 0 no finding at or above --fail-on, 1 such findings, \
2 bindcheck could not do its job."
)]
pub struct Args {
    /// The binding being diagnosed (asked when not given).
    #[arg(long, value_enum)]
    pub platform: Option<Platform>,
    /// What was seen, e.g. "Invalid Merchant ID" (asked when not given): the causes that explain it are asked about first.
    #[arg(long)]
    pub symptom: Option<String>,
    /// Language of questions and messages (default: from LC_ALL / LC_MESSAGES / LANG; zh* → zh, else en).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// The profile the answers are saved to, after each one [default: profile.toml].
    #[arg(long)]
    pub save: Option<PathBuf>,
    /// Use this date as today for date rules (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<jiff::civil::Date>,
    /// Answer from a program instead of a terminal.
    #[arg(long, value_enum)]
    pub protocol: Option<Protocol>,
    /// A rulepack that overrides or extends the built-in one (its `[fields]` reword the questions).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Print identifiers in full instead of masked (secrets are never printed).
    #[arg(long)]
    pub show_values: bool,
    /// Exit 1 when a finding at or above this severity remains.
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
}

/// Where the answers go when `--save` is not given.
const DEFAULT_SAVE: &str = "profile.toml";

/// What a shell reports for a program stopped by Ctrl-C.
const STOPPED: u8 = 130;

pub fn run(args: Args) -> CmdResult {
    let pack = Arc::new(load_rulepack(args.rules.as_ref())?);
    let lang = lang(args.lang);
    let jsonl = args.protocol.is_some();
    let on_terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if !jsonl && !on_terminal {
        return Err(Fatal(say(
            lang,
            "the interview asks its questions on a terminal; a program drives it with --protocol jsonl",
            "问答诊断需要在终端中进行；程序请使用 --protocol jsonl",
        )));
    }
    let Some(saved) = saved(args.save.as_deref(), lang, jsonl)? else {
        return Ok(ExitCode::from(2));
    };
    let options = Options {
        lang,
        as_of: args.as_of,
        symptom: args.symptom.clone(),
        platform: args.platform.map(flow),
        show_values: args.show_values,
    };
    let render_options = RenderOptions {
        lang,
        show_values: args.show_values,
        explain_rank: false,
    };
    let fail_on = args.fail_on.level();
    let mut interview =
        Interview::new(Arc::clone(&pack), saved, options).map_err(|e| Fatal(e.to_string()))?;
    if jsonl {
        let stdin = std::io::stdin();
        let mut stdout = std::io::stdout();
        protocol::run(
            &mut interview,
            lang,
            stdin.lock(),
            &mut stdout,
            |interview| {
                let (report, _) = report_of(
                    interview.analysis(),
                    interview.pack(),
                    render_options,
                    &Json,
                    fail_on,
                );
                let json = render(&report, &Json)
                    .ok()
                    .and_then(|text| serde_json::from_str(&text).ok())
                    .unwrap_or_default();
                (json, next_steps(interview, lang))
            },
        )
        .map_err(|e| Fatal(e.to_string()))?;
    } else {
        match terminal::run(&mut interview, lang) {
            Ok(End::Done) => {}
            Ok(End::Stopped) => return Ok(ExitCode::from(STOPPED)),
            Err(TerminalError::Interview(e)) => return Err(Fatal(e.to_string())),
            Err(TerminalError::Io(e)) => return Err(Fatal(e.to_string())),
        }
        let (report, _) = report_of(
            interview.analysis(),
            interview.pack(),
            render_options,
            &Human,
            fail_on,
        );
        emit_styled(&render(&report, &Human)?)?;
        emit(&format!("\n{}\n", next_steps(&interview, lang).join("\n")))?;
    }
    // As `diagnose` would exit for the saved profile.
    let (_, exit) = report_of(
        interview.analysis(),
        interview.pack(),
        render_options,
        &Json,
        fail_on,
    );
    Ok(exit)
}

/// The profile to save to: a new one, or the existing file continued — a person is asked
/// first; a program must have named the file (a default `profile.toml` left over from another
/// seller is not continued silently). `None` when the person declines.
fn saved(named: Option<&Path>, lang: Lang, jsonl: bool) -> Result<Option<Saved>, Fatal> {
    let path = named.unwrap_or(Path::new(DEFAULT_SAVE));
    let fatal = |e: crate::interview::SaveError| Fatal(e.to_string());
    if path.symlink_metadata().is_err() {
        return Saved::create(path, lang).map(Some).map_err(fatal);
    }
    if jsonl && named.is_none() {
        return Err(Fatal(say(
            lang,
            format!(
                "{DEFAULT_SAVE} already exists: name it with --save to continue it, or name another file"
            ),
            format!("{DEFAULT_SAVE} 已存在：如要继续它，请用 --save 指明；否则请指定另一个文件"),
        )));
    }
    let saved = Saved::open(path, lang).map_err(fatal)?;
    if jsonl {
        return Ok(Some(saved));
    }
    let shown = saved.shown().to_string();
    let go_on = cliclack::select(say(
        lang,
        format!("{shown} already exists. Continue the interview from its answers?"),
        format!("{shown} 已存在。要从其中的回答继续问答吗？"),
    ))
    .item(
        true,
        say(
            lang,
            "Continue: add the answers to it",
            "继续：把回答加入该文件",
        ),
        "",
    )
    .item(
        false,
        say(lang, "Quit: leave it as it is", "退出：保持文件不变"),
        "",
    )
    .interact()
    .unwrap_or(false);
    Ok(go_on.then_some(saved))
}

fn flow(platform: Platform) -> Flow {
    match platform {
        Platform::OzonLianlian => Flow::OzonLianlian,
        Platform::OzonGlobalPay => Flow::OzonGlobalPay,
        Platform::AmazonLianlian => Flow::AmazonLianlian,
    }
}

/// What to do after the diagnosis: fix the first cause when the answers establish one the
/// seller can act on, with a support ticket as the way on if it persists; a ticket first when
/// they establish none.
fn next_steps(interview: &Interview, lang: Lang) -> Vec<String> {
    let path = interview.path();
    let actionable = interview.analysis().causes.iter().any(|cause| {
        cause.severity != Severity::Info
            && cause
                .lead(&interview.analysis().ranked)
                .and_then(|lead| lookup(lead.finding.code))
                .is_some_and(|rule| !rule.family.is_about_the_file())
    });
    if actionable {
        vec![
            say(
                lang,
                format!(
                    "Next: fix cause 1 as its steps say, then bind again. After correcting the profile, `bindcheck diagnose {path}` checks it again."
                ),
                format!(
                    "下一步：按原因 1 的步骤处理后重新绑定。修改档案后，可运行 `bindcheck diagnose {path}` 再次检查。"
                ),
            ),
            say(
                lang,
                format!(
                    "If the binding still fails: `bindcheck ticket {path}` drafts the e-mail to support."
                ),
                format!("如果仍然绑定失败：`bindcheck ticket {path}` 会起草发给客服的邮件。"),
            ),
        ]
    } else {
        vec![say(
            lang,
            format!(
                "Nothing in the answers is a cause the seller can fix: `bindcheck ticket {path}` drafts the e-mail to support, with what was checked."
            ),
            format!(
                "回答中没有卖家可自行解决的原因：`bindcheck ticket {path}` 会起草发给客服的邮件，并列出已检查的内容。"
            ),
        )]
    }
}
