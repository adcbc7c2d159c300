//! Plain-text articles in every layout copy is stored in: paragraphs between blank lines,
//! hard-wrapped paragraphs that start with an indent (wire copy), one paragraph per line
//! (scraped copy), and mixtures of these; a headline line first.
//!
//! The layout is read from the text, never from the file name. What matters is which line
//! breaks are *soft* (a wrapped line going on: a space to every rule) and which are *hard* (a
//! new paragraph). Spans stay bytes of the file whatever the layout.

use super::{BlockKind, Layout, RawBlock};
use crate::diagnostic::Span;

/// Lines of `source` from `start`, as spans without their line break. A lone carriage return
/// ends a line too (old Mac files), as does CRLF.
fn lines(source: &str, start: usize) -> Vec<Span> {
    let bytes = source.as_bytes();
    let mut lines = Vec::new();
    let mut line_start = start;
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(Span::new(line_start, i));
                i += 1;
                line_start = i;
            }
            b'\r' => {
                lines.push(Span::new(line_start, i));
                i += if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                line_start = i;
            }
            _ => i += 1,
        }
    }
    if line_start < bytes.len() {
        lines.push(Span::new(line_start, bytes.len()));
    }
    lines
}

/// One non-blank line: its text without the white space around it, how far it is indented
/// (a tab counts as four columns, as most editors show it) and its length in characters.
#[derive(Debug, Clone, Copy)]
struct Line {
    span: Span,
    indent: usize,
    chars: usize,
}

impl Line {
    fn of(source: &str, line: Span) -> Option<Line> {
        let text = line.slice(source);
        let body = text.trim_start();
        let lead = text.len() - body.len();
        let trail = text.trim_end().len();
        if trail <= lead {
            return None;
        }
        let indent = text[..lead]
            .chars()
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum();
        let span = Span::new(line.start + lead, line.start + trail);
        Some(Line {
            span,
            indent,
            chars: span.slice(source).chars().count(),
        })
    }
}

/// The longest line a writer or a wire system wraps at. A longer line was not wrapped: the
/// break after it is hard (scraped copy keeps a whole paragraph on one line).
const WRAP_LIMIT: usize = 100;

/// In copy with neither blank lines nor indents, a wrapped line fills most of the width it was
/// wrapped at; a shorter line ends its paragraph.
const FULL_LINE: f64 = 0.7;

/// Nobody wraps prose narrower than this: copy whose lines are all shorter is a list of short
/// lines (a menu, a table), each its own block, unless a line goes on in lower case.
const NARROWEST_WRAP: usize = 50;

/// [`layout`]'s blocks, read from the text (tests).
#[cfg(test)]
pub(crate) fn blocks(source: &str, start: usize) -> Vec<RawBlock> {
    layout(source, start, Layout::Auto).0
}

/// Whether a line is a comment of its own, `<!-- … -->`: how a plain-text article carries a
/// suppression (`<!-- copydesk-disable-next-line … -->`), as Markdown does.
fn is_comment(line: &str) -> bool {
    let line = line.trim();
    line.starts_with("<!--") && line.ends_with("-->") && line.len() >= 7
}

