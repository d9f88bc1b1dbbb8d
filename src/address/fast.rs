//! cpca's reading of an address, on the compiled-in region table.
//!
//! `cpca::AddressParser::parse` matches names with prefix tries it builds at start-up (about
//! 15 ms, ten times everything else `diagnose` does). This module takes the same steps in the
//! same order over [`super::regions`], so where it answers, the answer is cpca's: the steps and
//! their conditions mirror `parse` in cpca 0.3's `src/parser.rs` one for one, and the tests
//! compare the two over every place in the table.
//!
//! It answers for the forward order — province, city, district, each in full, short or left
//! out, then the detail — and gives up (`None`, the caller asks cpca) where cpca would go on to
//! read a level written after a lower one ("南山区深圳市"), where a level is one of cpca's
//! reviewed aliases, or where the detail starts with a separator (the caller then reads again
//! without it).

use super::Place;
use super::regions::{
    CITY_KEYS, DISTRICT_KEYS, District, DistrictKey, KeyForm, Keyed, PROVINCE_KEYS, city, district,
    longest_prefix, province,
};

/// Positions of the levels read so far.
#[derive(Debug, Default)]
struct Levels {
    province: Option<u16>,
    city: Option<u16>,
    district: Option<u16>,
}

impl Levels {
    /// Whether `city` (and its province) agree with the levels already known.
    fn admits(&self, at: u16) -> bool {
        city(at).is_some_and(|c| {
            self.province.is_none_or(|p| p == c.province) && self.city.is_none_or(|x| x == at)
        })
    }
}

/// A district name matched at the start of the text, and the district it is taken for.
struct DistrictMatch {
    key: &'static DistrictKey,
    district: u16,
    len: usize,
}

/// cpca's separators, which include whitespace (the normalised text has none).
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | ',' | '，' | '、' | '/')
}

/// Whether the text goes on like a street name ("路", "南大街"): then a short name before it
/// is part of the street.
fn is_road_suffix(tail: &str) -> bool {
    let tail = tail
        .strip_prefix(['东', '西', '南', '北', '中'])
        .unwrap_or(tail);
    ["路", "街", "巷", "大道", "大街", "胡同", "风情街"]
        .iter()
        .any(|suffix| tail.starts_with(suffix))
}

fn after(text: &str, len: usize) -> &str {
    text.get(len..).unwrap_or_default()
}

/// Resolves `address` as `cpca::AddressParser::parse` would, or `None` outside the forward
/// order (see the module documentation): province, then city or district, then district, each
/// level optional, then the levels left out filled in from the ones written.
pub(super) fn parse(address: &str) -> Option<Place> {
    let mut levels = Levels::default();
    let rest = read_province(address.trim(), &mut levels)?;
    let rest = read_city_or_district(rest, &mut levels)?;
    // cpca would look for the province after the city ("深圳市广东省").
    if levels.city.is_some()
        && levels.province.is_none()
        && longest_prefix(&PROVINCE_KEYS, rest.trim_start_matches(is_separator)).is_some()
    {
        return None;
    }
    let rest = read_district(rest, &mut levels)?;
    // cpca would look for a city or province after the district ("南山区深圳").
    if levels.district.is_some() {
        let tail = rest.trim_start_matches(is_separator);
        if (levels.city.is_none() && longest_prefix(&CITY_KEYS, tail).is_some())
            || (levels.province.is_none() && longest_prefix(&PROVINCE_KEYS, tail).is_some())
        {
            return None;
        }
    }
    fill_left_out(&mut levels)?;
    let detail = rest.trim();
    if detail.starts_with(super::is_separator) {
        return None;
    }
    place(&levels, detail)
}

