//! `bindcheck init --platform ...`: a commented profile template.
//!
//! The template's example values are consistent and valid (checksummed licence number, IBAN,
//! BIC), so a freshly written template diagnoses clean; every comment comes from the schema in
//! the chosen language.

use super::{CmdResult, LangArg, emit, lang};
use crate::profile::schema;
use crate::rulepack::Lang;
use clap::ValueEnum;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Platform {
    OzonLianlian,
    OzonGlobalPay,
    AmazonLianlian,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long, value_enum, default_value = "ozon-lianlian")]
    pub platform: Platform,
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

const NAME_EN: &str = "\"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"";
const LICENSE: &str = "\"91440300MA5FXH0Q2H\"";
const ADDRESS: &str = "\"广东省深圳市南山区粤海街道科技园路1号\"";
const MERCHANT_ID: &str = "\"LL2024SZXH0000000000A7K3\"";

const SELLER: &[(&str, &str)] = &[
    ("seller.legal_name", "\"深圳市星河科技有限公司\""),
    ("seller.legal_name_en", NAME_EN),
    ("seller.entity_type", "\"enterprise\""),
    ("seller.country", "\"CN\""),
    ("seller.license_number", LICENSE),
    ("seller.registered_address", ADDRESS),
    ("seller.legal_representative", "\"张三\""),
    ("seller.import_export_rights", "true"),
];

const LIANLIAN_HK: &[(&str, &str)] = &[
    ("lianlian.merchant_id", MERCHANT_ID),
    ("lianlian.login", "\"seller@example.com\""),
    ("lianlian.license_number", LICENSE),
    ("lianlian.kyc_level", "3"),
    ("lianlian.balance", "\"150.00 CNY\""),
    ("lianlian.auto_withdraw_threshold", "\"5000 CNY\""),
    ("lianlian.ozon_channel", "\"active\""),
    ("lianlian.receiving_account.account_name", NAME_EN),
    (
        "lianlian.receiving_account.account_number",
        "\"7963105521\"",
    ),
    ("lianlian.receiving_account.swift_bic", "\"HSBCHKHHHKH\""),
    ("lianlian.receiving_account.bank_country", "\"HK\""),
    ("lianlian.receiving_account.currency", "\"USD\""),
];

const OZON_LIANLIAN: &[(&str, &str)] = &[
    ("ozon.seller_id", "\"1234567\""),
    ("ozon.legal_name", NAME_EN),
    ("ozon.license_number", LICENSE),
    ("ozon.registered_address", ADDRESS),
    ("ozon.contract_currency", "\"USD\""),
    ("ozon.payment_method", "\"lianlian\""),
    ("ozon.default_payout_method", "\"lianlian\""),
    ("ozon.operator_role", "\"manager\""),
    ("ozon.manual_review_categories", "[]"),
    ("ozon.payout_account.account_name", NAME_EN),
    ("ozon.payout_account.merchant_id", MERCHANT_ID),
    ("ozon.payout_account.account_number", "\"7963105521\""),
    ("ozon.payout_account.swift_bic", "\"HSBCHKHHHKH\""),
];

const OZON_GLOBAL_PAY: &[(&str, &str)] = &[
    ("ozon.seller_id", "\"1234567\""),
    ("ozon.legal_name", NAME_EN),
    ("ozon.license_number", LICENSE),
    ("ozon.registered_address", ADDRESS),
    ("ozon.contract_currency", "\"EUR\""),
    ("ozon.payment_method", "\"ozon_global_pay\""),
    ("ozon.default_payout_method", "\"ozon_global_pay\""),
    ("ozon.operator_role", "\"manager\""),
    // Ozon Global Pay settlements without an INN risk a hold (BC708): the template shows where
    // it goes.
    ("ozon.inn", "\"7743012344\""),
    ("ozon_global_pay.status", "\"active\""),
    ("ozon_global_pay.account_name", "\"深圳市星河科技有限公司\""),
    ("ozon_global_pay.iban", "\"LT121000011101001000\""),
    ("ozon_global_pay.swift_bic", "\"REVOLT21XXX\""),
];

