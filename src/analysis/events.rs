//! One-off events, read from the grammar of a sentence ([`super::grammar`]): a clause in the
//! past tense or the present perfect, not negated, not modal or future, not a condition or a
//! habit, whose main verb is an event verb ("resigned", "has been arrested") or which names an
//! event noun around its verb ("held talks", "After the summit, ..."), and which does not
//! report a market figure moving ("prices rose 0.4 pct"). The word lists are data
//! (`rules/words/events.toml`), by lemma; the `event` rule kind adds to them.

use super::grammar::{Pos, SentenceAnalysis, Tense, VerbGroup};
use super::lexicon::{Lexicon, EVENT_WORDS};
use crate::diagnostic::Span;
use crate::document::Document;
use std::collections::HashSet;
use std::sync::LazyLock;

/// What made a clause an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// Its main verb ("resigned").
    Verb,
    /// An event noun around its verb ("held talks").
    Noun,
}

/// One event found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    /// The verb group, or the noun phrase naming the event.
    pub span: Span,
    pub trigger: Trigger,
}

/// Decides which clauses report one-off events.
#[derive(Debug, Clone)]
pub struct EventFinder {
    verbs: HashSet<String>,
    nouns: HashSet<String>,
    statistic_subjects: HashSet<String>,
    movements: HashSet<String>,
    ongoing: HashSet<String>,
}

static BUILTIN: LazyLock<EventFinder> = LazyLock::new(|| EventFinder::new(&[], &[], &[]));

impl EventFinder {
    /// The built-in lists, with `verbs` and `nouns` added and `not_events` (verbs or nouns)
    /// taken out; every word a lemma, compared in lowercase.
    pub fn new(verbs: &[String], nouns: &[String], not_events: &[String]) -> EventFinder {
        let words = &*EVENT_WORDS;
        let removed: HashSet<String> = not_events.iter().map(|w| w.to_lowercase()).collect();
        let set = |builtin: &[String], extra: &[String]| -> HashSet<String> {
            builtin
                .iter()
                .chain(extra)
                .map(|w| w.to_lowercase())
                .filter(|w| !removed.contains(w))
                .collect()
        };
        let plain = |list: &[String]| list.iter().map(|w| w.to_lowercase()).collect();
        EventFinder {
            verbs: set(&words.verbs, verbs),
            nouns: set(&words.nouns, nouns),
            statistic_subjects: plain(&words.statistic_subjects),
            movements: plain(&words.movements),
            ongoing: plain(&words.ongoing),
        }
    }

