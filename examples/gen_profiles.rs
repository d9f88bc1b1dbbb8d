//! Writes N synthetic seller profiles for the benchmark (`bench/run.sh`).
//!
//! `cargo run --release --example gen_profiles -- N DIR [SEED]`
//!
//! About 2 KB each, like a filled-in `bindcheck init` template. Deterministic for a seed.
//! Roughly half are clean; the rest carry one or two of the faults sellers really make
//! (invisible characters, full-width letters, mismatched names, a wrong check digit, an unknown
//! key, money as a float), so every rule family does its usual work. Files go into
//! subfolders of 1000 so no folder gets huge.

use std::fmt::Write as _;
use std::path::PathBuf;

/// A small xorshift generator: the benchmark needs repeatable variety, not statistics.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// (city, city in pinyin, street address, region code of the city's registration authority).
const CITIES: &[(&str, &str, &str, &str)] = &[
    (
        "深圳",
        "SHENZHEN",
        "广东省深圳市南山区粤海街道科技园路",
        "440300",
    ),
    (
        "广州",
        "GUANGZHOU",
        "广东省广州市天河区珠江新城华夏路",
        "440100",
    ),
    (
        "杭州",
        "HANGZHOU",
        "浙江省杭州市余杭区五常街道文一西路",
        "330100",
    ),
    (
        "义乌",
        "YIWU",
        "浙江省金华市义乌市稠城街道工人北路",
        "330782",
    ),
    ("厦门", "XIAMEN", "福建省厦门市思明区鹭江道", "350200"),
];
const WORDS: &[(&str, &str)] = &[
    ("星河", "XINGHE"),
    ("远航", "YUANHANG"),
    ("华彩", "HUACAI"),
    ("云帆", "YUNFAN"),
    ("嘉禾", "JIAHE"),
    ("锦程", "JINCHENG"),
];
const TRADES: &[(&str, &str)] = &[
    ("科技", "TECHNOLOGY"),
    ("贸易", "TRADING"),
    ("电子商务", "E-COMMERCE"),
];
/// Organisation-code parts of USCCs (characters 9-17); the region code comes from the city,
/// so the licence number agrees with the address (BC403) and clean profiles stay clean.
const ORG_CODES: &[&str] = &["MA5FXH0Q2", "M000100Y4", "551385082"];

/// A USCC with a correct check character: "91" (company), region, organisation code.
fn uscc(region: &str, org: &str) -> String {
    let first17 = format!("91{region}{org}");
    let check = bindcheck::validators::uscc::check_character(&first17).unwrap_or('0');
    format!("{first17}{check}")
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(dir)) = (args.next(), args.next()) else {
        eprintln!("usage: gen_profiles N DIR [SEED]");
        std::process::exit(2);
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("N must be a number, got {n}");
        std::process::exit(2);
    };
    let seed = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_u64)
        | 1;
    let dir = PathBuf::from(dir);
    let mut rng = Rng(seed);
    let mut bytes = 0usize;
    for i in 0..n {
        let sub = dir.join(format!("{:04}", i / 1000));
        if i % 1000 == 0 {
            if let Err(e) = std::fs::create_dir_all(&sub) {
                eprintln!("cannot create {}: {e}", sub.display());
                std::process::exit(2);
            }
        }
        let text = profile(&mut rng, i);
        bytes += text.len();
        let path = sub.join(format!("seller-{i:06}.toml"));
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("cannot write {}: {e}", path.display());
            std::process::exit(2);
        }
    }
    println!(
        "wrote {n} profiles to {} (mean {} bytes)",
        dir.display(),
        bytes / n.max(1)
    );
}

