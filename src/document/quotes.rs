//! Quotations: where the quoted speech in an article is.
//!
//! Double quotation marks, straight (`"`) or curly (`“ ”`), delimit quotations in body copy;
//! single marks count only in headlines (`'We will win'`), because elsewhere a single mark is
//! far more often an apostrophe (`don't`, `Serbia's`, `'90s`) or a quotation nested inside a
//! double-quoted one. Wire copy runs a long quotation over several paragraphs by leaving each
//! paragraph's closing mark off and opening the next paragraph with a mark; such a quotation is
//! kept, per paragraph, as `runs_on` and `continues`. Any other mark without its partner is
//! recorded as unbalanced, never silently paired.

use super::{Block, BlockKind};
use crate::diagnostic::Span;

/// One quotation within one block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// From the opening mark to the closing mark, both included (to the block's end for a
    /// quotation that runs on into the next paragraph).
    pub span: Span,
    /// The quoted words, without the marks.
    pub inner: Span,
    /// Index into [`super::Document::blocks`].
    pub block: usize,
    /// The paragraph ends inside this quotation and the next paragraph reopens it.
    pub runs_on: bool,
    /// This quotation reopens one that ran on from the previous paragraph.
    pub continues: bool,
}

/// Whether a double mark opens, closes, or could do either.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    Either,
    /// Opens a new quotation while one is open, after a finished sentence: paragraphs of one
    /// quotation run together on one line, each reopened and none closed (`"A. "B."`).
    Reopen,
}

fn double_mark(c: char) -> Option<Mark> {
    match c {
        '“' | '„' | '«' => Some(Mark::Open),
        '”' | '»' => Some(Mark::Close),
        '"' | '″' => Some(Mark::Either),
        _ => None,
    }
}

/// The first non-space character of `text` is an opening double mark.
fn opens_with_mark(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .and_then(double_mark)
        .is_some_and(|m| m != Mark::Close)
}

/// Finds the quotations of every block, and the marks that have no partner.
pub(crate) fn find(source: &str, mask: &str, blocks: &[Block]) -> (Vec<Quotation>, Vec<Span>) {
    let mut quotes = Vec::new();
    let mut unbalanced = Vec::new();
    let mut continuing = false;
    // The last paragraph was a whole block quote, and this one is in the same block quote.
    let mut whole_continues = false;
    for (index, block) in blocks.iter().enumerate() {
        let text = block.span.slice(mask);
        let next_reopens = blocks
            .get(index + 1)
            .is_some_and(|next| opens_with_mark(next.span.slice(mask)));
        let start = quotes.len();
        let runs_on = if matches!(block.kind, BlockKind::Heading(_)) {
            single_quoted(text, block.span.start, index, &mut quotes);
            double_quoted(
                text,
                block.span.start,
                index,
                false,
                &mut quotes,
                &mut unbalanced,
            )
        } else {
            double_quoted(
                text,
                block.span.start,
                index,
                next_reopens,
                &mut quotes,
                &mut unbalanced,
            )
        };
        // A block quote without marks of its own quotes a document or a speech: the whole
        // paragraph is the quotation, and the block quote's next paragraph goes on with it.
        let whole = block.kind == BlockKind::Blockquote
            && quotes.len() == start
            && !unbalanced
                .last()
                .is_some_and(|u: &Span| block.span.contains(*u));
        if whole {
            // The next paragraph is in the same block quote when every line between them is
            // marked `>`; a line without one ends the block quote.
            let next_too = blocks.get(index + 1).is_some_and(|next| {
                next.kind == BlockKind::Blockquote
                    && source
                        .get(block.span.end..next.span.start)
                        .is_some_and(|gap| {
                            if gap.contains('<') {
                                // HTML: the same element, unless this one ends between them.
                                !gap.to_ascii_lowercase().contains("</blockquote")
                            } else {
                                gap.lines().skip(1).all(|l| l.trim_start().starts_with('>'))
                            }
                        })
            });
            quotes.push(Quotation {
                span: block.span,
                inner: block.span,
                block: index,
                runs_on: next_too,
                continues: whole_continues,
            });
            whole_continues = next_too;
            continuing = false;
            continue;
        }
        whole_continues = false;
        if continuing {
            if let Some(first) = quotes.get_mut(start) {
                if first.span.start == block.span.start {
                    first.continues = true;
                }
            }
        }
        continuing = runs_on;
    }
    quotes.sort_by_key(|q| q.span.start);
    (quotes, unbalanced)
}