    /// The finder with the built-in lists.
    pub fn builtin() -> &'static EventFinder {
        &BUILTIN
    }

    /// The first event of a sentence (`analysis`, of `doc`), if it reports one. With
    /// `in_quotes` false, an event inside a quotation is the speaker's and does not count.
    pub fn first_event(
        &self,
        doc: &Document,
        analysis: &SentenceAnalysis,
        in_quotes: bool,
    ) -> Option<Event> {
        let groups = &analysis.verb_groups;
        (0..groups.len()).find_map(|k| self.event_at(doc, analysis, k, in_quotes))
    }

    fn event_at(
        &self,
        doc: &Document,
        analysis: &SentenceAnalysis,
        k: usize,
        in_quotes: bool,
    ) -> Option<Event> {
        let lexicon = Lexicon::get();
        let tokens = &analysis.tokens;
        let groups = &analysis.verb_groups;
        let g: &VerbGroup = &groups[k];
        let done = g.tense == Tense::Past || (g.tense == Tense::Present && g.aspect.is_perfect());
        if !done || g.negated || g.modal.is_some() {
            return None;
        }
        let head = &tokens[g.head];
        if !in_quotes && doc.in_quote(head.span) {
            return None;
        }
        // The words around the verb: back to the verb group before, on to the one after.
        let low = k.checked_sub(1).map_or(0, |p| groups[p].tokens.end);
        let high = groups.get(k + 1).map_or(tokens.len(), |n| n.tokens.start);
        let before = &tokens[low..g.tokens.start];
        let around = &tokens[low..high];
        let lemma = head.lemma.as_ref();
        // "If convicted, ...", "unless the board agreed".
        if before
            .iter()
            .any(|t| t.pos == Pos::Subordinator && lexicon.is_condition(&t.lemma))
        {
            return None;
        }
        // Habits: "the board often met", "every year it voted".
        if around.iter().any(|t| {
            (t.pos == Pos::Adverb && lexicon.is_habit(&t.lemma))
                || (t.pos == Pos::Determiner && matches!(t.lemma.as_ref(), "every" | "each"))
        }) {
            return None;
        }
        // Nobody did it: "no agreement was reached", "nobody was hurt".
        if before.iter().any(|t| {
            (t.pos == Pos::Determiner && t.lemma == "no")
                || (t.pos == Pos::Pronoun && lexicon.is_negative_pronoun(&t.lemma))
        }) {
            return None;
        }
        // The noun phrases that belong to this clause: those before the verb, and those after
        // it but the last when it is the next finite verb's subject.
        let next_finite = groups
            .get(k + 1)
            .is_some_and(|n| n.tense != Tense::Nonfinite);
        let phrases: Vec<_> = analysis
            .noun_phrases
            .iter()
            .filter(|np| np.head >= low && np.head < high)
            .filter(|np| np.head < g.tokens.start || !(next_finite && np.tokens.end == high))
            .collect();
        // A figure moving: "prices rose 0.4 pct", "the index gained 12 points".
        if self.movements.contains(lemma) {
            let statistic_subject = phrases.iter().any(|np| {
                np.head < g.tokens.start
                    && self
                        .statistic_subjects
                        .contains(tokens[np.head].lemma.as_ref())
            });
            let figure_after = tokens[g.tokens.end..high]
                .iter()
                .take(4)
                .any(|t| t.pos == Pos::Number);
            if statistic_subject || figure_after {
                return None;
            }
        }
        if lemma != "be" && self.verbs.contains(lemma) {
            return Some(Event {
                span: analysis.span(g.tokens.clone()),
                trigger: Trigger::Verb,
            });
        }
        let stative = self.ongoing.contains(lemma) || (lemma == "be" && g.aspect.is_perfect());
        if stative {
            return None;
        }
        phrases
            .iter()
            .find(|np| {
                let t = &tokens[np.head];
                t.pos == Pos::Noun
                    && (self.nouns.contains(t.lemma.as_ref())
                        || self.nouns.contains(&doc.prose(t.span).to_lowercase()))
            })
            .map(|np| Event {
                span: analysis.span(np.tokens.clone()),
                trigger: Trigger::Noun,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn events(text: &str) -> Vec<Option<String>> {
        let doc = Document::parse(text.to_string(), Format::Text);
        let finder = EventFinder::builtin();
        doc.sentence_analysis()
            .iter()
            .map(|a| {
                finder
                    .first_event(&doc, a, false)
                    .map(|e| doc.text(e.span).to_string())
            })
            .collect()
    }

    #[test]
    fn events_come_from_the_verb_or_an_event_noun() {
        let text = "The minister resigned. The ministers held talks in Moscow. \
                    After the summit, he went home. The company has not signed the deal. \
                    Ministers will vote on the plan. The firm could be sold. \
                    The minister is expected to resign. Prices rose 0.4 pct. \
                    Talks on the tariff have stalled. He often visited Paris. \
                    If convicted, he faces jail. Nobody was killed. \"We won the cup,\" he said. \
                    Police arrested 14 people. He told reporters it was good.";
        assert_eq!(
            events(text),
            [
                Some("resigned"),
                Some("talks"),
                Some("the summit"),
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                Some("arrested"),
                None,
            ]
            .map(|s| s.map(String::from))
        );
    }
}
