//! Runs compiled rules over articles: one parse per article, every rule over it, files in
//! parallel, results in a deterministic order.

use crate::config::{selects, Override};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::document::{Document, Format};
use crate::error::Error;
use crate::fix::{self, FixOptions};
pub use crate::input::DEFAULT_MAX_FILE_SIZE;
use crate::input::{Sniff, BINARY_SNIFF};
use crate::report::{Checked, FileReport, FixOutcome};
use crate::rules::Rule;
use crate::suppress::{Reporter, Warning};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The active rules of a run, compiled once, with what changes them per file: the
/// configuration's `[[overrides]]` and the article's own suppressions.
#[derive(Debug, Default)]
pub struct Linter {
    rules: Vec<Rule>,
    overrides: Vec<Override>,
    /// The folder override globs are relative to.
    root: PathBuf,
    /// Every rule id a suppression may name without a warning (rules turned off or not
    /// selected included).
    known: HashSet<String>,
    report_unused: bool,
    /// The largest article read (`None`: [`DEFAULT_MAX_FILE_SIZE`]).
    max_file_size: Option<u64>,
}

/// What to do with each file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Report findings.
    Check,
    /// Apply fixes, write the file if it changed, and report what remains.
    Fix(FixOptions),
    /// Work out the fixes and show them as a diff; write nothing, report the findings.
    Diff(FixOptions),
}

impl Linter {
    pub fn new(mut rules: Vec<Rule>) -> Self {
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        let known = rules.iter().map(|r| r.id.clone()).collect();
        Linter {
            rules,
            known,
            ..Linter::default()
        }
    }

    /// Applies `overrides` (globs relative to `root`) to the files checked.
    pub fn with_overrides(mut self, overrides: Vec<Override>, root: PathBuf) -> Self {
        self.overrides = overrides;
        self.root = root;
        self
    }

    /// Rule ids that suppressions may name besides the active rules' (rules that are off).
    pub fn with_known(mut self, ids: impl IntoIterator<Item = String>) -> Self {
        self.known.extend(ids);
        self
    }

    /// Reports suppressions that silence nothing.
    pub fn report_unused_suppressions(mut self, yes: bool) -> Self {
        self.report_unused = yes;
        self
    }

    /// Refuses articles larger than `bytes` (`max_file_size`, `--max-file-size`).
    pub fn with_max_file_size(mut self, bytes: u64) -> Self {
        self.max_file_size = Some(bytes);
        self
    }

    /// The largest article read.
    pub fn max_file_size(&self) -> u64 {
        self.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE)
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Each rule's severity for the file at `path` (`None`: the rule does not run there), after
    /// the overrides whose globs match it. Without a path, the defaults.
    pub fn severities(&self, path: Option<&Path>) -> Vec<Option<Severity>> {
        let mut severities: Vec<Option<Severity>> = self
            .rules
            .iter()
            .map(|r| r.enabled.then_some(r.severity))
            .collect();
        for o in self.overrides_for(path) {
            for (selector, severity) in &o.settings {
                for (rule, slot) in self.rules.iter().zip(severities.iter_mut()) {
                    if selects(selector, &rule.id) {
                        *slot = *severity;
                    }
                }
            }
        }
        severities
    }

    /// The plain-text layout the file at `path` is read with: the last matching override's,
    /// else read from the text.
    pub fn layout(&self, path: Option<&Path>) -> crate::document::Layout {
        self.overrides_for(path)
            .filter_map(|o| o.layout)
            .next_back()
            .unwrap_or_default()
    }

    /// The overrides whose globs match `path`, in order (none without a path). As with
    /// `exclude`, a glob naming a folder covers what is in it.
    fn overrides_for(&self, path: Option<&Path>) -> impl DoubleEndedIterator<Item = &Override> {
        let relative = path
            .filter(|_| !self.overrides.is_empty())
            .map(|p| crate::walk::relative_to(&self.root, p));
        self.overrides.iter().filter(move |o| {
            relative.as_ref().is_some_and(|r| {
                r.ancestors()
                    .any(|p| !p.as_os_str().is_empty() && o.files.is_match(p))
            })
        })
    }

