//! `bindcheck ticket PROFILE`: an English support e-mail draft.

use super::{CmdResult, Fatal};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    pub profile: PathBuf,
    #[arg(long)]
    pub symptom: Option<String>,
}

pub fn run(_args: Args) -> CmdResult {
    Err(Fatal("ticket is being built".into()))
}