/// Reads a leading province into `levels` (and a municipality's city with it); the rest of the
/// text. A short province name counts only if the text goes on with a place of that province or
/// not like a street ("广东路"), and is not the start of a full city name ("吉林市").
fn read_province<'a>(rest: &'a str, levels: &mut Levels) -> Option<&'a str> {
    let Some((key, len)) = longest_prefix(&PROVINCE_KEYS, rest) else {
        return Some(rest);
    };
    let tail = after(rest, len);
    let accepted = key.form == KeyForm::Full
        || ((!is_road_suffix(tail) || full_child(key.to, tail))
            && !longest_prefix(&CITY_KEYS, rest)
                .is_some_and(|(c, c_len)| c.form == KeyForm::Full && c_len > len));
    if !accepted {
        return Some(rest);
    }
    levels.province = Some(key.to);
    let p = province(key.to)?;
    Some(match p.municipality {
        Some(m) => {
            levels.city = Some(m);
            tail.strip_prefix(p.name()).unwrap_or(tail)
        }
        None => tail,
    })
}

/// Reads a city or a district, whichever matches more text, or the district when both match
/// equally and it is written in full or its city follows; `None` for an alias cpca resolves
/// its own way.
fn read_city_or_district<'a>(rest: &'a str, levels: &mut Levels) -> Option<&'a str> {
    let city_match = longest_prefix(&CITY_KEYS, rest).filter(|(key, len)| {
        let tail = after(rest, *len);
        levels.city.is_none()
            && (key.form == KeyForm::Full
                || !is_road_suffix(tail)
                || city(key.to).is_some_and(|c| {
                    c.districts()
                        .iter()
                        .any(|&d| district(d).is_some_and(|d| tail.starts_with(d.name())))
                }))
    });
    let district_match =
        match_district(rest, levels).filter(|m| allow_district(m, after(rest, m.len), levels));
    let prefer_district = match (&city_match, &district_match) {
        (Some((_, city_len)), Some(m)) => {
            m.len > *city_len
                || (m.len == *city_len && m.key.form == KeyForm::Full)
                || following_parent_matches(m.district, after(rest, m.len))
        }
        (None, Some(_)) => true,
        (_, None) => false,
    };
    if prefer_district {
        if let Some(m) = district_match {
            if m.key.form == KeyForm::Alias {
                return None;
            }
            levels.district = Some(m.district);
            return Some(after(rest, m.len));
        }
    } else if let Some((key, len)) = city_match {
        let in_province = levels
            .province
            .is_none_or(|p| city(key.to).is_some_and(|c| c.province == p));
        if in_province || key.form == KeyForm::Full {
            if key.form == KeyForm::Alias {
                return None;
            }
            levels.city = Some(key.to);
            return Some(after(rest, len));
        }
    }
    Some(rest)
}

/// Reads a district after a city (or after nothing), when none was read yet and it belongs
/// to the city read; `None` for an alias.
fn read_district<'a>(rest: &'a str, levels: &mut Levels) -> Option<&'a str> {
    if levels.district.is_some() {
        return Some(rest);
    }
    let found =
        match_district(rest, levels).filter(|m| allow_district(m, after(rest, m.len), levels));
    let Some(m) = found else {
        return Some(rest);
    };
    let valid = levels.city.is_none_or(|at| {
        m.key.form == KeyForm::Full || city(at).is_some_and(|c| c.districts().contains(&m.district))
    });
    if !valid {
        return Some(rest);
    }
    if m.key.form == KeyForm::Alias {
        return None;
    }
    levels.district = Some(m.district);
    Some(after(rest, m.len))
}

/// Fills the levels left out from the district (when only one city fits) and from the city.
fn fill_left_out(levels: &mut Levels) -> Option<()> {
    if let Some(at) = levels.district {
        let mut fitting = district(at)?
            .parents()
            .iter()
            .copied()
            .filter(|&c| levels.admits(c));
        if let (Some(c), None) = (fitting.next(), fitting.next()) {
            levels.province.get_or_insert(city(c)?.province);
            levels.city.get_or_insert(c);
        }
    }
    if levels.province.is_none() {
        if let Some(at) = levels.city {
            levels.province = Some(city(at)?.province);
        }
    }
    if levels.city.is_none() {
        levels.city = levels
            .province
            .and_then(province)
            .and_then(|p| p.municipality);
    }
    Some(())
}