/// Double-quoted quotations in one block; returns whether the last one runs on.
fn double_quoted(
    text: &str,
    base: usize,
    block: usize,
    next_reopens: bool,
    quotes: &mut Vec<Quotation>,
    unbalanced: &mut Vec<Span>,
) -> bool {
    let mut open: Option<usize> = None;
    let mut continues = false;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let Some(mark) = double_mark(c) else {
            continue;
        };
        let before = k.checked_sub(1).map(|j| chars[j].1);
        let after = chars.get(k + 1).map(|&(_, c)| c);
        // `5' 10"`: a straight mark right after a figure is inches, not a quotation.
        if mark == Mark::Either
            && open.is_none()
            && before.is_some_and(|b| b.is_ascii_digit())
            && after.is_none_or(|a| !a.is_alphabetic())
        {
            continue;
        }
        let sentence_done =
            open.is_some_and(|o| text[o..i].trim_end().ends_with(['.', '!', '?', '…', ':']));
        let opens_word =
            before.is_none_or(char::is_whitespace) && after.is_some_and(char::is_alphanumeric);
        // German „…“: after a low opening mark, “ closes.
        let opened_low = open.is_some_and(|o| text[o..].starts_with('„'));
        let mark = match mark {
            Mark::Open if c == '“' && opened_low => Mark::Close,
            Mark::Either | Mark::Open if open.is_some() && sentence_done && opens_word => {
                Mark::Reopen
            }
            // A straight mark closes an open quotation and opens otherwise; spacing only
            // decides a reopening (above), because the state is the more reliable guide.
            Mark::Either if open.is_some() => Mark::Close,
            Mark::Either => Mark::Open,
            other => other,
        };
        let len = c.len_utf8();
        match (mark, open) {
            (Mark::Reopen, Some(o)) => {
                let o_len = text[o..].chars().next().map_or(1, char::len_utf8);
                let end = o + text[o..i].trim_end().len();
                quotes.push(Quotation {
                    span: Span::new(base + o, base + end),
                    inner: Span::new(base + o + o_len, base + end),
                    block,
                    runs_on: true,
                    continues,
                });
                continues = true;
                open = Some(i);
            }
            (Mark::Open, None) => open = Some(i),
            (Mark::Open, Some(previous)) => {
                // An opening mark inside a quotation: the earlier one was never closed.
                let previous_len = text[previous..].chars().next().map_or(1, char::len_utf8);
                unbalanced.push(Span::new(base + previous, base + previous + previous_len));
                open = Some(i);
            }
            (Mark::Close, Some(o)) => {
                let o_len = text[o..].chars().next().map_or(1, char::len_utf8);
                quotes.push(Quotation {
                    span: Span::new(base + o, base + i + len),
                    inner: Span::new(base + o + o_len, base + i),
                    block,
                    runs_on: false,
                    continues,
                });
                continues = false;
                open = None;
            }
            (Mark::Close, None) => unbalanced.push(Span::new(base + i, base + i + len)),
            (Mark::Either | Mark::Reopen, _) => {}
        }
    }
    match open {
        Some(o) if next_reopens => {
            let o_len = text[o..].chars().next().map_or(1, char::len_utf8);
            let end = base + text.trim_end().len();
            quotes.push(Quotation {
                span: Span::new(base + o, end),
                inner: Span::new(base + o + o_len, end),
                block,
                runs_on: true,
                continues,
            });
            true
        }
        Some(o) => {
            let o_len = text[o..].chars().next().map_or(1, char::len_utf8);
            unbalanced.push(Span::new(base + o, base + o + o_len));
            false
        }
        None => false,
    }
}