/// Splits a plain-text article into blocks: the headline (when the first line is one), then
/// paragraphs.
///
/// Blank lines always end a paragraph. Inside a run of lines without a blank line, a break is
/// hard after a line too long to have been wrapped; where the copy marks paragraphs by a
/// first-line indent (wire copy: the first line of each paragraph indented, the lines that
/// wrap not), a break before an indented line is hard and one before an unindented line soft;
/// in copy that has blank lines but no indents, the breaks inside a run are soft (a paragraph
/// wrapped by an editor); in copy that has neither, a break is soft after a line that fills the
/// wrap width or when the next line goes on in lower case, and hard otherwise. A file where
/// more than one line in 20 is too long to have been wrapped is not hard-wrapped at all: every
/// break in it is hard.
///
/// Also returns the comment lines, which are not prose and are neither a paragraph nor a
/// break between paragraphs (a suppression put in wire copy must not change its layout).
/// `forced` replaces the reading of the layout from the text (`[[overrides]] layout`).
pub(crate) fn layout(source: &str, start: usize, forced: Layout) -> (Vec<RawBlock>, Vec<Span>) {
    let all = lines(source, start);
    let mut comments = Vec::new();
    // Runs of non-blank lines.
    let mut runs: Vec<Vec<Line>> = Vec::new();
    let mut run: Vec<Line> = Vec::new();
    for line in &all {
        if is_comment(line.slice(source)) {
            comments.push(*line);
            continue;
        }
        match Line::of(source, *line) {
            Some(line) => run.push(line),
            None if !run.is_empty() => runs.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    let has_blank_line = runs.len() > 1;
    // The width the copy was wrapped at: the longest line that could have been wrapped.
    let width = runs
        .iter()
        .flatten()
        .map(|l| l.chars)
        .filter(|&c| c <= WRAP_LIMIT)
        .max()
        .unwrap_or(0);

    // Copy where many lines are too long to have been wrapped keeps a paragraph a line, and a
    // line that happens to be short there is a paragraph of its own too.
    let (count, long) = runs.iter().flatten().fold((0, 0), |(n, long), l| {
        (n + 1, long + usize::from(l.chars > WRAP_LIMIT))
    });
    let hard_wrapped = long * 20 <= count;

    let mut blocks: Vec<(Span, usize)> = Vec::new(); // span, lines
    let mut first_run_lines = 0;
    let mut first_above_indent = false;
    for (r, run) in runs.iter().enumerate() {
        let base = run.iter().map(|l| l.indent).min().unwrap_or(0);
        // Paragraphs start with an indent here when some lines are indented past the run's
        // margin and some lines after the first sit on it (the wrapped lines).
        let indented = forced == Layout::Indented
            || (run.iter().any(|l| l.indent > base)
                && run.iter().skip(1).any(|l| l.indent == base));
        let mut current = (run[0].span, 1);
        for pair in run.windows(2) {
            let (line, next) = (pair[0], pair[1]);
            let soft = match forced {
                Layout::BlankLines => true,
                Layout::LinePerParagraph => false,
                Layout::Indented => next.indent == base,
                Layout::Auto => {
                    line.chars <= WRAP_LIMIT
                        && hard_wrapped
                        && if indented {
                            next.indent == base
                        } else if has_blank_line {
                            true
                        } else {
                            (width >= NARROWEST_WRAP
                                && (line.chars as f64) >= FULL_LINE * width as f64)
                                || starts_lower(source, next)
                        }
                }
            };
            if soft {
                current = (Span::new(current.0.start, next.span.end), current.1 + 1);
            } else {
                blocks.push(current);
                current = (next.span, 1);
            }
        }
        blocks.push(current);
        if r == 0 {
            first_run_lines = run.len();
            // Wire copy: a line on the margin above a paragraph that starts indented.
            first_above_indent =
                indented && run.len() > 1 && run[0].indent == base && run[1].indent > base;
        }
    }
    let headline = blocks.len() > 1
        && blocks[0].1 == 1
        && (
            // A line of its own before a blank line, as before.
            (has_blank_line && first_run_lines == 1)
            // A line on the margin above an indented paragraph, as the wires file a story.
            || (first_above_indent && !ends_clause(blocks[0].0.slice(source)))
            // A line above the dateline that opens the story, whatever its punctuation
            // (`HEAD <H> 4TH QTR NET` above `MIAMI, Feb 26 -`,
            // `SEOUL ANNOUNCES MORE TARIFF CUTS FOR U.S.` above `SEOUL, June 1 -`).
            || super::dateline::at_start(blocks[1].0.slice(source).trim_start()).is_some()
            // A line in capitals or title case, without the punctuation that ends a sentence
            // or a clause, above the body.
            // A short line without that punctuation above a paragraph that ends as a sentence
            // does: in capitals, title case or sentence case ("Ad sales boost Time Warner
            // profit"). A list of short lines (a menu) has no such paragraph after its first.
            || (ends_sentence(blocks[1].0.slice(source))
                && (looks_like_headline(blocks[0].0.slice(source))
                    || (!ends_clause(blocks[0].0.slice(source))
                        && blocks[0].0.slice(source).split_whitespace().count() <= 20)))
        );
    let blocks = blocks
        .into_iter()
        .enumerate()
        .map(|(i, (span, _))| RawBlock {
            kind: if i == 0 && headline {
                BlockKind::Heading(1)
            } else {
                BlockKind::Paragraph
            },
            span,
        })
        .collect();
    (blocks, comments)
}

/// Whether `line` begins with a lower-case letter: the sentence of the line before goes on.
fn starts_lower(source: &str, line: Line) -> bool {
    line.span
        .slice(source)
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// Whether a line ends with the punctuation that ends a sentence or a clause.
fn ends_clause(line: &str) -> bool {
    line.trim_end().ends_with(['.', ',', ';', ':', '!', '?'])
}

/// Whether a paragraph ends as a sentence does (a closing quotation mark after the stop too).
fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '’', '”', ')'])
        .ends_with(['.', '!', '?'])
}

