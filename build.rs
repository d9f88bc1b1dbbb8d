//! Generates two tables the binary would otherwise build at run time.
//!
//! - The built-in rulepack as JSON. The policy is written and reviewed as TOML under
//!   `rulepack/`; parsing ~60 KB of TOML at every start-up would cost more than everything else
//!   `diagnose` does, so the build merges the files once and stores them as JSON, which the
//!   binary parses an order of magnitude faster.
//! - cpca's region table as static sorted arrays (`regions.rs`). Building `cpca`'s parser costs
//!   ~15 ms, ten times the rest of `diagnose`; with the table compiled in, `src/address/fast.rs`
//!   resolves the usual addresses without it.

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=rulepack");
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    let out_dir = Path::new(&out_dir);
    rulepack(out_dir);
    regions::write(out_dir);
}

fn rulepack(out_dir: &Path) {
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
    // Each rule's texts go into a table of their own, as JSON strings the binary parses only
    // for a rule it words: they are four fifths of the rulepack, and a run words few rules.
    let mut entries = Vec::new();
    if let Some(toml::Value::Table(rules)) = merged.get_mut("rules") {
        for (code, rule) in rules.iter_mut() {
            let Some(rule) = rule.as_table_mut() else {
                continue;
            };
            let mut json = |lang: &str| {
                let value = rule
                    .remove(lang)
                    .unwrap_or(toml::Value::Table(toml::Table::new()));
                serde_json::to_string(&value).expect("texts serialize")
            };
            let (en, zh) = (json("en"), json("zh"));
            entries.push((code.clone(), en, zh));
        }
    }
    // Sorted by code, for a binary search.
    entries.sort();
    let mut texts = String::from("&[\n");
    for (code, en, zh) in &entries {
        texts.push_str(&format!("    ({code:?}, {en:?}, {zh:?}),\n"));
    }
    texts.push_str("]\n");
    let json = serde_json::to_string(&merged).expect("rulepack serializes");
    std::fs::write(out_dir.join("rulepack.json"), json).expect("OUT_DIR is writable");
    std::fs::write(out_dir.join("rulepack_texts.rs"), texts).expect("OUT_DIR is writable");
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

/// cpca's region table, enumerated through its public API, written as the static arrays that
/// `src/address/regions.rs` declares.
///
/// The fast resolver repeats cpca's matching, so the tables hold exactly the names cpca's
/// prefix tries hold, derived by cpca's own rules (see `AddressParser::new` and
/// `RegionIndex::build` in cpca 0.3). The few facts its API does not expose (reviewed aliases,
/// which provinces are municipalities) are written here or probed, and checked against the
/// parser: a cpca release that drops or retargets one fails the build. One that adds aliases
/// is caught by the tests in `src/address/fast.rs` instead (they compare the two readings).
mod regions {
    use std::collections::{BTreeMap, BTreeSet};
    use std::fmt::Write as _;
    use std::path::Path;

    /// cpca's reviewed city aliases (its `data/pca_aliases.csv`), which its API does not list.
    const CITY_ALIASES: [(&str, &str); 7] = [
        ("黔南", "黔南布依族苗族自治州"),
        ("黔南州", "黔南布依族苗族自治州"),
        ("西双版纳", "西双版纳傣族自治州"),
        ("西双版纳州", "西双版纳傣族自治州"),
        ("阿拉善", "阿拉善盟"),
        ("呼市", "呼和浩特市"),
        ("红河州", "红河哈尼族彝族自治州"),
    ];
    /// cpca's reviewed district aliases, from the same file.
    const DISTRICT_ALIASES: [(&str, &str); 3] = [
        ("兰坪县", "兰坪白族普米族自治县"),
        ("元江县", "元江哈尼族彝族傣族自治县"),
        ("前郭县", "前郭尔罗斯蒙古族自治县"),
    ];
    /// A detail no region name starts with, to probe how cpca reads a name on its own.
    const PROBE_DETAIL: &str = "某某路1号";

    /// Suffixes whose removal gives a district's short form in cpca's district trie.
    const DISTRICT_TRIE_SUFFIXES: [&str; 6] = ["区", "县", "市", "旗", "镇", "街道"];
    /// Suffixes whose removal files a district under another key of cpca's district → city
    /// index (a different list from the trie's, and with `trim_end_matches`).
    const DISTRICT_INDEX_SUFFIXES: [&str; 4] = ["区", "县", "市", "旗"];

    pub fn write(out_dir: &Path) {
        let parser = cpca::AddressParser::new();

        let mut provinces: Vec<String> = parser.provinces().into_iter().cloned().collect();
        provinces.sort();
        // (city, province index), sorted by city; cpca keys its city index by name alone, so
        // a city name in two provinces could not be represented (and does not occur).
        let mut cities: Vec<(String, usize)> = Vec::new();
        for (p, province) in provinces.iter().enumerate() {
            for city in parser.cities_of_province(province) {
                cities.push((city.clone(), p));
            }
        }
        cities.sort();
        for pair in cities.windows(2) {
            assert_ne!(pair[0].0, pair[1].0, "city name in two provinces");
        }
        let city_index = |name: &str| {
            cities
                .binary_search_by(|(c, _)| c.as_str().cmp(name))
                .unwrap_or_else(|_| panic!("unknown city {name}"))
        };

        // District name → the cities listing it; city index → its districts.
        let mut district_rows: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        for (c, (city, _)) in cities.iter().enumerate() {
            for district in parser.districts_of_city(city) {
                district_rows.entry(district.clone()).or_default().insert(c);
            }
        }
        let districts: Vec<&String> = district_rows.keys().collect();
        let district_index = |name: &str| {
            districts
                .binary_search_by(|d| d.as_str().cmp(name))
                .unwrap_or_else(|_| panic!("unknown district {name}"))
        };
        let mut city_districts: Vec<Vec<usize>> = vec![Vec::new(); cities.len()];
        for (d, parents) in district_rows.values().enumerate() {
            for &c in parents {
                city_districts[c].push(d);
            }
        }
        // cpca's district → (province, city) index also files every district under its name
        // minus a suffix, so a district named like another's short form inherits its parents.
        let mut district_parents: Vec<BTreeSet<usize>> = district_rows.values().cloned().collect();
        for (name, parents) in &district_rows {
            for suffix in DISTRICT_INDEX_SUFFIXES {
                if name.ends_with(suffix) {
                    let short = name.trim_end_matches(suffix);
                    if let Ok(d) = districts.binary_search_by(|x| x.as_str().cmp(short)) {
                        district_parents[d].extend(parents);
                    }
                }
            }
        }

        // Province trie: full names, and the short forms cpca's alias map gives, which are
        // leading parts of the name ("广东", "内蒙古"); `cities_of_province` resolves them.
        let mut province_keys: BTreeMap<String, (usize, &str)> = BTreeMap::new();
        for (p, province) in provinces.iter().enumerate() {
            insert_key(&mut province_keys, province, (p, "Full"));
            let chars: Vec<char> = province.chars().collect();
            for k in 1..chars.len() {
                let short: String = chars[..k].iter().collect();
                let mut of_short = parser.cities_of_province(&short);
                if !of_short.is_empty() {
                    let mut of_full = parser.cities_of_province(province);
                    of_short.sort();
                    of_full.sort();
                    assert_eq!(of_short, of_full, "{short} is not short for {province}");
                    insert_key(&mut province_keys, &short, (p, "Short"));
                }
            }
        }
        let aliased = province_keys
            .values()
            .filter(|(_, f)| *f == "Short")
            .count();
        assert_eq!(aliased, 34, "cpca's province short forms changed");

        // Municipalities are their own city; probed, as cpca does not export its list.
        let municipality: Vec<Option<usize>> = provinces
            .iter()
            .map(|province| {
                let parsed = parser.parse(&format!("{province}{PROBE_DETAIL}"));
                assert_eq!(parsed.province.as_ref(), Some(province), "{province}");
                (parsed.city.as_ref() == Some(province)).then(|| city_index(province))
            })
            .collect();
        assert_eq!(municipality.iter().flatten().count(), 4, "municipalities");

        // City trie: full names, names minus 市, then the reviewed aliases, which cpca inserts
        // last (so they would win a clash).
        let mut city_keys: BTreeMap<String, (usize, &str)> = BTreeMap::new();
        for (c, (city, _)) in cities.iter().enumerate() {
            insert_key(&mut city_keys, city, (c, "Full"));
            if city.ends_with('市') {
                let short = city.trim_end_matches('市');
                assert!(!short.is_empty());
                insert_key(&mut city_keys, short, (c, "Short"));
            }
        }
        for (alias, city) in CITY_ALIASES {
            let parsed = parser.parse(&format!("{alias}{PROBE_DETAIL}"));
            assert_eq!(
                parsed.city.as_deref(),
                Some(city),
                "cpca city alias {alias}"
            );
            city_keys.insert(alias.to_string(), (city_index(city), "Alias"));
        }

        // District trie: full names and their short forms (at least two characters left)
        // lead to every district they may stand for.
        let mut district_keys: BTreeMap<String, (BTreeSet<usize>, &str)> = BTreeMap::new();
        for (d, name) in districts.iter().enumerate() {
            let entry = district_keys.entry(name.to_string()).or_default();
            entry.0.insert(d);
            entry.1 = "Full";
            for suffix in DISTRICT_TRIE_SUFFIXES {
                if let Some(short) = name.strip_suffix(suffix) {
                    if short.chars().count() >= 2 {
                        let entry = district_keys.entry(short.to_string()).or_default();
                        entry.0.insert(d);
                        if entry.1.is_empty() {
                            entry.1 = "Short";
                        }
                    }
                }
            }
        }
        for (alias, district) in DISTRICT_ALIASES {
            let parsed = parser.parse(&format!("{alias}{PROBE_DETAIL}"));
            assert_eq!(
                parsed.district.as_deref(),
                Some(district),
                "cpca district alias {alias}"
            );
            let entry = district_keys.entry(alias.to_string()).or_default();
            assert!(entry.1.is_empty(), "alias {alias} is also a name");
            entry.0.insert(district_index(district));
            entry.1 = "Alias";
        }

        let mut t = Tables::default();
        let mut src = String::new();
        let rows: Vec<String> = provinces
            .iter()
            .zip(&municipality)
            .map(|(province, municipality)| {
                let name = t.text(province);
                format!("Province {{ name: {name}, municipality: {municipality:?} }}")
            })
            .collect();
        static_array(&mut src, "PROVINCES", "Province", &rows);
        let rows: Vec<String> = cities
            .iter()
            .zip(&city_districts)
            .map(|((city, p), ds)| {
                let (name, ds) = (t.text(city), t.list(ds.iter().copied()));
                format!("City {{ name: {name}, province: {p}, districts: {ds} }}")
            })
            .collect();
        static_array(&mut src, "CITIES", "City", &rows);
        let rows: Vec<String> = districts
            .iter()
            .zip(&district_parents)
            .map(|(name, parents)| {
                let (name, parents) = (t.text(name), t.list(parents.iter().copied()));
                format!("District {{ name: {name}, parents: {parents} }}")
            })
            .collect();
        static_array(&mut src, "DISTRICTS", "District", &rows);
        for (table, keys) in [("PROVINCE_KEYS", &province_keys), ("CITY_KEYS", &city_keys)] {
            let rows: Vec<String> = keys
                .iter()
                .map(|(key, (to, form))| {
                    let key = t.text(key);
                    format!("Key {{ key: {key}, to: {to}, form: KeyForm::{form} }}")
                })
                .collect();
            static_array(&mut src, table, "Key", &rows);
        }
        let rows: Vec<String> = district_keys
            .iter()
            .map(|(key, (ds, form))| {
                let (key, ds) = (t.text(key), t.list(ds.iter().copied()));
                format!("DistrictKey {{ key: {key}, districts: {ds}, form: KeyForm::{form} }}")
            })
            .collect();
        static_array(&mut src, "DISTRICT_KEYS", "DistrictKey", &rows);

        let mut out = String::from("// @generated by build.rs from cpca's region table.\n\n");
        let _ = writeln!(out, "static TEXT: &str = {:?};", t.text);
        let _ = writeln!(
            out,
            "static LISTS: [u16; {}] = {:?};",
            t.lists.len(),
            t.lists
        );
        out.push_str(&src);
        std::fs::write(out_dir.join("regions.rs"), out).expect("OUT_DIR is writable");
    }

    /// Writes `pub(super) static NAME: [TYPE; N] = [rows];` into the generated source.
    fn static_array(src: &mut String, name: &str, ty: &str, rows: &[String]) {
        let _ = writeln!(src, "pub(super) static {name}: [{ty}; {}] = [", rows.len());
        for row in rows {
            let _ = writeln!(src, "    {row},");
        }
        src.push_str("];\n");
    }

    /// All names in one string and all lists of places in one array, referred to by position.
    ///
    /// A static holding a `&str` or a slice per entry would hold ~20 000 pointers, each a
    /// relocation the loader applies at every start-up of every command: a third of what
    /// `--version` costs.
    #[derive(Default)]
    struct Tables {
        text: String,
        /// Every leading part of every name in `text`, and where it starts: a short name is
        /// stored once, as the start of its full name.
        starts: std::collections::HashMap<String, usize>,
        lists: Vec<usize>,
    }

    impl Tables {
        /// `Text { .. }` for `name`, added to the text unless already there.
        fn text(&mut self, name: &str) -> String {
            let at = match self.starts.get(name) {
                Some(&at) => at,
                None => {
                    let at = self.text.len();
                    self.text.push_str(name);
                    for (end, _) in name.char_indices().skip(1) {
                        self.starts.entry(name[..end].to_string()).or_insert(at);
                    }
                    self.starts.insert(name.to_string(), at);
                    at
                }
            };
            assert!(u32::try_from(at).is_ok() && u16::try_from(name.len()).is_ok());
            format!("Text {{ at: {at}, len: {} }}", name.len())
        }

        /// `Span { .. }` for a list of places.
        fn list(&mut self, items: impl Iterator<Item = usize>) -> String {
            let at = self.lists.len();
            for item in items {
                assert!(u16::try_from(item).is_ok());
                self.lists.push(item);
            }
            let len = self.lists.len() - at;
            assert!(u32::try_from(at).is_ok() && u16::try_from(len).is_ok());
            format!("Span {{ at: {at}, len: {len} }}")
        }
    }

    /// Two names for one trie key would make cpca's answer depend on hash order.
    fn insert_key<'a>(
        keys: &mut BTreeMap<String, (usize, &'a str)>,
        key: &str,
        value: (usize, &'a str),
    ) {
        if let Some(old) = keys.insert(key.to_string(), value) {
            assert_eq!(old.0, value.0, "trie key {key} names two places");
        }
    }
}
