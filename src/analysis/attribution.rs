//! Who said each quotation: a speech verb ("said", "told", "according to") with a speaker beside
//! it (a name, a pronoun, a noun phrase such as "the minister") in the sentence holding the
//! quotation, the one before or the one after, or a colon after a speaker; a quotation that
//! goes on from an attributed one takes its source. Used by the `quote` rule kind and by
//! `copydesk quotes`. The word lists are data (`rules/words/attribution.toml`), embedded in the
//! binary.

use super::speakers::{self, Additions, Lexicon, SpeakerClass};
use super::tokens;
use crate::diagnostic::Span;
use crate::document::{Document, Quotation};
use crate::rules::matcher::words_pattern;
use copydesk_regex::{Regex, RegexBuilder};
use rustc_hash::FxHashSet as HashSet;
use serde::Deserialize;
use std::borrow::Cow;
use std::sync::LazyLock;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Words {
    labels: Vec<String>,
    pronouns: Vec<String>,
    speakers: Vec<String>,
    determiners: Vec<String>,
    phrase_openers: Vec<String>,
    not_speakers: Vec<String>,
    term_openers: Vec<String>,
}

const WORDS_TOML: &str = include_str!("../../rules/words/attribution.toml");

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    // Shipped inside the binary and parsed by a unit test, so this cannot fail for a user.
    toml::from_str(WORDS_TOML).unwrap_or_default()
});

static DEFAULT_ATTRIBUTOR: LazyLock<Attributor> = LazyLock::new(|| {
    Attributor::new(None, &[], DEFAULT_MIN_WORDS).unwrap_or_else(|_| Attributor::empty())
});

pub const DEFAULT_MIN_WORDS: usize = 3;

/// How a quotation's source was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// In the sentence holding the quotation.
    Same,
    /// In the sentence before it starts.
    Before,
    /// In the sentence after it ends.
    After,
    /// It continues an attributed quotation from the previous paragraph.
    Continues,
    /// Too short to be a statement: a term, title or scare quote.
    Fragment,
    /// A title of a work or a name in title case ("Don't Call It a Comeback"), not speech.
    Title,
    /// A short term or name in quotation marks inside the writer's sentence, where a noun
    /// goes ("its culture of "work hard, play hard"", "attacked the package as a "bad piece of
    /// legislation"") with no speaker near it: a term, not a statement.
    Term,
    /// No source found.
    None,
}

/// Who said one quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution {
    pub how: How,
    pub speaker: Option<Span>,
    pub verb: Option<Span>,
    /// What kind of speaker it is, when there is one.
    pub class: Option<SpeakerClass>,
    /// Words in the quotation.
    pub words: usize,
}

impl Attribution {
    pub fn needs_source(&self) -> bool {
        self.how == How::None
    }
}

/// Decides who said each quotation of a document.
#[derive(Debug)]
pub struct Attributor {
    /// Word lists of its own (a rule's `verbs` or `speakers`); `None` for the built-in lists,
    /// whose attributions the document keeps ([`Document::speech`]).
    lexicon: Option<Lexicon>,
    /// Verbs that attribute a quotation in their own sentence only.
    labels: Regex,
    pronouns: HashSet<String>,
    speakers: HashSet<String>,
    /// Words that make the next word a noun phrase that can speak ("the", "his").
    determiners: HashSet<String>,
    /// Of those, the ones that open the speaker's noun phrase ("said the 23-year-old").
    phrase_openers: HashSet<String>,
    /// Capitalised words that open sentences or clauses without naming anyone, as written.
    not_speakers: HashSet<String>,
    /// Words after which a short quotation stands where a noun goes ("of", "as a").
    term_openers: HashSet<String>,
    min_words: usize,
}

/// A regex that matches nothing.
fn nothing() -> Regex {
    RegexBuilder::new(r"[^\s\S]").build_trusted()
}

impl Attributor {
    fn empty() -> Attributor {
        Attributor {
            lexicon: None,
            labels: nothing(),
            pronouns: HashSet::default(),
            speakers: HashSet::default(),
            determiners: HashSet::default(),
            phrase_openers: HashSet::default(),
            not_speakers: HashSet::default(),
            term_openers: HashSet::default(),
            min_words: DEFAULT_MIN_WORDS,
        }
    }

