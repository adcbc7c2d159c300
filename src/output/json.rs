//! One JSON document for tools: every finding with byte and line/column positions, the files
//! that could not be checked, and a summary. The shape is documented in docs/json-output.md
//! and versioned by `version`.

use super::{display_path, Summary};
use crate::diagnostic::{Fix, Severity, Span};
use crate::engine::FileReport;
use crate::lines::{LineIndex, Position};
use serde::Serialize;
use std::io::{self, Write};

/// Bumped when a field changes meaning or disappears (adding a field does not bump it).
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    findings: Vec<Finding<'a>>,
    errors: Vec<FileError>,
    summary: Summary,
}

#[derive(Serialize)]
struct Finding<'a> {
    file: String,
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    /// Byte offsets into the file.
    span: Span,
    start: Position,
    end: Position,
    label: Option<&'a str>,
    labels: Vec<Label<'a>>,
    help: Option<&'a str>,
    fix: Option<&'a Fix>,
}

#[derive(Serialize)]
struct Label<'a> {
    span: Span,
    start: Position,
    end: Position,
    message: &'a str,
}

#[derive(Serialize)]
struct FileError {
    file: String,
    message: String,
}

pub fn render(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let mut findings = Vec::new();
    let mut errors = Vec::new();
    for report in reports {
        let file = display_path(&report.path);
        match &report.outcome {
            Ok(checked) => {
                let text = checked.source.as_str();
                let index = LineIndex::new(text);
                let mut starts = index.cursor(text);
                let mut ends = index.cursor(text);
                for d in &checked.diagnostics {
                    findings.push(Finding {
                        file: file.clone(),
                        rule: &d.rule,
                        severity: d.severity,
                        message: &d.message,
                        span: d.span,
                        start: starts.position(d.span.start),
                        end: ends.position(d.span.end),
                        label: d.label.as_deref(),
                        labels: d
                            .labels
                            .iter()
                            .map(|l| Label {
                                span: l.span,
                                start: index.position(text, l.span.start),
                                end: index.position(text, l.span.end),
                                message: &l.message,
                            })
                            .collect(),
                        help: d.help.as_deref(),
                        fix: d.fix.as_ref(),
                    });
                }
            }
            Err(e) => errors.push(FileError {
                file,
                message: e.to_string(),
            }),
        }
    }
    let document = Document {
        version: VERSION,
        findings,
        errors,
        summary: Summary::of(reports),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
