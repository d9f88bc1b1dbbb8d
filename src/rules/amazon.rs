//! BC801–BC804: Amazon deposit method changes and credentials.

use super::Context;
use crate::finding::Finding;
use crate::rulepack::PolicyError;

pub fn deposit_change_in_window(
    _ctx: &Context<'_>,
    _out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    Ok(())
}

pub fn two_step_verification_off(
    _ctx: &Context<'_>,
    _out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    Ok(())
}

pub fn support_not_notified(
    _ctx: &Context<'_>,
    _out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    Ok(())
}

pub fn obsolete_credential(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}
