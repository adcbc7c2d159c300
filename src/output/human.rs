//! The report people read: miette's graphical rendering of each finding over the article
//! text, with the span underlined, the rule, the message and the help.

use super::display_path;
use super::terminal::{escaped, escaped_line, same_length};
use super::{Fixes, Fixing};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lines::LineIndex;
use crate::report::{FileReport, Summary};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};
use std::fmt;
use std::io::{self, Write};
use std::time::Instant;

/// How the report looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    /// Columns to wrap at.
    pub width: usize,
}

impl Style {
    fn handler(&self) -> GraphicalReportHandler {
        let theme = if self.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        GraphicalReportHandler::new_themed(theme)
            .with_width(self.width)
            .with_links(false)
            .with_context_lines(1)
    }
}

/// An article's name and text, borrowed for rendering, with the text's line index, built once
/// per file: miette's own `read_span` for `str` counts lines from the start of the text for
/// every finding, which made a long article's report quadratic.
struct Article<'a> {
    name: &'a str,
    text: &'a str,
    index: &'a LineIndex,
}

/// Context shown on each side of a finding when its lines are very long, in bytes: a 100 MB
/// one-line article must not be printed once per finding.
const LONG_LINE_CONTEXT: usize = 160;

/// The longest stretch drawn in one snippet. miette asks for the stretch from one label to the
/// next when their lines touch; on one very long line that would be everything between them,
/// printed again for each finding. Refused, the two are drawn as separate snippets.
const MERGED_SPAN: usize = 4 * LONG_SPAN;

/// What miette's `read_span` for `str` returns, worked out from the line index: the lines of
/// `span` with `before` and `after` lines of context (just the span when both are 0), the line
/// the data starts on, its column, and the count of line breaks up to the end of the data. The
/// column, given for a span read without context (the position in a snippet's header), counts
/// characters, as every other format does, where miette counts bytes.
fn context(
    text: &str,
    index: &LineIndex,
    span: &SourceSpan,
    before: usize,
    after: usize,
) -> Option<(usize, usize, usize, usize, usize)> {
    let bytes = text.as_bytes();
    let (start, end) = (span.offset(), span.offset() + span.len());
    if end > text.len() {
        return None;
    }
    let line = index.line_of(start);
    let first = line.saturating_sub(before);
    let (data_start, column) = if before == 0 {
        let column = index.position(text, start).column - 1;
        (start, column)
    } else {
        (index.line_start(first), 0)
    };
    let last = end.saturating_sub(1);
    // miette treats a span ending on a line break (or the CR of a CRLF) as ending on the line
    // after it.
    let crlf = bytes.get(last) == Some(&b'\r') && bytes.get(last + 1) == Some(&b'\n');
    let data_end = if after == 0 {
        (last + 1 + usize::from(crlf)).min(text.len())
    } else {
        let ends_line = bytes.get(last) == Some(&b'\n') || crlf;
        let last_line = index.line_of(last) + usize::from(ends_line);
        index
            .try_line_start(last_line + after + 1)
            .unwrap_or(text.len())
    };
    let data_end = data_end.max(data_start);
    let breaks = index.line_of(data_end);
    Some((
        data_start,
        data_end,
        if before == 0 { line } else { first },
        column,
        breaks,
    ))
}

impl SourceCode for Article<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, miette::MietteError> {
        if span.len() > MERGED_SPAN {
            return Err(miette::MietteError::OutOfBounds);
        }
        let (text, index) = (self.text, self.index);
        let (data_start, data_end, line, column, breaks) =
            context(text, index, span, before, after).ok_or(miette::MietteError::OutOfBounds)?;
        let (start, end) = (span.offset(), span.offset() + span.len());
        let mut from = start.saturating_sub(LONG_LINE_CONTEXT).max(data_start);
        let mut to = (end + LONG_LINE_CONTEXT).min(data_end).max(from);
        if from == data_start && to == data_end {
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.to_string(),
                &text.as_bytes()[data_start..data_end],
                SourceSpan::new(data_start.into(), data_end - data_start),
                line,
                column,
                breaks,
            )));
        }
        // Cut the context down to a window around the span, on character boundaries, and say
        // where the window starts.
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        while to < text.len() && !text.is_char_boundary(to) {
            to += 1;
        }
        let line = index.line_of(from);
        let column = index.position(text, from).column - 1;
        let line_count = index.line_of(to) - line + 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            &text.as_bytes()[from..to],
            SourceSpan::new(from.into(), to - from),
            line,
            column,
            line_count,
        )))
    }
}

/// One finding, seen through miette's `Diagnostic` trait.
struct Shown<'a> {
    diagnostic: &'a Diagnostic,
    article: Article<'a>,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escaped(&self.diagnostic.message))
    }
}

impl std::error::Error for Shown<'_> {}

fn source_span(span: crate::diagnostic::Span) -> SourceSpan {
    SourceSpan::new(span.start.into(), span.len())
}

