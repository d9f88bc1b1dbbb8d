//! BC401–BC403: the registered address.

use super::Context;
use crate::finding::Finding;
use crate::rulepack::PolicyError;

pub fn compare(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}

pub fn license_region(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}
