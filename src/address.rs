//! Chinese address resolution and comparison.
//!
//! Ozon risk control rejects a registered address that denotes the licence's place but is
//! worded differently ("广东深圳南山" for "广东省深圳市南山区…"). This module resolves both texts
//! to province / city / district with the `cpca` data and says whether they are the same place
//! and, if so, how the wording differs.
//!
//! Decisions:
//! - Before anything else both texts are normalised: NFKC (full-width digits, letters and
//!   brackets become half-width) and every whitespace or invisible character removed. Those
//!   differences are typing noise, not a different wording a reviewer objects to, so two texts
//!   equal after normalisation are [`AddressComparison::Identical`] and [`Place::detail`] is
//!   given in normalised form.
//! - Addresses are read first against a copy of `cpca`'s region table compiled into the binary
//!   (`fast`), which answers for the usual forms exactly as `cpca` would; only the rest go to
//!   `cpca`'s parser, whose construction costs about 15 ms (ten times the rest of `diagnose`).
//!   It is built on first need only (a lazily built global).
//! - A separator (`-`, `,`, `，`, `、`, `/`) between levels ("广东省-深圳市-南山区") is skipped
//!   so the levels after it are still read; the texts then differ only in wording
//!   ([`Wording::Other`]). Separators inside the detail ("1-2号") are kept.
//! - How a level is written is read back from the text `cpca` consumed: the full official name
//!   ("广东省"), a leading part of it of at least two characters ("广东"), or nothing (the level
//!   was inferred from a lower one).

use std::sync::atomic::{AtomicUsize, Ordering};
use unicode_normalization::UnicodeNormalization;

mod fast;
mod regions;

/// An address resolved to administrative levels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Official province name (for a municipality, the municipality: "北京市").
    pub province: Option<String>,
    /// Official prefecture-level city name.
    pub city: Option<String>,
    /// Official district / county name (for the cities without districts, a town).
    pub district: Option<String>,
    /// The rest of the address (street, number), normalised: NFKC, no whitespace.
    pub detail: String,
}

/// How an address denoting the licence's place is worded differently from the licence.
///
/// Each value describes the other address relative to the licence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wording {
    /// The licence names the province, the other address does not.
    ProvinceOmitted,
    /// The city is written without its suffix ("深圳" for "深圳市").
    CitySuffixDropped,
    /// The district is written without its suffix ("南山" for "南山区").
    DistrictSuffixDropped,
    /// A town directly under its city is written without 镇 ("长安" for 东莞市长安镇).
    TownSuffixDropped,
    /// A township is written without 乡.
    TownshipSuffixDropped,
    /// A subdistrict is written without 街道.
    SubdistrictSuffixDropped,
    /// The province is written without its suffix ("广东" for "广东省").
    ProvinceSuffixDropped,
    /// An autonomous region's full name is shortened ("新疆" for "新疆维吾尔自治区").
    AutonomousRegionShortened,
    /// Another province-level name is shortened ("香港" for "香港特别行政区").
    ProvinceShortened,
    /// An autonomous prefecture's name is shortened ("凉山州" or "凉山" for "凉山彝族自治州").
    PrefectureShortened,
    /// Another city-level name is shortened ("阿里" for "阿里地区").
    CityShortened,
    /// The other address stops earlier: it does not name the licence's city, district, or
    /// street detail. A city only inferred from the district counts as not named.
    LessSpecific {
        /// "district" | "detail" | "city"
        missing: &'static str,
    },
    /// The other address names a level the licence does not write: the province (or city, or
    /// district) added in front of an address whose licence leaves it to be inferred.
    Added {
        /// "province" | "city" | "district"
        level: &'static str,
    },
    /// Both give a street detail, and the details differ (or only the other gives one).
    DetailDiffers,
    /// Any other difference in wording: order, separators, aliases, or a level written in
    /// full where the licence shortens it.
    Other,
}

