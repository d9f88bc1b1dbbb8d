//! BC601–BC608: the Ozon payment settings and the LianLian Ozon channel.

use super::Context;
use crate::finding::Finding;
use crate::rulepack::PolicyError;

pub fn wrong_payment_method(
    _ctx: &Context<'_>,
    _out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    Ok(())
}

pub fn channel_not_opened(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}

pub fn channel_needs_authorization(
    _ctx: &Context<'_>,
    _out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    Ok(())
}

pub fn channel_suspended(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}

pub fn default_payout_method(
    _ctx: &Context<'_>,
    _out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    Ok(())
}

pub fn category_manual_review(
    _ctx: &Context<'_>,
    _out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    Ok(())
}

pub fn payout_fell_back(_ctx: &Context<'_>, _out: &mut Vec<Finding>) -> Result<(), PolicyError> {
    Ok(())
}

pub fn operator_not_authorized(
    _ctx: &Context<'_>,
    _out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    Ok(())
}
