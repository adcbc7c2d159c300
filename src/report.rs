//! What a run found, file by file and in total: the reports the engine makes and every output
//! format reads. Neither side owns them, so `output` never depends on `engine`.

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use std::path::PathBuf;
use std::time::Duration;

/// What fixing one file did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FixOutcome {
    pub applied: usize,
    /// Further fixes that `--unsafe-fixes` would apply.
    pub unsafe_available: usize,
    /// For `Mode::Diff` (`engine::Mode`): the unified diff, when anything would change.
    pub diff: Option<String>,
    /// For `Mode::Fix` (`engine::Mode`): whether the file was rewritten.
    pub written: bool,
}

/// What checking one file produced.
#[derive(Debug)]
pub struct FileReport {
    pub path: PathBuf,
    pub outcome: Result<Checked, Error>,
    /// Set in the fix and diff modes, for files that could be read.
    pub fix: Option<FixOutcome>,
}

/// A file that was read and checked.
#[derive(Debug)]
pub struct Checked {
    /// The file's text, kept only when there are findings to show in it.
    pub source: String,
    /// Sorted by position, then rule id.
    pub diagnostics: Vec<Diagnostic>,
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