const LIANLIAN_US: &[(&str, &str)] = &[
    ("lianlian.merchant_id", MERCHANT_ID),
    ("lianlian.login", "\"seller@example.com\""),
    ("lianlian.license_number", LICENSE),
    ("lianlian.kyc_level", "3"),
    ("lianlian.balance", "\"150.00 CNY\""),
    ("lianlian.auto_withdraw_threshold", "\"5000 CNY\""),
    ("lianlian.receiving_account.account_name", NAME_EN),
    (
        "lianlian.receiving_account.account_number",
        "\"8800012345678\"",
    ),
    ("lianlian.receiving_account.swift_bic", "\"CHASUS33XXX\""),
    ("lianlian.receiving_account.bank_country", "\"US\""),
    ("lianlian.receiving_account.currency", "\"USD\""),
];

const AMAZON: &[(&str, &str)] = &[
    ("amazon.seller_id", "\"A3XH8KQ2ZL5T9M\""),
    ("amazon.legal_name", NAME_EN),
    ("amazon.marketplaces", "[\"US\"]"),
    ("amazon.two_step_verification", "true"),
    ("amazon.primary_owner", "true"),
    ("amazon.support_notified", "true"),
    ("amazon.deposit_method.provider", "\"lianlian\""),
    ("amazon.deposit_method.account_holder_name", NAME_EN),
    ("amazon.deposit_method.bank_country", "\"US\""),
    ("amazon.deposit_method.routing_number", "\"026009593\""),
    ("amazon.deposit_method.account_number", "\"8800012345678\""),
];

/// The template text for a platform.
pub fn template(platform: Platform, lang: Lang, today: jiff::civil::Date) -> String {
    let parts: &[&[(&str, &str)]] = match platform {
        Platform::OzonLianlian => &[SELLER, LIANLIAN_HK, OZON_LIANLIAN],
        Platform::OzonGlobalPay => &[SELLER, OZON_GLOBAL_PAY],
        Platform::AmazonLianlian => &[SELLER, LIANLIAN_US, AMAZON],
    };
    let mut out = String::new();
    out += match lang {
        Lang::En => {
            "# bindcheck seller profile. Replace every example value with your own, exactly as\n# shown on the business licence and the platforms, then run: bindcheck diagnose <this file>\n\n"
        }
        Lang::Zh => {
            "# bindcheck 卖家档案。请把每个示例值替换成您自己的信息，与营业执照和平台上显示的完全一致，\n# 然后运行：`bindcheck diagnose <本文件>`\n\n"
        }
    };
    out += "format = 1\n";
    let mut section = "";
    for (path, value) in parts.iter().flat_map(|p| p.iter()) {
        let parent = schema::parent_of(path);
        if parent != section {
            section = parent;
            if let Some(spec) = schema::section(parent) {
                out += &format!("\n# {}\n[{parent}]\n", spec.about(lang));
            }
        }
        let Some(spec) = schema::field(path) else {
            continue;
        };
        let key = path.rsplit('.').next().unwrap_or(path);
        out += &format!("{key} = {value}    # {}\n", spec.comment(lang));
    }
    if platform == Platform::AmazonLianlian {
        let date = today
            .checked_sub(jiff::Span::new().days(30))
            .unwrap_or(today);
        let spec = schema::field("amazon.deposit_method.document_date");
        let about = spec.map_or("", |s| s.about(lang));
        out += &format!("document_date = {date}    # {about}\n");
    }
    out
}

pub fn run(args: Args) -> CmdResult {
    let today = crate::rules::local_today();
    emit(&template(args.platform, lang(args.lang), today))?;
    Ok(ExitCode::SUCCESS)
}
