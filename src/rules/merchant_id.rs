//! BC301–BC303: the LianLian Merchant ID.

use super::Context;
use crate::finding::Finding;
use crate::rulepack::PolicyError;

pub fn format(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}

pub fn is_login(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}

pub fn mismatch(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}