impl Wording {
    /// Stable snake_case name used in reports.
    pub fn as_str(&self) -> &'static str {
        match self {
            Wording::ProvinceOmitted => "province_omitted",
            Wording::CitySuffixDropped => "city_suffix_dropped",
            Wording::DistrictSuffixDropped => "district_suffix_dropped",
            Wording::TownSuffixDropped => "town_suffix_dropped",
            Wording::TownshipSuffixDropped => "township_suffix_dropped",
            Wording::SubdistrictSuffixDropped => "subdistrict_suffix_dropped",
            Wording::ProvinceSuffixDropped => "province_suffix_dropped",
            Wording::AutonomousRegionShortened => "autonomous_region_shortened",
            Wording::ProvinceShortened => "province_shortened",
            Wording::PrefectureShortened => "prefecture_shortened",
            Wording::CityShortened => "city_shortened",
            Wording::LessSpecific { missing } => match *missing {
                "district" => "less_specific_district",
                "detail" => "less_specific_detail",
                "city" => "less_specific_city",
                _ => "less_specific",
            },
            Wording::Added { level } => match *level {
                "province" => "province_added",
                "city" => "city_added",
                "district" => "district_added",
                _ => "more_specific",
            },
            Wording::DetailDiffers => "detail_differs",
            Wording::Other => "other",
        }
    }
}

/// The result of comparing the licence address with another address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddressComparison {
    /// Equal after normalisation (whitespace, invisible characters and full-width forms are
    /// ignored).
    Identical,
    /// Same province/city/district (as far as the less specific one goes) but worded
    /// differently.
    SamePlaceWorded {
        /// The licence address, resolved.
        licence: Place,
        /// The other address, resolved.
        other: Place,
        /// Every wording difference, from province down to detail; never empty.
        wording: Vec<Wording>,
    },
    /// A different place at the first level where both are known.
    DifferentPlace {
        /// "province" | "city" | "district"
        level: &'static str,
        /// The licence's official name at that level.
        licence: String,
        /// The other address's official name at that level.
        other: String,
    },
    /// One of them cannot be resolved to even a province or city.
    Unresolved {
        /// "licence" | "other"
        which: &'static str,
    },
}

/// Default_Ignorable_Code_Point characters (ZWSP, BOM, bidi controls…), which users cannot see.
fn is_invisible(c: char) -> bool {
    crate::unicode::is_default_ignorable(c)
}

fn normalize(text: &str) -> String {
    text.nfkc()
        .filter(|c| !c.is_whitespace() && !is_invisible(*c))
        .collect()
}

/// A resolved place plus the text `cpca` consumed for its administrative levels.
struct Resolved {
    place: Place,
    admin: Vec<char>,
}

/// Characters `cpca` treats as separators; it stops reading levels at one in normal order.
fn is_separator(c: char) -> bool {
    matches!(c, '-' | ',' | '，' | '、' | '/')
}

/// How many addresses were handed to `cpca`'s parser, the fast reading having given up.
static CPCA_READS: AtomicUsize = AtomicUsize::new(0);

/// How many addresses this process resolved with `cpca`'s parser (building it on the first).
///
/// Exposed for tests asserting that the usual addresses never pay for building it.
#[doc(hidden)]
pub fn cpca_reads() -> usize {
    CPCA_READS.load(Ordering::Relaxed)
}

