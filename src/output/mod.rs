//! Renderers: the same findings as a miette report for people, one line each for editors and
//! grep, or JSON for tools. Each format is its own module; none of them decides anything.

pub mod checkstyle;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod sarif;
pub mod short;
pub mod terminal;

use crate::diagnostic::Severity;
use crate::engine::FileReport;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// How findings are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// A report with the article text and the span underlined.
    Human,
    /// `path:line:col: severity [rule] message`, one finding a line.
    Short,
    /// One JSON document (see docs/json-output.md).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// Checkstyle XML, for reviewdog and Jenkins.
    Checkstyle,
    /// GitLab Code Quality JSON, for merge requests.
    Gitlab,
}

/// What a machine report says about a rule, besides its findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDescriptor {
    pub id: String,
    pub kind: String,
    pub severity: Severity,
    /// The message template (placeholders unfilled).
    pub message: String,
    pub description: Option<String>,
    pub help: Option<String>,
}

impl RuleDescriptor {
    pub fn of(rule: &crate::rules::Rule) -> RuleDescriptor {
        RuleDescriptor {
            id: rule.id.clone(),
            kind: rule.kind.as_str().to_string(),
            severity: rule.severity,
            message: rule.message.as_str().to_string(),
            description: rule.description.clone(),
            help: rule.help.clone(),
        }
    }

    /// The findings copydesk makes about suppressions themselves.
    pub fn meta() -> impl Iterator<Item = RuleDescriptor> {
        crate::suppress::META_RULES
            .iter()
            .map(|(id, message, description)| RuleDescriptor {
                id: (*id).to_string(),
                kind: "suppression".into(),
                severity: Severity::Warning,
                message: (*message).to_string(),
                description: Some((*description).to_string()),
                help: None,
            })
    }
}

/// Counts for the end of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files_checked: usize,
    pub files_with_findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files that could not be read, decoded or recognised.
    pub unreadable: usize,
    /// Files met in folders and left out: not an article format (by extension), or a
    /// repository's own papers (README, LICENSE and the like).
    pub files_skipped: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut summary = Summary::default();
        for report in reports {
            match &report.outcome {
                Ok(checked) => {
                    summary.files_checked += 1;
                    if !checked.diagnostics.is_empty() {
                        summary.files_with_findings += 1;
                    }
                    for d in &checked.diagnostics {
                        match d.severity {
                            Severity::Error => summary.errors += 1,
                            Severity::Warning => summary.warnings += 1,
                            Severity::Info => summary.infos += 1,
                        }
                    }
                }
                Err(_) => summary.unreadable += 1,
            }
        }
        summary
    }

    /// Adds the counts of `other` (a later batch of files).
    pub fn add(&mut self, other: &Summary) {
        self.files_checked += other.files_checked;
        self.files_with_findings += other.files_with_findings;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        self.unreadable += other.unreadable;
        self.files_skipped += other.files_skipped;
    }

    pub fn findings(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// "Found 1 error, 2 warnings and 3 infos in 2 of 5 files (0.01s)."
    pub fn sentence(&self, elapsed: Duration) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let files = plural(self.files_checked, "file", "files");
        let time = format!("{:.2}s", elapsed.as_secs_f64());
        let mut text = if self.findings() == 0 {
            format!("No findings in {files} ({time}).")
        } else {
            let parts = [
                (self.errors, plural(self.errors, "error", "errors")),
                (self.warnings, plural(self.warnings, "warning", "warnings")),
                (self.infos, plural(self.infos, "info", "infos")),
            ];
            let parts: Vec<String> = parts
                .into_iter()
                .filter(|(n, _)| *n > 0)
                .map(|(_, s)| s)
                .collect();
            let listed = match parts.as_slice() {
                [one] => one.clone(),
                [init @ .., last] => format!("{} and {last}", init.join(", ")),
                [] => String::new(),
            };
            format!(
                "Found {listed} in {} of {files} ({time}).",
                self.files_with_findings
            )
        };
        if self.files_skipped > 0 {
            text.push_str(&format!(
                " {} skipped (not articles).",
                plural(self.files_skipped, "file", "files")
            ));
        }
        if self.unreadable > 0 {
            text.push_str(&format!(
                " {} could not be checked.",
                plural(self.unreadable, "file", "files")
            ));
        }
        text
    }
}

/// The start and end position of each finding of `checked`, in order, with columns in `unit`,
/// and the file's line index for any other offset (labels, fix edits). Positions are counted on
/// from the previous finding, so a long line is not counted again for each.
pub(crate) fn positions(
    checked: &crate::engine::Checked,
    unit: crate::lines::Unit,
) -> (
    crate::lines::LineIndex,
    Vec<(crate::lines::Position, crate::lines::Position)>,
) {
    let text = checked.source.as_str();
    let index = crate::lines::LineIndex::new(text);
    let mut starts = index.cursor_in(text, unit);
    let mut ends = index.cursor_in(text, unit);
    let found = checked
        .diagnostics
        .iter()
        .map(|d| (starts.position(d.span.start), ends.position(d.span.end)))
        .collect();
    (index, found)
}

/// Writes `value` as serde_json's pretty printer would at `depth` levels of nesting (two spaces
/// a level), for documents written a piece at a time. Its first line is not indented: the
/// caller has written the key or the indentation before it. JSON strings hold no raw line
/// breaks, so every line break is one of the layout's.
pub(crate) fn write_pretty(
    out: &mut dyn Write,
    value: &impl serde::Serialize,
    depth: usize,
) -> std::io::Result<()> {
    let text = serde_json::to_vec_pretty(value)?;
    let indent = " ".repeat(2 * depth);
    for (i, line) in text.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(indent.as_bytes())?;
        }
        out.write_all(line)?;
    }
    Ok(())
}

/// A path as shown to people and in line-oriented formats: [`path_text`] with control
/// characters, line breaks, tabs and bidirectional controls escaped (`\u{1b}`), so that a name
/// can neither drive a terminal nor start a line of its own.
pub fn display_path(path: &Path) -> String {
    terminal::escaped_line(&path_text(path)).into_owned()
}

/// A path as machine formats carry it, each escaping it in its own way (JSON string escapes,
/// XML character references): without a leading `./`, with `/` separators, and any bytes that
/// are not UTF-8 shown as U+FFFD (JSON and XML strings hold text, not bytes).
pub fn path_text(path: &Path) -> String {
    let text = path.to_string_lossy();
    let text = text.strip_prefix("./").unwrap_or(&text);
    text.replace('\\', "/")
}
