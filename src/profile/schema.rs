//! The profile format (format 1) as data: every section and field, its kind, its field class
//! and a one-line description in English and Chinese. `docs/profile.md` is generated from it.
//!
//! The loader checks profiles against this table, `bindcheck schema` turns it into a JSON
//! Schema, `init` writes templates from it, and the character rules read field classes from it.

use crate::rulepack::Lang;

/// What the character rules (BC2xx) expect of a field's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldClass {
    /// ASCII only, no whitespace (an IBAN may carry single spaces in groups of four).
    Identifier,
    /// A legal or account name.
    Name,
    /// A postal address.
    Address,
    /// Free text: not scanned by BC2xx.
    FreeText,
    /// A credential: reported by BC901, its value never printed.
    Secret,
    /// A short code checked by its kind (country, currency, enum).
    Code,
}

impl FieldClass {
    /// The class's name in `docs/profile.md` and in evidence (`free_text`).
    pub fn as_str(self) -> &'static str {
        match self {
            FieldClass::Identifier => "identifier",
            FieldClass::Name => "name",
            FieldClass::Address => "address",
            FieldClass::FreeText => "free_text",
            FieldClass::Secret => "secret",
            FieldClass::Code => "code",
        }
    }

    /// What the class means for the checks, in English and Chinese.
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            FieldClass::Identifier => (
                "ASCII only, no whitespace (an IBAN may carry single spaces in groups of four); masked in output, except a bank's public codes (SWIFT/BIC, routing numbers, sort code, BSB, bank and branch codes), which name a bank, not an account",
                "仅限 ASCII 字符，不含空白（IBAN 可按四位一组用单个空格分隔）；输出时打码，但银行的公开代码（SWIFT/BIC、路由号、Sort code、BSB、银行代码和支行代码）除外：它们标识的是银行而不是账户",
            ),
            FieldClass::Name => (
                "a legal or account name: scanned for invisible, look-alike and irregular characters",
                "公司名称或户名：检查不可见字符、形近字符和不规则字符",
            ),
            FieldClass::Address => (
                "a postal address: scanned like a name",
                "邮寄地址：与名称一样检查字符",
            ),
            FieldClass::FreeText => (
                "free text: not scanned by the character rules",
                "自由文本：字符规则不检查",
            ),
            FieldClass::Secret => (
                "a credential: reported by BC901, its value never printed",
                "凭据：由 BC901 报告，其值从不输出",
            ),
            FieldClass::Code => (
                "a short code, number, date or switch checked by its type",
                "按类型检查的短代码、数字、日期或开关",
            ),
        }
    }

    /// Every class, in the order `docs/profile.md` lists them.
    pub const ALL: [FieldClass; 6] = [
        FieldClass::Identifier,
        FieldClass::Name,
        FieldClass::Address,
        FieldClass::FreeText,
        FieldClass::Secret,
        FieldClass::Code,
    ];
}

/// The type of a field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// One of the listed values.
    Enum(&'static [&'static str]),
    /// An integer in `min..=max`.
    Integer {
        min: i64,
        max: i64,
    },
    Boolean,
    /// A TOML local date (`2031-06-30`).
    Date,
    /// A TOML offset date-time (`2026-11-20T10:15:00+08:00`).
    DateTime,
    /// `"AMOUNT CURRENCY"`, decimal, ISO 4217 currency.
    Money,
    /// An ISO 3166-1 alpha-2 country code.
    Country,
    /// An ISO 4217 currency code.
    Currency,
    /// An array of strings, each one of the listed values (empty list = any text).
    List(&'static [&'static str]),
}

/// One field of the format.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    /// Dotted key path, e.g. `lianlian.merchant_id`.
    pub path: &'static str,
    pub kind: Kind,
    pub class: FieldClass,
    pub en: &'static str,
    pub zh: &'static str,
    /// An example value for templates and the JSON Schema, as TOML source.
    pub example: &'static str,
}

/// One table of the format.
#[derive(Debug)]
pub struct SectionSpec {
    pub path: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
    /// `[[bindcheck.ignore]]` is an array of tables.
    pub array: bool,
}

/// The keys of a bank's public codes: SWIFT/BIC, the US ACH and wire routing numbers, the UK
/// sort code, the Australian BSB and the Japanese bank and branch codes. They name a bank or a
/// branch, which anyone can look up, not an account: outputs show them in full, since a message
/// that two of them differ says nothing masked (`*** differs from ****`). Account numbers,
/// IBANs, Merchant IDs, Seller IDs and licence numbers stay masked.
pub const PUBLIC_BANK_CODES: &[&str] = &[
    "swift_bic",
    "routing_number",
    "wire_routing_number",
    "sort_code",
    "bsb",
    "bank_code",
    "branch_code",
];

