//! `--format jsonl`: one JSON object per finding per line — the JSON report's finding object plus
//! the file's `"path"` — so a batch of thousands of files can be streamed and grepped. A file
//! that could not be loaded shows as its BC001 / BC005 finding; a clean file writes nothing.

use super::{FileReport, Renderer, Report};
use crate::unicode::escape;
use serde_json::Value;
use std::io::{self, Write};

/// The JSON Lines renderer.
pub struct Jsonl;

impl Renderer for Jsonl {
    fn streams(&self) -> bool {
        true
    }

    fn file(&self, _report: &Report, file: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let path = Value::String(escape(&file.path).into_owned());
        for finding in &file.findings {
            let mut object = serde_json::to_value(finding)?;
            if let Value::Object(map) = &mut object {
                map.insert("path".to_string(), path.clone());
            }
            serde_json::to_writer(&mut *out, &object)?;
            writeln!(out)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{clean_file, render, sample_report};
    use super::*;

    #[test]
    fn each_line_is_one_finding_with_its_path() {
        let mut report = sample_report();
        report.files.insert(0, clean_file("ok.toml"));
        let text = render(&Jsonl, &report);
        let lines: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("each line is JSON"))
            .collect();
        let summary: Vec<(&str, &str, u64, u64, u64)> = lines
            .iter()
            .map(|l| {
                (
                    l["path"].as_str().unwrap_or_default(),
                    l["code"].as_str().unwrap_or_default(),
                    l["rank"].as_u64().unwrap_or_default(),
                    l["line"].as_u64().unwrap_or_default(),
                    l["column"].as_u64().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("shops/a b.toml", "BC002", 1, 3, 1),
                ("shops/a b.toml", "BC003", 2, 4, 13),
                ("shops/a b.toml", "BC004", 3, 4, 1),
                ("broken.toml", "BC001", 1, 2, 9),
            ]
        );
        assert_eq!(lines[3]["message"], "not valid TOML: expected `=`");
        assert_eq!(lines[3]["severity"], "error");
        assert_eq!(lines[1]["related"][0]["field"], "lianlian.merchant_id");
        assert!(text.ends_with('\n'));
    }
}
