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
            return Err(if is_plain_decimal(amount) {
                MoneyError::MissingCurrency
            } else {
                MoneyError::Shape
            });
        };
        if !is_plain_decimal(amount) {
            return Err(MoneyError::BadAmount);
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

/// `-?DIGITS(.DIGITS)?` and nothing else (no exponent, separators or signs like `+`).
fn is_plain_decimal(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let all_digits =
        |p: &str| !p.is_empty() && p.len() <= 20 && p.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && fraction.is_none_or(|f| all_digits(f) && f.len() <= 8)
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
        assert_eq!("CNY".parse::<Money>(), Err(MoneyError::Shape));
        assert_eq!("".parse::<Money>(), Err(MoneyError::Shape));
    }

    #[test]
    fn currency_list_is_sorted_for_binary_search() {
        assert!(CURRENCIES.windows(2).all(|w| w[0] < w[1]));
    }
}