impl FieldSpec {
    /// Whether outputs mask the value unless `--show-values`: an identifier that is not one of
    /// a bank's [`PUBLIC_BANK_CODES`].
    pub fn is_masked(&self) -> bool {
        let key = self.path.rsplit('.').next().unwrap_or(self.path);
        self.class == FieldClass::Identifier && !PUBLIC_BANK_CODES.contains(&key)
    }

    /// What the field is, in `lang`.
    pub fn about(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }

    /// The comment a commented profile (`init`, `interview`) writes after the field's value:
    /// what it is and, for an enum field, every allowed value, so the seller sees each choice.
    pub fn comment(&self, lang: Lang) -> String {
        let about = self.about(lang);
        match (self.kind, lang) {
            (Kind::Enum(values), Lang::En) => format!("{about}; one of: {}", values.join(", ")),
            (Kind::Enum(values), Lang::Zh) => {
                let quoted: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
                format!("{about}；可选值：{}", quoted.join("、"))
            }
            _ => about.to_string(),
        }
    }
}

impl SectionSpec {
    /// What the section holds, in `lang`.
    pub fn about(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

pub const SUPPORTED_FORMAT: i64 = 1;

pub const ENTITY_TYPES: &[&str] = &[
    "enterprise",
    "individual_business",
    "hk_company",
    "offshore_company",
];
pub const CHANNEL_STATUSES: &[&str] = &[
    "not_opened",
    "pending_review",
    "unauthorized",
    "active",
    "suspended",
];
pub const PAYMENT_METHODS: &[&str] = &[
    "lianlian",
    "bank_transfer_swift",
    "ozon_global_pay",
    "pingpong",
    "other",
];
pub const CONTRACT_CURRENCIES: &[&str] = &["CNY", "USD", "EUR", "RUB"];
pub const OPERATOR_ROLES: &[&str] = &["manager", "admin", "other"];
pub const OGP_STATUSES: &[&str] = &["pending", "active", "rejected"];
pub const DEPOSIT_PROVIDERS: &[&str] = &[
    "lianlian",
    "payoneer",
    "pingpong",
    "worldfirst",
    "airwallex",
    "bank",
];
/// Account types a receiving account or deposit method form offers: Japanese banks' 普通
/// (ordinary) and 当座 (current), US checking and savings.
pub const ACCOUNT_TYPES: &[&str] = &["普通", "当座", "checking", "savings"];
pub const TEST_PAYMENT_RESULTS: &[&str] = &["succeeded", "failed", "not_attempted"];
pub const AMAZON_MARKETPLACES: &[&str] = &[
    "US", "CA", "MX", "BR", "UK", "GB", "DE", "FR", "IT", "ES", "NL", "SE", "PL", "BE", "IE", "TR",
    "AE", "SA", "EG", "IN", "JP", "AU", "SG", "ZA",
];

/// Codes that name one Amazon marketplace, each with the code bindcheck compares by: Seller
/// Central and the SP-API marketplace table call amazon.co.uk "UK", its ISO 3166 country code
/// is GB, and sellers write either.
pub const AMAZON_MARKETPLACE_ALIASES: &[(&str, &str)] = &[("GB", "UK")];

/// The marketplace a code of [`AMAZON_MARKETPLACES`] names, as one code per marketplace
/// ([`AMAZON_MARKETPLACE_ALIASES`]): `GB` and `UK` are both `UK`.
pub fn amazon_marketplace(code: &str) -> &str {
    AMAZON_MARKETPLACE_ALIASES
        .iter()
        .find(|(alias, _)| *alias == code)
        .map_or(code, |(_, canonical)| canonical)
}

pub const SECTIONS: &[SectionSpec] = &[
    SectionSpec {
        path: "seller",
        en: "The legal entity, as on the business licence",
        zh: "法人主体，与营业执照一致",
        array: false,
    },
    SectionSpec {
        path: "lianlian",
        en: "LianLian Global merchant account",
        zh: "连连国际商户账户",
        array: false,
    },
    SectionSpec {
        path: "lianlian.receiving_account",
        en: "The virtual receiving account LianLian issued",
        zh: "连连发放的虚拟收款账户",
        array: false,
    },
    SectionSpec {
        path: "ozon",
        en: "Ozon seller account",
        zh: "Ozon 卖家账户",
        array: false,
    },
    SectionSpec {
        path: "ozon.payout_account",
        en: "What was typed into Ozon's payment settings",
        zh: "在 Ozon 付款设置中填写的内容",
        array: false,
    },
    SectionSpec {
        path: "ozon_global_pay",
        en: "Ozon Global Pay settlement account",
        zh: "Ozon Global Pay 结算账户",
        array: false,
    },
    SectionSpec {
        path: "amazon",
        en: "Amazon Seller Central account",
        zh: "亚马逊卖家平台账户",
        array: false,
    },
    SectionSpec {
        path: "amazon.deposit_method",
        en: "The deposit method assigned in Seller Central",
        zh: "卖家平台中指定的存款方式",
        array: false,
    },
    SectionSpec {
        path: "amazon.deposit_methods",
        en: "Deposit methods, one per entry, each with the marketplaces it is assigned to",
        zh: "存款方式，每项一个，并写明所分配的站点",
        array: true,
    },
    SectionSpec {
        path: "incident",
        en: "What the seller saw (drives triage)",
        zh: "卖家看到的情况（用于分诊）",
        array: false,
    },
    SectionSpec {
        path: "bindcheck",
        en: "Settings for bindcheck itself",
        zh: "bindcheck 自身的设置",
        array: false,
    },
    SectionSpec {
        path: "bindcheck.ignore",
        en: "Suppressions; a reason is required",
        zh: "忽略规则；必须写明原因",
        array: true,
    },
];

use FieldClass::*;
use Kind::*;

const fn spec(
    path: &'static str,
    kind: Kind,
    class: FieldClass,
    example: &'static str,
    en: &'static str,
    zh: &'static str,
) -> FieldSpec {
    FieldSpec {
        path,
        kind,
        class,
        en,
        zh,
        example,
    }
}

/// Every field up to and including `[amazon]`; the deposit method fields follow.
const FIELDS_BEFORE_DEPOSIT: &[FieldSpec] = &[
    spec(
        "format",
        Integer { min: 1, max: 1 },
        Code,
        "1",
        "Profile format version (required)",
        "档案格式版本（必填）",
    ),
    // [seller]
    spec(
        "seller.legal_name",
        Text,
        Name,
        "\"深圳市星河科技有限公司\"",
        "Legal name exactly as printed on the business licence",
        "与营业执照完全一致的公司名称",
    ),
    spec(
        "seller.legal_name_en",
        Text,
        Name,
        "\"Shenzhen Xinghe Technology Co., Ltd.\"",
        "The Latin-script name used on forms",
        "表单上使用的英文名称",
    ),
    spec(
        "seller.entity_type",
        Enum(ENTITY_TYPES),
        Code,
        "\"enterprise\"",
        "Kind of legal entity",
        "主体类型",
    ),
    spec(
        "seller.country",
        Country,
        Code,
        "\"CN\"",
        "Country of registration (ISO 3166-1 alpha-2); default CN",
        "注册国家（ISO 3166-1 二位代码），默认 CN",
    ),
    spec(
        "seller.license_number",
        Text,
        Identifier,
        "\"91440300MA5FXXXXXX\"",
        "Registration number; CN: 18-character Unified Social Credit Code",
        "注册号；中国大陆为 18 位统一社会信用代码",
    ),
    spec(
        "seller.registered_address",
        Text,
        Address,
        "\"广东省深圳市南山区粤海街道科技园路1号\"",
        "Registered address as on the licence",
        "营业执照上的注册地址",
    ),
    spec(
        "seller.legal_representative",
        Text,
        Name,
        "\"张三\"",
        "Legal representative",
        "法定代表人",
    ),
    spec(
        "seller.license_expires",
        Date,
        Code,
        "2031-06-30",
        "Licence expiry date; absent = long-term",
        "营业执照有效期；不填表示长期",
    ),
    spec(
        "seller.import_export_rights",
        Boolean,
        Code,
        "true",
        "Has import/export rights",
        "是否具有进出口权",
    ),
    // [lianlian]
    spec(
        "lianlian.merchant_id",
        Text,
        Identifier,
        "\"...\"",
        "The Merchant ID LianLian issued (not the login)",
        "连连发放的商户号（不是登录账号）",
    ),
    spec(
        "lianlian.login",
        Text,
        Identifier,
        "\"seller@example.com\"",
        "The LianLian login account",
        "连连登录账号",
    ),
    spec(
        "lianlian.license_number",
        Text,
        Identifier,
        "\"...\"",
        "The USCC the LianLian account was opened under",
        "开通连连账户所用的统一社会信用代码",
    ),
    spec(
        "lianlian.kyc_level",
        Integer { min: 0, max: 3 },
        Code,
        "3",
        "KYC verification level, 0 to 3",
        "实名认证等级，0 到 3",
    ),
    spec(
        "lianlian.balance",
        Money,
        Code,
        "\"150.00 CNY\"",
        "Account balance",
        "账户余额",
    ),
    spec(
        "lianlian.auto_withdraw_threshold",
        Money,
        Code,
        "\"5000 CNY\"",
        "Automatic withdrawal threshold",
        "自动提现门槛",
    ),
    spec(
        "lianlian.ozon_channel",
        Enum(CHANNEL_STATUSES),
        Code,
        "\"active\"",
        "Status of the Ozon channel in LianLian",
        "连连中 Ozon 渠道的状态",
    ),
    spec(
        "lianlian.api_key",
        Text,
        Secret,
        "\"...\"",
        "API key (never store it in a profile)",
        "API 密钥（不要存放在档案中）",
    ),
    spec(
        "lianlian.receiving_account.account_name",
        Text,
        Name,
        "\"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"",
        "Account name of the virtual receiving account",
        "虚拟收款账户的户名",
    ),
    spec(
        "lianlian.receiving_account.account_number",
        Text,
        Identifier,
        "\"...\"",
        "Account number",
        "账号",
    ),
    spec(
        "lianlian.receiving_account.iban",
        Text,
        Identifier,
        "\"...\"",
        "IBAN, if the account has one",
        "IBAN（如有）",
    ),
    spec(
        "lianlian.receiving_account.swift_bic",
        Text,
        Identifier,
        "\"...\"",
        "SWIFT/BIC of the receiving bank",
        "收款银行的 SWIFT/BIC",
    ),
    spec(
        "lianlian.receiving_account.bank_country",
        Country,
        Code,
        "\"HK\"",
        "Country of the receiving bank",
        "收款银行所在国家",
    ),
    spec(
        "lianlian.receiving_account.currency",
        Currency,
        Code,
        "\"USD\"",
        "Currency of the account",
        "账户币种",
    ),
    spec(
        "lianlian.receiving_account.bank_name",
        Text,
        Name,
        "\"Community Federal Savings Bank\"",
        "Name of the receiving bank, as LianLian shows it",
        "收款银行名称（与连连显示的一致）",
    ),
    spec(
        "lianlian.receiving_account.routing_number",
        Text,
        Identifier,
        "\"026073150\"",
        "US: the ACH routing number (9 digits)",
        "美国：ACH 路由号（9 位数字）",
    ),
    spec(
        "lianlian.receiving_account.wire_routing_number",
        Text,
        Identifier,
        "\"026073008\"",
        "US: the Fedwire (wire) routing number, where LianLian shows one",
        "美国：电汇（Fedwire）路由号（连连显示时填写）",
    ),
    spec(
        "lianlian.receiving_account.sort_code",
        Text,
        Identifier,
        "\"04-00-75\"",
        "GB: the sort code (6 digits)",
        "英国：银行分类代码 Sort code（6 位数字）",
    ),
    spec(
        "lianlian.receiving_account.bsb",
        Text,
        Identifier,
        "\"062-000\"",
        "AU: the BSB number (6 digits)",
        "澳大利亚：BSB 号（6 位数字）",
    ),
    spec(
        "lianlian.receiving_account.bank_code",
        Text,
        Identifier,
        "\"0009\"",
        "Bank code (JP: 4 digits)",
        "银行代码（日本为 4 位数字）",
    ),
    spec(
        "lianlian.receiving_account.branch_code",
        Text,
        Identifier,
        "\"123\"",
        "Branch code (JP: 3 digits)",
        "支行代码（日本为 3 位数字）",
    ),
    spec(
        "lianlian.receiving_account.account_type",
        Enum(ACCOUNT_TYPES),
        Code,
        "\"普通\"",
        "Account type (JP: 普通 ordinary / 当座 current; US: checking / savings)",
        "账户类型（日本：普通 / 当座；美国：checking / savings）",
    ),
    // [ozon]
    spec(
        "ozon.seller_id",
        Text,
        Identifier,
        "\"1234567\"",
        "Ozon Client-Id, digits",
        "Ozon Client-Id（数字）",
    ),
    spec(
        "ozon.legal_name",
        Text,
        Name,
        "\"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"",
        "Legal name registered on Ozon (Latin letters)",
        "在 Ozon 注册的公司名称（拉丁字母）",
    ),
    spec(
        "ozon.license_number",
        Text,
        Identifier,
        "\"...\"",
        "Registration number entered on Ozon",
        "在 Ozon 填写的注册号",
    ),
    spec(
        "ozon.registered_address",
        Text,
        Address,
        "\"广东省深圳市南山区粤海街道科技园路1号\"",
        "Registered address entered on Ozon",
        "在 Ozon 填写的注册地址",
    ),
    spec(
        "ozon.inn",
        Text,
        Identifier,
        "\"...\"",
        "Russian taxpayer number (INN), if any",
        "俄罗斯纳税人识别号（INN），如有",
    ),
    spec(
        "ozon.ogrn",
        Text,
        Identifier,
        "\"...\"",
        "Russian state registration number (OGRN/OGRNIP), if any",
        "俄罗斯国家注册号（OGRN/OGRNIP），如有",
    ),
    spec(
        "ozon.contract_currency",
        Enum(CONTRACT_CURRENCIES),
        Code,
        "\"USD\"",
        "Contract currency, fixed at registration",
        "合同币种（注册时确定）",
    ),
    spec(
        "ozon.payment_method",
        Enum(PAYMENT_METHODS),
        Code,
        "\"lianlian\"",
        "Payment method bound on Ozon",
        "Ozon 上绑定的收款方式",
    ),
    spec(
        "ozon.default_payout_method",
        Enum(PAYMENT_METHODS),
        Code,
        "\"lianlian\"",
        "Default payout method on Ozon",
        "Ozon 默认付款方式",
    ),
    spec(
        "ozon.operator_role",
        Enum(OPERATOR_ROLES),
        Code,
        "\"manager\"",
        "Role of the Ozon user doing the binding",
        "进行绑定操作的 Ozon 用户角色",
    ),
    spec(
        "ozon.manual_review_categories",
        List(&[]),
        FreeText,
        "[]",
        "Categories under manual review",
        "需要人工审核的类目",
    ),
    spec(
        "ozon.balance",
        Money,
        Code,
        "\"800 USD\"",
        "Accumulated balance, not yet paid out",
        "尚未付款的累计余额",
    ),
    spec(
        "ozon.api_key",
        Text,
        Secret,
        "\"...\"",
        "API key (never store it in a profile)",
        "API 密钥（不要存放在档案中）",
    ),
    spec(
        "ozon.payout_account.account_name",
        Text,
        Name,
        "\"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"",
        "Account name typed into Ozon",
        "在 Ozon 填写的户名",
    ),
    spec(
        "ozon.payout_account.merchant_id",
        Text,
        Identifier,
        "\"...\"",
        "The LianLian Merchant ID as pasted into Ozon",
        "粘贴到 Ozon 的连连商户号",
    ),
    spec(
        "ozon.payout_account.account_number",
        Text,
        Identifier,
        "\"...\"",
        "Account number typed into Ozon",
        "在 Ozon 填写的账号",
    ),
    spec(
        "ozon.payout_account.iban",
        Text,
        Identifier,
        "\"...\"",
        "IBAN typed into Ozon",
        "在 Ozon 填写的 IBAN",
    ),
    spec(
        "ozon.payout_account.swift_bic",
        Text,
        Identifier,
        "\"...\"",
        "SWIFT/BIC typed into Ozon",
        "在 Ozon 填写的 SWIFT/BIC",
    ),
    // [ozon_global_pay]
    spec(
        "ozon_global_pay.status",
        Enum(OGP_STATUSES),
        Code,
        "\"active\"",
        "Status of the Ozon Global Pay account",
        "Ozon Global Pay 账户状态",
    ),
    spec(
        "ozon_global_pay.account_name",
        Text,
        Name,
        "\"深圳市星河科技有限公司\"",
        "Account name of the settlement account",
        "结算账户户名",
    ),
    spec(
        "ozon_global_pay.iban",
        Text,
        Identifier,
        "\"LT...\"",
        "IBAN of the settlement account",
        "结算账户 IBAN",
    ),
    spec(
        "ozon_global_pay.swift_bic",
        Text,
        Identifier,
        "\"...\"",
        "SWIFT/BIC of the settlement account",
        "结算账户 SWIFT/BIC",
    ),
    spec(
        "ozon_global_pay.pending_settlement",
        Money,
        Code,
        "\"320 EUR\"",
        "Amount waiting to be settled",
        "待结算金额",
    ),
    // [amazon]
    spec(
        "amazon.seller_id",
        Text,
        Identifier,
        "\"A3XH8KQ2ZL5T9M\"",
        "Seller ID (Merchant Token)",
        "卖家编号（Merchant Token）",
    ),
    spec(
        "amazon.legal_name",
        Text,
        Name,
        "\"Shenzhen Xinghe Technology Co., Ltd.\"",
        "Business name in Seller Central",
        "卖家平台中的企业名称",
    ),
    spec(
        "amazon.marketplaces",
        List(AMAZON_MARKETPLACES),
        Code,
        "[\"US\", \"DE\"]",
        "Marketplaces the store sells in",
        "店铺所在站点",
    ),
    spec(
        "amazon.two_step_verification",
        Boolean,
        Code,
        "true",
        "Two-step verification enabled",
        "是否开启两步验证",
    ),
    spec(
        "amazon.primary_owner",
        Boolean,
        Code,
        "true",
        "The person changing the deposit method is the primary owner",
        "修改存款方式的人是否为主账户所有人",
    ),
    spec(
        "amazon.settlement_period_end",
        Date,
        Code,
        "2026-11-28",
        "End of the current settlement period",
        "当前结算周期结束日",
    ),
    spec(
        "amazon.deposit_change_date",
        Date,
        Code,
        "2026-11-25",
        "When the deposit method was or will be changed",
        "存款方式变更日期",
    ),
    spec(
        "amazon.support_notified",
        Boolean,
        Code,
        "true",
        "Amazon support was told before the change",
        "变更前是否已通知亚马逊客服",
    ),
    spec(
        "amazon.mws_auth_token",
        Text,
        Secret,
        "\"...\"",
        "Obsolete MWS credential (flagged, never printed)",
        "已停用的 MWS 授权令牌（会被标记，绝不打印）",
    ),
];

/// Every field from `[incident]` on.
const FIELDS_AFTER_DEPOSIT: &[FieldSpec] = &[
    // [incident]
    spec(
        "incident.error_code",
        Text,
        FreeText,
        "\"ERR_3021\"",
        "Error code shown",
        "显示的错误代码",
    ),
    spec(
        "incident.error_message",
        Text,
        FreeText,
        "\"Invalid Merchant ID\"",
        "Error message shown",
        "显示的错误信息",
    ),
    spec(
        "incident.attempts",
        Integer {
            min: 0,
            max: 1_000_000,
        },
        Code,
        "3",
        "How many binding attempts were made",
        "已尝试绑定的次数",
    ),
    spec(
        "incident.browser_cache_cleared",
        Boolean,
        Code,
        "false",
        "Browser cache was cleared between attempts",
        "两次尝试之间是否清除了浏览器缓存",
    ),
    spec(
        "incident.test_payment",
        Enum(TEST_PAYMENT_RESULTS),
        Code,
        "\"succeeded\"",
        "Result of the test payment",
        "测试打款结果",
    ),
    spec(
        "incident.payout_status",
        Text,
        FreeText,
        "\"Processing via Bank Transfer\"",
        "Payout status shown",
        "显示的付款状态",
    ),
    spec(
        "incident.occurred_at",
        DateTime,
        Code,
        "2026-11-20T10:15:00+08:00",
        "When it happened",
        "发生时间",
    ),
    // [[bindcheck.ignore]]
    spec(
        "bindcheck.ignore.code",
        Text,
        Code,
        "\"BC502\"",
        "Rule code or name to suppress",
        "要忽略的规则代码或名称",
    ),
    spec(
        "bindcheck.ignore.field",
        Text,
        Code,
        "\"lianlian.auto_withdraw_threshold\"",
        "Only at this field (optional)",
        "仅在此字段忽略（可选）",
    ),
    spec(
        "bindcheck.ignore.reason",
        Text,
        FreeText,
        "\"withdraws by hand every Monday\"",
        "Why (required)",
        "原因（必填）",
    ),
];

/// The fields of one Amazon deposit method under `prefix`: the single `[amazon.deposit_method]`
/// and every entry of `[[amazon.deposit_methods]]` hold the same fields, written once here.
macro_rules! deposit_method_fields {
    ($prefix:literal) => {
        [
            spec(
                concat!($prefix, ".provider"),
                Enum(DEPOSIT_PROVIDERS),
                Code,
                "\"lianlian\"",
                "Deposit method provider",
                "存款方式提供方",
            ),
            spec(
                concat!($prefix, ".account_holder_name"),
                Text,
                Name,
                "\"SHENZHEN XINGHE TECHNOLOGY CO., LTD.\"",
                "Account holder name",
                "账户持有人名称",
            ),
            spec(
                concat!($prefix, ".bank_country"),
                Country,
                Code,
                "\"US\"",
                "Bank location",
                "银行所在地",
            ),
            spec(
                concat!($prefix, ".bank_name"),
                Text,
                Name,
                "\"Community Federal Savings Bank\"",
                "Bank name",
                "银行名称",
            ),
            spec(
                concat!($prefix, ".routing_number"),
                Text,
                Identifier,
                "\"026073150\"",
                "US: the ACH routing number (9 digits)",
                "美国：ACH 路由号（9 位数字）",
            ),
            spec(
                concat!($prefix, ".wire_routing_number"),
                Text,
                Identifier,
                "\"026073008\"",
                "US: the Fedwire (wire) routing number, if the form asked for one",
                "美国：电汇（Fedwire）路由号（表单要求时填写）",
            ),
            spec(
                concat!($prefix, ".sort_code"),
                Text,
                Identifier,
                "\"04-00-75\"",
                "GB: the sort code (6 digits)",
                "英国：银行分类代码 Sort code（6 位数字）",
            ),
            spec(
                concat!($prefix, ".bsb"),
                Text,
                Identifier,
                "\"062-000\"",
                "AU: the BSB number (6 digits)",
                "澳大利亚：BSB 号（6 位数字）",
            ),
            spec(
                concat!($prefix, ".bank_code"),
                Text,
                Identifier,
                "\"0009\"",
                "Bank code (JP: 4 digits)",
                "银行代码（日本为 4 位数字）",
            ),
            spec(
                concat!($prefix, ".branch_code"),
                Text,
                Identifier,
                "\"123\"",
                "Branch code (JP: 3 digits)",
                "支行代码（日本为 3 位数字）",
            ),
            spec(
                concat!($prefix, ".account_type"),
                Enum(ACCOUNT_TYPES),
                Code,
                "\"普通\"",
                "Account type (JP: 普通 ordinary / 当座 current; US: checking / savings)",
                "账户类型（日本：普通 / 当座；美国：checking / savings）",
            ),
            spec(
                concat!($prefix, ".account_number"),
                Text,
                Identifier,
                "\"...\"",
                "Account number",
                "账号",
            ),
            spec(
                concat!($prefix, ".iban"),
                Text,
                Identifier,
                "\"...\"",
                "IBAN, where the bank country uses one",
                "IBAN（银行所在国使用时）",
            ),
            spec(
                concat!($prefix, ".swift_bic"),
                Text,
                Identifier,
                "\"...\"",
                "SWIFT/BIC of the bank",
                "银行的 SWIFT/BIC",
            ),
            spec(
                concat!($prefix, ".currency"),
                Currency,
                Code,
                "\"USD\"",
                "Currency of the bank account",
                "银行账户币种",
            ),
            spec(
                concat!($prefix, ".document_date"),
                Date,
                Code,
                "2026-08-01",
                "Date on the bank verification document",
                "银行证明文件上的日期",
            ),
            spec(
                concat!($prefix, ".marketplaces"),
                List(AMAZON_MARKETPLACES),
                Code,
                "[\"US\"]",
                "Marketplaces this deposit method is assigned to (default: all of amazon.marketplaces)",
                "该存款方式所分配的站点（默认：amazon.marketplaces 中的全部站点）",
            ),
        ]
    };
}

/// `[amazon.deposit_method]`.
const DEPOSIT_METHOD_FIELDS: [FieldSpec; DEPOSIT_METHOD_FIELD_COUNT] =
    deposit_method_fields!("amazon.deposit_method");
/// The fields of each `[[amazon.deposit_methods]]` entry.
const DEPOSIT_METHODS_FIELDS: [FieldSpec; DEPOSIT_METHOD_FIELD_COUNT] =
    deposit_method_fields!("amazon.deposit_methods");
/// How many fields a deposit method has.
pub const DEPOSIT_METHOD_FIELD_COUNT: usize = 17;

/// The path of the single deposit method, and of the array of them: a field of either is
/// named by the same key after one of these prefixes.
pub const DEPOSIT_METHOD: &str = "amazon.deposit_method";
pub const DEPOSIT_METHODS: &str = "amazon.deposit_methods";

/// The path of `[amazon.deposit_method]`'s field for a field of either deposit-method table:
/// `amazon.deposit_methods.provider` → `amazon.deposit_method.provider`. Rules name a deposit
/// method's field by this one path, whichever table holds it.
pub fn deposit_method_path(path: &str) -> Option<&'static str> {
    let key = path
        .strip_prefix(DEPOSIT_METHODS)
        .or_else(|| path.strip_prefix(DEPOSIT_METHOD))?
        .strip_prefix('.')?;
    DEPOSIT_METHOD_FIELDS
        .iter()
        .find(|f| f.path.get(DEPOSIT_METHOD.len() + 1..) == Some(key))
        .map(|f| f.path)
}

/// Every field of the format, in the order templates and the JSON Schema list them. The
/// fields of `[[amazon.deposit_methods]]` come last: the loader looks keys up in this order,
/// and they are the rarest.
pub const FIELDS: &[FieldSpec] = &join::<
    {
        FIELDS_BEFORE_DEPOSIT.len()
            + DEPOSIT_METHOD_FIELD_COUNT
            + FIELDS_AFTER_DEPOSIT.len()
            + DEPOSIT_METHOD_FIELD_COUNT
    },
>(&[
    FIELDS_BEFORE_DEPOSIT,
    &DEPOSIT_METHOD_FIELDS,
    FIELDS_AFTER_DEPOSIT,
    &DEPOSIT_METHODS_FIELDS,
]);

/// The parts, one after the other, as one array of `N` fields.
const fn join<const N: usize>(parts: &[&[FieldSpec]]) -> [FieldSpec; N] {
    let mut out = [FIELDS_BEFORE_DEPOSIT[0]; N];
    let mut at = 0;
    let mut part = 0;
    while part < parts.len() {
        let mut i = 0;
        while i < parts[part].len() {
            out[at] = parts[part][i];
            at += 1;
            i += 1;
        }
        part += 1;
    }
    assert!(at == N, "the parts hold exactly N fields");
    out
}

/// The field with this dotted path.
pub fn field(path: &str) -> Option<&'static FieldSpec> {
    FIELDS.get(field_index(path)?)
}

