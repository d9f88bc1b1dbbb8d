//! Money: a decimal amount and an ISO 4217 currency, written `"150.00 CNY"`.
//!
//! Amounts are [`rust_decimal::Decimal`], never floats, so `100.00 CNY` compares equal to a
//! `100 CNY` minimum. Amounts in different currencies are never compared.

use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    pub amount: Decimal,
    pub currency: String,
}

/// Why a string is not money, with a hint at the expected form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    /// No currency, e.g. `"150"`.
    MissingCurrency,
    /// The amount is not a plain decimal (thousands separators, letters, exponent…).
    BadAmount,
    /// A plain decimal, but with more digits than an amount has ([`MAX_WHOLE_DIGITS`] before
    /// the point, [`MAX_FRACTION_DIGITS`] after it).
    TooManyDigits,
    /// The currency written before the amount (`"USD 800"`).
    CurrencyFirst {
        /// The amount as written.
        amount: String,
        /// The currency as written.
        currency: String,
    },
    /// The currency is not an ISO 4217 code.
    UnknownCurrency(String),
    /// Not of the form `AMOUNT CURRENCY`.
    Shape,
}

impl MoneyError {
    /// A stable name for message templates.
    pub fn variant(&self) -> &'static str {
        match self {
            MoneyError::MissingCurrency => "money_missing_currency",
            MoneyError::BadAmount => "money_bad_amount",
            MoneyError::TooManyDigits => "money_too_many_digits",
            MoneyError::CurrencyFirst { .. } => "money_currency_first",
            MoneyError::UnknownCurrency(_) => "money_unknown_currency",
            MoneyError::Shape => "money_shape",
        }
    }
}

impl Money {
    /// Compares two amounts of the same currency; `None` when the currencies differ.
    pub fn compare(&self, other: &Money) -> Option<Ordering> {
        (self.currency == other.currency).then(|| self.amount.cmp(&other.amount))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

impl FromStr for Money {
    type Err = MoneyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut parts = s.split(' ');
        let (Some(amount), currency, None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(MoneyError::Shape);
        };
        let Some(currency) = currency else {
            return Err(if decimal_digits(amount).is_some() {
                MoneyError::MissingCurrency
            } else {
                MoneyError::Shape
            });
        };
        let Some((whole, fraction)) = decimal_digits(amount) else {
            if decimal_digits(currency).is_some() && amount.len() == 3 {
                return Err(MoneyError::CurrencyFirst {
                    amount: currency.to_string(),
                    currency: amount.to_string(),
                });
            }
            return Err(MoneyError::BadAmount);
        };
        if whole > MAX_WHOLE_DIGITS || fraction > MAX_FRACTION_DIGITS {
            return Err(MoneyError::TooManyDigits);
        }
        if !is_currency(currency) {
            return Err(MoneyError::UnknownCurrency(currency.to_string()));
        }
        let amount = Decimal::from_str(amount).map_err(|_| MoneyError::BadAmount)?;
        Ok(Money {
            amount,
            currency: currency.to_string(),
        })
    }
}

/// The most digits an amount has before its decimal point: more than any balance holds, and
/// few enough that the amount fits a [`Decimal`] with its fraction.
pub const MAX_WHOLE_DIGITS: usize = 20;
/// The most digits an amount has after its decimal point.
pub const MAX_FRACTION_DIGITS: usize = 8;

/// How many digits `-?DIGITS(.DIGITS)?` has before and after its point; `None` for anything
/// else (an exponent, separators, a `+` sign).
fn decimal_digits(s: &str) -> Option<(usize, usize)> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    (all_digits(whole) && fraction.is_none_or(all_digits))
        .then(|| (whole.len(), fraction.map_or(0, str::len)))
}

/// Common names of currencies that are not ISO 4217 codes, with the code they stand for:
/// renminbi (and its offshore market name), the Russian rouble's code before 1998, the New
/// Taiwan dollar.
const NOT_ISO_NAMES: &[(&str, &str)] = &[
    ("CNH", "CNY"),
    ("NTD", "TWD"),
    ("RMB", "CNY"),
    ("RUR", "RUB"),
];

/// The ISO 4217 code meant by a currency that is not one: the same code in other case
/// (`usd`), or a common name that is not an ISO code (`RMB`).
pub fn currency_meant(written: &str) -> Option<&'static str> {
    let upper = written.to_ascii_uppercase();
    CURRENCIES
        .iter()
        .find(|code| **code == upper)
        .or_else(|| {
            NOT_ISO_NAMES
                .iter()
                .find(|(name, _)| *name == upper)
                .map(|(_, code)| code)
        })
        .copied()
}

/// Active ISO 4217 currency codes.
pub const CURRENCIES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
    "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
    "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ",
    "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD",
    "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR",
    "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
    "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
    "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR",
    "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB",
    "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS",
    "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
];

/// Whether `code` is an active ISO 4217 currency code, written as ISO writes it (upper case).
pub fn is_currency(code: &str) -> bool {
    CURRENCIES.binary_search(&code).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        s.parse().unwrap()
    }

    #[test]
    fn decimal_comparison_is_exact() {
        assert_eq!(
            m("100.00 CNY").compare(&m("100 CNY")),
            Some(Ordering::Equal)
        );
        assert_eq!(m("99.99 CNY").compare(&m("100 CNY")), Some(Ordering::Less));
        assert_eq!(m("100 USD").compare(&m("100 CNY")), None);
    }

    #[test]
    fn malformed_money_says_why() {
        assert_eq!("150".parse::<Money>(), Err(MoneyError::MissingCurrency));
        assert_eq!("5,000 CNY".parse::<Money>(), Err(MoneyError::BadAmount));
        assert_eq!("1e3 CNY".parse::<Money>(), Err(MoneyError::BadAmount));
        assert_eq!(
            "150 cny".parse::<Money>(),
            Err(MoneyError::UnknownCurrency("cny".into()))
        );
        assert_eq!("150  CNY".parse::<Money>(), Err(MoneyError::Shape));
        assert_eq!(
            "USD 800".parse::<Money>(),
            Err(MoneyError::CurrencyFirst {
                amount: "800".into(),
                currency: "USD".into()
            })
        );
        let long = format!("{} CNY", "1".repeat(MAX_WHOLE_DIGITS + 1));
        assert_eq!(long.parse::<Money>(), Err(MoneyError::TooManyDigits));
        assert_eq!(
            "1.123456789 CNY".parse::<Money>(),
            Err(MoneyError::TooManyDigits)
        );
        let longest = format!("{}.{} CNY", "9".repeat(MAX_WHOLE_DIGITS), "9".repeat(8));
        assert!(longest.parse::<Money>().is_ok());
        assert_eq!(m("-50 CNY").amount, Decimal::from(-50));
        assert_eq!("CNY".parse::<Money>(), Err(MoneyError::Shape));
        assert_eq!("".parse::<Money>(), Err(MoneyError::Shape));
    }

    #[test]
    fn the_currency_meant() {
        assert_eq!(currency_meant("usd"), Some("USD"));
        assert_eq!(currency_meant("RMB"), Some("CNY"));
        assert_eq!(currency_meant("rmb"), Some("CNY"));
        assert_eq!(currency_meant("XYZ"), None);
        assert!(
            NOT_ISO_NAMES
                .iter()
                .all(|(name, code)| !is_currency(name) && is_currency(code))
        );
    }

    #[test]
    fn currency_list_is_sorted_for_binary_search() {
        assert!(CURRENCIES.windows(2).all(|w| w[0] < w[1]));
    }
}
