//! BC805–BC806: what the seller reported.

use super::Context;
use crate::finding::Finding;
use crate::rulepack::PolicyError;

pub fn repeated_attempts(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}

pub fn unknown_error_code(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}
