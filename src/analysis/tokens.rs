//! The tokenizer: one pass per sentence when an article is parsed, and everything else reads
//! what it found.
//!
//! [`words`] splits a text at Unicode word boundaries (UAX #29): "don't", "1.13bn" and "1,000"
//! are one word each, punctuation and spaces are none. [`Document::words`] holds them, and word
//! counts, word rules and the attribution finder all read that list.
//!
//! [`name_tokens`] is the view the attribution finder reads names in: each word cut to its runs
//! of letters and digits, joined again where one hyphen, apostrophe or full stop alone stands
//! between two runs ("23-year-old", "O'Neill", "U.S"), so that a name or a noun phrase is a
//! token whatever punctuation the words around it carry ("1,000" is two tokens; "Smith," is
//! one).
//!
//! [`Document::words`]: crate::document::Document::words

use crate::diagnostic::Span;
use unicode_segmentation::UnicodeSegmentation;

/// The words of `text`, as spans into it, in order.
pub fn words(text: &str) -> impl Iterator<Item = Span> + '_ {
    text.unicode_word_indices()
        .map(|(i, word)| Span::new(i, i + word.len()))
}

/// Whether `c` may stand alone between two runs of a token.
fn joins(c: char) -> bool {
    matches!(c, '\'' | '’' | '.' | '-')
}

/// Tokens for finding names: the runs of letters and digits inside `words` (spans into `text`,
/// in order), joined across a single hyphen, apostrophe or full stop. Text that is blanked
/// (spaces where a quotation was) holds no run, so its words give no token.
pub fn name_tokens(text: &str, words: impl IntoIterator<Item = Span>) -> Vec<Span> {
    let mut tokens: Vec<Span> = Vec::new();
    for word in words {
        let mut run: Option<usize> = None;
        let slice = word.slice(text);
        for (i, c) in slice
            .char_indices()
            .chain(std::iter::once((slice.len(), ' ')))
        {
            let at = word.start + i;
            match (c.is_alphanumeric(), run) {
                (true, None) => run = Some(at),
                (false, Some(start)) => {
                    push_run(text, &mut tokens, Span::new(start, at));
                    run = None;
                }
                _ => {}
            }
        }
    }
    tokens
}

/// Adds a run of letters and digits, joining it to the token before when one joining character
/// alone lies between them.
fn push_run(text: &str, tokens: &mut Vec<Span>, run: Span) {
    if let Some(last) = tokens.last_mut() {
        let gap = &text[last.end..run.start];
        let mut chars = gap.chars();
        if chars.next().is_some_and(joins) && chars.next().is_none() {
            last.end = run.end;
            return;
        }
    }
    tokens.push(run);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, spans: &[Span]) -> Vec<&'a str> {
        spans.iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn words_and_name_tokens() {
        let text = "Mr O'Neill, the 23-year-old U.S. striker, sold 1,000 shares (don't ask).";
        let all: Vec<Span> = words(text).collect();
        assert_eq!(
            texts(text, &all),
            [
                "Mr", "O'Neill", "the", "23", "year", "old", "U.S", "striker", "sold", "1,000",
                "shares", "don't", "ask"
            ]
        );
        assert_eq!(
            texts(text, &name_tokens(text, all)),
            [
                "Mr",
                "O'Neill",
                "the",
                "23-year-old",
                "U.S",
                "striker",
                "sold",
                "1",
                "000",
                "shares",
                "don't",
                "ask"
            ]
        );
        // A blanked stretch gives no token.
        let blanked = "Smith said            today";
        let all: Vec<Span> = words(blanked).collect();
        assert_eq!(
            texts(blanked, &name_tokens(blanked, all)),
            ["Smith", "said", "today"]
        );
    }
}