    /// The built-in speech verbs (or `verbs`, replacing them), the built-in speaker words plus
    /// `speakers`.
    pub(crate) fn new(
        verbs: Option<&[String]>,
        speakers: &[String],
        min_words: usize,
    ) -> Result<Attributor, copydesk_regex::Error> {
        let words = &*WORDS;
        let lexicon = (verbs.is_some() || !speakers.is_empty()).then(|| {
            Lexicon::new(&Additions {
                replace_verbs: verbs.map(<[String]>::to_vec),
                roles: speakers.to_vec(),
                ..Additions::default()
            })
        });
        let alternation = |list: &[String], trusted: bool| {
            let pattern = words_pattern(
                list.iter()
                    .map(String::as_str)
                    .filter(|v| !v.trim().is_empty()),
            )
            .join("|");
            let pattern = if pattern.is_empty() {
                r"[^\s\S]".to_string()
            } else {
                pattern
            };
            let mut builder = RegexBuilder::new(&pattern);
            builder.case_insensitive(true);
            if trusted {
                Ok(builder.build_trusted())
            } else {
                builder.build()
            }
        };
        Ok(Attributor {
            lexicon,
            labels: alternation(&words.labels, true)?,
            pronouns: words.pronouns.iter().map(|p| p.to_lowercase()).collect(),
            speakers: words
                .speakers
                .iter()
                .chain(speakers)
                .map(|s| s.to_lowercase())
                .collect(),
            determiners: lowercase(&words.determiners),
            phrase_openers: lowercase(&words.phrase_openers),
            not_speakers: words.not_speakers.iter().cloned().collect(),
            term_openers: lowercase(&words.term_openers),
            min_words,
        })
    }

    /// The regex it searches with: the labelling verbs.
    pub(crate) fn regexes(&self) -> [&Regex; 1] {
        [&self.labels]
    }

