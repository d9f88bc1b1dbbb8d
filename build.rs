//! Embeds the built-in rulepack as JSON.
//!
//! The policy is written and reviewed as TOML under `rulepack/`; parsing ~60 KB of TOML at every
//! start-up would cost more than everything else `diagnose` does, so the build merges the files
//! once and stores them as JSON, which the binary parses an order of magnitude faster.

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=rulepack");
    let dir = Path::new("rulepack");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("rulepack/ exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut merged = toml::Table::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("rulepack file reads");
        let table: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for (key, value) in table {
            merge(&mut merged, key, value);
        }
    }
    let json = serde_json::to_string(&merged).expect("rulepack serializes");
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("rulepack.json");
    std::fs::write(out, json).expect("OUT_DIR is writable");
}

/// Tables merge key by key; the files are disjoint, so nothing else is replaced.
fn merge(base: &mut toml::Table, key: String, value: toml::Value) {
    match (base.get_mut(&key), value) {
        (Some(toml::Value::Table(existing)), toml::Value::Table(incoming)) => {
            for (k, v) in incoming {
                merge(existing, k, v);
            }
        }
        (_, value) => {
            base.insert(key, value);
        }
    }
}