    /// Every finding of every default rule in `doc`, sorted by (start, end, rule id).
    pub fn check_document(&self, doc: &Document) -> Vec<Diagnostic> {
        self.check_document_with(doc, &self.severities(None))
    }

    /// Every finding in `doc` with rule severities `severities` (see [`Linter::severities`]),
    /// less what the article's suppressions silence.
    pub fn check_document_with(
        &self,
        doc: &Document,
        severities: &[Option<Severity>],
    ) -> Vec<Diagnostic> {
        let run = |(rule, severity): (&Rule, &Option<Severity>)| {
            let mut out = Vec::new();
            if let Some(severity) = *severity {
                rule.run(doc, &mut out);
                for d in &mut out {
                    d.severity = severity;
                    if !doc.entities.is_empty() {
                        snap_to_entities(doc, d);
                    }
                }
            }
            out
        };
        // Outside the thread pool this is a lone article (a pre-commit hook, an editor, stdin):
        // its rules share the cores. A few rules cost most of the time (their regexes are
        // compiled then), so each core takes the costliest rule not yet started (by the length
        // of its patterns), and the longest does not start last. Inside the pool, files already
        // run side by side, and splitting further only costs.
        let found: Vec<Vec<Diagnostic>> = if rayon::current_thread_index().is_none() {
            let cost =
                |i: &usize| -> usize { self.rules[*i].patterns().iter().map(|p| p.len()).sum() };
            let mut by_cost: Vec<usize> = (0..self.rules.len()).collect();
            by_cost.sort_by_key(|i| std::cmp::Reverse(cost(i)));
            let slots: Vec<std::sync::OnceLock<Vec<Diagnostic>>> = self
                .rules
                .iter()
                .map(|_| std::sync::OnceLock::new())
                .collect();
            let next = std::sync::atomic::AtomicUsize::new(0);
            // The scope waits on this thread, not on a worker of the pool, which would take up
            // other jobs meanwhile on top of its own stack (many threads may call at once).
            rayon::in_place_scope(|scope| {
                for _ in 0..rayon::current_num_threads() {
                    scope.spawn(|_| loop {
                        let taken = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&i) = by_cost.get(taken) else {
                            break;
                        };
                        let _ = slots[i].set(run((&self.rules[i], &severities[i])));
                    });
                }
            });
            // Every index was taken once and its slot set before the scope ended (a rule that
            // panicked would have ended the scope with its panic).
            slots
                .into_iter()
                .map(|s| s.into_inner().unwrap_or_default())
                .collect()
        } else {
            self.rules.iter().zip(severities).map(run).collect()
        };
        let mut not_copy = HashSet::new();
        for (rule, found) in self.rules.iter().zip(&found) {
            if rule.not_copy && !found.is_empty() {
                not_copy.insert(rule.id.as_str());
            }
        }
        let mut out: Vec<Diagnostic> = found.into_iter().flatten().collect();
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let directives = crate::suppress::directives(doc);
        if !directives.is_empty() {
            let ran: Vec<&str> = self
                .rules
                .iter()
                .zip(severities)
                .filter(|(_, s)| s.is_some())
                .map(|(r, _)| r.id.as_str())
                .collect();
            // The warnings about suppressions are the findings of the `suppression` rules
            // that run here (`suppression/unused` only on request).
            let reporters: Vec<Reporter> = self
                .rules
                .iter()
                .zip(severities)
                .filter_map(|(rule, severity)| {
                    Some(Reporter {
                        warning: rule.check.suppression_warning()?,
                        rule: rule.id.as_str(),
                        severity: (*severity)?,
                    })
                })
                .filter(|r| self.report_unused || r.warning != Warning::Unused)
                .collect();
            out = crate::suppress::apply(&directives, out, &self.known, &ran, &reporters);
        }
        if !not_copy.is_empty() {
            // Text that is to be deleted (page furniture, a pasted notice) is not edited. Only
            // findings that survived the article's suppressions count: silencing the notice
            // rule brings back what lies inside it.
            let spans: Vec<(Span, String)> = out
                .iter()
                .filter(|d| not_copy.contains(d.rule.as_str()))
                .map(|d| (d.span, d.rule.clone()))
                .collect();
            out.retain(|d| {
                !spans
                    .iter()
                    .any(|(span, rule)| *rule != d.rule && span.contains(d.span))
            });
        }
        out
    }

    /// Parses and checks one article given as text, with the default rule settings.
    pub fn check_text(&self, text: String, format: Format) -> (Document, Vec<Diagnostic>) {
        self.check_text_at(None, text, format)
    }

    /// Parses and checks one article given as text, with the settings for `path`.
    pub fn check_text_at(
        &self,
        path: Option<&Path>,
        text: String,
        format: Format,
    ) -> (Document, Vec<Diagnostic>) {
        let doc = Document::parse_as(text, format, self.layout(path));
        let diagnostics = self.check_document_with(&doc, &self.severities(path));
        (doc, diagnostics)
    }

    /// Decodes and checks the bytes of the file at `path` (its extension picks the format).
    pub fn check_bytes(&self, path: &Path, bytes: Vec<u8>) -> Result<Checked, Error> {
        let (text, format) = decode(path, bytes)?;
        let (doc, diagnostics) = self.check_text_at(Some(path), text, format);
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
        self.run_file(path, Mode::Check)
    }

    /// Checks `paths` in parallel; reports come back in the order of `paths`.
    pub fn check_files(&self, paths: &[PathBuf]) -> Vec<FileReport> {
        self.run_files(paths, Mode::Check)
    }

    /// Reads one file and checks, fixes or diffs it.
    pub fn run_file(&self, path: &Path, mode: Mode) -> FileReport {
        let read = read_article_bytes(path, self.max_file_size());
        let (outcome, fix) = match read {
            Err(e) => (Err(e), None),
            Ok(bytes) => match mode {
                Mode::Check => (self.check_bytes(path, bytes), None),
                Mode::Fix(options) | Mode::Diff(options) => {
                    self.fix_bytes(path, bytes, mode, options)
                }
            },
        };
        FileReport {
            path: path.to_path_buf(),
            outcome,
            fix,
        }
    }

    /// [`Linter::run_file`] over `paths` in parallel; reports come back in the order of `paths`.
    pub fn run_files(&self, paths: &[PathBuf], mode: Mode) -> Vec<FileReport> {
        // Files side by side; a lone file (a pre-commit hook, an editor) is checked on this
        // thread, and its rules side by side instead (see `check_document_with`).
        if let [path] = paths {
            return vec![self.run_file(path, mode)];
        }
        paths.par_iter().map(|p| self.run_file(p, mode)).collect()
    }

    fn fix_bytes(
        &self,
        path: &Path,
        bytes: Vec<u8>,
        mode: Mode,
        options: FixOptions,
    ) -> (Result<Checked, Error>, Option<FixOutcome>) {
        let (original, format) = match decode(path, bytes) {
            Ok(decoded) => decoded,
            Err(e) => return (Err(e), None),
        };
        let (checked, mut outcome, fixed) = self.fix_source(path, &original, format, mode, options);
        if let Some(text) = fixed.filter(|t| *t != original) {
            if let Err(e) = fix::write_fixed(path, original.as_bytes(), &text) {
                return (
                    Err(e),
                    Some(FixOutcome {
                        applied: 0,
                        ..outcome
                    }),
                );
            }
            outcome.written = true;
        }
        (Ok(checked), Some(outcome))
    }

    /// Lints and fixes `text` with the default rule settings until no allowed fix applies
    /// (see [`fix::fix_text`]).
    pub fn fix_text(&self, text: &str, format: Format, options: FixOptions) -> fix::Fixed {
        self.fix_text_at(None, text, format, options)
    }

    /// [`Linter::fix_text`] with the rule settings for the file at `path` (overrides).
    pub fn fix_text_at(
        &self,
        path: Option<&Path>,
        text: &str,
        format: Format,
        options: FixOptions,
    ) -> fix::Fixed {
        let lint = |text: &str| self.check_text_at(path, text.to_string(), format).1;
        fix::fix_text(&lint, text, options)
    }

    /// Fixes (or, for [`Mode::Diff`], diffs) one article's text, named `path`. Returns the
    /// report, what fixing did, and for [`Mode::Fix`] the fixed text, which the caller writes
    /// where it belongs (the file, or standard output).
    pub fn fix_source(
        &self,
        path: &Path,
        original: &str,
        format: Format,
        mode: Mode,
        options: FixOptions,
    ) -> (Checked, FixOutcome, Option<String>) {
        let fixed = self.fix_text_at(Some(path), original, format, options);
        let mut outcome = FixOutcome {
            applied: fixed.applied,
            unsafe_available: fixed.unsafe_available,
            diff: None,
            written: false,
        };
        let keep = |source: String, diagnostics: Vec<Diagnostic>| Checked {
            source: if diagnostics.is_empty() {
                String::new()
            } else {
                source
            },
            diagnostics,
        };
        if let Mode::Diff(_) = mode {
            outcome.diff =
                fix::unified_diff(&crate::output::display_path(path), original, &fixed.text);
            // Report the findings of the article as it is.
            let (doc, mut diagnostics) =
                self.check_text_at(Some(path), original.to_string(), format);
            with_problems(&mut diagnostics, &fixed.problems, original);
            return (keep(doc.source, diagnostics), outcome, None);
        }
        let mut remaining = fixed.remaining;
        with_problems(&mut remaining, &fixed.problems, &fixed.text);
        let checked = keep(fixed.text.clone(), remaining);
        (checked, outcome, Some(fixed.text))
    }
}

