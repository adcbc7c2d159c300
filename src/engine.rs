//! Runs compiled rules over articles: one parse per article, every rule over it, files in
//! parallel, results in a deterministic order.

use crate::diagnostic::Diagnostic;
use crate::document::{Document, Format};
use crate::error::Error;
use crate::rules::Rule;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The active rules of a run, compiled once.
#[derive(Debug, Default)]
pub struct Linter {
    rules: Vec<Rule>,
}

/// What checking one file produced.
#[derive(Debug)]
pub struct FileReport {
    pub path: PathBuf,
    pub outcome: Result<Checked, Error>,
}

/// A file that was read and checked.
#[derive(Debug)]
pub struct Checked {
    /// The file's text, kept only when there are findings to show in it.
    pub source: String,
    /// Sorted by position, then rule id.
    pub diagnostics: Vec<Diagnostic>,
}

impl Linter {
    pub fn new(mut rules: Vec<Rule>) -> Self {
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        Linter { rules }
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Every finding of every rule in `doc`, sorted by (start, end, rule id).
    pub fn check_document(&self, doc: &Document) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut not_copy = Vec::new();
        for rule in &self.rules {
            let before = out.len();
            rule.run(doc, &mut out);
            if rule.not_copy {
                not_copy.extend(out[before..].iter().map(|d| (d.span, d.rule.clone())));
            }
        }
        if !not_copy.is_empty() {
            // Text that is to be deleted (page furniture, a pasted notice) is not edited.
            out.retain(|d| {
                !not_copy
                    .iter()
                    .any(|(span, rule)| *rule != d.rule && span.contains(d.span))
            });
        }
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out
    }

    /// Parses and checks one article given as text.
    pub fn check_text(&self, text: String, format: Format) -> (Document, Vec<Diagnostic>) {
        let doc = Document::parse(text, format);
        let diagnostics = self.check_document(&doc);
        (doc, diagnostics)
    }

    /// Decodes and checks the bytes of the file at `path` (its extension picks the format).
    pub fn check_bytes(&self, path: &Path, bytes: Vec<u8>) -> Result<Checked, Error> {
        let format = Format::from_path(path).ok_or_else(|| Error::UnsupportedFormat {
            path: path.to_path_buf(),
        })?;
        let text = String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
            path: path.to_path_buf(),
            offset: e.utf8_error().valid_up_to(),
        })?;
        let (doc, diagnostics) = self.check_text(text, format);
        let source = if diagnostics.is_empty() {
            String::new()
        } else {
            doc.source
        };
        Ok(Checked {
            source,
            diagnostics,
        })
    }

    /// Reads and checks one file.
    pub fn check_file(&self, path: &Path) -> FileReport {
        let outcome = std::fs::read(path)
            .map_err(|e| Error::Read {
                path: path.to_path_buf(),
                io: e,
            })
            .and_then(|bytes| self.check_bytes(path, bytes));
        FileReport {
            path: path.to_path_buf(),
            outcome,
        }
    }

    /// Checks `paths` in parallel; reports come back in the order of `paths`.
    pub fn check_files(&self, paths: &[PathBuf]) -> Vec<FileReport> {
        paths.par_iter().map(|p| self.check_file(p)).collect()
    }
}