    /// The default attributor, as the built-in `quote` rules use it.
    pub fn default_ref() -> &'static Attributor {
        &DEFAULT_ATTRIBUTOR
    }

    /// One attribution per quotation of `doc`, in the same order.
    pub fn attribute(&self, doc: &Document) -> Vec<Attribution> {
        let speech: Cow<[speakers::Attribution]> = match &self.lexicon {
            Some(lexicon) => Cow::Owned(lexicon.attributions(doc)),
            None => Cow::Borrowed(doc.speech()),
        };
        let mut out: Vec<Attribution> = Vec::with_capacity(doc.quotes.len());
        for (i, quote) in doc.quotes.iter().enumerate() {
            let words = word_count(doc, quote.inner);
            let mut attribution = Attribution {
                how: How::None,
                speaker: None,
                verb: None,
                class: None,
                words,
            };
            if words < self.min_words {
                attribution.how = How::Fragment;
            } else if is_title(doc.text(quote.inner)) {
                attribution.how = How::Title;
            } else if let Some(found) = self.find_source(doc, quote, &speech) {
                attribution = Attribution { words, ..found };
            } else if let Some(previous) = self.continued(doc, quote, i, &out) {
                attribution = Attribution {
                    how: How::Continues,
                    words,
                    ..previous
                };
            } else if self.is_term(doc, quote, words) {
                attribution.how = How::Term;
            }
            out.push(attribution);
        }
        // `"A. "B," she said.`: the parts of a run-on quotation before its attribution take it.
        for i in (0..out.len().saturating_sub(1)).rev() {
            let next = out[i + 1];
            let chained = doc.quotes[i].runs_on && doc.quotes[i + 1].continues;
            if chained
                && out[i].how == How::None
                && !matches!(next.how, How::None | How::Fragment | How::Title | How::Term)
            {
                out[i] = Attribution {
                    how: How::Continues,
                    words: out[i].words,
                    ..next
                };
            }
        }
        out
    }

    /// Whether `quote` is a short term inside the writer's sentence: at most six words, no
    /// sentence of its own, right after a word that puts a noun next ("the", "of", "as").
    fn is_term(&self, doc: &Document, quote: &Quotation, words: usize) -> bool {
        const MAX_WORDS: usize = 6;
        if words > MAX_WORDS || quote.runs_on || quote.continues {
            return false;
        }
        let inner = doc.text(quote.inner).trim_end();
        if inner.ends_with(['.', '?', '!', '…']) {
            return false;
        }
        let Some(sentence) = doc.sentences_in(quote.span).first() else {
            return false;
        };
        let first = doc.words.partition_point(|w| w.end <= sentence.span.start);
        let last = doc.words.partition_point(|w| w.end <= quote.span.start);
        doc.words[first..last]
            .last()
            .is_some_and(|w| self.term_openers.contains(&doc.text(*w).to_lowercase()))
    }

    /// The attribution of the quotation this one continues, if it continues one.
    fn continued(
        &self,
        doc: &Document,
        quote: &Quotation,
        index: usize,
        done: &[Attribution],
    ) -> Option<Attribution> {
        let attributed =
            |a: &Attribution| !matches!(a.how, How::None | How::Fragment | How::Title | How::Term);
        if quote.continues {
            // Wire copy's run-on quotation: the part before is the same quotation.
            return index
                .checked_sub(1)
                .and_then(|p| done.get(p))
                .copied()
                .filter(attributed);
        }
        // `"A," said Ms Jones. "B."`: a quotation right after a sentence holding an attributed
        // one goes on in the same voice.
        let first = doc
            .sentences
            .partition_point(|s| s.span.end <= quote.span.start);
        if let Some(before) = first.checked_sub(1).map(|i| &doc.sentences[i]) {
            if before.block == quote.block {
                // The last quotation of the sentence before (quotations are in order).
                let previous = index
                    .checked_sub(1)
                    .filter(|&j| before.span.overlaps(doc.quotes[j].span));
                return previous
                    .and_then(|j| done.get(j))
                    .copied()
                    .filter(attributed);
            }
        }
        let block = &doc.blocks[quote.block];
        if quote.span.start != block.span.start || quote.block == 0 {
            return None;
        }
        // A paragraph that opens with a quotation, after a paragraph that ends with an
        // attributed one: the same speaker goes on.
        // The last quotation before this block, if it is in the block just before.
        let previous = doc
            .quotes
            .partition_point(|q| q.block < quote.block)
            .checked_sub(1)
            .filter(|&j| doc.quotes[j].block + 1 == quote.block)?;
        let previous_quote = &doc.quotes[previous];
        // Its last quotation must close that paragraph, or stand in its last two sentences
        // (`"A," he said. He added that B.` still hands on to the next paragraph).
        let sentences = doc.block_sentences(&doc.blocks[previous_quote.block]);
        let tail = sentences.get(sentences.len().saturating_sub(2))?;
        let ends_paragraph = previous_quote.span.end >= tail.span.start;
        done.get(previous)
            .copied()
            .filter(|a| ends_paragraph && attributed(a))
    }

    /// A speech verb with a speaker in the sentence holding `quote`, the one before or after.
    fn find_source(
        &self,
        doc: &Document,
        quote: &Quotation,
        speech: &[speakers::Attribution],
    ) -> Option<Attribution> {
        let first = doc
            .sentences
            .partition_point(|s| s.span.end <= quote.span.start);
        let last = doc
            .sentences
            .partition_point(|s| s.span.start < quote.span.end)
            .checked_sub(1)?;
        if first > last {
            return None;
        }
        // Attribution stands near its quotation: in a run-on sentence of thousands of words only
        // the stretch around the quotation is searched, which keeps the work per quotation
        // bounded however long the paragraph.
        let same = near(
            doc,
            Span::new(
                doc.sentences[first].span.start,
                doc.sentences[last].span.end,
            ),
            quote.span,
        );
        // A colon that introduces the quotation after naming its speaker: a label
        // (`Blackburn boss Mark Hughes: "We were poor."`) or a sentence about them (`For Henry
        // Reichhold, this is progress: "..."`).
        let lead = doc
            .prose(Span::new(same.start, quote.span.start))
            .trim_end();
        if let Some(label) = lead.strip_suffix(':') {
            let tokens = window_tokens(doc, Span::new(same.start, same.start + label.len()), label);
            let colon = same.start + label.len();
            // A name, a pronoun or a speaker word: "The result:" names nobody.
            let names = |t: usize| {
                let word = tokens[t].slice(label);
                let lower = word.to_lowercase();
                word.chars().next().is_some_and(char::is_uppercase)
                    || self.pronouns.contains(&lower)
                    || self.speakers.contains(&lower)
            };
            for t in (0..tokens.len()).rev().filter(|&t| names(t)) {
                if let Some(speaker) = self.speaker_at(label, &tokens, t) {
                    let verb = Span::new(colon, colon + 1);
                    let speaker = speaker.offset(same.start);
                    let class = self.lexicon().classify_span(doc, speaker);
                    return Some(found(How::Same, verb, speaker, class));
                }
            }
        }
        if let Some(found) = spoken(speech, same, How::Same) {
            return Some(found);
        }
        if let Some((verb, speaker)) = self.in_span(doc, same, &self.labels) {
            let class = self.lexicon().classify_span(doc, speaker);
            return Some(found(How::Same, verb, speaker, class));
        }
        let block = doc.sentences[first].block;
        if let Some(before) = first.checked_sub(1).map(|i| &doc.sentences[i]) {
            // The sentence before counts inside the paragraph, or across a paragraph break when
            // the quotation opens its paragraph ("Barrow said he was surprised." / "We've just
            // had our heads down.").
            let opens_paragraph = quote.span.start == doc.blocks[block].span.start;
            if before.block == block || opens_paragraph {
                // A labelling verb introduces what follows it too ("Ferguson hailed his senior
                // players. "Roy came on and ran the game."") when the sentence holds no
                // quotation of its own.
                let introduces = doc.quotes_in(before.span).is_empty();
                let window = near(doc, before.span, quote.span);
                if let Some(found) = spoken(speech, window, How::Before) {
                    return Some(found);
                }
                let labels = introduces
                    .then(|| self.in_span(doc, window, &self.labels))
                    .flatten();
                if let Some((verb, speaker)) = labels {
                    let class = self.lexicon().classify_span(doc, speaker);
                    return Some(found(How::Before, verb, speaker, class));
                }
            }
        }
        if let Some(after) = doc.sentences.get(last + 1) {
            if after.block == block {
                if let Some(found) = spoken(speech, near(doc, after.span, quote.span), How::After) {
                    return Some(found);
                }
            }
        }
        None
    }

    /// The word lists speakers are classified with.
    fn lexicon(&self) -> &Lexicon {
        self.lexicon.as_ref().unwrap_or(Lexicon::default_ref())
    }

    /// The first labelling verb in `span` (outside any quotation) with a speaker beside it.
    fn in_span(&self, doc: &Document, span: Span, verbs: &Regex) -> Option<(Span, Span)> {
        // Quotation text is not attribution: build the window with quotations blanked, in one
        // pass (blanking them one at a time would copy the window once per quotation).
        let text = doc.prose_outside_quotes(span);
        let tokens = window_tokens(doc, span, &text);
        // The text is the article's own, with quotations blanked: the article's form fits it.
        for verb in verbs.find_iter(doc.profile(), &text) {
            let verb = Span::from(verb);
            let before = tokens.partition_point(|t| t.end <= verb.start);
            let after = tokens.partition_point(|t| t.start < verb.end);
            // "Mr Smith, the chief executive, said" and "The minister, who was in Leeds, said":
            // when a clause set off by commas stands before the verb, its subject comes first.
            let subject_end = text[..verb.start]
                .trim_end()
                .strip_suffix(',')
                .and_then(|clause| clause.rfind(','))
                .map(|comma| tokens.partition_point(|t| t.end <= comma));
            let subject = subject_end
                .map(|end| (end.saturating_sub(3)..end).rev())
                .into_iter()
                .flatten();
            // Then nearest first: right before the verb ("Mr Smith said"), right after it
            // ("said Mr Smith"), then further back.
            let near_before = (before.saturating_sub(3)..before).rev();
            let near_after = after..(after + 3).min(tokens.len());
            let far_before = (before.saturating_sub(12)..before.saturating_sub(3)).rev();
            for t in subject
                .chain(near_before)
                .chain(near_after)
                .chain(far_before)
            {
                if let Some(mut speaker) = self.speaker_at(&text, &tokens, t) {
                    // "The rail operator said": the noun phrase runs on to the verb.
                    let gap = &tokens[(t + 1).min(before)..before];
                    if t < before
                        && gap.len() <= 2
                        && gap
                            .iter()
                            .all(|g| g.slice(&text).chars().all(char::is_lowercase))
                        && text.get(speaker.end..verb.start).is_some_and(|between| {
                            between.chars().all(|c| c.is_alphabetic() || c == ' ')
                        })
                    {
                        if let Some(last) = gap.last() {
                            speaker.end = last.end;
                        }
                    }
                    return Some((verb.offset(span.start), speaker.offset(span.start)));
                }
            }
        }
        None
    }

    /// The speaker named by token `t`, widened to the whole name ("Mr Tony Blair") or the noun
    /// phrase ("the prime minister").
    fn speaker_at(&self, text: &str, tokens: &[Span], t: usize) -> Option<Span> {
        let word = tokens[t].slice(text);
        let lower = word.to_lowercase();
        // "i" is a pronoun only as "I".
        if (self.pronouns.contains(&lower) && lower != "i") || word == "I" {
            return Some(tokens[t]);
        }
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        if capitalised && !self.not_speakers.contains(word) {
            let mut start = t;
            while start > 0
                && tokens[start - 1]
                    .slice(text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                && !self.not_speakers.contains(tokens[start - 1].slice(text))
                && only_space_between(text, tokens[start - 1], tokens[start])
            {
                start -= 1;
            }
            let mut end = t;
            while end + 1 < tokens.len()
                && tokens[end + 1]
                    .slice(text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                && only_space_between(text, tokens[end], tokens[end + 1])
            {
                end += 1;
            }
            return Some(Span::new(tokens[start].start, tokens[end].end));
        }
        let bare = lower.trim_end_matches(['\'', '’', 's']);
        let determined = t
            .checked_sub(1)
            .map(|p| tokens[p].slice(text).to_lowercase())
            .is_some_and(|d| self.determiners.contains(&d));
        // "said the 23-year-old", "the striker added": a noun phrase right beside the verb.
        if self.speakers.contains(&lower) || self.speakers.contains(bare) || determined {
            let start = match t
                .checked_sub(1)
                .map(|p| tokens[p].slice(text).to_lowercase())
            {
                Some(d) if self.phrase_openers.contains(&d) => t - 1,
                _ => t,
            };
            return Some(Span::new(tokens[start].start, tokens[t].end));
        }
        None
    }
}

/// Title case: every word of four letters or more, and the first word, capitalised, as in the
/// title of a song, book or programme. Speech is written in sentence case.
fn is_title(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let capital = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    };
    (2..=10).contains(&words.len())
        && words.first().is_some_and(|w| capital(w))
        && words
            .iter()
            .filter(|w| w.chars().count() >= 4)
            .all(|w| capital(w))
        && words.iter().skip(1).any(|w| capital(w))
}

