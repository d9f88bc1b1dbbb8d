//! Writes the worst inputs bindcheck is benchmarked on (`bench/worst.sh`): one profile per input
//! class, each just under the size limit for a profile.
//!
//! `cargo run --release --example gen_worst -- DIR [BYTES]`
//!
//! A class is a shape of value (all spaces, `"a "` repeated, all U+200B, look-alikes, …) in one
//! of two layouts: `one` puts a single value of about BYTES in `seller.legal_name`; `all` puts
//! the shape into every text field of the format (identifiers, names, addresses, free text),
//! BYTES shared between them, so every rule, the name comparisons and the validators all see it
//! at once. Structural classes stress the parser and the loader instead: a dotted key of 10 000
//! parts, arrays and inline tables nested 10 000 deep, the most keys a profile may have, and
//! `[[amazon.deposit_methods]]` entries compared with each other. BYTES defaults to just under
//! the size limit for a profile.

use bindcheck::input::MAX_PROFILE_BYTES;
use bindcheck::profile::schema::{FIELDS, Kind};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A shape of value: its name and one repeating unit, as written inside a TOML basic string.
const SHAPES: &[(&str, &str)] = &[
    ("spaces", " "),
    ("a-space", "a "),
    ("zwsp", "\u{200B}"),
    ("zwsp-escaped", "\\u200B"),
    ("a-zwsp", "a\u{200B}"),
    ("bidi", "\u{202E}x"),
    ("control", "\\u0001b"),
    ("tabs", "\\t"),
    // Latin words with one Cyrillic letter each: a look-alike in every word.
    ("lookalike", "Pаy "),
    // Whole words in another script, alternating: the worst case for judging words.
    ("mixed-words", "АВС ABC "),
    ("fullwidth", "Ａ"),
    ("cjk-gaps", "深\u{3000}"),
    ("mojibake", "锟斤拷"),
    ("latin1-mojibake", "Ã©"),
    ("digits", "1"),
    ("punctuation", ".,"),
];

/// Identifier fields with a validator or comparison of their own (IBAN, INN, OGRN, USCC,
/// Merchant ID), each given one whole value of these shapes.
const IDENTIFIERS: &[(&str, &str, &str)] = &[
    ("iban", "lianlian.receiving_account", "iban"),
    ("inn", "ozon", "inn"),
    ("ogrn", "ozon", "ogrn"),
    ("licence", "ozon", "license_number"),
    ("merchant-id", "ozon.payout_account", "merchant_id"),
];
const IDENTIFIER_SHAPES: &[(&str, &str)] = &[
    ("a-space", "a "),
    ("digit-space", "1 "),
    ("lookalike", "Pаy "),
];

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: gen_worst DIR [BYTES]");
        std::process::exit(2);
    };
    let limit = usize::try_from(MAX_PROFILE_BYTES).unwrap_or(usize::MAX);
    let bytes: usize = args
        .next()
        .and_then(|b| b.parse().ok())
        .unwrap_or(limit - 64 * 1024);
    std::fs::create_dir_all(&dir).expect("create the output folder");
    for (name, unit) in SHAPES {
        write(&dir, &format!("{name}-one"), &one_value(unit, bytes));
        write(&dir, &format!("{name}-all"), &every_field(unit, bytes));
    }
    for (field, table, key) in IDENTIFIERS {
        for (name, unit) in IDENTIFIER_SHAPES {
            let text = format!(
                "format = 1\n[seller]\nentity_type = \"enterprise\"\ncountry = \"CN\"\n\
                 [lianlian]\nmerchant_id = \"LL2024SZXH0000000000A7K3\"\n[{table}]\n{key} = \"{}\"\n",
                repeat(unit, bytes)
            );
            write(&dir, &format!("{name}-{field}"), &text);
        }
    }
    write(&dir, "dotted-key", &dotted_key(10_000));
    write(&dir, "deep-arrays", &nested("x = ", "[", "]", 10_000));
    write(&dir, "deep-inline", &nested("x = ", "{a=", "}", 10_000));
    write(&dir, "many-keys", &many_keys(9_990));
    write(&dir, "many-deposit-methods", &deposit_methods(900));
    write(&dir, "long-comment", &long_comment(bytes));
}

fn write(dir: &Path, class: &str, text: &str) {
    let path = dir.join(format!("{class}.toml"));
    std::fs::write(&path, text).expect("write a profile");
    eprintln!("{} ({} bytes)", path.display(), text.len());
}

/// `unit` repeated to about `bytes` bytes.
fn repeat(unit: &str, bytes: usize) -> String {
    unit.repeat((bytes / unit.len()).max(1))
}

fn one_value(unit: &str, bytes: usize) -> String {
    format!(
        "format = 1\n[seller]\nentity_type = \"enterprise\"\ncountry = \"CN\"\nlegal_name = \"{}\"\n",
        repeat(unit, bytes)
    )
}

/// Every field of the format outside arrays of tables, text fields holding the shape, the rest
/// their example values, grouped by table.
fn every_field(unit: &str, bytes: usize) -> String {
    let fields: Vec<_> = FIELDS
        .iter()
        .filter(|f| f.path.contains('.') && !f.path.contains("deposit_methods"))
        .filter(|f| !f.path.starts_with("bindcheck."))
        .collect();
    let texts = fields.iter().filter(|f| f.kind == Kind::Text).count();
    let each = bytes / texts.max(1);
    let mut tables: BTreeMap<&str, Vec<(&str, String)>> = BTreeMap::new();
    for field in fields {
        let (table, leaf) = field.path.rsplit_once('.').unwrap_or(("", field.path));
        let value = if field.kind == Kind::Text {
            format!("\"{}\"", repeat(unit, each))
        } else {
            field.example.to_string()
        };
        tables.entry(table).or_default().push((leaf, value));
    }
    let mut out = String::from("format = 1\n");
    for (table, entries) in tables {
        if !table.is_empty() {
            let _ = writeln!(out, "[{table}]");
        }
        for (leaf, value) in entries {
            let _ = writeln!(out, "{leaf} = {value}");
        }
    }
    out
}

fn dotted_key(parts: usize) -> String {
    format!("format = 1\n\n\n{} = 1\n", vec!["a"; parts].join("."))
}

fn nested(prefix: &str, open: &str, close: &str, depth: usize) -> String {
    format!(
        "format = 1\n{prefix}{}1{}\n",
        open.repeat(depth),
        close.repeat(depth)
    )
}

fn many_keys(count: usize) -> String {
    let mut out = String::from("format = 1\n[seller]\n");
    for i in 0..count {
        let _ = writeln!(out, "legal_nam{i} = \"x\"");
    }
    out
}

fn deposit_methods(count: usize) -> String {
    let mut out = String::from(
        "format = 1\n[seller]\nlegal_name_en = \"ACME LTD\"\n[lianlian.receiving_account]\n\
         account_name = \"ACME LTD\"\n[amazon]\nmarketplaces = [\"US\", \"DE\", \"JP\"]\n",
    );
    for i in 0..count {
        let _ = write!(
            out,
            "[[amazon.deposit_methods]]\nmarketplaces = [\"US\"]\nprovider = \"lianlian\"\n\
             account_holder_name = \"ACME LTD {i}\"\nrouting_number = \"02607315{}\"\n\
             account_number = \"79631055{i:02}\"\n",
            i % 10
        );
    }
    out
}

fn long_comment(bytes: usize) -> String {
    format!("format = 1\n# {}\n", repeat("\u{200B}x", bytes))
}