/// Words that stay in lower case in a title-case headline.
const MINOR_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or",
    "over", "the", "to", "up", "vs", "with",
];

/// Whether a line reads as a headline: no sentence or clause punctuation at its end, and its
/// words in capitals or title case (minor words aside).
fn looks_like_headline(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || ends_clause(line) || line.chars().count() > 150 {
        return false;
    }
    let words: Vec<&str> = line
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    if words.is_empty() {
        return false;
    }
    let capitalised = words
        .iter()
        .filter(|w| {
            let first = w.chars().find(|c| c.is_alphabetic());
            first.is_some_and(char::is_uppercase)
                || MINOR_WORDS.contains(&w.to_lowercase().as_str())
        })
        .count();
    capitalised == words.len()
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

    /// Wire copy as the wire stored it: no blank line, each paragraph's first line indented,
    /// wrapped lines on the margin, a capitals headline and an indented sign-off.
    const WIRE: &str = "\
DEAN FOODS <DF> SEES STRONG 4TH QTR EARNINGS
    CHICAGO, Feb 26 - Dean Foods Co expects earnings for the
fourth quarter ending May 30 to exceed those of the same
year-ago period, Chairman Kenneth Douglas told analysts.
    \"It provides an entry to McDonalds Corp we've been
after for years,\" Douglas told analysts.
    Indefinite layoffs remain unchanged at 37,000.
 Reuter
";

    #[test]
    fn wire_copy_paragraphs_start_with_an_indent_and_wrap_softly() {
        assert_eq!(
            kinds_and_texts(WIRE),
            [
                (
                    BlockKind::Heading(1),
                    "DEAN FOODS <DF> SEES STRONG 4TH QTR EARNINGS"
                ),
                (
                    BlockKind::Paragraph,
                    "CHICAGO, Feb 26 - Dean Foods Co expects earnings for the\nfourth quarter \
                     ending May 30 to exceed those of the same\nyear-ago period, Chairman \
                     Kenneth Douglas told analysts."
                ),
                (
                    BlockKind::Paragraph,
                    "\"It provides an entry to McDonalds Corp we've been\nafter for years,\" \
                     Douglas told analysts."
                ),
                (
                    BlockKind::Paragraph,
                    "Indefinite layoffs remain unchanged at 37,000."
                ),
                (BlockKind::Paragraph, "Reuter"),
            ]
        );
    }

    #[test]
    fn the_layout_does_not_depend_on_line_endings_or_tabs() {
        let crlf = WIRE.replace('\n', "\r\n");
        let cr = WIRE.replace('\n', "\r");
        let tabs = WIRE.replace("    ", "\t");
        let texts = |source: &str| -> Vec<String> {
            kinds_and_texts(source)
                .into_iter()
                .map(|(kind, text)| {
                    format!(
                        "{kind:?} {}",
                        text.split_whitespace().collect::<Vec<_>>().join(" ")
                    )
                })
                .collect()
        };
        let expected = texts(WIRE);
        assert_eq!(texts(&crlf), expected);
        assert_eq!(texts(&cr), expected);
        assert_eq!(texts(&tabs), expected);
    }

    #[test]
    fn indented_paragraphs_between_blank_lines_too() {
        let source = "Council votes\n\n    The council voted on the\nbudget on Tuesday.\n    \
                      The mayor said it was\nfair.\n\n    A third paragraph.\n";
        assert_eq!(
            kinds_and_texts(source),
            [
                (BlockKind::Heading(1), "Council votes"),
                (
                    BlockKind::Paragraph,
                    "The council voted on the\nbudget on Tuesday."
                ),
                (BlockKind::Paragraph, "The mayor said it was\nfair."),
                (BlockKind::Paragraph, "A third paragraph."),
            ]
        );
    }

    #[test]
    fn wrapped_copy_with_neither_blank_lines_nor_indents() {
        let source = "Flood Warning for the Valley\n\
                      The river rose through the night and by morning it had\n\
                      reached the bridge, the police said.\n\
                      Residents were told to leave.\n\
                      \"We have never seen it this high,\" said Ann Lee, who has\n\
                      lived there for forty years.\n";
        assert_eq!(
            kinds_and_texts(source),
            [
                (BlockKind::Heading(1), "Flood Warning for the Valley"),
                (
                    BlockKind::Paragraph,
                    "The river rose through the night and by morning it had\nreached the \
                     bridge, the police said."
                ),
                (BlockKind::Paragraph, "Residents were told to leave."),
                (
                    BlockKind::Paragraph,
                    "\"We have never seen it this high,\" said Ann Lee, who has\nlived there \
                     for forty years."
                ),
            ]
        );
    }

    #[test]
    fn short_lines_are_a_list_not_a_wrapped_paragraph() {
        let source = "Home\nNews\nSport\nWeather\n";
        assert_eq!(kinds_and_texts(source).len(), 4);
    }

    #[test]
    fn a_short_line_among_unwrapped_ones_is_a_paragraph() {
        let long = "word ".repeat(30);
        let short = "A line long enough to look wrapped at seventy columns or so here.";
        let source = format!("{long}\n{short}\n{long}\n{long}\n");
        assert_eq!(kinds_and_texts(&source).len(), 4);
    }

    #[test]
    fn a_file_of_unwrapped_lines_keeps_a_paragraph_a_line_between_blank_lines_too() {
        let long = "word ".repeat(30);
        let source = format!("Title\n\n{long}\nShort line.\n{long}\n");
        assert_eq!(kinds_and_texts(&source).len(), 4);
    }

    #[test]
    fn long_lines_were_never_wrapped() {
        let long = "word ".repeat(30);
        let source = format!("{long}\n{long}\n\nShort.\n");
        let blocks = kinds_and_texts(&source);
        assert_eq!(blocks.len(), 3, "{blocks:?}");
    }

    #[test]
    fn a_comment_line_changes_no_layout() {
        let with = WIRE.replacen(
            "    \"It provides",
            "<!-- copydesk-disable-next-line attribution -->\n    \"It provides",
            1,
        );
        let (blocks, comments) = layout(&with, 0, Layout::Auto);
        let texts: Vec<&str> = blocks.iter().map(|b| b.span.slice(&with)).collect();
        let expected: Vec<&str> = kinds_and_texts(WIRE).into_iter().map(|(_, t)| t).collect();
        assert_eq!(texts, expected);
        assert_eq!(comments.len(), 1);
        assert!(comments[0].slice(&with).starts_with("<!-- copydesk"));
    }

    #[test]
    fn headlines_in_every_layout() {
        let body = "The bank cut its rate to 9.5 pct on Tuesday.";
        for source in [
            format!("Bank cuts its rate\n{body}\nDealers expected it.\n"),
            format!("Bank cuts its rate\n    {body}\n    Dealers expected it.\n"),
            format!("Bank cuts its rate\n\n{body}\n"),
        ] {
            assert_eq!(
                kinds_and_texts(&source)[0],
                (BlockKind::Heading(1), "Bank cuts its rate"),
                "{source:?}"
            );
        }
        // A first sentence is no headline, nor is a lone list of short lines.
        for source in [
            "The bank cut its rate.\nDealers expected it.\n",
            "Home\nNews\nSport\n",
        ] {
            assert_eq!(
                kinds_and_texts(source)[0].0,
                BlockKind::Paragraph,
                "{source:?}"
            );
        }
    }

    #[test]
    fn a_layout_can_be_forced() {
        let source = "Head\nOne line that is short.\n  Two.\nThree.\n";
        let count = |layout| layout_count(source, layout);
        assert_eq!(count(Layout::LinePerParagraph), 4);
        assert_eq!(count(Layout::BlankLines), 1);
        // The margin is the least indent: "Two." starts a paragraph, "Three." continues it.
        assert_eq!(count(Layout::Indented), 2);
    }

    fn layout_count(source: &str, forced: Layout) -> usize {
        layout(source, 0, forced).0.len()
    }

    #[test]
    fn a_sentence_is_not_a_headline() {
        assert!(looks_like_headline(
            "DEAN FOODS <DF> SEES STRONG 4TH QTR EARNINGS"
        ));
        assert!(looks_like_headline("Flood Warning for the Valley"));
        assert!(!looks_like_headline("The river rose through the night"));
        assert!(!looks_like_headline("Residents Were Told To Leave."));
    }
}
