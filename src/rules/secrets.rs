//! BC901: credentials stored in a profile.
//!
//! What is a credential is decided once, when the profile is loaded
//! ([`crate::profile::credentials`]): a value of a field the format declares a secret, a value
//! anywhere with the shape of a known credential, every value below an unknown key whose name
//! says it holds one, a key name or a comment with a credential's shape. This rule reports each
//! of them. The value itself never leaves the loader: findings carry no value argument, no
//! evidence about it and a fingerprint value that does not depend on it, and every output hides
//! the source text of their spans.

use super::{Context, Rule};
use crate::finding::Finding;
use crate::redact::SecretReason;
use crate::rulepack::PolicyError;
use crate::source::Span;

/// BC901: one finding per secret part of the profile (see the module documentation).
pub fn secret_in_profile(
    rule: &Rule,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) -> Result<(), PolicyError> {
    // The fingerprint must not depend on the value, yet stay distinct for several credentials
    // under one key (a comment's findings share the empty path): the ordinal of the finding
    // within its path is used.
    let retired = ctx.pack.param_strings("BC804", "fields")?;
    let mut seen: Vec<(&Span, &str)> = Vec::new();
    for item in ctx.profile.source.secrets().items() {
        if seen.iter().any(|(span, _)| **span == item.span) {
            continue;
        }
        let ordinal = seen.iter().filter(|(_, path)| *path == item.path).count();
        seen.push((&item.span, &item.path));
        let (variant, reason) = match item.reason {
            SecretReason::Declared if retired.contains(&item.path.as_str()) => {
                ("retired", "secret_field")
            }
            SecretReason::Declared => ("default", "secret_field"),
            SecretReason::Shape => ("value", "credential_shape"),
            SecretReason::CredentialKey => ("key", "credential_key"),
            SecretReason::KeyName => ("key_name", "key_name"),
            SecretReason::Comment => ("comment", "comment"),
        };
        out.push(
            rule.finding(item.path.clone(), item.span.clone())
                .variant(variant)
                .secret("value")
                .evidence("reason", reason)
                .fingerprint_value(ordinal.to_string()),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::rulepack::RulePack;

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
            "Atza|IwEBIExampleAccessTokenValue0123456789",
            "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
            "AIzaSyA1234567890abcdefghijklmnopqrstuv",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        ] {
            assert!(pattern.is_match(sample), "{sample}");
            assert!(hints.iter().any(|h| sample.contains(h)), "{sample}");
            assert!(literals.is_match(sample), "{sample}");
        }
        for plain in ["SHENZHEN XINGHE", "LL2024SZXH0000000000A7K3", "sk_", "AKI"] {
            assert!(!literals.is_match(plain), "{plain}");
        }
        // A hint alone is no credential: the shape decides.
        for near in ["xoxb-1", "AIza-short", "eyJhbGciOiJIUzI1NiJ9 only a header"] {
            assert!(!pattern.is_match(near), "{near}");
        }
    }
}
