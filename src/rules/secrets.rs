//! BC901: credentials stored in a profile.
//!
//! Three ways a credential is spotted: a field the format declares a secret
//! (`FieldClass::Secret`), a string anywhere that has the shape of a known credential
//! (`value_pattern`), and an unknown key whose name says it holds one (`key_pattern`). The
//! value itself never leaves this module: findings carry no value argument, no evidence about
//! it and an empty fingerprint value, and their span lets reports hide the source text.

use super::{Context, Rule};
use crate::finding::Finding;
use crate::profile::Value;
use crate::profile::schema::{self, FieldClass};
use crate::rulepack::PolicyError;
use crate::source::Span;
use regex::Regex;
use toml::de::{DeTable, DeValue};

/// BC901: a credential stored in the profile, found three ways (see the module documentation).
pub fn secret_in_profile(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    let mut found: Vec<Finding> = Vec::new();
    for field in ctx.profile.fields_of_class(&[FieldClass::Secret]) {
        if field.spec.class == FieldClass::Secret && field.text().is_some_and(|s| !s.is_empty()) {
            found.push(
                rule.finding(field.path(), field.span.clone())
                    .secret("value")
                    .evidence("reason", "secret_field"),
            );
        }
    }
    if !ctx.profile.has_load_issues {
        // Every value of the file is a typed field: no need to read the raw table. The pattern
        // is compiled only for a value that holds one of its literal hints: compiling it costs
        // more than checking the rest of a profile, and almost no profile holds a credential.
        let hints = ctx.pack.param_literals(rule.code, "value_hints")?;
        for field in ctx.profile.fields_of_class(super::EVERY_CLASS) {
            match &field.value {
                Value::Text(s) => check_text(rule, ctx, hints, field, s, &field.span, &mut found)?,
                Value::List(items) => {
                    for item in items {
                        check_text(rule, ctx, hints, field, &item.text, &item.span, &mut found)?;
                    }
                }
                _ => {}
            }
        }
    }
    // Unknown keys and values of the wrong type never reach `Profile` (the loader reports them
    // as BC002/BC003 and drops them), so then the raw table is parsed again here. The loader
    // already parsed this text successfully, so a failure here only means there is nothing
    // more to find.
    let text = &ctx.profile.source.text;
    let base = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    if ctx.profile.has_load_issues
        && let Some(rest) = text.get(base..)
    {
        let value_pattern = ctx.pack.param_regex(rule.code, "value_pattern")?;
        let key_pattern = ctx.pack.param_regex(rule.code, "key_pattern")?;
        if could_match(rest, value_pattern, key_pattern)
            && let Ok(root) = DeTable::parse(rest)
        {
            let mut walker = Walker {
                rule,
                base,
                value_pattern,
                key_pattern,
                found: &mut found,
            };
            walker.table("", root.get_ref(), false);
        }
    }
    // One finding per value: a declared secret that also has a credential's shape is reported
    // once, with the most specific reason (the first found).
    // The fingerprint must not depend on the value, yet stay distinct for several credentials
    // under one key (array items): the ordinal of the finding within its field is used.
    let mut seen: Vec<(Span, String)> = Vec::new();
    for finding in found {
        if seen.iter().any(|(span, _)| *span == finding.span) {
            continue;
        }
        let ordinal = seen.iter().filter(|(_, f)| *f == finding.field).count();
        seen.push((finding.span.clone(), finding.field.clone()));
        out.push(finding.fingerprint_value(ordinal.to_string()));
    }
    Ok(())
}

/// Reports `text` (a typed value, or one item of a list) when it has a credential's shape.
fn check_text(
    rule: &Rule,
    ctx: &Context<'_>,
    hints: &aho_corasick::AhoCorasick,
    field: &crate::profile::Field,
    text: &str,
    span: &Span,
    found: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    if hints.is_match(text)
        && ctx
            .pack
            .param_regex(rule.code, "value_pattern")?
            .is_match(text)
    {
        found.push(
            rule.finding(field.path(), span.clone())
                .variant("value")
                .secret("value")
                .evidence("reason", "credential_shape"),
        );
    }
    Ok(())
}

/// Whether parsing `text` again could find anything: some string value matching
/// `value_pattern` or some key matching `key_pattern`. Without a backslash or a carriage
/// return in the file, every string value and key is written verbatim (TOML only rewrites
/// escapes and line endings), so it is a substring of the file, and a pattern without anchors
/// or word boundaries that matches it also matches the file. Parsing the file costs far more
/// than two searches of it. When the conditions do not hold, the answer is "yes".
fn could_match(text: &str, value_pattern: &Regex, key_pattern: &Regex) -> bool {
    let local = |re: &Regex| {
        let pattern = re.as_str().as_bytes();
        !pattern.contains(&b'^')
            && !pattern.contains(&b'$')
            && !pattern
                .windows(2)
                .any(|w| matches!(w, [b'\\', b'A' | b'z' | b'b' | b'B' | b'<' | b'>']))
    };
    let bytes = text.as_bytes();
    let verbatim = !bytes.contains(&b'\\') && !bytes.contains(&b'\r');
    !(verbatim && local(value_pattern) && local(key_pattern))
        || value_pattern.is_match(text)
        || key_pattern.is_match(text)
}

