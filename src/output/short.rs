//! `path:line:col: severity [rule] message`, one finding a line, for editors and grep.

use super::display_path;
use crate::lines::LineIndex;
use crate::report::FileReport;
use std::io::{self, Write};

/// One line a finding.
pub struct ShortEmitter;

impl super::Emitter for ShortEmitter {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        render_only(out, std::slice::from_ref(report), |_| true)
    }
}

pub fn render(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    render_only(out, reports, |_| true)
}

/// [`render`] for the findings `keep` picks.
pub fn render_only(
    out: &mut dyn Write,
    reports: &[FileReport],
    keep: impl Fn(&crate::diagnostic::Diagnostic) -> bool,
) -> io::Result<()> {
    for report in reports {
        let Ok(checked) = &report.outcome else {
            continue;
        };
        if !checked.diagnostics.iter().any(&keep) {
            continue;
        }
        let path = display_path(&report.path);
        let index = LineIndex::new(&checked.source);
        let mut cursor = index.cursor(&checked.source);
        for d in checked.diagnostics.iter().filter(|d| keep(d)) {
            let at = cursor.position(d.span.start);
            writeln!(
                out,
                "{path}:{}:{}: {} [{}] {}",
                at.line,
                at.column,
                d.severity,
                super::terminal::escaped_line(&d.rule),
                super::terminal::escaped(&one_line(&d.message))
            )?;
        }
    }
    Ok(())
}

/// Messages may quote article text with line breaks; a line format needs them folded.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
