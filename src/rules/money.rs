//! BC501–BC504: balances, thresholds and currencies.

use super::Context;
use crate::finding::Finding;
use crate::rulepack::PolicyError;

pub fn verification_balance(
    _ctx: &Context<'_>,
    _out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    Ok(())
}

pub fn auto_withdraw_threshold(
    _ctx: &Context<'_>,
    _out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    Ok(())
}

pub fn payout_below_minimum(
    _ctx: &Context<'_>,
    _out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    Ok(())
}

pub fn channel_currency(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}