/// How far from its quotation an attribution is looked for, in bytes.
const REACH: usize = 400;

/// `span` cut down to the part within [`REACH`] bytes of `quote`, on character boundaries of
/// both the source and the mask (in an HTML article they differ inside an entity: `&rsquo;` is
/// seven ASCII bytes in the source, `’` and padding in the mask).
fn near(doc: &Document, span: Span, quote: Span) -> Span {
    let boundary = |at: usize| doc.source.is_char_boundary(at) && doc.mask.is_char_boundary(at);
    let mut start = span.start.max(quote.start.saturating_sub(REACH));
    let mut end = span.end.min(quote.end + REACH).max(start);
    while !boundary(start) {
        start -= 1;
    }
    while end < doc.source.len() && !boundary(end) {
        end += 1;
    }
    Span::new(start, end.min(span.end.max(start)))
}

fn only_space_between(text: &str, a: Span, b: Span) -> bool {
    text[a.end..b.start].chars().all(|c| c == ' ')
}

fn found(how: How, verb: Span, speaker: Span, class: Option<SpeakerClass>) -> Attribution {
    Attribution {
        how,
        speaker: Some(speaker),
        verb: Some(verb),
        class,
        words: 0,
    }
}

/// The first attribution of the article with a speaker whose verb lies in `window`.
fn spoken(speech: &[speakers::Attribution], window: Span, how: How) -> Option<Attribution> {
    let first = speech.partition_point(|a| a.verb.start < window.start);
    speech[first..]
        .iter()
        .take_while(|a| a.verb.start < window.end)
        .find(|a| a.verb.end <= window.end && a.speaker.is_some())
        .and_then(|a| Some(found(how, a.verb, a.speaker?, Some(a.class))))
}

