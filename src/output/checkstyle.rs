//! Checkstyle XML, read by reviewdog, Jenkins (Warnings Next Generation) and most CI dashboards.
//! One `<file>` an article, one `<error>` a finding; files that could not be checked get one
//! error with source `copydesk`.

use super::path_text;
use crate::diagnostic::Severity;
use crate::lines::LineIndex;
use crate::report::{FileReport, Summary};
use std::io::{self, Write};

/// A `<checkstyle>` document, a `<file>` element written as each file comes.
pub struct CheckstyleEmitter;

impl super::Emitter for CheckstyleEmitter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(out, r#"<checkstyle version="4.3">"#)
    }

    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        files(out, std::slice::from_ref(report))
    }

    fn end(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        writeln!(out, "</checkstyle>")
    }
}

pub fn render(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    super::emit(&mut CheckstyleEmitter, out, reports)
}

/// The `<file>` elements of `reports`.
fn files(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    for report in reports {
        let name = attribute(&path_text(&report.path));
        match &report.outcome {
            Ok(checked) if checked.diagnostics.is_empty() => {
                writeln!(out, r#"  <file name="{name}"/>"#)?;
            }
            Ok(checked) => {
                writeln!(out, r#"  <file name="{name}">"#)?;
                let index = LineIndex::new(&checked.source);
                let mut cursor = index.cursor(&checked.source);
                for d in &checked.diagnostics {
                    let at = cursor.position(d.span.start);
                    let mut message = d.message.clone();
                    if let Some(help) = &d.help {
                        message.push_str(" (");
                        message.push_str(help);
                        message.push(')');
                    }
                    writeln!(
                        out,
                        r#"    <error line="{}" column="{}" severity="{}" message="{}" source="copydesk.{}"/>"#,
                        at.line,
                        at.column,
                        severity(d.severity),
                        attribute(&message),
                        attribute(&d.rule)
                    )?;
                }
                writeln!(out, "  </file>")?;
            }
            Err(e) => {
                writeln!(out, r#"  <file name="{name}">"#)?;
                writeln!(
                    out,
                    r#"    <error severity="error" message="{}" source="copydesk"/>"#,
                    attribute(&e.to_string())
                )?;
                writeln!(out, "  </file>")?;
            }
        }
    }
    Ok(())
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// Escapes text for a double-quoted XML attribute. Characters XML 1.0 cannot carry at all
/// (most C0 controls, U+FFFE, U+FFFF) become U+FFFD: the one place a file name or rule text is
/// not carried exactly. Line breaks and tabs are kept as character references so parsers do
/// not fold them into spaces; DEL, C1 controls, line separators and bidirectional controls too,
/// so that the parsed value is exact but the file, read raw on a terminal, drives nothing.
fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            '\u{7f}'..='\u{9f}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{61c}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}' => out.push_str(&format!("&#x{:x};", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_escaped_and_invalid_characters_replaced() {
        assert_eq!(
            attribute("a<b>&\"c\"'\n\u{1b}[2J\u{0}\u{9b}\u{2028}"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;&#10;\u{fffd}[2J\u{fffd}&#x9b;&#x2028;"
        );
    }
}