/// The place `levels` name, with `detail` after them.
fn place(levels: &Levels, detail: &str) -> Option<Place> {
    Some(Place {
        province: match levels.province {
            Some(at) => Some(province(at)?.name().to_string()),
            None => None,
        },
        city: match levels.city {
            Some(at) => Some(city(at)?.name().to_string()),
            None => None,
        },
        district: match levels.district {
            Some(at) => Some(district(at)?.name().to_string()),
            None => None,
        },
        detail: detail.to_string(),
    })
}

/// Whether `tail` starts with the full name of a district or city of province `p`.
fn full_child(p: u16, tail: &str) -> bool {
    longest_prefix(&DISTRICT_KEYS, tail).is_some_and(|(key, _)| {
        key.form == KeyForm::Full
            && full_district(key).and_then(district).is_some_and(|d| {
                d.parents()
                    .iter()
                    .any(|&c| city(c).is_some_and(|c| c.province == p))
            })
    }) || longest_prefix(&CITY_KEYS, tail).is_some_and(|(key, _)| {
        key.form == KeyForm::Full && city(key.to).is_some_and(|c| c.province == p)
    })
}

/// The district whose official name a [`KeyForm::Full`] key is.
fn full_district(key: &DistrictKey) -> Option<u16> {
    key.districts()
        .iter()
        .copied()
        .find(|&d| district(d).is_some_and(|d| d.name() == key.key()))
}

/// The district named at the start of `text`: a full name stands for itself; a short one
/// (or alias) for the one district that fits the levels read, preferring those whose city or
/// province follows.
fn match_district(text: &str, levels: &Levels) -> Option<DistrictMatch> {
    let (key, len) = longest_prefix(&DISTRICT_KEYS, text)?;
    if key.form == KeyForm::Full {
        return Some(DistrictMatch {
            key,
            district: full_district(key)?,
            len,
        });
    }
    let tail = after(text, len);
    let fitting: Vec<u16> = key
        .districts()
        .iter()
        .copied()
        .filter(|&d| district(d).is_some_and(|d| d.parents().iter().any(|&c| levels.admits(c))))
        .collect();
    let followed: Vec<u16> = fitting
        .iter()
        .copied()
        .filter(|&d| following_parent_matches(d, tail))
        .collect();
    let candidates = if followed.is_empty() {
        fitting
    } else {
        followed
    };
    match candidates.as_slice() {
        [only] => Some(DistrictMatch {
            key,
            district: *only,
            len,
        }),
        _ => None,
    }
}

/// Whether a short district name may be taken as a district at all: it needs a level already
/// read or an address-like cue after it, so "合作共赢" is not read as 合作市.
fn allow_district(m: &DistrictMatch, tail: &str, levels: &Levels) -> bool {
    if m.key.form != KeyForm::Short {
        return true;
    }
    if is_road_suffix(tail) {
        return false;
    }
    let first_ten = tail
        .char_indices()
        .nth(10)
        .map_or(tail, |(at, _)| tail.get(..at).unwrap_or(tail));
    let next = tail.trim_start_matches(is_separator);
    levels.province.is_some()
        || levels.city.is_some()
        || tail.trim().is_empty()
        || ["路", "街", "巷", "园", "村", "小区"]
            .iter()
            .any(|cue| first_ten.contains(cue))
        || longest_prefix(&CITY_KEYS, next).is_some()
        || longest_prefix(&PROVINCE_KEYS, next).is_some()
}

/// Whether `tail` starts with a city or province that district `at` belongs to.
fn following_parent_matches(at: u16, tail: &str) -> bool {
    let tail = tail.trim_start_matches(is_separator);
    let Some(parents) = district(at).map(District::parents) else {
        return false;
    };
    longest_prefix(&CITY_KEYS, tail).is_some_and(|(key, len)| {
        (key.form == KeyForm::Full || parent_alias_boundary(after(tail, len)))
            && parents.contains(&key.to)
    }) || longest_prefix(&PROVINCE_KEYS, tail).is_some_and(|(key, len)| {
        (key.form == KeyForm::Full || parent_alias_boundary(after(tail, len)))
            && parents
                .iter()
                .any(|&c| city(c).is_some_and(|c| c.province == key.to))
    })
}