fn resolve_normalized(text: &str) -> Resolved {
    if let Some(place) = fast::parse(text) {
        let admin = text.strip_suffix(place.detail.as_str()).unwrap_or(text);
        return Resolved {
            admin: admin.chars().collect(),
            place,
        };
    }
    CPCA_READS.fetch_add(1, Ordering::Relaxed);
    let parser = cpca::AddressParser::global();
    let mut text = text.to_string();
    let mut parsed = parser.parse(&text);
    // "广东省-深圳市-南山区" stops after the province: drop the separator that ended the
    // levels read so far and read again. Each round removes at least one character, and a
    // few rounds cover province, city, district and the detail.
    for _ in 0..4 {
        let rest = parsed.detail.trim_start_matches(is_separator);
        if rest.len() == parsed.detail.len() {
            break;
        }
        let Some(admin) = text.strip_suffix(parsed.detail.as_str()) else {
            break;
        };
        text = format!("{admin}{rest}");
        parsed = parser.parse(&text);
    }
    // cpca's detail is what remains after the levels it read, so the levels were written in
    // the part before it.
    let admin_text = text.strip_suffix(parsed.detail.as_str()).unwrap_or(&text);
    Resolved {
        admin: admin_text.chars().collect(),
        place: Place {
            province: parsed.province,
            city: parsed.city,
            district: parsed.district,
            detail: parsed.detail,
        },
    }
}

/// Resolves an address to province, city and district.
///
/// Short forms are understood ("广东深圳南山" → 广东省 / 深圳市 / 南山区) and higher levels are
/// filled in from lower ones when that is unambiguous ("深圳市南山区…" → 广东省). Unknown text
/// gives a `Place` with no levels and the whole normalised text as detail.
pub fn resolve(address: &str) -> Place {
    resolve_normalized(&normalize(address)).place
}

/// The official province name the address starts with ("广东省" for "广东省杭州市…"), which
/// is the province [`resolve`] gives it whatever follows; `None` if it starts otherwise, with a
/// short name ("广东…") for instance.
///
/// Needs no address data to be loaded.
pub fn leading_province(address: &str) -> Option<&'static str> {
    regions::leading_province(&normalize(address))
}

/// How one administrative level is written in an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Full,
    Short,
    Absent,
}

/// Placeholder for characters already attributed to another level.
const USED: char = '\u{0}';

fn find_mask(text: &mut [char], needle: &[char]) -> bool {
    if needle.is_empty() || needle.len() > text.len() {
        return false;
    }
    let found = text.windows(needle.len()).position(|w| w == needle);
    match found.and_then(|at| text.get_mut(at..at + needle.len())) {
        Some(span) => {
            span.fill(USED);
            true
        }
        None => false,
    }
}

/// How each of (province, city, district) is written in `admin`.
///
/// Full names are located first for all levels, so a full city name ("吉林市") is not taken for
/// a shortened province ("吉林"); then the longest leading part (two characters or more) of
/// each name still missing.
fn forms(resolved: &Resolved) -> [Form; 3] {
    let place = &resolved.place;
    let names = [&place.province, &place.city, &place.district];
    let mut text = resolved.admin.clone();
    let mut out = [Form::Absent; 3];
    // District first: it is the most specific and least likely to hide inside another name.
    for level in [2, 1, 0] {
        if let Some(Some(name)) = names.get(level) {
            let chars: Vec<char> = name.chars().collect();
            if find_mask(&mut text, &chars) {
                out[level] = Form::Full;
            }
        }
    }
    for level in [2, 1, 0] {
        if out[level] != Form::Absent {
            continue;
        }
        if let Some(Some(name)) = names.get(level) {
            let chars: Vec<char> = name.chars().collect();
            for k in (2..chars.len()).rev() {
                if find_mask(&mut text, chars.get(..k).unwrap_or_default()) {
                    out[level] = Form::Short;
                    break;
                }
            }
        }
    }
    out
}

