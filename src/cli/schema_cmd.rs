//! `bindcheck schema`: the JSON Schema of the profile format.

use super::{CmdResult, Fatal};

pub fn run() -> CmdResult {
    Err(Fatal("schema is being built".into()))
}
