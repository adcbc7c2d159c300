//! Plain-text articles: a headline line, then paragraphs.

use super::{BlockKind, RawBlock};
use crate::diagnostic::Span;

/// Lines of `source` from `start`, as spans without their line break.
fn lines(source: &str, start: usize) -> impl Iterator<Item = Span> + '_ {
    let body = &source[start..];
    let mut offset = start;
    body.split_inclusive('\n').map(move |line| {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        Span::new(line_start, line_start + content.len())
    })
}

/// The span of `line` without its leading and trailing white space, or `None` if blank.
fn trimmed(source: &str, line: Span) -> Option<Span> {
    let text = line.slice(source);
    let lead = text.len() - text.trim_start().len();
    let trail = text.trim_end().len();
    (trail > lead).then(|| Span::new(line.start + lead, line.start + trail))
}

/// Splits a plain-text article into blocks.
///
/// Paragraphs are separated by blank lines. Scraped copy often has no blank line at all, one
/// paragraph per line: then every line is a paragraph. The first line is the headline when a
/// blank line follows it.
pub(crate) fn blocks(source: &str, start: usize) -> Vec<RawBlock> {
    let lines: Vec<Option<Span>> = lines(source, start).map(|l| trimmed(source, l)).collect();
    let has_blank_line = {
        // A blank line between two non-blank ones; trailing blank lines do not count.
        let first = lines.iter().position(Option::is_some);
        let last = lines.iter().rposition(Option::is_some);
        match (first, last) {
            (Some(f), Some(l)) => lines[f..l].iter().any(Option::is_none),
            _ => false,
        }
    };
    let mut blocks = Vec::new();
    if !has_blank_line {
        blocks.extend(lines.iter().flatten().map(|&span| RawBlock {
            kind: BlockKind::Paragraph,
            span,
        }));
        return blocks;
    }
    let mut current: Option<(Span, usize)> = None; // span so far, line count
    for line in lines.iter().copied().chain(std::iter::once(None)) {
        match (line, current) {
            (Some(l), Some((span, n))) => current = Some((Span::new(span.start, l.end), n + 1)),
            (Some(l), None) => current = Some((l, 1)),
            (None, Some((span, n))) => {
                let kind = if blocks.is_empty() && n == 1 {
                    BlockKind::Heading(1)
                } else {
                    BlockKind::Paragraph
                };
                blocks.push(RawBlock { kind, span });
                current = None;
            }
            (None, None) => {}
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_texts(source: &str) -> Vec<(BlockKind, &str)> {
        blocks(source, 0)
            .into_iter()
            .map(|b| (b.kind, b.span.slice(source)))
            .collect()
    }

    #[test]
    fn headline_then_paragraphs() {
        let source = "Ad sales boost profit\n\nFirst line\nwraps here.\n\n  Second.  \n\n";
        assert_eq!(
            kinds_and_texts(source),
            [
                (BlockKind::Heading(1), "Ad sales boost profit"),
                (BlockKind::Paragraph, "First line\nwraps here."),
                (BlockKind::Paragraph, "Second."),
            ]
        );
    }

    #[test]
    fn scraped_copy_without_blank_lines_has_a_paragraph_per_line() {
        let source = "One.\r\nTwo.\r\nThree.";
        assert_eq!(
            kinds_and_texts(source),
            [
                (BlockKind::Paragraph, "One."),
                (BlockKind::Paragraph, "Two."),
                (BlockKind::Paragraph, "Three."),
            ]
        );
    }

    #[test]
    fn a_first_paragraph_of_several_lines_is_not_a_headline() {
        let source = "Line one\nline two\n\nNext.";
        assert_eq!(kinds_and_texts(source)[0].0, BlockKind::Paragraph);
    }
}
