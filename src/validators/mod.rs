//! Checksummed identifier validators. (Placeholder until the validators branch lands.)
pub mod country {
    pub fn is_iso3166_alpha2(cc: &str) -> bool {
        cc.len() == 2 && cc.bytes().all(|b| b.is_ascii_uppercase())
    }
}
