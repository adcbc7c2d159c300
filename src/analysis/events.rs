//! One-off events, read from the grammar of a sentence ([`super::grammar`]): a clause in the
//! past tense or the present perfect, not negated, not modal or future, not a condition or a
//! habit, whose main verb is an event verb ("resigned", "has been arrested") or which names an
//! event noun around its verb ("held talks", "After the summit, ..."), and which does not
//! report a market figure moving ("prices rose 0.4 pct"). The word lists are data
//! (`rules/words/events.toml`), by lemma; the `event` rule kind adds to them.

use super::grammar::{Aspect, Pos, SentenceAnalysis, Tense, Token, VerbForm, VerbGroup, Voice};
use super::lexicon::{inflections, Lexicon, EVENT_WORDS};
use crate::diagnostic::Span;
use crate::document::Document;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

/// Each phrase as its first word and the words after it.
fn split_phrases(list: &[String]) -> Vec<(String, Vec<String>)> {
    list.iter()
        .filter_map(|p| {
            let mut words = p.split_whitespace().map(str::to_lowercase);
            let verb = words.next()?;
            Some((verb, words.collect()))
        })
        .collect()
}

/// Whether `tokens` from `at` on read `words` (lemmas or lowercase words), with no
/// punctuation between.
fn reads(tokens: &[Token], at: usize, words: &[String]) -> bool {
    words.iter().enumerate().all(|(j, word)| {
        tokens.get(at + j).is_some_and(|t| {
            (j == 0 || !t.gap.any())
                && (t.lemma.as_ref() == word || t.lemma.as_ref() == word.trim_end_matches('s'))
        })
    })
}

/// Whether `g` is an infinitive: "to" and the base form ("to replace").
fn infinitive(tokens: &[Token], g: &VerbGroup) -> bool {
    g.tense == Tense::Nonfinite && tokens[g.tokens.clone()].iter().any(|t| t.pos == Pos::To)
}