/// Widens every span of `d` that ends or starts inside an HTML entity to the whole entity: a
/// rule matched the entity's decoded character in the mask, and the finding, its labels and its
/// fix must cover the entity's bytes in the file.
fn snap_to_entities(doc: &Document, d: &mut Diagnostic) {
    d.span = doc.snap(d.span);
    for label in &mut d.labels {
        label.span = doc.snap(label.span);
    }
    if let Some(fix) = &mut d.fix {
        for edit in &mut fix.edits {
            edit.span = doc.snap(edit.span);
            // A replacement made from the mask's text carries the entities' padding, which
            // must never reach the file.
            if edit.replacement.contains(['\u{ad}', '\u{2060}']) {
                edit.replacement
                    .retain(|c| c != '\u{ad}' && c != '\u{2060}');
            }
        }
    }
}

/// Adds the errors of fixes that would not settle to `diagnostics` (the findings in `text`),
/// in their sorted place.
fn with_problems(diagnostics: &mut Vec<Diagnostic>, problems: &[fix::FixProblem], text: &str) {
    if problems.is_empty() {
        return;
    }
    let errors: Vec<Diagnostic> = problems
        .iter()
        .map(|p| p.diagnostic(text, diagnostics))
        .collect();
    diagnostics.extend(errors);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// The text and format of a file's bytes.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<(String, Format), Error> {
    let format = Format::from_path(path).ok_or_else(|| Error::UnsupportedFormat {
        path: path.to_path_buf(),
    })?;
    Ok((decode_text(path, bytes)?, format))
}

/// An article's bytes as text: refused if binary (a NUL byte in the first 8 KiB) or not UTF-8.
/// `path` only names the article in errors.
pub fn decode_text(path: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    if bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
        });
    }
    String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// What the user is told to do about an article over the limit.
pub const MAX_FILE_SIZE_HELP: &str =
    "raise the limit with --max-file-size or `max_file_size` in copydesk.toml, or leave the file out";

/// The bytes of the article at `path`: every article a run reads comes through here, so none
/// is a FIFO or a device, none is read past `limit` bytes, and a binary file is refused from
/// its first bytes (see [`crate::input::read_bounded`]).
pub fn read_article_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    crate::input::read_bounded(path, limit, Sniff::Binary, MAX_FILE_SIZE_HELP)
}

/// Reads the article at `path` (at most `limit` bytes): its text and its format (by
/// extension).
pub fn read_article(path: &Path, limit: u64) -> Result<(String, Format), Error> {
    decode(path, read_article_bytes(path, limit)?)
}
