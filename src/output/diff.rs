//! `--diff`: the unified diff of what `--fix` would change, a file at a time, as a patch on the
//! output; then, unless quiet, what would be fixed (and for the human format the summary line).

use super::{Emitter, EmitterOptions, Fixes, Fixing, OutputFormat};
use crate::report::{FileReport, Summary};
use std::io::{self, Write};
use std::time::Instant;

/// Writes each file's diff to the output, and the fixes that could not settle
/// (`fix/conflict`, short format) to `beside`, where `patch` will not read them.
pub struct DiffEmitter<'a> {
    beside: Box<dyn Write + 'a>,
    fixes: Fixes,
    quiet: bool,
    /// The start of the run, when the summary line ends the report (the human format).
    summary_from: Option<Instant>,
}

impl<'a> DiffEmitter<'a> {
    /// The diffs of a run whose findings would be written in `format`; `beside` takes the
    /// errors (standard error).
    pub fn new(
        format: OutputFormat,
        options: &EmitterOptions,
        beside: Box<dyn Write + 'a>,
    ) -> Self {
        DiffEmitter {
            beside,
            fixes: Fixes::default(),
            quiet: options.quiet,
            summary_from: (format == OutputFormat::Human).then_some(options.started),
        }
    }
}

impl Emitter for DiffEmitter<'_> {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        self.fixes.add(report);
        if let Some(diff) = report.fix.as_ref().and_then(|f| f.diff.as_ref()) {
            out.write_all(diff.as_bytes())?;
        }
        super::short::render_only(&mut self.beside, std::slice::from_ref(report), |d| {
            d.rule == crate::fix::FIX_CONFLICT
        })
    }

    fn end(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        for line in self.fixes.lines(Fixing::Shown) {
            writeln!(out, "{line}")?;
        }
        if let Some(started) = self.summary_from {
            writeln!(out, "{}", summary.sentence(started.elapsed()))?;
        }
        Ok(())
    }
}