/// The position in [`FIELDS`] of the field at `path`. Rules look fields up by path for every
/// profile, so the table is indexed by a hash map built on first use rather than searched.
pub fn field_index(path: &str) -> Option<usize> {
    static INDEX: std::sync::OnceLock<foldhash::HashMap<&'static str, usize>> =
        std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| {
            FIELDS
                .iter()
                .enumerate()
                .map(|(i, f)| (f.path, i))
                .collect()
        })
        .get(path)
        .copied()
}

/// The section with this dotted path.
pub fn section(path: &str) -> Option<&'static SectionSpec> {
    SECTIONS.iter().find(|s| s.path == path)
}

/// The field for key `name` inside the table at `parent` ("" = the root): what
/// `field(&child_path(parent, name))` finds, without building the path for every key.
pub fn child_field(parent: &str, name: &str) -> Option<&'static FieldSpec> {
    FIELDS.iter().find(|f| is_child_path(f.path, parent, name))
}

/// The section for key `name` inside the table at `parent`, like [`child_field`].
pub fn child_section(parent: &str, name: &str) -> Option<&'static SectionSpec> {
    SECTIONS
        .iter()
        .find(|s| is_child_path(s.path, parent, name))
}

/// Whether `path == child_path(parent, name)`. The length check rejects most paths; the
/// name is compared before the parent because siblings share the parent.
fn is_child_path(path: &str, parent: &str, name: &str) -> bool {
    if parent.is_empty() {
        return path == name;
    }
    path.len() == parent.len() + 1 + name.len()
        && path.ends_with(name)
        && path.as_bytes().get(parent.len()) == Some(&b'.')
        && path.starts_with(parent)
}

