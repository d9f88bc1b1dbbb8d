//! `bindcheck lint PATH...`: many profiles, for CI.

use super::{CmdResult, Fatal};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Profile files and folders.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

pub fn run(_args: Args) -> CmdResult {
    Err(Fatal("lint is being built".into()))
}
