//! Message and step templates: `{name}` placeholders filled from a finding's values.

use std::ops::Range;

/// Fills `{name}` placeholders from `args`; unknown placeholders are left as written.
pub fn fill(template: &str, args: &[(&str, String)]) -> String {
    fill_marked(template, args).0
}

/// [`fill`], and for each value filled in, in order, its placeholder's name and the byte range
/// of the result that holds it.
pub fn fill_marked<'t>(
    template: &'t str,
    args: &[(&str, String)],
) -> (String, Vec<(&'t str, Range<usize>)>) {
    let mut inserted = Vec::new();
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    // Byte searches: the braces are ASCII (bench/README.md, "Why the code is shaped so").
    while let Some(open) = memchr::memchr(b'{', rest.as_bytes()) {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match memchr::memchr(b'}', after.as_bytes()) {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => {
                        let start = out.len();
                        out.push_str(v);
                        inserted.push((name, start..out.len()));
                    }
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    (out, inserted)
}

/// The placeholders a template uses.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

/// `template` as a text no finding fills (`explain`, SARIF rule help, the rule reference): a
/// placeholder named after one of the rule's scalar parameters shows the parameter's value
/// (`{minimum}` → 100 CNY), so the step reads as the seller will see it; any other placeholder
/// is shown as `<name>`.
pub fn generic(template: &str, params: &toml::Table) -> String {
    let args: Vec<(&str, String)> = placeholders(template)
        .into_iter()
        .map(|p| {
            let value = match params.get(p) {
                Some(toml::Value::String(s)) => s.clone(),
                Some(toml::Value::Integer(i)) => i.to_string(),
                Some(toml::Value::Float(f)) => f.to_string(),
                _ => format!("<{p}>"),
            };
            (p, value)
        })
        .collect();
    fill(template, &args)
}