/// The keys allowed directly inside the table at `parent` ("" = the root).
pub fn child_keys(parent: &str) -> impl Iterator<Item = &'static str> + '_ {
    let fields = FIELDS.iter().map(|f| f.path);
    let sections = SECTIONS.iter().map(|s| s.path);
    fields.chain(sections).filter_map(move |path| {
        let rest = if parent.is_empty() {
            path
        } else {
            path.strip_prefix(parent)?.strip_prefix('.')?
        };
        (!rest.contains('.')).then_some(rest)
    })
}

/// The dotted path of key `name` inside the table at `parent` ("" = the root).
pub fn child_path(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        return name.to_string();
    }
    // Once per key of every profile; plain concatenation is cheaper than `format!`.
    let mut path = String::with_capacity(parent.len() + 1 + name.len());
    path.push_str(parent);
    path.push('.');
    path.push_str(name);
    path
}

/// `path` (a field or key of the array of tables `[[amazon.deposit_methods]]`) as it is reported
/// for the entry with 0-based index `entry`: `amazon.deposit_methods[1].provider`. Other paths
/// are returned as they are.
pub fn entry_path(path: &str, entry: usize) -> String {
    match path.strip_prefix(DEPOSIT_METHODS) {
        Some(rest) if rest.is_empty() || rest.starts_with('.') => {
            format!("{DEPOSIT_METHODS}[{entry}]{rest}")
        }
        _ => path.to_string(),
    }
}

