//! ISO 3166-1 alpha-2 country codes.

/// All officially assigned ISO 3166-1 alpha-2 codes (249), sorted for binary search.
///
/// User-assigned codes such as XK (Kosovo) are deliberately absent: they are not ISO 3166
/// codes, even though SWIFT and the IBAN registry use XK (see [`is_swift_country`]).
pub const ALPHA2: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// True if `cc` is a currently assigned ISO 3166-1 alpha-2 code, in upper case.
///
/// Lower case is rejected because every consumer (BIC, IBAN) requires upper case.
pub fn is_iso3166_alpha2(cc: &str) -> bool {
    ALPHA2.binary_search(&cc).is_ok()
}

/// True if `cc` may appear as the country of a BIC or IBAN: ISO 3166 plus XK (Kosovo),
/// which SWIFT and the IBAN registry use although ISO has not assigned it.
pub fn is_swift_country(cc: &str) -> bool {
    is_iso3166_alpha2(cc) || cc == "XK"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_unique_and_well_formed() {
        assert!(ALPHA2.windows(2).all(|w| w[0] < w[1]));
        assert!(
            ALPHA2
                .iter()
                .all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()))
        );
    }

    #[test]
    fn known_and_unknown_codes() {
        for cc in [
            "CN", "HK", "RU", "LT", "DE", "US", "SS", "BQ", "CW", "SX", "AX", "ZW",
        ] {
            assert!(is_iso3166_alpha2(cc), "{cc}");
        }
        // XK is user-assigned; AN (Netherlands Antilles) and YU were withdrawn; UK is reserved.
        for cc in [
            "XK", "AN", "YU", "UK", "EU", "ZZ", "cn", "C", "CNN", "", "Ｃ",
        ] {
            assert!(!is_iso3166_alpha2(cc), "{cc}");
        }
        assert!(is_swift_country("XK"));
        assert!(is_swift_country("CN"));
        assert!(!is_swift_country("UK"));
    }
}
