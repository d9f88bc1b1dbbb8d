//! `bindcheck ticket PROFILE`: an English support e-mail draft.

use super::{CmdResult, Fatal, emit, load_rulepack, parse_date, warn_unloadable};
use crate::pipeline::{AnalyzeError, AnalyzeOptions, analyze};
use crate::ticket::{TicketOptions, draft};
use std::path::PathBuf;
use std::process::ExitCode;

/// How many causes a ticket lists: enough to cover the likely ones, few enough to be read.
const MAX_CAUSES: usize = 5;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Drafts an English support e-mail (subject and body) for a profile: the Seller ID, \
the LianLian Merchant ID, the error code and time, the attempts made, the top causes bindcheck found, \
the checks that could explain the problem and found nothing (the others counted), and the \
attachments support requires. After the e-mail it lists what the \
profile lacks for a complete ticket.\n\n\
The ticket is meant to be sent, and support cannot find an account without its IDs: the Seller ID and \
the Merchant ID are therefore printed in full (escaped, so an invisible character shows as ⟨U+200B⟩ \
instead of being copied), unless a check rejected one: then the e-mail asks for the correct one \
instead. The causes are worded for someone who never saw the profile: fields by their place, \
choices in words, rule codes and field paths below the e-mail. Identifiers inside the causes' \
messages are masked unless --show-values. Secrets are never printed.\n\n\
Exit status: 0 when the ticket was written, 2 when the profile cannot be loaded."
)]
pub struct Args {
    /// The seller profile (TOML).
    pub profile: PathBuf,
    /// The reported symptom, e.g. "Invalid Merchant ID": quoted in the e-mail and used to rank causes.
    #[arg(long)]
    pub symptom: Option<String>,
    /// A rulepack that overrides or extends the built-in one.
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Use this date as today for date rules (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<jiff::civil::Date>,
    /// Print identifiers inside the causes' messages in full (the Seller ID and Merchant ID are shown unless a check rejected them).
    #[arg(long)]
    pub show_values: bool,
}

pub fn run(args: Args) -> CmdResult {
    let pack = load_rulepack(args.rules.as_ref())?;
    let path = args.profile.display().to_string();
    let bytes = crate::input::read_profile(&args.profile).map_err(|e| Fatal(e.to_string()))?;
    let options = AnalyzeOptions {
        as_of: args.as_of,
        symptom: args.symptom.clone(),
    };
    let analysis = match analyze(&path, &bytes, &pack, &options) {
        Ok(analysis) => analysis,
        Err(AnalyzeError::Load(failure)) => {
            warn_unloadable(&failure, &pack, crate::rulepack::Lang::En);
            return Ok(ExitCode::from(2));
        }
        Err(AnalyzeError::Policy(e)) => return Err(Fatal(e.to_string())),
    };
    let ticket = draft(
        &analysis,
        &pack,
        &TicketOptions {
            symptom: args.symptom,
            show_values: args.show_values,
            max_causes: MAX_CAUSES,
        },
    );
    emit(&ticket.render())?;
    Ok(ExitCode::SUCCESS)
}