/// Compares the licence's registered address with another (e.g. the one typed on Ozon).
///
/// Order of verdicts: equal after normalisation → `Identical`; either side without even a
/// province or city → `Unresolved` (licence checked first); a province, city or district that
/// differs where both are known → `DifferentPlace` at the highest such level; otherwise
/// `SamePlaceWorded` with every wording difference.
pub fn compare(licence: &str, other: &str) -> AddressComparison {
    // Most profiles type the licence address verbatim: no need to normalise it twice.
    if licence == other {
        return AddressComparison::Identical;
    }
    let ln = normalize(licence);
    let on = normalize(other);
    if ln == on {
        return AddressComparison::Identical;
    }
    let l = resolve_normalized(&ln);
    if l.place.province.is_none() && l.place.city.is_none() {
        return AddressComparison::Unresolved { which: "licence" };
    }
    let expanded = expand_prefecture(&l.place, &on);
    let o = resolve_normalized(expanded.as_deref().unwrap_or(&on));
    if o.place.province.is_none() && o.place.city.is_none() {
        return AddressComparison::Unresolved { which: "other" };
    }

    let levels = [
        ("province", &l.place.province, &o.place.province),
        ("city", &l.place.city, &o.place.city),
        ("district", &l.place.district, &o.place.district),
    ];
    for (level, lv, ov) in levels {
        if let (Some(lv), Some(ov)) = (lv, ov) {
            if lv != ov {
                return AddressComparison::DifferentPlace {
                    level,
                    licence: lv.clone(),
                    other: ov.clone(),
                };
            }
        }
    }

    let wording = wording(&l, &o, expanded.is_some());
    AddressComparison::SamePlaceWorded {
        licence: l.place,
        other: o.place,
        wording,
    }
}

/// How a province-level name written short is described: by what its full name ends with.
fn province_shortened(name: &Option<String>) -> Wording {
    match name.as_deref() {
        Some(n) if n.ends_with("自治区") => Wording::AutonomousRegionShortened,
        Some(n) if n.ends_with('省') => Wording::ProvinceSuffixDropped,
        _ => Wording::ProvinceShortened,
    }
}

/// How a city-level name written short is described: by what its full name ends with.
fn city_shortened(name: &Option<String>) -> Wording {
    match name.as_deref() {
        Some(n) if n.ends_with(PREFECTURE) => Wording::PrefectureShortened,
        Some(n) if n.ends_with('市') => Wording::CitySuffixDropped,
        _ => Wording::CityShortened,
    }
}

/// The suffix of an autonomous prefecture's full name.
const PREFECTURE: &str = "自治州";

/// An autonomous prefecture is usually written by its place name and 州 ("凉山州" for
/// "凉山彝族自治州"), which the region table does not always know. When the licence names such
/// a prefecture and `other` writes it that way, `other` with the full name instead, so that it
/// resolves to the same city; `None` otherwise.
fn expand_prefecture(licence: &Place, other: &str) -> Option<String> {
    let full = licence.city.as_deref()?;
    let base: Vec<char> = full.strip_suffix(PREFECTURE)?.chars().collect();
    if other.contains(full) {
        return None;
    }
    // The place name is the first two to four characters of the full name (凉山, 黔东南,
    // 西双版纳); the ethnic names follow it. With 州 first, then the place name alone.
    let lengths = || (2..=base.len().min(4)).rev();
    let with_zhou = lengths().map(|len| base.iter().take(len).chain(['州'].iter()).collect());
    let bare = lengths().map(|len| base.iter().take(len).collect::<String>());
    with_zhou
        .chain(bare)
        .find(|short: &String| other.contains(short.as_str()))
        .map(|short| other.replacen(&short, full, 1))
}

/// Wording differences of two resolved addresses already known to denote the same place;
/// `prefecture_short`: `other` wrote the licence's prefecture by its short name (see
/// [`expand_prefecture`]), which `o` was resolved from expanded.
/// How a county-level name written short is described: by what its full name ends with (a
/// city without districts, such as 东莞 or 中山, has towns and subdistricts at this level).
fn district_shortened(name: &Option<String>) -> Wording {
    match name.as_deref() {
        Some(n) if n.ends_with('镇') => Wording::TownSuffixDropped,
        Some(n) if n.ends_with('乡') => Wording::TownshipSuffixDropped,
        Some(n) if n.ends_with("街道") => Wording::SubdistrictSuffixDropped,
        _ => Wording::DistrictSuffixDropped,
    }
}