/// How far back a clause is read for a condition ("if ...").
const MAX_CLAUSE: usize = 40;

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
    /// Every inflection of the verbs a rule added, which the lexicon may not know: the
    /// tagger's guess at an unknown word's lemma can miss ("bamboozled").
    verb_forms: HashSet<String>,
    nouns: HashSet<String>,
    statistic_subjects: HashSet<String>,
    movements: HashSet<String>,
    ongoing: HashSet<String>,
    passive_only: HashSet<String>,
    speech: HashSet<String>,
    audience: HashSet<String>,
    /// Verbs with the words after them: ("call", ["off"]).
    phrasal: Vec<(String, Vec<String>)>,
    /// The same, for phrases that are no event: ("lose", ["out"]).
    not_phrasal: Vec<(String, Vec<String>)>,
    /// Phrases of habit, as lowercase words.
    habit_phrases: Vec<Vec<String>>,
    not_passive: HashSet<String>,
    speech_with_clause: HashSet<String>,
    unrealised: HashSet<String>,
    figurative: HashMap<String, HashSet<String>>,
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
        let lexicon = Lexicon::get();
        let verb_forms = verbs
            .iter()
            .map(|v| v.to_lowercase())
            .filter(|v| !removed.contains(v))
            .flat_map(|v| inflections(&v, lexicon.doubles(&v)))
            .collect();
        EventFinder {
            verb_forms,
            verbs: set(&words.verbs, verbs),
            nouns: set(&words.nouns, nouns),
            statistic_subjects: plain(&words.statistic_subjects),
            movements: plain(&words.movements),
            ongoing: plain(&words.ongoing),
            passive_only: plain(&words.passive_only),
            speech: plain(&words.speech),
            audience: plain(&words.audience),
            not_passive: plain(&words.not_passive),
            speech_with_clause: plain(&words.speech_with_clause),
            unrealised: plain(&words.unrealised),
            figurative: words
                .figurative
                .iter()
                .map(|(verb, objects)| (verb.to_lowercase(), plain(objects)))
                .collect(),
            phrasal: split_phrases(&words.phrasal),
            not_phrasal: split_phrases(&words.not_phrasal),
            habit_phrases: words
                .habit_phrases
                .iter()
                .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
                .collect(),
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
        (0..groups.len())
            .find_map(|k| self.event_at(doc, analysis, k, in_quotes))
            .or_else(|| self.event_after(doc, analysis, in_quotes))
    }

    /// Whether `t` is an event noun, by its lemma or as written ("talks").
    fn is_event_noun(&self, doc: &Document, t: &Token) -> bool {
        self.nouns.contains(t.lemma.as_ref())
            || self.nouns.contains(&doc.prose(t.span).to_lowercase())
    }

    /// An event noun after "after", "following" or "since" ("after his side's 3-2 defeat",
    /// "following the launch of the project", "since the election"): the sentence takes the
    /// event as done, whatever its own verb does. Not when that verb is future or modal and
    /// the phrase goes with it ("will meet after the summit"); a comma sets the phrase apart
    /// ("could change, following the launch").
    fn event_after(
        &self,
        doc: &Document,
        analysis: &SentenceAnalysis,
        in_quotes: bool,
    ) -> Option<Event> {
        let tokens = &analysis.tokens;
        let phrase = analysis.noun_phrases.iter().find(|np| {
            let Some(p) = np.tokens.start.checked_sub(1) else {
                return false;
            };
            let opener = &tokens[p];
            let word = doc.prose(opener.span).to_lowercase();
            if !matches!(word.as_str(), "after" | "following" | "since")
                || tokens[np.tokens.start].gap.any()
            {
                return false;
            }
            let head = &tokens[np.head];
            let named = head.pos == Pos::Noun && self.is_event_noun(doc, head);
            if !named || (!in_quotes && doc.in_quote(head.span)) {
                return false;
            }
            // "after the planned vote", "since no agreement", "after such an acquisition".
            if tokens[np.tokens.clone()].iter().any(|m| {
                self.unrealised.contains(m.lemma.as_ref())
                    || matches!(
                        m.lemma.as_ref(),
                        "plan" | "no" | "such" | "any" | "every" | "each"
                    )
            }) {
                return false;
            }
            // "since the election is imminent": the phrase opens a clause of its own.
            if analysis
                .verb_groups
                .iter()
                .any(|g| g.tokens.start == np.tokens.end && g.tense != Tense::Nonfinite)
            {
                return false;
            }
            // The verb the phrase goes with: the last before it, unless a comma or a stop
            // comes between.
            let governing = analysis
                .verb_groups
                .iter()
                .rev()
                .find(|g| g.tokens.end <= p)
                .filter(|g| !tokens[g.tokens.end..=p].iter().any(|t| t.gap.any()));
            // "to replace him at some point after a third win": an infinitive's event that is
            // any one of its kind has not happened.
            let indefinite = matches!(tokens[np.tokens.start].lemma.as_ref(), "a" | "an" | "some");
            !governing.is_some_and(|g| {
                g.tense == Tense::Future
                    || g.modal.is_some()
                    || (indefinite && infinitive(tokens, g))
            })
        })?;
        Some(Event {
            span: analysis.span(phrase.tokens.clone()),
            trigger: Trigger::Noun,
        })
    }

    /// The head noun's lemma of an event found by its noun, when a definite determiner opens
    /// its phrase ("the conference", "its launch", "Tuesday's vote"): then it may name again an
    /// event an earlier sentence named.
    pub fn definite_noun<'a>(
        &self,
        sentence: &'a SentenceAnalysis,
        event: Event,
    ) -> Option<&'a str> {
        if event.trigger != Trigger::Noun {
            return None;
        }
        let phrase = sentence
            .noun_phrases
            .iter()
            .find(|np| sentence.span(np.tokens.clone()) == event.span)?;
        let first = &sentence.tokens[phrase.tokens.start];
        let definite = first.genitive
            || first.pos == Pos::Possessive
            || (first.pos == Pos::Determiner
                && matches!(
                    first.lemma.as_ref(),
                    "the" | "this" | "that" | "these" | "those"
                ));
        definite.then(|| sentence.tokens[phrase.head].lemma.as_ref())
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
        // Going on, not done: "was picking up", "is being sued".
        let progressive = matches!(g.aspect, Aspect::Progressive | Aspect::PerfectProgressive);
        let done = !progressive
            && (g.tense == Tense::Past || (g.tense == Tense::Present && g.aspect.is_perfect()));
        // "a letter sent to him", "the man arrested on Tuesday": a participle after a noun
        // reports what was done to it.
        let reduced = g.tense == Tense::Nonfinite
            && g.tokens.len() == 1
            && tokens[g.head].pos == Pos::Verb(VerbForm::Participle)
            && g.head > 0
            && tokens[g.head - 1].pos == Pos::Noun
            && tokens
                .get(g.head + 1)
                .is_some_and(|t| t.pos == Pos::Preposition && !t.gap.any())
            // ... and the noun is the sentence's subject, not a noun further in.
            && analysis
                .noun_phrases
                .iter()
                .find(|np| np.head + 1 == g.head)
                .is_some_and(|np| np.tokens.start == 0 || tokens[np.tokens.start].gap.any());
        // "after being dropped", "by recalling nine players", "Announcing the plans, he
        // said": an -ing clause that goes with a finite verb in the past.
        let opens_gerund = |i: usize| {
            i == 0
                || (tokens[i - 1].pos == Pos::Preposition
                    && matches!(
                        tokens[i - 1].lemma.as_ref(),
                        "after" | "by" | "following" | "before" | "since"
                    ))
        };
        // ... or, after "after", "since" or "following", with any verb that is not future or
        // modal: "is uncertain ... after being dropped for the final" (it happened first).
        let settled = |other: &VerbGroup| !other.negated && other.modal.is_none();
        let looks_back = g.tokens.start > 0
            && matches!(
                tokens[g.tokens.start - 1].lemma.as_ref(),
                "after" | "since" | "following"
            );
        // "by" and a gerund says how: not done when what it serves is only planned ("aims to
        // cut costs by closing plants").
        let after_preposition = g.tokens.start > 0;
        let of_plan = after_preposition
            && tokens[g.tokens.start - 1].lemma == "by"
            && groups[..k]
                .iter()
                .rev()
                .find(|before| tokens[before.tokens.start].pos != Pos::Verb(VerbForm::Gerund))
                .is_some_and(|before| infinitive(tokens, before) && before.modal.is_some());
        let gerund = g.tense == Tense::Nonfinite
            && tokens[g.tokens.start].pos == Pos::Verb(VerbForm::Gerund)
            && opens_gerund(g.tokens.start)
            && !of_plan
            && (groups.iter().any(|other| settled(other) && other.tense == Tense::Past)
                // "have shown their will by recalling nine players".
                || (after_preposition
                    && groups.iter().any(|other| {
                        settled(other) && other.tense == Tense::Present && other.aspect.is_perfect()
                    }))
                || (looks_back
                    && groups.iter().all(|other| {
                        other.tense != Tense::Future && other.modal.is_none()
                    })));
        if !(done || reduced || gerund) || g.negated || g.modal.is_some() {
            return None;
        }
        let head = &tokens[g.head];
        if !in_quotes && doc.in_quote(head.span) {
            return None;
        }
        // The words around the verb: back to the verb group before, on to the one after.
        // A clause boundary stops them: a conjunction, a subordinator or relative, a stop.
        let boundary = |t: &super::grammar::Token| {
            matches!(t.pos, Pos::Conjunction | Pos::Subordinator | Pos::Relative) || t.gap.stop
        };
        let low = k.checked_sub(1).map_or(0, |p| groups[p].tokens.end);
        // A word after punctuation opens the clause; a conjunction or subordinator comes
        // before it.
        let low = (low..g.tokens.start)
            .rev()
            .find(|&i| boundary(&tokens[i]))
            .map_or(low, |i| if tokens[i].gap.stop { i } else { i + 1 })
            .min(g.tokens.start);
        let next_start = groups.get(k + 1).map_or(tokens.len(), |n| n.tokens.start);
        let high = (g.tokens.end..next_start)
            .find(|&i| boundary(&tokens[i]))
            .unwrap_or(next_start);
        let before = &tokens[low..g.tokens.start];
        let around = &tokens[low..high];
        let lemma = head.lemma.as_ref();
        // The clause so far: back to the last punctuation, over at most a few dozen words
        // (bounded, so a sentence of thousands of words stays linear).
        let clause_start = (0..g.tokens.start)
            .rev()
            .take(MAX_CLAUSE)
            .find(|&i| tokens[i].gap.any())
            .unwrap_or(g.tokens.start.saturating_sub(MAX_CLAUSE));
        let clause = &tokens[clause_start.min(g.tokens.start)..g.tokens.start];
        // "If convicted, ...", "if a flight is cancelled or delayed".
        if clause
            .iter()
            .any(|t| t.pos == Pos::Subordinator && lexicon.is_condition(&t.lemma))
        {
            return None;
        }
        // A relative clause gives background to a noun ("whose grandmother died in
        // Auschwitz", "firms which were closed during the crisis"): the sentence's news is its
        // main clause.
        let opener = clause
            .iter()
            .rev()
            .find(|t| matches!(t.pos, Pos::Relative | Pos::Subordinator | Pos::Conjunction));
        if opener.is_some_and(|t| t.pos == Pos::Relative) {
            return None;
        }
        // Habits and spans: "on occasion the court has ruled", "has won for years".
        let window_start = clause_start.min(g.tokens.start);
        let window_end = (g.tokens.end + MAX_CLAUSE).min(tokens.len());
        if (window_start..window_end).any(|i| {
            self.habit_phrases
                .iter()
                .any(|p| !p.is_empty() && reads(tokens, i, p))
        }) {
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
        // A clause after the verb makes it speech: "protested that ...", "questioned whether".
        let reports_clause = (self.speech_with_clause.contains(lemma)
            || self.speech.contains(lemma))
            && tokens
                .get(g.tokens.end)
                .is_some_and(|t| t.pos == Pos::Subordinator && !t.gap.any());
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
        // "has been called off", "sold out", "came into force"; not "have lost out".
        let phrase_here = |(verb, rest): &(String, Vec<String>)| {
            verb == lemma && !rest.is_empty() && reads(tokens, g.head + 1, rest) && {
                tokens.get(g.head + 1).is_some_and(|t| !t.gap.any())
            }
        };
        if self.not_phrasal.iter().any(phrase_here) {
            return None;
        }
        let phrasal = self.phrasal.iter().any(phrase_here);
        if phrasal {
            return Some(Event {
                span: analysis.span(g.tokens.clone()),
                trigger: Trigger::Verb,
            });
        }
        if (reduced || gerund) && !self.verbs.contains(lemma) {
            return None;
        }
        // A figure moving: "prices rose 0.4 pct", "the index gained 12 points", "sales fell
        // to $3bn".
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
                .find(|t| {
                    !matches!(
                        t.lemma.as_ref(),
                        "to" | "by"
                            | "more"
                            | "less"
                            | "than"
                            | "about"
                            | "nearly"
                            | "almost"
                            | "some"
                            | "over"
                            | "around"
                            | "up"
                            | "down"
                            | "just"
                            | "only"
                            | "another"
                            | "a"
                            | "further"
                            | "sharply"
                            | "slightly"
                    )
                })
                .is_some_and(|t| t.pos == Pos::Number);
            if statistic_subject || figure_after {
                return None;
            }
        }
        let added = !self.verb_forms.is_empty()
            && self
                .verb_forms
                .contains(&doc.prose(head.span).to_lowercase());
        let passive = g.voice == Voice::Passive;
        let voice_ok = if passive {
            !self.not_passive.contains(lemma)
        } else {
            !self.passive_only.contains(lemma)
        };
        // "attacked the plans": the object's head says the verb is figurative.
        let figurative = !passive
            && self.figurative.get(lemma).is_some_and(|objects| {
                phrases.iter().any(|np| {
                    np.head >= g.tokens.end && objects.contains(tokens[np.head].lemma.as_ref())
                })
            });
        let passive_ok = voice_ok && !figurative;
        if lemma != "be" && (self.verbs.contains(lemma) || added) && passive_ok && !reports_clause {
            return Some(Event {
                span: analysis.span(g.tokens.clone()),
                trigger: Trigger::Verb,
            });
        }
        // "was" names an event only as "there was": "the offer was final" is a state.
        let existential = before.iter().any(|t| t.lemma == "there");
        let copula = lemma == "be" && !existential;
        let stative = self.ongoing.contains(lemma) || (lemma == "be" && g.aspect.is_perfect());
        if stative {
            return None;
        }
        let speech = self.speech.contains(lemma) || reports_clause;
        let audience = self.audience.contains(lemma);
        phrases
            .iter()
            .find(|np| {
                let t = &tokens[np.head];
                let opener = np.tokens.start.checked_sub(1).map(|i| &tokens[i]);
                // "without a win", "no vote".
                let denied = opener.is_some_and(|o| o.lemma == "without")
                    || tokens[np.tokens.start].lemma == "no";
                // After a verb of speech, only the setting counts: "said in a speech", "told
                // a news conference", not "called the protest peaceful".
                let setting = np.head < g.tokens.start
                    || !speech
                    || opener.is_some_and(|o| o.pos == Pos::Preposition)
                    || (audience && np.tokens.start == g.tokens.end);
                // "the planned takeover", "the next election".
                let unrealised = tokens[np.tokens.clone()]
                    .iter()
                    .any(|m| self.unrealised.contains(m.lemma.as_ref()) || m.lemma == "plan");
                // With "was", only where it happened: "was on a night out after the win", not
                // "the offer was final".
                let placed = !copula || opener.is_some_and(|o| o.pos == Pos::Preposition);
                // What a quotation holds is the speaker's: "made accounting decisions".
                let quoted = !in_quotes && doc.in_quote(t.span);
                t.pos == Pos::Noun
                    && !quoted
                    && !denied
                    && !unrealised
                    && placed
                    && setting
                    && self.is_event_noun(doc, t)
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

    /// "after", "following" and "since" take the event they name as done, whatever the
    /// sentence's own verb; not where that verb is future or modal without a comma between,
    /// nor where the phrase opens a clause of its own or names any one event of a kind.
    #[test]
    fn an_event_after_after_following_or_since_has_happened() {
        let text = "Hexford's manager accused the referee of losing control after his side's \
                    3-2 defeat by Carlton. \
                    Viewing habits could change, following the launch of the project. \
                    The striker is uncertain of his place after being dropped for the final. \
                    Zambia have shown their resolve by recalling nine players. \
                    Ministers will meet after the summit. \
                    Turnout may rise after the vote. \
                    He was cautious, since the election is imminent. \
                    Each holder may sell after such an acquisition. \
                    He hopes to lead the party at some point after a third win. \
                    The firm aims to cut costs by closing plants.";
        assert_eq!(
            events(text),
            [
                Some("his side's 3-2 defeat"),
                Some("the launch"),
                Some("dropped"),
                Some("recalling"),
                None,
                None,
                None,
                None,
                None,
                None,
            ]
            .map(|s| s.map(String::from))
        );
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
                Some("held"),
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
