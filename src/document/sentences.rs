//! Sentence splitting for news copy: Unicode sentence boundaries (UAX #29), then a pass that
//! rejoins the boundaries an abbreviation made ("Mr. Smith", "Nov. 28", "U.S. officials").

use serde::Deserialize;
use std::collections::HashSet;
use std::sync::LazyLock;
use unicode_segmentation::UnicodeSegmentation;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct AbbreviationLists {
    titles: Vec<String>,
    numbered: Vec<String>,
    other: Vec<String>,
    starters: Vec<String>,
}

struct Abbreviations {
    titles: HashSet<String>,
    numbered: HashSet<String>,
    other: HashSet<String>,
    starters: HashSet<String>,
}

const ABBREVIATIONS_TOML: &str = include_str!("abbreviations.toml");

static ABBREVIATIONS: LazyLock<Abbreviations> = LazyLock::new(|| {
    // The list ships inside the binary and a unit test parses it, so a parse failure here
    // cannot reach a user; an empty list would only make splitting coarser.
    let lists: AbbreviationLists = toml::from_str(ABBREVIATIONS_TOML).unwrap_or_default();
    let set = |v: Vec<String>| v.into_iter().collect::<HashSet<_>>();
    Abbreviations {
        titles: set(lists.titles),
        numbered: set(lists.numbered),
        other: set(lists.other),
        starters: set(lists.starters),
    }
});

/// Splits `text` (one block, with line breaks already turned into spaces) into sentences.
/// Returns byte ranges into `text`, trimmed of surrounding white space, in order, never empty.
pub fn split(text: &str) -> Vec<(usize, usize)> {
    let abbreviations = &*ABBREVIATIONS;
    let mut sentences: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (start, segment) in text.split_sentence_bound_indices() {
        let Some((lead, trail)) = trim_bounds(segment) else {
            continue;
        };
        let (seg_start, seg_end) = (start + lead, start + trail);
        open = Some(match open {
            Some((s, e)) if continues(&text[s..e], &text[seg_start..seg_end], abbreviations) => {
                (s, seg_end)
            }
            Some(done) => {
                sentences.push(done);
                (seg_start, seg_end)
            }
            None => (seg_start, seg_end),
        });
    }
    sentences.extend(open);
    sentences
}

/// Offsets of the first and past-the-last non-space characters, or `None` for a blank segment.
fn trim_bounds(segment: &str) -> Option<(usize, usize)> {
    let lead = segment.len() - segment.trim_start().len();
    let trail = segment.trim_end().len();
    (trail > lead).then_some((lead, trail))
}

/// Whether the boundary between `previous` and `next` was made by an abbreviation, so that
/// `next` continues the sentence.
fn continues(previous: &str, next: &str, abbreviations: &Abbreviations) -> bool {
    // An exclamation or question mark with a lowercase word after it ends no sentence: a name
    // ("gay rights group OutRage! said", "Yahoo! is") or a quotation (`"Why?" asked the
    // judge.`).
    let exclaims = previous
        .trim_end_matches(['"', '\'', '’', '”', ')'])
        .ends_with(['!', '?']);
    if exclaims {
        return next.starts_with(char::is_lowercase);
    }
    let Some(before_stop) = previous.strip_suffix('.') else {
        return false;
    };
    if before_stop.ends_with('.') {
        // An ellipsis written as full stops ends a sentence when a capital follows.
        return false;
    }
    let token_start = before_stop
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token = &before_stop[token_start..];
    if token.is_empty() {
        return false;
    }
    let next_word = first_word(next);
    let next_is_starter = abbreviations.starters.contains(next_word);
    let next_starts_with_digit = next_word.starts_with(|c: char| c.is_ascii_digit());

    if abbreviations.titles.contains(token) {
        return true;
    }
    if abbreviations.numbered.contains(token) {
        return next_starts_with_digit;
    }
    if abbreviations.other.contains(token) || is_initial_or_dotted(token) {
        return !next_is_starter;
    }
    false
}

/// `J`, `U.S`, `a.m`, `J.K`: an initial or a dotted abbreviation (the final stop removed).
fn is_initial_or_dotted(token: &str) -> bool {
    let mut parts = token.split('.');
    let all_short = parts.clone().all(|p| {
        let n = p.chars().count();
        (1..=2).contains(&n) && p.chars().all(char::is_alphabetic)
    });
    let first = parts.next().unwrap_or("");
    if token.contains('.') {
        all_short
    } else {
        let mut chars = first.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
    }
}

/// The first word of `text`, skipping opening quotation marks and brackets.
fn first_word(text: &str) -> &str {
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .unwrap_or(text.len());
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_abbreviation_list_parses() {
        let lists: AbbreviationLists = toml::from_str(ABBREVIATIONS_TOML).unwrap();
        assert!(lists.titles.iter().any(|t| t == "Mr"));
        assert!(lists.numbered.iter().any(|t| t == "Nov"));
        assert!(!lists.starters.is_empty());
    }

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn a_lowercase_word_after_an_exclamation_or_question_mark_continues() {
        assert_eq!(
            sentences("Brett Lock of OutRage! said they were pleased. It ended."),
            [
                "Brett Lock of OutRage! said they were pleased.",
                "It ended."
            ]
        );
        assert_eq!(
            sentences("\"Why?\" asked the judge. \"Stop!\" He ran."),
            ["\"Why?\" asked the judge.", "\"Stop!\"", "He ran."]
        );
    }

    #[test]
    fn dotted_abbreviation_before_a_starter_ends_the_sentence() {
        assert_eq!(
            sentences("He moved to the U.S. The move was costly."),
            ["He moved to the U.S.", "The move was costly."]
        );
    }
}