/// Whether a short city or province name written after a lower level ends there: the text
/// stops, or goes on with a separator or a full name, not with more of a word ("吉林大学").
fn parent_alias_boundary(tail: &str) -> bool {
    if is_road_suffix(tail) {
        return false;
    }
    tail.is_empty()
        || tail.starts_with(is_separator)
        || longest_prefix(&DISTRICT_KEYS, tail).is_some_and(|(k, _)| k.form == KeyForm::Full)
        || longest_prefix(&PROVINCE_KEYS, tail).is_some_and(|(k, _)| k.form == KeyForm::Full)
        || longest_prefix(&CITY_KEYS, tail).is_some_and(|(k, _)| k.form == KeyForm::Full)
}

#[cfg(test)]
mod tests {
    use super::super::regions::{CITIES, PROVINCES, leading_province};
    use super::*;

    fn cpca(text: &str) -> Place {
        let parsed = cpca::AddressParser::global().parse(text);
        Place {
            province: parsed.province,
            city: parsed.city,
            district: parsed.district,
            detail: parsed.detail,
        }
    }

    /// The fast reading of `text`, after checking that it is cpca's if there is one.
    fn checked(text: &str) -> Option<Place> {
        let fast = parse(text);
        if let Some(place) = &fast {
            assert_eq!(place, &cpca(text), "{text}");
        }
        fast
    }

    /// Every (province, city, district) of the table; `None` for the city itself.
    fn places() -> Vec<(&'static str, &'static str, Option<&'static str>)> {
        let mut out = Vec::new();
        for c in &CITIES {
            let p = province(c.province).unwrap().name();
            out.push((p, c.name(), None));
            for &d in c.districts() {
                out.push((p, c.name(), Some(district(d).unwrap().name())));
            }
        }
        out
    }

    /// A name in full, left out, and cut to each leading part of two characters or more.
    fn spellings(name: &str) -> Vec<String> {
        let chars: Vec<char> = name.chars().collect();
        let mut out = vec![name.to_string(), String::new()];
        out.extend((2..chars.len()).map(|k| chars[..k].iter().collect()));
        out
    }

    /// How cpca's own output writes a place: a municipality once.
    fn canonical(p: &str, c: &str, d: Option<&str>, detail: &str) -> String {
        let c = if c == p { "" } else { c };
        format!("{p}{c}{}{detail}", d.unwrap_or_default())
    }

    #[test]
    fn every_place_in_every_spelling_agrees_with_cpca() {
        let (mut answered, mut total) = (0usize, 0usize);
        for (p, c, d) in places() {
            let canonical = canonical(p, c, d, "科技路1号");
            assert!(checked(&canonical).is_some(), "{canonical}");
            let districts = d.map_or_else(|| vec![String::new()], spellings);
            for ps in spellings(p) {
                for cs in spellings(c) {
                    for ds in &districts {
                        let text = format!("{ps}{cs}{ds}科技路1号");
                        total += 1;
                        answered += usize::from(checked(&text).is_some());
                    }
                }
            }
        }
        // The fast reading is only worth having if it answers for most of them.
        assert!(answered * 10 > total * 8, "{answered} of {total}");
    }

    #[test]
    fn answers_for_the_usual_licence_and_ozon_addresses() {
        for text in [
            "广东省深圳市南山区粤海街道科技南十二路18号",
            "广东深圳南山粤海街道科技南十二路18号",
            "深圳市南山区粤海街道科技南十二路18号",
            "广东省深圳市南山区科技南十二路18号",
            "北京市朝阳区建国路88号",
            "上海市浦东新区世纪大道100号",
            "浙江省金华市义乌市稠城街道工人北路143号",
            "福建省厦门市思明区鹭江道96号",
            "广东省深圳市南山区粤海街道科技园路1号",
            "广东深圳南山",
            "广东省南山区粤海街道科技园路1号",
            "广东省深圳市",
            "广东省东莞市长安镇",
            "北京朝阳区望京街1号",
            "吉林省吉林市船营区",
            "吉林市船营区",
            "吉林吉林市船营区",
            "广东省广州市天河区体育西路1号",
            "浙江省杭州市西湖区文三路1号",
            "",
        ] {
            assert!(checked(text).is_some(), "{text}");
        }
    }