fn profile(rng: &mut Rng, i: usize) -> String {
    let (city, city_en, street, region) = CITIES[rng.below(CITIES.len())];
    let (word, word_en) = WORDS[rng.below(WORDS.len())];
    let (trade, trade_en) = TRADES[rng.below(TRADES.len())];
    let legal = format!("{city}市{word}{trade}有限公司");
    let legal_en = format!("{city_en} {word_en} {trade_en} CO., LTD.");
    let uscc = uscc(region, rng.pick(ORG_CODES));
    let merchant = format!("LL2024{:018}", rng.next() % 1_000_000_000_000_000_000);
    let account = format!("{:010}", rng.next() % 10_000_000_000);
    let address = format!("{street}{}号", 1 + rng.below(300));

    // Values as typed into the platforms; faults are applied to these copies.
    let mut payout_name = legal_en.clone();
    let mut payout_merchant = merchant.clone();
    let mut payout_account = account.clone();
    let mut kyc = "3".to_string();
    let mut balance = "\"150.00 CNY\"".to_string();
    let mut license = uscc.to_string();
    let mut extra = String::new();
    // Half the profiles are clean; the others get one or two faults.
    let faults = if i % 2 == 0 { 0 } else { 1 + rng.below(2) };
    for _ in 0..faults {
        match rng.below(8) {
            0 => {
                let mut at = rng.below(payout_merchant.len());
                while !payout_merchant.is_char_boundary(at) {
                    at -= 1;
                }
                payout_merchant.insert(at, '\u{200B}');
            }
            1 => payout_name = payout_name.replacen(" CO., LTD.", " CO.,LTD", 1),
            2 => payout_name = payout_name.to_lowercase(),
            3 => payout_account = payout_account.replacen('1', "１", 1) + "\u{00A0}",
            4 => kyc = "1".into(),
            5 => balance = "150.0".into(),
            6 => license.replace_range(17.., "0"),
            // Once only: the same key twice would make the file unloadable TOML.
            _ if extra.is_empty() => extra.push_str("merchant_di = \"typo\"\n"),
            _ => {}
        }
    }

    let mut s = String::with_capacity(2200);
    let _ = write!(
        s,
        "# bindcheck seller profile {i}\nformat = 1\n\n[seller]\n\
         legal_name = \"{legal}\"\n\
         legal_name_en = \"{legal_en}\"\n\
         entity_type = \"enterprise\"\n\
         country = \"CN\"\n\
         license_number = \"{uscc}\"    # 统一社会信用代码\n\
         registered_address = \"{address}\"\n\
         legal_representative = \"张三\"\n\
         license_expires = 2031-06-30\n\
         import_export_rights = true\n\n\
         [lianlian]\n\
         merchant_id = \"{merchant}\"\n\
         login = \"seller{i}@example.com\"\n\
         license_number = \"{license}\"\n\
         kyc_level = {kyc}\n\
         balance = {balance}\n\
         auto_withdraw_threshold = \"5000 CNY\"\n\
         ozon_channel = \"active\"\n{extra}\n\
         [lianlian.receiving_account]\n\
         account_name = \"{legal_en}\"\n\
         account_number = \"{account}\"\n\
         swift_bic = \"HSBCHKHHHKH\"\n\
         bank_country = \"HK\"\n\
         currency = \"USD\"\n\n\
         # Ozon seller account\n\
         [ozon]\n\
         seller_id = \"{}\"\n\
         legal_name = \"{legal_en}\"\n\
         license_number = \"{uscc}\"\n\
         registered_address = \"{address}\"\n\
         contract_currency = \"USD\"\n\
         payment_method = \"lianlian\"\n\
         default_payout_method = \"lianlian\"\n\
         operator_role = \"manager\"\n\
         manual_review_categories = []\n\n\
         # What was typed into Ozon's payment settings\n\
         [ozon.payout_account]\n\
         account_name = \"{payout_name}\"\n\
         merchant_id = \"{payout_merchant}\"\n\
         account_number = \"{payout_account}\"\n\
         swift_bic = \"HSBCHKHHHKH\"\n",
        1_000_000 + rng.below(9_000_000),
    );
    // Comments pad the file to a realistic size, as templates from `bindcheck init` are.
    while s.len() < 1900 {
        s.push_str("# Replace every example value with your own, exactly as on the licence.\n");
    }
    s
}
