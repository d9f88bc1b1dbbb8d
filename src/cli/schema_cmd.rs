//! `bindcheck schema`: the JSON Schema of the profile format, for editors (see docs/schema.md).

use super::{CmdResult, Fatal, emit};
use std::process::ExitCode;

/// Prints the schema as pretty JSON followed by a newline.
pub fn run() -> CmdResult {
    let schema = crate::profile::json_schema::json_schema();
    let text = serde_json::to_string_pretty(&schema)
        .map_err(|e| Fatal(format!("cannot write the schema: {e}")))?;
    emit(&format!("{text}\n"))?;
    Ok(ExitCode::SUCCESS)
}