    /// cpca's aliases are data the build copies by hand (its API does not list them): a new
    /// one of the usual shapes ("红河州", "呼市", "前郭县") would make the readings differ.
    #[test]
    fn no_alias_of_the_usual_shapes_is_missing() {
        let mut names: Vec<&str> = CITIES.iter().map(|c| c.name()).collect();
        names.extend(super::super::regions::DISTRICTS.iter().map(|d| d.name()));
        for name in names {
            let chars: Vec<char> = name.chars().collect();
            for k in 1..chars.len() {
                let head: String = chars[..k].iter().collect();
                for suffix in ["州", "市", "盟", "县", "区", "旗"] {
                    checked(&format!("{head}{suffix}科技路1号"));
                }
            }
        }
        // A new cpca data set needs its alias list compared with build.rs's by hand.
        assert_eq!(
            (
                PROVINCES.len(),
                CITIES.len(),
                super::super::regions::DISTRICTS.len()
            ),
            (35, 392, 3202),
            "cpca's region data changed: compare its data/pca_aliases.csv with build.rs"
        );
    }

    /// Texts that take cpca's rarer turns, which the fast reading follows too.
    #[test]
    fn follows_cpca_off_the_usual_path() {
        for text in [
            // A full city name is the city even in another province.
            "广东省杭州市西湖区文三路1号",
            // "朝阳" is a city (辽宁) and a district (北京, 长春, and 朝阳县 of 朝阳市): the
            // district whose province follows wins.
            "辽宁朝阳辽宁",
            // A short province name before a street is part of the street.
            "广东路1号",
            "北京南路1号",
            // A short district name alone needs an address-like cue.
            "南山",
            "合作共赢",
            "南山区",
        ] {
            assert!(checked(text).is_some(), "{text}");
        }
    }

    #[test]
    fn gives_up_on_reversed_levels_aliases_and_separators() {
        for text in [
            "南山区深圳市广东省粤海街道科技园路1号",
            "深圳市广东省南山区",
            "呼市新城区",
            "云南省红河州蒙自市",
            "广东省-深圳市-南山区",
            "广东省，深圳市南山区科技园路1-2号",
        ] {
            assert_eq!(checked(text), None, "{text}");
        }
    }

    #[test]
    fn a_leading_full_province_name_is_the_province_whatever_follows() {
        for p in &PROVINCES {
            for rest in [
                "",
                "杭州市西湖区",
                "省",
                "自治区",
                "路1号",
                "北京市",
                "南山区",
                "-1",
            ] {
                let text = format!("{}{rest}", p.name());
                assert_eq!(leading_province(&text), Some(p.name()));
                assert_eq!(cpca(&text).province.as_deref(), Some(p.name()), "{text}");
            }
        }
        assert_eq!(leading_province("广东深圳"), None);
        assert_eq!(leading_province("深圳市广东省"), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn agrees_with_cpca_whatever_the_detail(
            at in 0usize..4000,
            ps in 0usize..8,
            cs in 0usize..8,
            ds in 0usize..8,
            detail in "[东西南北中路街巷大道胡同区县市旗镇乡省州盟,，、/ 0-9号\\-科技园村小区广州深圳南山朝阳吉林北京上海黑龙江蒙古自治]{0,8}",
        ) {
            let places = places();
            let (p, c, d) = places[at % places.len()];
            let pick = |options: Vec<String>, i: usize| options[i % options.len()].clone();
            let text = format!(
                "{}{}{}{detail}",
                pick(spellings(p), ps),
                pick(spellings(c), cs),
                d.map(|d| pick(spellings(d), ds)).unwrap_or_default(),
            );
            let _ = checked(&text);
        }

        #[test]
        fn agrees_with_cpca_on_any_text(text in "\\PC{0,12}") {
            let _ = checked(&text);
        }
    }
}
