//! BC901: credentials stored in a profile.

use super::Context;
use crate::finding::Finding;
use crate::rulepack::PolicyError;

pub fn secret_in_profile(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}