fn wording(l: &Resolved, o: &Resolved, prefecture_short: bool) -> Vec<Wording> {
    let lf = forms(l);
    let of = forms(o);
    let mut out = Vec::new();
    let mut other = false;

    // A municipality is its own province; its name is judged once, as the city.
    let municipality = l.place.province.is_some() && l.place.province == l.place.city;
    if !municipality {
        match (lf[0], of[0]) {
            (a, b) if a == b => {}
            (Form::Full, Form::Short) => out.push(province_shortened(&l.place.province)),
            (Form::Full | Form::Short, Form::Absent) => out.push(Wording::ProvinceOmitted),
            (Form::Absent, Form::Full | Form::Short) => {
                out.push(Wording::Added { level: "province" })
            }
            _ => other = true,
        }
    }

    match (&l.place.city, &o.place.city) {
        (Some(_), None) => out.push(Wording::LessSpecific { missing: "city" }),
        (None, Some(_)) => out.push(Wording::Added { level: "city" }),
        (None, None) => {}
        (Some(_), Some(_)) if prefecture_short => out.push(Wording::PrefectureShortened),
        (Some(_), Some(_)) => match (lf[1], of[1]) {
            (a, b) if a == b => {}
            (Form::Full, Form::Short) => out.push(city_shortened(&l.place.city)),
            (Form::Full | Form::Short, Form::Absent) => {
                out.push(Wording::LessSpecific { missing: "city" })
            }
            (Form::Absent, Form::Full | Form::Short) => out.push(Wording::Added { level: "city" }),
            _ => other = true,
        },
    }

    match (&l.place.district, &o.place.district) {
        (Some(_), None) => out.push(Wording::LessSpecific {
            missing: "district",
        }),
        (None, Some(_)) => out.push(Wording::Added { level: "district" }),
        (None, None) => {}
        (Some(_), Some(_)) => match (lf[2], of[2]) {
            (a, b) if a == b => {}
            (Form::Full, Form::Short) => out.push(district_shortened(&l.place.district)),
            (Form::Absent, Form::Full | Form::Short) => {
                out.push(Wording::Added { level: "district" })
            }
            _ => other = true,
        },
    }

    let (ld, od) = (&l.place.detail, &o.place.detail);
    if ld != od {
        if od.is_empty() {
            out.push(Wording::LessSpecific { missing: "detail" });
        } else {
            out.push(Wording::DetailDiffers);
        }
    }

    // Texts that differ although every level and the detail agree differ in order or
    // separators; that is still a wording difference.
    if other || out.is_empty() {
        out.push(Wording::Other);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LICENCE: &str = "广东省深圳市南山区粤海街道科技园路1号";

    fn place(p: Option<&str>, c: Option<&str>, d: Option<&str>, detail: &str) -> Place {
        Place {
            province: p.map(String::from),
            city: c.map(String::from),
            district: d.map(String::from),
            detail: detail.to_string(),
        }
    }

    fn wording_of(other: &str) -> Vec<Wording> {
        match compare(LICENCE, other) {
            AddressComparison::SamePlaceWorded { wording, .. } => wording,
            x => panic!("expected SamePlaceWorded, got {x:?}"),
        }
    }

    #[test]
    fn resolves_full_and_short_forms() {
        let full = place(
            Some("广东省"),
            Some("深圳市"),
            Some("南山区"),
            "粤海街道科技园路1号",
        );
        assert_eq!(resolve(LICENCE), full);
        assert_eq!(
            resolve("广东深圳南山"),
            place(Some("广东省"), Some("深圳市"), Some("南山区"), "")
        );
        assert_eq!(
            resolve("Shenzhen Nanshan"),
            place(None, None, None, "ShenzhenNanshan")
        );
        assert_eq!(resolve(""), place(None, None, None, ""));
    }

    #[test]
    fn resolve_normalizes_width_and_whitespace_in_detail() {
        assert_eq!(
            resolve(" 广东省深圳市南山区 科技园路\u{3000}１号\u{200B}"),
            place(
                Some("广东省"),
                Some("深圳市"),
                Some("南山区"),
                "科技园路1号"
            )
        );
    }

    #[test]
    fn all_suffixes_dropped_and_detail_missing() {
        let got = compare(LICENCE, "广东深圳南山");
        assert_eq!(
            got,
            AddressComparison::SamePlaceWorded {
                licence: place(
                    Some("广东省"),
                    Some("深圳市"),
                    Some("南山区"),
                    "粤海街道科技园路1号"
                ),
                other: place(Some("广东省"), Some("深圳市"), Some("南山区"), ""),
                wording: vec![
                    Wording::ProvinceSuffixDropped,
                    Wording::CitySuffixDropped,
                    Wording::DistrictSuffixDropped,
                    Wording::LessSpecific { missing: "detail" },
                ],
            }
        );
    }

    #[test]
    fn province_omitted() {
        assert_eq!(
            wording_of("深圳市南山区粤海街道科技园路1号"),
            vec![Wording::ProvinceOmitted]
        );
    }

    #[test]
    fn less_specific_district() {
        assert_eq!(
            wording_of("广东省深圳市"),
            vec![
                Wording::LessSpecific {
                    missing: "district"
                },
                Wording::LessSpecific { missing: "detail" },
            ]
        );
    }

    #[test]
    fn city_not_named_though_inferred() {
        assert_eq!(
            wording_of("广东省南山区粤海街道科技园路1号"),
            vec![Wording::LessSpecific { missing: "city" }]
        );
    }

    #[test]
    fn detail_differs() {
        assert_eq!(
            wording_of("广东省深圳市南山区科技园路2号"),
            vec![Wording::DetailDiffers]
        );
    }

    #[test]
    fn levels_the_licence_leaves_out_are_added() {
        assert_eq!(
            wording_of_against("广东省南山区科技园路1号", "广东省深圳市南山区科技园路1号"),
            vec![Wording::Added { level: "city" }]
        );
        assert_eq!(
            wording_of_against("广东省深圳市科技园路1号", "广东省深圳市南山区科技园路1号"),
            vec![Wording::Added { level: "district" }]
        );
        assert_eq!(
            wording_of_against("深圳市南山区科技园路1号", "广东深圳市南山区科技园路1号"),
            vec![Wording::Added { level: "province" }]
        );
    }

    /// A town, township or subdistrict written without its suffix is said to be one: a city
    /// without districts (东莞, 中山) has them at the district's level.
    #[test]
    fn a_town_without_its_suffix_is_called_a_town() {
        for (licence, other, expected) in [
            (
                "广东省东莞市长安镇振安中路188号",
                "广东省东莞市长安振安中路188号",
                Wording::TownSuffixDropped,
            ),
            (
                "广东省中山市小榄镇升平中路8号",
                "广东省中山市小榄升平中路8号",
                Wording::TownSuffixDropped,
            ),
            (
                "广东省深圳市南山区科技园路1号",
                "广东省深圳市南山科技园路1号",
                Wording::DistrictSuffixDropped,
            ),
        ] {
            assert_eq!(
                wording_of_against(licence, other),
                vec![expected],
                "{other}"
            );
        }
    }

    fn wording_of_against(licence: &str, other: &str) -> Vec<Wording> {
        match compare(licence, other) {
            AddressComparison::SamePlaceWorded { wording, .. } => wording,
            x => panic!("expected SamePlaceWorded, got {x:?}"),
        }
    }

    #[test]
    fn province_added_to_the_licence_wording() {
        assert_eq!(
            compare("深圳市南山区科技园路1号", "广东省深圳市南山区科技园路1号"),
            AddressComparison::SamePlaceWorded {
                licence: place(
                    Some("广东省"),
                    Some("深圳市"),
                    Some("南山区"),
                    "科技园路1号"
                ),
                other: place(
                    Some("广东省"),
                    Some("深圳市"),
                    Some("南山区"),
                    "科技园路1号"
                ),
                wording: vec![Wording::Added { level: "province" }],
            }
        );
    }

    #[test]
    fn separators_between_levels_is_other() {
        assert_eq!(
            compare(LICENCE, "广东省-深圳市-南山区-粤海街道科技园路1号"),
            AddressComparison::SamePlaceWorded {
                licence: place(
                    Some("广东省"),
                    Some("深圳市"),
                    Some("南山区"),
                    "粤海街道科技园路1号"
                ),
                other: place(
                    Some("广东省"),
                    Some("深圳市"),
                    Some("南山区"),
                    "粤海街道科技园路1号"
                ),
                wording: vec![Wording::Other],
            }
        );
        assert_eq!(
            resolve("广东省，深圳市南山区科技园路1-2号"),
            place(
                Some("广东省"),
                Some("深圳市"),
                Some("南山区"),
                "科技园路1-2号"
            )
        );
    }

    #[test]
    fn reordered_levels_is_other() {
        assert_eq!(
            wording_of("南山区深圳市广东省粤海街道科技园路1号"),
            vec![Wording::Other]
        );
    }

    #[test]
    fn municipality_judged_as_city() {
        assert_eq!(
            compare("北京市朝阳区望京街1号", "北京朝阳区望京街1号"),
            AddressComparison::SamePlaceWorded {
                licence: place(Some("北京市"), Some("北京市"), Some("朝阳区"), "望京街1号"),
                other: place(Some("北京市"), Some("北京市"), Some("朝阳区"), "望京街1号"),
                wording: vec![Wording::CitySuffixDropped],
            }
        );
    }

    #[test]
    fn city_full_name_not_mistaken_for_short_province() {
        assert_eq!(
            compare("吉林省吉林市船营区", "吉林市船营区"),
            AddressComparison::SamePlaceWorded {
                licence: place(Some("吉林省"), Some("吉林市"), Some("船营区"), ""),
                other: place(Some("吉林省"), Some("吉林市"), Some("船营区"), ""),
                wording: vec![Wording::ProvinceOmitted],
            }
        );
        assert_eq!(
            compare("吉林省吉林市船营区", "吉林吉林市船营区"),
            AddressComparison::SamePlaceWorded {
                licence: place(Some("吉林省"), Some("吉林市"), Some("船营区"), ""),
                other: place(Some("吉林省"), Some("吉林市"), Some("船营区"), ""),
                wording: vec![Wording::ProvinceSuffixDropped],
            }
        );
    }

    #[test]
    fn different_district() {
        assert_eq!(
            compare(LICENCE, "广东省深圳市福田区福华路1号"),
            AddressComparison::DifferentPlace {
                level: "district",
                licence: "南山区".into(),
                other: "福田区".into(),
            }
        );
    }

    #[test]
    fn different_city() {
        assert_eq!(
            compare(LICENCE, "广东省广州市天河区体育西路1号"),
            AddressComparison::DifferentPlace {
                level: "city",
                licence: "深圳市".into(),
                other: "广州市".into(),
            }
        );
    }

    #[test]
    fn different_province() {
        assert_eq!(
            compare(LICENCE, "浙江省杭州市西湖区文三路1号"),
            AddressComparison::DifferentPlace {
                level: "province",
                licence: "广东省".into(),
                other: "浙江省".into(),
            }
        );
    }

    #[test]
    fn identical_and_noise_only() {
        assert_eq!(compare(LICENCE, LICENCE), AddressComparison::Identical);
        assert_eq!(
            compare(LICENCE, "广东省 深圳市南山区\u{200B}粤海街道科技园路１号 "),
            AddressComparison::Identical
        );
    }

    #[test]
    fn unresolved() {
        assert_eq!(
            compare(LICENCE, "Nanshan District, Shenzhen, Guangdong"),
            AddressComparison::Unresolved { which: "other" }
        );
        assert_eq!(
            compare("@@@###", LICENCE),
            AddressComparison::Unresolved { which: "licence" }
        );
        assert_eq!(
            compare(LICENCE, "\u{0}\u{FFFF}\u{10FFFF}"),
            AddressComparison::Unresolved { which: "other" }
        );
    }

    #[test]
    fn wording_names() {
        assert_eq!(Wording::ProvinceOmitted.as_str(), "province_omitted");
        assert_eq!(Wording::CitySuffixDropped.as_str(), "city_suffix_dropped");
        assert_eq!(
            Wording::DistrictSuffixDropped.as_str(),
            "district_suffix_dropped"
        );
        assert_eq!(
            Wording::ProvinceSuffixDropped.as_str(),
            "province_suffix_dropped"
        );
        assert_eq!(
            Wording::LessSpecific {
                missing: "district"
            }
            .as_str(),
            "less_specific_district"
        );
        assert_eq!(
            Wording::LessSpecific { missing: "detail" }.as_str(),
            "less_specific_detail"
        );
        assert_eq!(
            Wording::LessSpecific { missing: "city" }.as_str(),
            "less_specific_city"
        );
        assert_eq!(Wording::DetailDiffers.as_str(), "detail_differs");
        assert_eq!(Wording::Other.as_str(), "other");
    }

    /// Autonomous regions and prefectures are shortened by more than a suffix: the wording says
    /// which name was shortened, not that a 省 or 市 is missing.
    #[test]
    fn autonomous_region_and_prefecture_short_forms() {
        let worded = |licence: &str, other: &str| match compare(licence, other) {
            AddressComparison::SamePlaceWorded { wording, .. } => wording,
            x => panic!("{other}: expected SamePlaceWorded, got {x:?}"),
        };
        assert_eq!(
            worded(
                "新疆维吾尔自治区乌鲁木齐市天山区解放南路1号",
                "新疆乌鲁木齐市天山区解放南路1号"
            ),
            [Wording::AutonomousRegionShortened]
        );
        assert_eq!(
            worded(
                "四川省凉山彝族自治州西昌市长安街道1号",
                "四川省凉山州西昌市长安街道1号"
            ),
            [Wording::PrefectureShortened]
        );
        assert_eq!(
            worded(
                "贵州省黔东南苗族侗族自治州凯里市北京东路1号",
                "贵州省黔东南州凯里市北京东路1号"
            ),
            [Wording::PrefectureShortened]
        );
        // A prefecture the region table knows by its short name (西双版纳州) is worded the same.
        assert_eq!(
            worded(
                "云南省西双版纳傣族自治州景洪市勐泐大道1号",
                "云南省西双版纳州景洪市勐泐大道1号"
            ),
            [Wording::PrefectureShortened]
        );
        assert_eq!(
            worded(
                "四川省凉山彝族自治州西昌市长安街道1号",
                "四川凉山西昌长安街道1号"
            ),
            [
                Wording::ProvinceSuffixDropped,
                Wording::PrefectureShortened,
                Wording::DistrictSuffixDropped
            ]
        );
        assert_eq!(
            Wording::AutonomousRegionShortened.as_str(),
            "autonomous_region_shortened"
        );
        assert_eq!(
            Wording::PrefectureShortened.as_str(),
            "prefecture_shortened"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        #[test]
        fn never_panics(a in "\\PC{0,24}", b in "[广东省深圳市南山区福田北京朝阳路号1 　]{0,16}") {
            let _ = resolve(&a);
            let _ = compare(&a, &b);
            let _ = compare(&b, &a);
            proptest::prop_assert_eq!(compare(&a, &a), AddressComparison::Identical);
            if let AddressComparison::SamePlaceWorded { wording, .. } = compare(&b, &a) {
                proptest::prop_assert!(!wording.is_empty());
            }
        }
    }
}