impl miette::Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(escaped_line(&self.diagnostic.rule)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let d = self.diagnostic;
        let fix = d.fix.as_ref().and_then(|f| match f.edits.as_slice() {
            [edit] if edit.replacement.is_empty() => Some("fix: delete it".to_string()),
            [edit] => Some(format!("fix: write '{}'", escaped(&edit.replacement))),
            _ => None,
        });
        // A rule file's help is not copydesk's own text.
        let help = d.help.as_deref().map(escaped);
        match (help, fix) {
            (Some(help), Some(fix)) => Some(Box::new(format!("{help}\n{fix}"))),
            (Some(help), None) => Some(Box::new(help)),
            (None, Some(fix)) => Some(Box::new(fix)),
            (None, None) => None,
        }
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.article)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = self.diagnostic;
        let text = self.article.text;
        let label = d.label.as_deref().map(|l| escaped(l).into_owned());
        let primary = LabeledSpan::new_primary_with_span(label, source_span(shown(text, d.span)));
        // A label over a very long stretch (a whole run-on sentence) would print all of it
        // with every finding; the finding's own span is enough.
        let secondary = d
            .labels
            .iter()
            .filter(|l| l.span.len() <= LONG_SPAN)
            .map(|l| {
                LabeledSpan::new_with_span(
                    Some(escaped(&l.message).into_owned()),
                    source_span(l.span),
                )
            });
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

/// Longer spans are drawn by their start only, so that output stays in proportion.
const LONG_SPAN: usize = 2000;

/// The part of `span` drawn: all of it, or the first few hundred bytes of a very long one.
fn shown(text: &str, span: crate::diagnostic::Span) -> crate::diagnostic::Span {
    if span.len() <= LONG_SPAN {
        return span;
    }
    let mut end = span.start + 300;
    while end < span.end && !text.is_char_boundary(end) {
        end += 1;
    }
    crate::diagnostic::Span::new(span.start, end.min(span.end))
}

/// The report people read: each finding drawn over its article's lines, then, unless quiet,
/// what `--fix` did and the summary line.
pub struct HumanEmitter {
    handler: GraphicalReportHandler,
    quiet: bool,
    started: Instant,
    /// With `--fix`: what fixing did, file by file, for the closing lines.
    fixes: Option<Fixes>,
}

impl HumanEmitter {
    pub fn new(options: &super::EmitterOptions) -> Self {
        HumanEmitter {
            handler: options.style.handler(),
            quiet: options.quiet,
            started: options.started,
            fixes: options.fixing.then(Fixes::default),
        }
    }
}

impl super::Emitter for HumanEmitter {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        if let Some(fixes) = &mut self.fixes {
            fixes.add(report);
        }
        render_file(out, report, &self.handler)
    }

    fn end(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        if let Some(fixes) = &self.fixes {
            for line in fixes.lines(Fixing::Written) {
                writeln!(out, "{line}")?;
            }
        }
        writeln!(out, "{}", summary.sentence(self.started.elapsed()))
    }
}

/// Writes every finding of every report.
pub fn render(out: &mut dyn Write, reports: &[FileReport], style: Style) -> io::Result<()> {
    let handler = style.handler();
    for report in reports {
        render_file(out, report, &handler)?;
    }
    Ok(())
}

/// Writes every finding of one report.
fn render_file(
    out: &mut dyn Write,
    report: &FileReport,
    handler: &GraphicalReportHandler,
) -> io::Result<()> {
    let Ok(checked) = &report.outcome else {
        return Ok(());
    };
    let name = display_path(&report.path);
    // Spans stay valid: dangerous characters are replaced byte for byte.
    let text = same_length(&checked.source);
    let index = LineIndex::new(&text);
    for diagnostic in &checked.diagnostics {
        let shown = Shown {
            diagnostic,
            article: Article {
                name: &name,
                text: &text,
                index: &index,
            },
        };
        let mut text = String::new();
        handler
            .render_report(&mut text, &shown)
            .map_err(io::Error::other)?;
        writeln!(out, "{text}")?;
    }
    Ok(())
}

/// Renders any error (a file that could not be read, a mistake in a rule file) the same way.
/// Whatever the error quotes (a file name, a rule file's words) is escaped; a TOML file's text
/// is made safe by its [`crate::error::SourceFile`].
pub fn render_error(error: &dyn miette::Diagnostic, style: Style) -> String {
    let error = Defused(error);
    let mut text = String::new();
    if style.handler().render_report(&mut text, &error).is_err() {
        text = error.to_string();
    }
    text
}

/// An error seen with its words escaped: its message and labels on one line each (a file name
/// with a line break must not start a line), its help with its own line breaks.
struct Defused<'a>(&'a dyn miette::Diagnostic);

impl fmt::Debug for Defused<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl fmt::Display for Defused<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escaped_line(&self.0.to_string()))
    }
}

impl std::error::Error for Defused<'_> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

impl miette::Diagnostic for Defused<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let code = self.0.code()?.to_string();
        Some(Box::new(escaped_line(&code).into_owned()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        self.0.severity()
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let help = self.0.help()?.to_string();
        Some(Box::new(escaped(&help).into_owned()))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.0.source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let labels = self.0.labels()?.map(|l| {
            let text = l.label().map(|t| escaped_line(t).into_owned());
            if l.primary() {
                LabeledSpan::new_primary_with_span(text, *l.inner())
            } else {
                LabeledSpan::new_with_span(text, *l.inner())
            }
        });
        Some(Box::new(labels.collect::<Vec<_>>().into_iter()))
    }
}
