//! `--statistics`: how often each rule fired across a batch, so support staff see which causes
//! dominate.

use crate::report::{FileReport, Terminal, layout, words};
use crate::rulepack::{Lang, Severity};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One row: a rule and how often it fired.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleCount {
    pub code: &'static str,
    pub name: &'static str,
    /// The most severe level it was reported at.
    pub severity: Severity,
    /// Findings.
    pub count: usize,
    /// Files with at least one finding of this rule.
    pub files: usize,
}

/// Counts across files.
#[derive(Debug, Default, Clone)]
pub struct Statistics {
    files: usize,
    rules: BTreeMap<&'static str, RuleCount>,
}

impl Statistics {
    /// Adds one file's reported findings.
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        let mut seen = BTreeSet::new();
        for finding in &report.findings {
            let row = self.rules.entry(finding.code).or_insert(RuleCount {
                code: finding.code,
                name: finding.name,
                severity: finding.severity,
                count: 0,
                files: 0,
            });
            row.count += 1;
            row.severity = row.severity.min(finding.severity);
            if seen.insert(finding.code) {
                row.files += 1;
            }
        }
    }

    /// Rows by count (most first), then code.
    pub fn rows(&self) -> Vec<RuleCount> {
        let mut rows: Vec<RuleCount> = self.rules.values().cloned().collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
        rows
    }

    /// The JSON form (`--statistics --format json`).
    pub fn to_json(&self) -> serde_json::Value {
        let rows = self.rows();
        serde_json::json!({
            "schema_version": 1,
            "files": self.files,
            "findings": rows.iter().map(|r| r.count).sum::<usize>(),
            "rules": rows,
        })
    }

    /// A Markdown table, ready to paste into a ticket or chat, at most `terminal.width`
    /// columns wide, with headers and severities in `lang`.
    pub fn table(&self, lang: Lang, terminal: Terminal) -> String {
        let header = match lang {
            Lang::En => ["Code", "Name", "Severity", "Count", "Files"],
            Lang::Zh => ["代码", "名称", "严重程度", "数量", "文件数"],
        };
        let mut table = layout::table(terminal, header);
        table.load_preset(comfy_table::presets::ASCII_MARKDOWN);
        for row in self.rows() {
            table.add_row([
                row.code.into(),
                row.name.into(),
                layout::severity_cell(words::severity(row.severity, lang), row.severity, terminal),
                row.count.to_string().into(),
                row.files.to_string().into(),
            ]);
        }
        for column in 3..5 {
            if let Some(c) = table.column_mut(column) {
                c.set_cell_alignment(comfy_table::CellAlignment::Right);
            }
        }
        let rows = self.rows();
        let total: usize = rows.iter().map(|r| r.count).sum();
        let files = self.files;
        let summary = match lang {
            Lang::En => format!(
                "{total} finding{} in {files} file{}",
                if total == 1 { "" } else { "s" },
                if files == 1 { "" } else { "s" }
            ),
            Lang::Zh => format!("{files} 个文件中共 {total} 个问题"),
        };
        format!("{table}\n{summary}\n")
    }
}
