//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line a finding, which
//! the runner turns into annotations on the pull request. Values are escaped as the runner
//! requires: `%`, CR and LF everywhere, and `:` and `,` in properties too.

use super::display_path;
use crate::diagnostic::Severity;
use crate::lines::Unit;
use crate::report::{FileReport, Summary};
use std::io::{self, Write};

/// Annotations of one kind (error, warning, notice) GitHub shows for one step; the rest stay
/// in the log only. (It also shows at most 50 a job.)
pub const SHOWN_PER_STEP: usize = 10;

/// Workflow commands, a line a finding as each file comes, then (unless quiet) the summary
/// line.
pub struct GithubEmitter {
    pub quiet: bool,
}

impl super::Emitter for GithubEmitter {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        render(out, std::slice::from_ref(report))
    }

    fn end(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        writeln!(out, "{}", summary_line(summary))
    }
}

/// The commands of every finding of `reports` (no summary line).
pub fn render(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    for report in reports {
        let file = property(&display_path(&report.path));
        match &report.outcome {
            Ok(checked) => {
                let (_, found) = super::positions(checked, Unit::Chars);
                for (d, (start, end)) in checked.diagnostics.iter().zip(found) {
                    let mut message = d.message.clone();
                    if let Some(help) = &d.help {
                        message.push_str("\nhelp: ");
                        message.push_str(help);
                    }
                    // Columns are given only for one-line spans, as GitHub requires.
                    let columns = if start.line == end.line {
                        format!(",col={},endColumn={}", start.column, end.column)
                    } else {
                        String::new()
                    };
                    writeln!(
                        out,
                        "::{} file={file},line={},endLine={}{columns},title={}::{}",
                        command(d.severity),
                        start.line,
                        end.line,
                        property(&format!("copydesk {}", d.rule)),
                        data(&message)
                    )?;
                }
            }
            Err(e) => writeln!(
                out,
                "::error file={file},title={}::{}",
                property("copydesk: cannot check this file"),
                data(&e.to_string())
            )?,
        }
    }
    Ok(())
}

/// The closing line: counts, and a warning when GitHub will not show every annotation.
pub fn summary_line(summary: &Summary) -> String {
    let count = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "copydesk: {}, {}, {} in {} of {}.",
        count(summary.errors, "error"),
        count(summary.warnings, "warning"),
        count(summary.infos, "notice"),
        summary.files_with_findings,
        count(summary.files_checked, "file")
    );
    if summary.unreadable > 0 {
        line.push_str(&format!(" {} could not be checked.", summary.unreadable));
    }
    if [summary.errors, summary.warnings, summary.infos]
        .iter()
        .any(|&n| n > SHOWN_PER_STEP)
    {
        line.push_str(&format!(
            " GitHub shows only {SHOWN_PER_STEP} annotations of each kind per step (50 per \
             job): every finding is listed above in this log; upload --format sarif to code \
             scanning to see them all on the pull request."
        ));
    }
    line
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Escapes a command's message. Control characters other than line breaks (a terminal escape
/// would colour or rewrite the log) are written as visible escapes first.
fn data(text: &str) -> String {
    let text: String = text
        .split('\n')
        .map(|line| super::terminal::escaped(line.strip_suffix('\r').unwrap_or(line)).into_owned())
        .collect::<Vec<_>>()
        .join("\n");
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property (`file`, `title`).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(data("100%\nnext: a, b"), "100%25%0Anext: a, b");
        assert_eq!(data("bell\u{7}\r\n\rx"), "bell\\u{7}%0A\\u{d}x");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
