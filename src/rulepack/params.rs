//! A rule's parameters, typed, and the patterns and literal sets built from them on first use.

use super::*;

impl RulePack {
    fn param(&self, code: &str, key: &str) -> Result<&toml::Value, PolicyError> {
        // A rule has a handful of params: comparing their keys is cheaper than hashing `key`
        // for the table's map, and this runs several times per rule per profile.
        self.rules
            .get(code)
            .and_then(|r| r.params.iter().find(|(k, _)| k.as_str() == key))
            .map(|(_, value)| value)
            .ok_or_else(|| {
                PolicyError::new("in use", format!("rules.{code}.params.{key} is missing"))
            })
    }

    fn param_error(code: &str, key: &str, expected: &str) -> PolicyError {
        PolicyError::new(
            "in use",
            format!("rules.{code}.params.{key} must be {expected}"),
        )
    }

    pub fn param_str(&self, code: &str, key: &str) -> Result<&str, PolicyError> {
        self.param(code, key)?
            .as_str()
            .ok_or_else(|| Self::param_error(code, key, "a string"))
    }

    pub fn param_money(&self, code: &str, key: &str) -> Result<Money, PolicyError> {
        self.param_str(code, key)?
            .parse()
            .map_err(|_| Self::param_error(code, key, "money like \"100 CNY\""))
    }

    pub fn param_integer(&self, code: &str, key: &str) -> Result<i64, PolicyError> {
        self.param(code, key)?
            .as_integer()
            .ok_or_else(|| Self::param_error(code, key, "an integer"))
    }

    pub fn param_strings(&self, code: &str, key: &str) -> Result<Vec<&str>, PolicyError> {
        let value = self.param(code, key)?;
        let strings: Option<Vec<&str>> = value
            .as_array()
            .map(|items| items.iter().map(toml::Value::as_str).collect())
            .unwrap_or(None);
        strings.ok_or_else(|| Self::param_error(code, key, "an array of strings"))
    }

    /// An array of arrays of strings (e.g. groups of equivalent legal forms).
    pub fn param_string_groups(
        &self,
        code: &str,
        key: &str,
    ) -> Result<Vec<Vec<String>>, PolicyError> {
        let value = self.param(code, key)?;
        let groups: Option<Vec<Vec<String>>> = value.as_array().and_then(|groups| {
            groups
                .iter()
                .map(|g| {
                    g.as_array()?
                        .iter()
                        .map(|s| s.as_str().map(str::to_string))
                        .collect()
                })
                .collect()
        });
        groups.ok_or_else(|| Self::param_error(code, key, "an array of arrays of strings"))
    }

    /// A compiled `pattern` / `*_pattern` parameter.
    pub fn param_regex(&self, code: &str, key: &str) -> Result<&Regex, PolicyError> {
        built_once(&self.patterns, code, key, "a regular expression", || {
            compile(self.param_str(code, key)?)
                .map_err(|e| PolicyError::new("in use", format!("rules.{code}.params.{key} {e}")))
        })
    }

    /// A `*_hints` parameter (an array of literal strings) as an automaton that finds any of
    /// them in one pass over a short text (a value).
    pub fn param_literals(
        &self,
        code: &str,
        key: &str,
    ) -> Result<&aho_corasick::AhoCorasick, PolicyError> {
        Ok(&self.literal_set(code, key)?.automaton)
    }

    /// Whether `text`, a long one (a whole file), holds any of the `*_hints` literals:
    /// vectorised where the CPU allows, else the automaton.
    pub fn holds_literal(&self, code: &str, key: &str, text: &str) -> Result<bool, PolicyError> {
        let set = self.literal_set(code, key)?;
        Ok(match &set.packed {
            Some(searcher) => searcher.find(text).is_some(),
            None => set.automaton.is_match(text),
        })
    }

    fn literal_set(&self, code: &str, key: &str) -> Result<&LiteralSet, PolicyError> {
        built_once(&self.literals, code, key, "an array of strings", || {
            let literals = self.param_strings(code, key)?;
            // A handful of short literals, searched in short values: the automaton that is
            // cheapest to build is the right one (a DFA would cost more to build than a run
            // uses). Over a whole file, a packed (SIMD) search is many times faster than
            // either automaton.
            let automaton = aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
                .build(&literals)
                .map_err(|e| {
                    PolicyError::new("in use", format!("rules.{code}.params.{key}: {e}"))
                })?;
            let packed = aho_corasick::packed::Config::new()
                .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
                .builder()
                .extend(&literals)
                .build();
            Ok(LiteralSet { automaton, packed })
        })
    }
}

/// A `*_hints` parameter, built for the two lengths of text it is searched in.
#[derive(Debug, Clone)]
pub(super) struct LiteralSet {
    automaton: aho_corasick::AhoCorasick,
    packed: Option<aho_corasick::packed::Searcher>,
}

/// The value of the parameter `code`.`key` among `cells` (registered when the pack was
/// loaded), built by `build` on first use.
pub(super) fn built_once<'a, T>(
    cells: &'a [((String, String), std::sync::OnceLock<T>)],
    code: &str,
    key: &str,
    expected: &str,
    build: impl FnOnce() -> Result<T, PolicyError>,
) -> Result<&'a T, PolicyError> {
    let cell = cells
        .iter()
        .find(|((c, k), _)| c == code && k == key)
        .map(|(_, cell)| cell)
        .ok_or_else(|| RulePack::param_error(code, key, expected))?;
    if let Some(value) = cell.get() {
        return Ok(value);
    }
    let value = build()?;
    Ok(cell.get_or_init(|| value))
}

pub(super) fn compile(pattern: &str) -> Result<Regex, String> {
    Regex::new(pattern).map_err(|e| {
        format!(
            "is not a valid regular expression: {}",
            e.to_string().lines().last().unwrap_or("")
        )
    })
}
