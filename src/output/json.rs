//! One JSON document for tools: every finding with byte and line/column positions, the files
//! that could not be checked, and a summary. The shape is documented in docs/json-output.md
//! and versioned by `version`.

use super::path_text;
use crate::diagnostic::{Fix, Severity, Span};
use crate::lines::{Position, Unit};
use crate::report::{FileReport, Summary};
use serde::Serialize;
use std::io::{self, Write};

/// Bumped when a field changes meaning or disappears (adding a field does not bump it).
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    findings: &'a [Finding],
    errors: &'a [FileError],
    summary: Summary,
}

#[derive(Serialize)]
struct Finding {
    file: String,
    rule: String,
    severity: Severity,
    message: String,
    /// Byte offsets into the file.
    span: Span,
    start: Position,
    end: Position,
    label: Option<String>,
    labels: Vec<Label>,
    help: Option<String>,
    fix: Option<Fix>,
}

#[derive(Serialize)]
struct Label {
    span: Span,
    start: Position,
    end: Position,
    message: String,
}

#[derive(Serialize)]
struct FileError {
    file: String,
    message: String,
}

/// The findings of a run, gathered a file at a time (the articles' text is not kept), written
/// as one document at the end.
#[derive(Default)]
pub struct JsonEmitter {
    findings: Vec<Finding>,
    errors: Vec<FileError>,
}

impl super::Emitter for JsonEmitter {
    fn file(&mut self, _out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        self.add(std::slice::from_ref(report));
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let document = Document {
            version: VERSION,
            findings: &self.findings,
            errors: &self.errors,
            summary: *summary,
        };
        serde_json::to_writer_pretty(&mut *out, &document)?;
        writeln!(out)
    }
}

impl JsonEmitter {
    fn add(&mut self, reports: &[FileReport]) {
        for report in reports {
            let file = path_text(&report.path);
            match &report.outcome {
                Ok(checked) => {
                    let text = checked.source.as_str();
                    let (index, found) = super::positions(checked, Unit::Chars);
                    for (d, (start, end)) in checked.diagnostics.iter().zip(found) {
                        self.findings.push(Finding {
                            file: file.clone(),
                            rule: d.rule.clone(),
                            severity: d.severity,
                            message: d.message.clone(),
                            span: d.span,
                            start,
                            end,
                            label: d.label.clone(),
                            labels: d
                                .labels
                                .iter()
                                .map(|l| Label {
                                    span: l.span,
                                    start: index.position(text, l.span.start),
                                    end: index.position(text, l.span.end),
                                    message: l.message.clone(),
                                })
                                .collect(),
                            help: d.help.clone(),
                            fix: d.fix.clone(),
                        });
                    }
                }
                Err(e) => self.errors.push(FileError {
                    file,
                    message: e.to_string(),
                }),
            }
        }
    }
}

pub fn render(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    super::emit(&mut JsonEmitter::default(), out, reports)
}