struct Walker<'a> {
    rule: &'a Rule,
    base: usize,
    value_pattern: &'a Regex,
    key_pattern: &'a Regex,
    found: &'a mut Vec<Finding>,
}

impl Walker<'_> {
    /// `secret_key`: an enclosing unknown key already named a credential, so every string
    /// below it is one.
    fn table(&mut self, parent: &str, table: &DeTable<'_>, secret_key: bool) {
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            let path = schema::child_path(parent, name);
            let known = schema::field(&path).is_some()
                || schema::section(&path).is_some()
                || path == "format";
            let named = secret_key || (!known && self.key_pattern.is_match(name));
            self.value(&path, value.get_ref(), value.span(), named);
        }
    }

    fn value(&mut self, path: &str, value: &DeValue<'_>, span: Span, named: bool) {
        match value {
            DeValue::String(s) if !s.is_empty() => {
                let reason = if self.value_pattern.is_match(s) {
                    Some("credential_shape")
                } else if named {
                    Some("credential_key")
                } else {
                    None
                };
                if let Some(reason) = reason {
                    let span = span.start + self.base..span.end + self.base;
                    let variant = if reason == "credential_key" {
                        "key"
                    } else {
                        "value"
                    };
                    self.found.push(
                        self.rule
                            .finding(path, span)
                            .variant(variant)
                            .secret("value")
                            .evidence("reason", reason),
                    );
                }
            }
            DeValue::Integer(_) if named => {
                // A numeric PIN or password under a credential-named key.
                let span = span.start + self.base..span.end + self.base;
                self.found.push(
                    self.rule
                        .finding(path, span)
                        .variant("key")
                        .secret("value")
                        .evidence("reason", "credential_key"),
                );
            }
            DeValue::Table(t) => self.table(path, t, named),
            DeValue::Array(items) => {
                for item in items.iter() {
                    self.value(path, item.get_ref(), item.span(), named);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::could_match;
    use crate::rulepack::RulePack;

    #[test]
    fn reparse_is_skipped_only_when_nothing_can_match() {
        let pack = RulePack::builtin().unwrap();
        let value = pack.param_regex("BC901", "value_pattern").unwrap();
        let key = pack.param_regex("BC901", "key_pattern").unwrap();
        assert!(!could_match("[seller]\nfoo = \"bar\"\n", value, key));
        assert!(could_match("[seller]\napi_key = \"bar\"\n", value, key));
        assert!(could_match("x = \"AKIAIOSFODNN7EXAMPLE\"\n", value, key));
        // Escapes and CR line ends may hide what the file holds: always parse then.
        assert!(could_match(
            "x = \"\\u0041KIAIOSFODNN7EXAMPLE\"\n",
            value,
            key
        ));
        assert!(could_match("x = \"\"\"a\r\nb\"\"\"\r\n", value, key));
        // An anchored pattern might match a value but not the file.
        let anchored = regex::Regex::new("^AKIA").unwrap();
        assert!(could_match("x = \"AKIA\"\n", &anchored, key));
    }

    /// Every credential shape the pattern knows carries one of the hints, or the typed-field
    /// path would never compile the pattern for it.
    #[test]
    fn every_credential_shape_has_a_hint() {
        let pack = RulePack::builtin().unwrap();
        let pattern = pack.param_regex("BC901", "value_pattern").unwrap();
        let hints = pack.param_strings("BC901", "value_hints").unwrap();
        let literals = pack.param_literals("BC901", "value_hints").unwrap();
        for sample in [
            "amzn.mws.4ea38b7b-f563-7709-4bae-87aea1234567",
            "Atzr|IwEBIExampleRefreshTokenValue0123456789",
            "AKIAIOSFODNN7EXAMPLE",
            "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
            "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            "gho_abcdefghijklmnopqrstuvwxyz0123456789",
            "-----BEGIN RSA PRIVATE KEY-----",
        ] {
            assert!(pattern.is_match(sample), "{sample}");
            assert!(hints.iter().any(|h| sample.contains(h)), "{sample}");
            assert!(literals.is_match(sample), "{sample}");
        }
        for plain in ["SHENZHEN XINGHE", "LL2024SZXH0000000000A7K3", "sk_", "AKI"] {
            assert!(!literals.is_match(plain), "{plain}");
        }
    }
}