/// Single-quoted speech in a headline: `'We will win'`, `‘Racist’ chants`. A mark between two
/// letters is an apostrophe; an opening mark must follow a space (or start the line) and
/// precede a letter; a closing mark must follow a letter or punctuation and precede a space,
/// punctuation or the end.
fn single_quoted(text: &str, base: usize, block: usize, quotes: &mut Vec<Quotation>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut open: Option<usize> = None;
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c != '\'' && c != '‘' && c != '’' {
            continue;
        }
        let before = k.checked_sub(1).map(|j| chars[j].1);
        let after = chars.get(k + 1).map(|&(_, c)| c);
        let can_open = c != '’'
            && before.is_none_or(|b| b.is_whitespace() || "(\"“".contains(b))
            && after.is_some_and(char::is_alphabetic);
        let can_close = c != '‘'
            && before.is_some_and(|b| b.is_alphanumeric() || ".!?,".contains(b))
            && after.is_none_or(|a| !a.is_alphanumeric());
        match open {
            None if can_open => open = Some(i),
            Some(o) if can_close => {
                let o_len = text[o..].chars().next().map_or(1, char::len_utf8);
                let inner = &text[o + o_len..i];
                // `rock 'n' roll`: a one-letter "quotation" is an elision.
                if inner.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                    quotes.push(Quotation {
                        span: Span::new(base + o, base + i + c.len_utf8()),
                        inner: Span::new(base + o + o_len, base + i),
                        block,
                        runs_on: false,
                        continues: false,
                    });
                }
                open = None;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, Format};

    fn quotes(text: &str) -> Vec<String> {
        let doc = Document::parse(text.to_string(), Format::Text);
        doc.quotes
            .iter()
            .map(|q| doc.text(q.inner).to_string())
            .collect()
    }

    fn unbalanced(text: &str) -> Vec<usize> {
        let doc = Document::parse(text.to_string(), Format::Text);
        doc.unbalanced_quotes.iter().map(|s| s.start).collect()
    }

    #[test]
    fn straight_and_curly_double_quotes() {
        assert_eq!(
            quotes("He said \"we will win\" and “we will stay,” she added."),
            ["we will win", "we will stay,"]
        );
    }

    #[test]
    fn nested_single_quotes_and_apostrophes_stay_inside() {
        assert_eq!(
            quotes("Dacic said: \"Serbia's friends don't call it 'the plan' in the '90s.\""),
            ["Serbia's friends don't call it 'the plan' in the '90s."]
        );
    }

    #[test]
    fn single_quoted_speech_in_headlines_only() {
        assert_eq!(
            quotes("'We will win' says Blair\n\nHe said the party's plan was 'good'.\n"),
            ["We will win"]
        );
        assert_eq!(
            quotes("UEFA rules on 'racist' chants at rock 'n' roll gig\n\nBody.\n"),
            ["racist"]
        );
        assert!(quotes("Serbia's ’90s rock 'n' roll\n\nBody.\n").is_empty());
        // Curly single marks are three bytes long: the quoted words start after all of them.
        assert_eq!(
            quotes("‘We will win’, says Blair\n\nBody.\n"),
            ["We will win"]
        );
    }

    #[test]
    fn a_quotation_running_over_paragraphs() {
        let text =
            "Head\n\n“We will not stop,” she said. “We will go on\n\n“until the end.”\n\nDone.\n";
        let doc = Document::parse(text.to_string(), Format::Text);
        let found: Vec<_> = doc
            .quotes
            .iter()
            .map(|q| (doc.text(q.inner), q.runs_on, q.continues))
            .collect();
        assert_eq!(
            found,
            [
                ("We will not stop,", false, false),
                ("We will go on", true, false),
                ("until the end.", false, true)
            ]
        );
        assert!(doc.unbalanced_quotes.is_empty());
    }

    #[test]
    fn paragraphs_of_one_quotation_run_together_on_one_line() {
        let text = "He said: \"We will win. \"We always do.\" Then he left.";
        let doc = Document::parse(text.to_string(), Format::Text);
        let found: Vec<_> = doc
            .quotes
            .iter()
            .map(|q| (doc.text(q.inner), q.runs_on, q.continues))
            .collect();
        assert_eq!(
            found,
            [
                ("We will win.", true, false),
                ("We always do.", false, true)
            ]
        );
        assert!(doc.unbalanced_quotes.is_empty());
    }

    #[test]
    fn german_low_and_high_marks() {
        assert_eq!(
            quotes("Er sagte: „Wir gewinnen das Spiel.“ Dann ging er."),
            ["Wir gewinnen das Spiel."]
        );
        assert!(unbalanced("Er sagte: „Wir gewinnen das Spiel.“ Dann ging er.").is_empty());
    }

    #[test]
    fn inch_marks_are_not_quotation_marks() {
        assert!(unbalanced("He is 5' 10\" tall and plays in goal.").is_empty());
    }

    #[test]
    fn unpaired_marks_are_reported() {
        assert_eq!(unbalanced("He said \"we will win and left."), [8]);
        assert_eq!(unbalanced("He left” at noon."), [7]);
        assert!(unbalanced("He said \"yes\" and \"no\".").is_empty());
    }
}