/// The regexes of this module that no rule file holds, for the automata stored ahead of time
/// (the built-in verbs are the quote rules').
#[cfg(test)]
pub(crate) fn fixed_regexes() -> Vec<&'static Regex> {
    vec![Box::leak(Box::new(nothing()))]
}

fn lowercase(list: &[String]) -> HashSet<String> {
    list.iter().map(|w| w.to_lowercase()).collect()
}

/// The name tokens of `text`, the window `span` of the article (quotations blanked in it), as
/// spans into `text`: from the words the document found, cut to the window.
fn window_tokens(doc: &Document, span: Span, text: &str) -> Vec<Span> {
    let first = doc.words.partition_point(|w| w.end <= span.start);
    let words = doc.words[first..]
        .iter()
        .take_while(|w| w.start < span.end)
        .map(|w| {
            let start = w.start.max(span.start) - span.start;
            let end = w.end.min(span.end) - span.start;
            Span::new(start, end)
        });
    tokens::name_tokens(text, words)
}

fn word_count(doc: &Document, span: Span) -> usize {
    let first = doc.words.partition_point(|w| w.start < span.start);
    let last = doc.words.partition_point(|w| w.start < span.end);
    doc.words[first..last]
        .iter()
        .filter(|w| span.contains(**w))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    #[test]
    fn the_word_lists_parse() {
        let words: Words = toml::from_str(WORDS_TOML).unwrap();
        assert!(words.labels.contains(&"called".to_string()));
    }

    #[test]
    fn a_window_edge_inside_an_html_entity_is_moved_to_a_boundary_of_source_and_mask() {
        // The quotation starts 400 bytes after a point inside `&rsquo;`, where the mask holds a
        // three-byte `’`: the window must not start in the middle of it.
        for pad in 0..8 {
            let text = format!(
                "<p>He said it&rsquo;s{}{} x \"We won the match today,\" he added.</p>",
                " and so on".repeat(39),
                " ".repeat(pad)
            );
            let doc = Document::parse(text, crate::document::Format::Html);
            let found = Attributor::default_ref().attribute(&doc);
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].how, How::Same);
        }
    }

    fn sheet(text: &str) -> Vec<(String, How, String)> {
        let doc = Document::parse(text.to_string(), Format::Text);
        Attributor::default_ref()
            .attribute(&doc)
            .into_iter()
            .zip(&doc.quotes)
            .map(|(a, q)| {
                (
                    doc.text(q.inner).to_string(),
                    a.how,
                    a.speaker
                        .map(|s| doc.text(s).to_string())
                        .unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn speakers_before_after_and_beside_the_quotation() {
        let text = "Head\n\n\"We will win this election,\" said Tony Blair. Mr Howard said: \"We will not lose it.\" \"It is close,\" she told the BBC.\n\nThe minister, who was in Leeds, said the vote was near. \"Nobody can call this one yet.\"\n";
        let found = sheet(text);
        assert_eq!(
            found[0],
            (
                "We will win this election,".into(),
                How::Same,
                "Tony Blair".into()
            )
        );
        assert_eq!(
            found[1],
            ("We will not lose it.".into(), How::Same, "Mr Howard".into())
        );
        assert_eq!(found[2], ("It is close,".into(), How::Same, "she".into()));
        assert_eq!(
            found[3],
            (
                "Nobody can call this one yet.".into(),
                How::Before,
                "The minister".into()
            )
        );
    }

    #[test]
    fn unattributed_quotations_and_fragments() {
        let text = "Head\n\nThe plan was dropped. \"It was never going to work in this city.\" Critics called it a \"damp squib\".\n";
        let found = sheet(text);
        assert_eq!(found[0].1, How::None);
        assert_eq!(found[1].1, How::Fragment);
    }

    #[test]
    fn a_colon_after_a_speaker_attributes() {
        let text = "Head\n\nBlackburn boss Mark Hughes: \"We were poor and deserved nothing.\"\n\nFor Henry Reichhold, this is progress: \"We have waited years for it.\"\n\nThe result: \"a total disaster for the town.\"\n";
        let found = sheet(text);
        assert_eq!(found[0].1, How::Same);
        assert_eq!(found[0].2, "Mark Hughes");
        assert_eq!(found[1].2, "Henry Reichhold");
        assert_eq!(found[2].1, How::None);
    }

    #[test]
    fn titles_of_works_are_not_speech() {
        let text = "Head\n\nThe band played \"Don't Call It a Comeback\" and \"Rust Belt Lullabies,\" to a full house.\n";
        let hows: Vec<How> = sheet(text).iter().map(|f| f.1).collect();
        assert_eq!(hows, [How::Title, How::Title]);
        assert!(!is_title("We will not give in to this."));
    }

    #[test]
    fn continuing_paragraphs_take_the_previous_source() {
        let text = "Head\n\n\"We are delighted with the result,\" said Ms Jones.\n\n\"It shows what the team can do when it plays together.\"\n\n\"We start again\n\n\"on Monday with the same squad,\" she said.\n";
        let found = sheet(text);
        let hows: Vec<How> = found.iter().map(|f| f.1).collect();
        assert_eq!(hows, [How::Same, How::Before, How::Continues, How::Same]);
    }
}