/// `path` without the entry index [`entry_path`] adds: `amazon.deposit_methods[1].provider` →
/// `amazon.deposit_methods.provider`.
pub fn without_entry(path: &str) -> std::borrow::Cow<'_, str> {
    match path
        .strip_prefix(DEPOSIT_METHODS)
        .and_then(|rest| rest.strip_prefix('['))
        .and_then(|rest| rest.split_once(']'))
    {
        Some((index, rest)) if index.bytes().all(|b| b.is_ascii_digit()) => {
            std::borrow::Cow::Owned(format!("{DEPOSIT_METHODS}{rest}"))
        }
        _ => std::borrow::Cow::Borrowed(path),
    }
}

/// The section a field or section belongs to ("" for top-level keys).
pub fn parent_of(path: &str) -> &str {
    path.rsplit_once('.')
        .map(|(parent, _)| parent)
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_path_is_both_a_field_and_a_section() {
        for s in SECTIONS {
            assert!(field(s.path).is_none(), "{}", s.path);
        }
    }

    #[test]
    fn child_lookups_agree_with_joined_paths() {
        let mut keys: Vec<(&str, &str)> = FIELDS
            .iter()
            .map(|f| f.path)
            .chain(SECTIONS.iter().map(|s| s.path))
            .map(|p| p.rsplit_once('.').unwrap_or(("", p)))
            .collect();
        keys.extend([
            ("", "lianlian.balance"),
            ("lianlian", "balanc"),
            ("lianlia", "n.balance"),
        ]);
        keys.extend([("ozon", ""), ("", ""), ("lianlian.", "balance")]);
        for (parent, name) in keys {
            let path = child_path(parent, name);
            assert_eq!(
                child_field(parent, name).map(|f| f.path),
                field(&path).map(|f| f.path),
                "{parent} / {name}"
            );
            assert_eq!(
                child_section(parent, name).map(|s| s.path),
                section(&path).map(|s| s.path),
                "{parent} / {name}"
            );
        }
    }

    #[test]
    fn every_field_lives_in_a_known_section() {
        for f in FIELDS {
            let parent = parent_of(f.path);
            assert!(parent.is_empty() || section(parent).is_some(), "{}", f.path);
        }
    }

    #[test]
    fn child_keys_of_a_section() {
        let keys: Vec<_> = child_keys("ozon.payout_account").collect();
        assert_eq!(
            keys,
            [
                "account_name",
                "merchant_id",
                "account_number",
                "iban",
                "swift_bic"
            ]
        );
        assert!(child_keys("").any(|k| k == "lianlian"));
        assert!(child_keys("lianlian").any(|k| k == "receiving_account"));
    }
}
