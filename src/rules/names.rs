//! BC101–BC103: names that must match character for character.

use super::Context;
use crate::finding::Finding;
use crate::rulepack::PolicyError;

pub fn account_name_mismatch(
    _ctx: &Context<'_>,
    _out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    Ok(())
}

pub fn legal_name_mismatch(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}

pub fn name_not_latin(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}
