//! Every attribution in an article, read from the structure of its sentences: a speech verb
//! with its speaker in either order ("…, she said", "said Jane Smith", "Smith, a spokesman for
//! the ministry, said"), "according to", the passive that names nobody ("it is understood", "is
//! said to") and the words that credit a claim to no one ("reportedly") — and what kind of
//! speaker each one has ([`SpeakerClass`]).
//!
//! Verbs and nouns are data, by lemma (`rules/words/speech.toml`); the forms are made from the
//! lemmas ([`verb_forms`], [`noun_forms`]). Which verb makes an attribution is decided by the
//! sentence, not by a list of phrases: a speech verb needs a speaker in subject position before
//! it, or after it when it stands as an aside (after a comma or a quotation); verbs that also
//! have other senses ("claim", "announce", "report") count only with what was said after them
//! (a clause, a quotation, or nothing at all when they are an aside), so a team that "claimed the
//! title" says nothing. The speaker is the noun phrase found there, walked back over the phrases
//! that qualify it ("a source close to the club", "officials at the ministry"), and classified
//! by its head noun and its determiner: "a spokeswoman" is an unnamed individual, "the
//! spokeswoman for the ministry" a named role, "dealers" an unnamed group, "Smith" a named
//! person.
//!
//! Work per sentence is bounded: every walk from a verb looks at a fixed number of tokens.

use super::{lexicon, tokens};
use crate::diagnostic::Span;
use crate::document::Document;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;
use std::fmt;
use std::sync::LazyLock;

/// Who an attribution credits.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum SpeakerClass {
    /// A person or an organisation by name: "Jane Smith", "Mr Blair", "Chrysler".
    Named,
    /// A pronoun: "she", "they" (resolved to the last named speaker where that is plain).
    Pronoun,
    /// An office or role that identifies one person: "the prime minister", "her lawyer", "the
    /// company's chairman".
    Role,
    /// An organisation or a document: "the ministry", "the report", "police".
    Institution,
    /// One person the reader cannot identify: "a spokeswoman", "one banker", "a source close to
    /// the club", "an aide".
    UnnamedIndividual,
    /// A group the reader cannot identify: "dealers", "officials", "Western diplomats",
    /// "people familiar with the matter", "reports".
    UnnamedGroup,
    /// Nobody at all: "reportedly", "it is understood", "is said to have", "is widely seen as".
    Agentless,
}

impl SpeakerClass {
    pub const ALL: [SpeakerClass; 7] = [
        SpeakerClass::Named,
        SpeakerClass::Pronoun,
        SpeakerClass::Role,
        SpeakerClass::Institution,
        SpeakerClass::UnnamedIndividual,
        SpeakerClass::UnnamedGroup,
        SpeakerClass::Agentless,
    ];

    /// The name rule files and JSON use.
    pub const fn name(self) -> &'static str {
        match self {
            SpeakerClass::Named => "named",
            SpeakerClass::Pronoun => "pronoun",
            SpeakerClass::Role => "role",
            SpeakerClass::Institution => "institution",
            SpeakerClass::UnnamedIndividual => "unnamed-individual",
            SpeakerClass::UnnamedGroup => "unnamed-group",
            SpeakerClass::Agentless => "agentless",
        }
    }

    /// The class in words, for messages: "an unnamed group".
    pub const fn describe(self) -> &'static str {
        match self {
            SpeakerClass::Named => "a named speaker",
            SpeakerClass::Pronoun => "a pronoun",
            SpeakerClass::Role => "a named role",
            SpeakerClass::Institution => "an organisation or document",
            SpeakerClass::UnnamedIndividual => "an unnamed individual",
            SpeakerClass::UnnamedGroup => "an unnamed group",
            SpeakerClass::Agentless => "nobody",
        }
    }

    /// Whether the reader cannot tell who is speaking.
    pub const fn is_unnamed(self) -> bool {
        matches!(
            self,
            SpeakerClass::UnnamedIndividual | SpeakerClass::UnnamedGroup | SpeakerClass::Agentless
        )
    }
}

impl fmt::Display for SpeakerClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One attribution: who, by which verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The speech verb or the words that attribute: "said", "according to", "it is
    /// understood", "reportedly".
    pub verb: Span,
    /// The speaker's noun phrase; `None` when the attribution names nobody.
    pub speaker: Option<Span>,
    pub class: SpeakerClass,
    /// The verb's lemma ("say", "according to", "understand", "reportedly").
    pub lemma: String,
    /// Index into [`Document::sentences`].
    pub sentence: usize,
    /// For a pronoun, the speaker it stands for, when that is plain.
    pub refers_to: Option<Span>,
}

impl Attribution {
    /// The speaker and the verb together, as flagged.
    pub fn span(&self) -> Span {
        match self.speaker {
            Some(s) => Span::new(s.start.min(self.verb.start), s.end.max(self.verb.end)),
            None => self.verb,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    speech: Vec<String>,
    speech_with_clause: Vec<String>,
    opinion: Vec<String>,
    judgement: Vec<String>,
    phrases: Vec<String>,
    inverts: Vec<String>,
    audience_first: Vec<String>,
    hearsay: Vec<String>,
    speaker_follows: Vec<String>,
    irregular: HashMap<String, Vec<String>>,
    agentless: Vec<String>,
    agentless_needs_to: Vec<String>,
    agentless_after_it: Vec<String>,
    agentless_words: Vec<String>,
    sources: Vec<String>,
    people: Vec<String>,
    roles: Vec<String>,
    institutions: Vec<String>,
    pronouns: Vec<String>,
    indefinite: Vec<String>,
    definite: Vec<String>,
    not_names: Vec<String>,
    between: Vec<String>,
    joins: Vec<String>,
    after_speaker: Vec<String>,
}

const WORDS_TOML: &str = include_str!("../../rules/words/speech.toml");

static WORDS: LazyLock<Option<Words>> = LazyLock::new(|| toml::from_str(WORDS_TOML).ok());

static DEFAULT: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::new(&Additions::default()));

/// Words a rule adds to the built-in lists, by lemma.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Additions {
    /// Speech verbs and phrases replacing the built-in ones (a `quote` rule's `verbs`).
    pub replace_verbs: Option<Vec<String>>,
    /// Speech verbs ("opine").
    pub verbs: Vec<String>,
    /// Nouns for people who speak without being identified ("punter").
    pub people: Vec<String>,
    /// Offices that identify one person when the article says whose they are ("ombudsman").
    pub roles: Vec<String>,
    /// Organisations and documents ("communique").
    pub institutions: Vec<String>,
}

impl Additions {
    pub fn is_empty(&self) -> bool {
        self.replace_verbs.is_none()
            && self.verbs.is_empty()
            && self.people.is_empty()
            && self.roles.is_empty()
            && self.institutions.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VerbKind {
    /// Speech whenever it has a speaker.
    Speech,
    /// Speech only with what was said after it, or as an aside.
    Clause,
    /// An opinion credited to someone.
    Opinion,
    /// A judgement, credited to someone only in the passive with its judge after "by" and
    /// the judgement after "as" or "to" ("is regarded by many as").
    Judgement,
}

/// What a passive participle needs around it to credit a claim to nobody.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Needs {
    /// "it is understood (that)" or "is said to".
    ItOrTo,
    /// "is seen as", "is known to".
    ToOrAs,
    /// "it was expected that" only.
    It,
}

/// Which form of its verb a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// "say"
    Base,
    /// "says"
    S,
    /// "said"
    Past,
    /// "saying"
    Ing,
}

/// The word lists, with every form made.
#[derive(Debug)]
pub struct Lexicon {
    /// Verb form → (lemma, kind, form).
    verbs: HashMap<String, (String, VerbKind, Form)>,
    /// Multi-word attributions, as lower-case words.
    phrases: Vec<Vec<String>>,
    speaker_follows: HashSet<String>,
    /// Lemmas that may stand before their speaker.
    inverts: HashSet<String>,
    /// Verbs whose object is the audience: what follows them is never the speaker.
    audience_first: HashSet<String>,
    /// Noun forms of hearsay ("reports") → whether plural.
    hearsay: HashMap<String, bool>,
    /// Passive participle → (lemma, what it needs to make a claim).
    agentless: HashMap<String, (String, Needs)>,
    agentless_words: HashSet<String>,
    /// Noun form → whether it is plural.
    sources: HashMap<String, bool>,
    people: HashMap<String, bool>,
    roles: HashMap<String, bool>,
    institutions: HashMap<String, bool>,
    pronouns: HashSet<String>,
    indefinite: HashSet<String>,
    definite: HashSet<String>,
    not_names: HashSet<String>,
    between: HashSet<String>,
    joins: HashSet<String>,
    after_speaker: HashSet<String>,
}

/// A verb's forms: the lemma, the -s form, the -ing form, and the past (by rule unless
/// `irregular` gives it), plus `irregular`. The spelling rules are the tagger's
/// ([`lexicon::inflections`]).
pub fn verb_forms(lemma: &str, irregular: &[String]) -> Vec<String> {
    let [base, s, past, _, ing] = lexicon::inflections(lemma, lexicon::one_syllable_cvc(lemma));
    let mut out = vec![base, s, ing];
    if irregular.is_empty() {
        out.push(past);
    }
    out.extend(irregular.iter().cloned());
    out
}

/// The regular past: "warned", "noted", "tried", "planned".
fn past(lemma: &str) -> String {
    let [_, _, past, _, _] = lexicon::inflections(lemma, lexicon::one_syllable_cvc(lemma));
    past
}

/// A noun's forms with whether each is plural: the lemma, and its plural (by rule unless
/// `irregular` gives it).
pub fn noun_forms(lemma: &str, irregular: &[String]) -> Vec<(String, bool)> {
    let mut out = vec![(lemma.to_string(), false)];
    if irregular.is_empty() {
        out.push((lexicon::plural(lemma), true));
    } else {
        out.extend(irregular.iter().map(|f| (f.clone(), true)));
    }
    out
}

fn set(list: &[String]) -> HashSet<String> {
    list.iter().map(|w| w.to_lowercase()).collect()
}

fn be_form(word: &str) -> bool {
    matches!(
        word,
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "'s" | "’s"
    )
}

fn negation(word: &str) -> bool {
    word == "not" || word == "never" || word.ends_with("n't") || word.ends_with("n’t")
}

/// Determiners that open a noun phrase: no verb follows them directly.
fn opens_phrase(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "the"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "this"
            | "these"
            | "those"
    )
}

/// Words that never belong to a noun phrase naming a speaker.
fn function_word(word: &str) -> bool {
    matches!(
        word,
        "and"
            | "or"
            | "but"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "what"
            | "when"
            | "where"
            | "while"
            | "if"
            | "as"
            | "than"
            | "because"
            | "so"
            | "not"
            | "to"
            | "of"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "from"
            | "with"
            | "into"
            | "about"
            | "after"
            | "before"
            | "over"
            | "under"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "may"
            | "might"
            | "should"
            | "must"
            | "can"
            | "also"
            | "there"
            | "here"
            | "him"
            | "them"
            | "us"
            | "me"
            | "it"
            | "this"
            | "these"
            | "those"
            | "then"
            | "now"
            | "still"
            | "however"
            | "very"
            | "more"
            | "most"
            | "less"
            | "much"
            | "such"
            | "no"
            | "up"
            | "down"
            | "out"
            | "off"
            | "against"
            | "between"
            | "during"
            | "since"
            | "until"
            | "through"
            | "without"
            | "per"
            | "pct"
            | "percent"
            | "cent"
    )
}

impl Lexicon {
    /// The built-in lists plus `additions`.
    pub fn new(additions: &Additions) -> Lexicon {
        let empty = Words {
            speech: Vec::new(),
            speech_with_clause: Vec::new(),
            opinion: Vec::new(),
            judgement: Vec::new(),
            phrases: Vec::new(),
            inverts: Vec::new(),
            audience_first: Vec::new(),
            hearsay: Vec::new(),
            speaker_follows: Vec::new(),
            irregular: HashMap::default(),
            agentless: Vec::new(),
            agentless_needs_to: Vec::new(),
            agentless_after_it: Vec::new(),
            agentless_words: Vec::new(),
            sources: Vec::new(),
            people: Vec::new(),
            roles: Vec::new(),
            institutions: Vec::new(),
            pronouns: Vec::new(),
            indefinite: Vec::new(),
            definite: Vec::new(),
            not_names: Vec::new(),
            between: Vec::new(),
            joins: Vec::new(),
            after_speaker: Vec::new(),
        };
        // Shipped in the binary and parsed by a unit test, so the fallback is never used.
        let words = WORDS.as_ref().unwrap_or(&empty);
        let none: Vec<String> = Vec::new();
        let irregular = |lemma: &str| words.irregular.get(lemma).unwrap_or(&none);
        let mut verbs = HashMap::default();
        // A replacing list: its words as written (each also made into its forms), its
        // multi-word entries phrases.
        let (replaced_single, replaced_phrases): (Vec<String>, Vec<String>) = additions
            .replace_verbs
            .iter()
            .flatten()
            .map(|v| v.trim().to_lowercase())
            .filter(|v| !v.is_empty())
            .partition(|v| !v.contains(char::is_whitespace));
        let no_lists = Vec::new();
        let replaced = additions.replace_verbs.is_some();
        let builtin = |list| if replaced { &no_lists } else { list };
        // Later kinds do not replace earlier ones: "speech" wins over "opinion".
        for (list, kind) in [
            (builtin(&words.speech), VerbKind::Speech),
            (&replaced_single, VerbKind::Speech),
            (&additions.verbs, VerbKind::Speech),
            (builtin(&words.speech_with_clause), VerbKind::Clause),
            (builtin(&words.opinion), VerbKind::Opinion),
            (builtin(&words.judgement), VerbKind::Judgement),
        ] {
            for lemma in list {
                let lemma = lemma.trim().to_lowercase();
                if lemma.is_empty() {
                    continue;
                }
                // Irregular forms first: "read" and "forecast" are pasts too.
                let irregular = irregular(&lemma);
                let forms = verb_forms(&lemma, irregular);
                let tagged = irregular.iter().map(|f| (f.clone(), Form::Past)).chain(
                    forms.into_iter().enumerate().map(|(i, f)| {
                        let form = match i {
                            0 => Form::Base,
                            1 => Form::S,
                            2 => Form::Ing,
                            _ => Form::Past,
                        };
                        (f, form)
                    }),
                );
                for (word, form) in tagged {
                    verbs
                        .entry(word)
                        .or_insert_with(|| (lemma.clone(), kind, form));
                }
            }
        }
        let nouns = |lists: &[&Vec<String>]| {
            let mut map = HashMap::default();
            for lemma in lists.iter().flat_map(|l| l.iter()) {
                let lemma = lemma.trim().to_lowercase();
                if lemma.is_empty() {
                    continue;
                }
                for (form, plural) in noun_forms(&lemma, irregular(&lemma)) {
                    map.entry(form).or_insert(plural);
                }
            }
            map
        };
        let needs_to = set(&words.agentless_needs_to);
        let after_it = set(&words.agentless_after_it);
        let mut agentless = HashMap::default();
        for lemma in &words.agentless {
            let forms = irregular(lemma);
            let participles = if forms.is_empty() {
                vec![past(lemma)]
            } else {
                forms.clone()
            };
            for form in participles {
                let needs = if after_it.contains(lemma) {
                    Needs::It
                } else if needs_to.contains(lemma) {
                    Needs::ToOrAs
                } else {
                    Needs::ItOrTo
                };
                agentless.insert(form, (lemma.clone(), needs));
            }
        }
        Lexicon {
            verbs,
            phrases: if replaced {
                &replaced_phrases
            } else {
                &words.phrases
            }
            .iter()
            .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
            .collect(),
            speaker_follows: set(&words.speaker_follows)
                .into_iter()
                .filter(|p| !replaced || replaced_phrases.contains(p))
                .collect(),
            inverts: set(&words.inverts),
            audience_first: set(&words.audience_first),
            hearsay: nouns(&[&words.hearsay]),
            agentless,
            agentless_words: set(&words.agentless_words),
            sources: nouns(&[&words.sources]),
            people: nouns(&[&words.people, &additions.people]),
            roles: nouns(&[&words.roles, &additions.roles]),
            institutions: nouns(&[&words.institutions, &additions.institutions]),
            pronouns: set(&words.pronouns),
            indefinite: set(&words.indefinite),
            definite: set(&words.definite),
            not_names: words.not_names.iter().cloned().collect(),
            between: set(&words.between),
            joins: set(&words.joins),
            after_speaker: set(&words.after_speaker),
        }
    }

    /// The lexicon of the built-in lists.
    pub fn default_ref() -> &'static Lexicon {
        &DEFAULT
    }

    /// Every attribution in `doc`, in order, outside quotations.
    pub fn attributions(&self, doc: &Document) -> Vec<Attribution> {
        let mut out = Vec::new();
        for (index, sentence) in doc.sentences.iter().enumerate() {
            let view = View::new(doc, sentence.span, &doc.words[sentence.words.clone()]);
            Reader {
                lexicon: self,
                doc,
                view: &view,
                sentence: index,
            }
            .read(&mut out);
        }
        resolve_pronouns(doc, &mut out);
        out
    }

    /// The class of a speaker named by `span` (a noun phrase, a name or a pronoun), as the
    /// quotation finder found it.
    pub fn classify_span(&self, doc: &Document, span: Span) -> Option<SpeakerClass> {
        let first = doc.words.partition_point(|w| w.end <= span.start);
        let words: Vec<Span> = doc.words[first..]
            .iter()
            .take_while(|w| w.start < span.end)
            .copied()
            .collect();
        let view = View::new(doc, span, &words);
        if view.tokens.is_empty() {
            return None;
        }
        let reader = Reader {
            lexicon: self,
            doc,
            view: &view,
            sentence: 0,
        };
        reader
            .classify(0, view.tokens.len() - 1, Some(VerbKind::Speech))
            .map(|(class, _)| class)
    }
}

/// A stretch of an article as tokens: its text with quotations blanked, and the name tokens in
/// it with their lower-case forms.
struct View {
    /// Where the text starts in the article.
    start: usize,
    text: String,
    tokens: Vec<Span>,
    lower: Vec<String>,
}

impl View {
    fn new(doc: &Document, span: Span, words: &[Span]) -> View {
        let text = doc.prose_outside_quotes(span);
        let words = words.iter().filter_map(|w| {
            let start = w.start.max(span.start) - span.start;
            let end = w.end.min(span.end) - span.start;
            (start < end && text.is_char_boundary(start) && text.is_char_boundary(end))
                .then(|| Span::new(start, end))
        });
        let tokens = tokens::name_tokens(&text, words);
        let lower = tokens
            .iter()
            .map(|t| t.slice(&text).to_lowercase())
            .collect();
        View {
            start: span.start,
            text,
            tokens,
            lower,
        }
    }

    fn word(&self, t: usize) -> &str {
        self.tokens[t].slice(&self.text)
    }

    /// The text between token `t` and the next (or the end).
    fn gap_after(&self, t: usize) -> &str {
        let end = self
            .tokens
            .get(t + 1)
            .map_or(self.text.len(), |next| next.start);
        &self.text[self.tokens[t].end..end]
    }

    /// The text between the token before `t` (or the start) and `t`.
    fn gap_before(&self, t: usize) -> &str {
        let start = t.checked_sub(1).map_or(0, |p| self.tokens[p].end);
        &self.text[start..self.tokens[t].start]
    }

    /// Whether token `t` is written as a name: a capital first ("Smith"), or a digit and then
    /// a capital ("4Cast").
    fn capitalised(&self, t: usize) -> bool {
        let mut chars = self.word(t).chars();
        match chars.next() {
            Some(c) if c.is_uppercase() => true,
            Some(c) if c.is_ascii_digit() => chars.any(char::is_uppercase),
            _ => false,
        }
    }

    /// The article span of tokens `a..=b`.
    fn span(&self, a: usize, b: usize) -> Span {
        Span::new(
            self.start + self.tokens[a].start,
            self.start + self.tokens[b].end,
        )
    }
}

/// Punctuation that breaks a noun phrase or sets off an aside. (Brackets do not: "Japan Bond
/// Research Institute (JBRI)", "Rep. Ed Jones (D-Tenn.)" are one name.)
fn breaks(gap: &str) -> bool {
    gap.chars()
        .any(|c| matches!(c, ',' | ';' | ':' | '—' | '–' | '"' | '“' | '”' | '!' | '?'))
        || gap.contains(" - ")
        || gap.contains(" -\n")
        || gap.contains("--")
}

/// How far a noun phrase runs, in tokens.
const PHRASE: usize = 8;

struct Reader<'a> {
    lexicon: &'a Lexicon,
    doc: &'a Document,
    view: &'a View,
    sentence: usize,
}

impl Reader<'_> {
    fn lower(&self, t: usize) -> &str {
        &self.view.lower[t]
    }

    fn read(&self, out: &mut Vec<Attribution>) {
        let n = self.view.tokens.len();
        let mut t = 0;
        while t < n {
            let next = self.at(t, out);
            t = next.max(t + 1);
        }
    }

    fn push(
        &self,
        out: &mut Vec<Attribution>,
        verb: Span,
        speaker: Option<Span>,
        class: SpeakerClass,
        lemma: &str,
    ) {
        out.push(Attribution {
            verb,
            speaker,
            class,
            lemma: lemma.to_string(),
            sentence: self.sentence,
            refers_to: None,
        });
    }

    /// Reads an attribution at token `t`, if one is there; returns the token to go on from.
    fn at(&self, t: usize, out: &mut Vec<Attribution>) -> usize {
        let lx = self.lexicon;
        let view = self.view;
        let word = self.lower(t);
        // "reportedly", "rumoured".
        if lx.agentless_words.contains(word) {
            self.push(out, view.span(t, t), None, SpeakerClass::Agentless, word);
            return t + 1;
        }
        // "There are (also) rumours", "there is speculation".
        if let Some(end) = self.there_are_rumours(t) {
            self.push(
                out,
                view.span(t, end),
                None,
                SpeakerClass::Agentless,
                "there be",
            );
            return end + 1;
        }
        // "on speculation that", "amid rumours that", "denied reports that": hearsay.
        if lx.hearsay.contains_key(word)
            && view.lower.get(t + 1).is_some_and(|w| w == "that")
            && !breaks(view.gap_after(t))
            && t.checked_sub(1).is_none_or(|p| {
                // "on speculation that", "denied reports that" ("BT reports that" is BT's).
                self.function(p) || self.lexicon.verbs.contains_key(self.lower(p))
            })
        {
            self.push(
                out,
                view.span(t, t + 1),
                None,
                SpeakerClass::Agentless,
                word,
            );
            return t + 2;
        }
        // The passive that names nobody: "it is understood", "is said to have".
        if let Some((lemma, needs)) = lx.agentless.get(word) {
            if let Some(found) = self.agentless(t, *needs) {
                self.push(out, found, None, SpeakerClass::Agentless, lemma);
                return t + 1;
            }
        }
        let Some((verb_end, lemma, kind, form)) = self.verb_at(t) else {
            return t + 1;
        };
        let verb = view.span(t, verb_end);
        let after = verb_end + 1;
        let next = view.lower.get(after).map(String::as_str);
        if lx.speaker_follows.contains(&lemma) {
            if let Some((speaker, class, _)) =
                self.phrase_after(after, false, Some(VerbKind::Speech))
            {
                self.push(out, verb, Some(speaker), class, &lemma);
            }
            return after;
        }
        // The word right before the verb, when nothing stands between them (a quotation or a
        // comma ends the clause before: `is "the best car", said Ulrich Bez`).
        let previous = t
            .checked_sub(1)
            .filter(|_| !breaks(view.gap_before(t)) && !self.quote_before(t))
            .map(|p| self.lower(p));
        // "quoted Iran's defence spokesman Ali Rafsanjani as saying": the speaker is the one
        // quoted.
        if form == Form::Ing && previous == Some("as") {
            if let Some(quoted) = (t.saturating_sub(16)..t.saturating_sub(1))
                .rev()
                .find(|&j| matches!(self.lower(j), "quoted" | "quotes" | "quoting"))
            {
                // "Smith was quoted by the daily al-Qabas as saying": the subject.
                let passive = quoted >= 2 && be_form(self.lower(quoted - 1));
                let found = if passive {
                    self.phrase_before(quoted - 2, VerbKind::Speech)
                } else {
                    self.phrase_after(quoted + 1, false, Some(VerbKind::Speech))
                };
                if let Some((speaker, class, _)) = found {
                    self.push(out, verb, Some(speaker), class, &lemma);
                }
            }
            return after;
        }
        // Not reported speech: "declined to comment", "did not say", "as expected". ("He will
        // say", "is expected to say" report a speech to come, and count.) After a determiner
        // the word is a noun or an adjective: "an alleged plot", "the report".
        let refused = previous == Some("to")
            && t.checked_sub(2).is_some_and(|b| {
                let w = self.lower(b);
                negation(w)
                    || w.starts_with("declin")
                    || w.starts_with("refus")
                    || w.starts_with("fail")
                    || matches!(
                        w,
                        "unable" | "unwilling" | "reluctant" | "wanted" | "want" | "how"
                    )
            });
        if refused
            || previous.is_some_and(|p| negation(p) || matches!(p, "as" | "if") || opens_phrase(p))
        {
            return after;
        }
        let after_be = previous.is_some_and(be_form);
        // "was reported by Interfax": the agent follows "by", named by a word of the lists
        // ("seen by tourists" is what they saw, not what they said).
        if next == Some("by") && form == Form::Past {
            // ("Asked by MPs, he said…": who asks is not the source.)
            let says = matches!(kind, VerbKind::Speech | VerbKind::Clause) && lemma != "ask";
            // "is seen by analysts as a risk", "is expected by economists to rise": an opinion
            // credited to its agent, when what they think follows.
            let judged = matches!(kind, VerbKind::Opinion | VerbKind::Judgement) && after_be;
            let agent = (says || judged)
                .then(|| self.phrase_after(after + 1, false, None))
                .flatten()
                .and_then(|(speaker, class, plural)| {
                    let speaker = if says {
                        speaker
                    } else {
                        self.judged_by(after + 1, speaker)?
                    };
                    Some((speaker, class, plural))
                });
            if let Some((speaker, class, _)) = agent {
                self.push(out, verb, Some(speaker), class, &lemma);
            }
            return after;
        }
        if kind == VerbKind::Judgement {
            return after;
        }
        // Other passives ("was told to leave") report nobody's speech; a phrase is what it
        // says ("was quoted as saying").
        if after_be && form != Form::Ing && verb_end == t {
            return after;
        }
        // "pleaded guilty" is a plea in court, not a claim.
        if lemma == "plead"
            && next.is_some_and(|w| matches!(w, "guilty" | "not" | "innocent" | "no"))
        {
            return after;
        }
        // "vowed to fight", "hopes to win": an intention, not a claim.
        if next == Some("to")
            && view
                .lower
                .get(after + 1)
                .is_some_and(|w| !lx.definite.contains(w) && !lx.indefinite.contains(w))
            && view.tokens.get(after + 1).is_some()
            && !view.capitalised(after + 1)
        {
            return after;
        }
        // "have seen" reports what happened; "analysts see" an opinion.
        if lemma == "see"
            && (form == Form::Past && previous.is_some_and(|p| matches!(p, "has" | "have" | "had")))
        {
            return after;
        }
        // After a comma or a quotation ("So wrote Priya Raman" after one too).
        let aside = breaks(view.gap_before(t))
            || self.quote_before(t)
            || (matches!(previous, Some("so" | "thus")) && self.quote_before(t - 1));
        if kind == VerbKind::Clause && !aside && !self.clause_follows(verb_end) {
            return after;
        }
        if form == Form::Ing && !after_be {
            // "with finance minister Hans Eichel saying": the speaker stands between.
            if !aside && t > 0 {
                let with = self.phrase_before(t - 1, kind).filter(|&(span, _, _)| {
                    let start = view
                        .tokens
                        .partition_point(|tok| view.start + tok.start < span.start);
                    start > 0 && self.lower(start - 1) == "with"
                });
                if let Some((speaker, class, _)) = with {
                    self.push(out, verb, Some(speaker), class, &lemma);
                }
            }
            // "…, saying the market would fall": the speaker is the one who said the clause
            // before, or the subject of the sentence.
            if aside {
                let before = out
                    .last()
                    .filter(|a| a.sentence == self.sentence && a.speaker.is_some())
                    .map(|a| (a.speaker, a.class));
                if let Some((speaker, class)) = before {
                    self.push(out, verb, speaker, class, &lemma);
                } else if let Some((speaker, class)) = self.sentence_subject(t, false) {
                    self.push(out, verb, Some(speaker), class, &lemma);
                }
            }
            return after;
        }
        // A verb agrees with its subject: "member states" and "a previous estimate" are nouns,
        // not a subject and its verb.
        // (After "will", "did" or "has" the verb agrees with them, not with the subject.)
        let auxiliary = previous.is_some_and(|p| lx.between.contains(p));
        let agrees = |plural: bool| match form {
            _ if auxiliary => true,
            Form::Base => plural,
            Form::S => !plural,
            Form::Past | Form::Ing => true,
        };
        // "…, said Jane Smith." / "…," said the minister. / "…, say sources close to the club."
        // A pronoun after the verb starts what was said ("said they welcomed").
        let pronoun_next = next.is_some_and(|w| lx.pronouns.contains(w));
        // ("- then an adviser - told a news conference": the conference is the audience.)
        if aside
            && (kind == VerbKind::Speech || lx.inverts.contains(&lemma))
            && !pronoun_next
            && !lx.audience_first.contains(&lemma)
        {
            let found = self.phrase_after(after, true, Some(VerbKind::Speech));
            if let Some((speaker, class, _)) = found.filter(|f| agrees(f.2)) {
                self.push(out, verb, Some(speaker), class, &lemma);
                return after;
            }
        }
        // A name takes a verb of either number: "Labour say", "the Tories say".
        let named =
            |class: SpeakerClass| matches!(class, SpeakerClass::Named | SpeakerClass::Institution);
        if let Some((speaker, class, _)) = self
            .subject_before(t, kind)
            .filter(|f| agrees(f.2) || (named(f.1) && form == Form::Base))
        {
            self.push(out, verb, Some(speaker), class, &lemma);
        } else if previous.is_some_and(|p| matches!(p, "and" | "but"))
            && matches!(form, Form::Past | Form::S)
            && out.last().is_none_or(|a| a.sentence != self.sentence)
        {
            // "Conable met officials and told reporters": a second verb, in the past or
            // agreeing with a singular, shares the sentence's subject (once a sentence: "said
            // ... but argued" is one source).
            if let Some((speaker, class)) = self.sentence_subject(t - 1, true) {
                self.push(out, verb, Some(speaker), class, &lemma);
            }
        }
        after
    }

    /// The verb or multi-word attribution starting at token `t`: its last token, lemma, kind
    /// and form.
    fn verb_at(&self, t: usize) -> Option<(usize, String, VerbKind, Form)> {
        let view = self.view;
        for phrase in &self.lexicon.phrases {
            let len = phrase.len();
            if t + len <= view.tokens.len()
                && phrase
                    .iter()
                    .enumerate()
                    .all(|(i, w)| view.lower[t + i] == *w)
                && (t + 1..t + len).all(|k| !breaks(view.gap_before(k)))
            {
                // A phrase's form is its first word's ("pointed out": past).
                let form = self
                    .lexicon
                    .verbs
                    .get(self.lower(t))
                    .map_or(Form::Past, |v| v.2);
                return Some((t + len - 1, phrase.join(" "), VerbKind::Speech, form));
            }
        }
        let (lemma, kind, form) = self.lexicon.verbs.get(self.lower(t))?;
        Some((t, lemma.clone(), *kind, *form))
    }

    /// "There are (also) rumours", "there has been speculation": the last token.
    fn there_are_rumours(&self, t: usize) -> Option<usize> {
        if self.lower(t) != "there" {
            return None;
        }
        let view = self.view;
        let mut k = t + 1;
        let verb = view.lower.get(k)?;
        if !(be_form(verb) || verb == "have" || verb == "has") {
            return None;
        }
        k += 1;
        while view
            .lower
            .get(k)
            .is_some_and(|w| matches!(w.as_str(), "been" | "also" | "still" | "widespread"))
        {
            k += 1;
        }
        let noun = view.lower.get(k)?;
        matches!(
            noun.as_str(),
            "rumours" | "rumors" | "reports" | "speculation" | "suggestions"
        )
        .then_some(k)
    }

    /// Whether a quotation stands right before token `t` (at the start of a sentence, one that
    /// ended the sentence before: `"Why target us?" said Ulrich Schulte-Strathaus`).
    fn quote_before(&self, t: usize) -> bool {
        let view = self.view;
        let start = match t.checked_sub(1) {
            Some(p) => view.start + view.tokens[p].end,
            None => view.start.saturating_sub(2),
        };
        let end = view.start + view.tokens[t].start;
        start < end && !self.doc.quotes_in(Span::new(start, end)).is_empty()
    }

    /// Whether what follows the verb ending at token `v` is what was said: "that", a subject
    /// pronoun starting a clause, a quotation, or the end of the clause.
    fn clause_follows(&self, v: usize) -> bool {
        let view = self.view;
        if breaks(view.gap_after(v)) || v + 1 >= view.tokens.len() {
            return true;
        }
        let next = self.lower(v + 1);
        if matches!(
            next,
            "that" | "he" | "she" | "they" | "it" | "we" | "i" | "there" | "this" | "of"
        ) {
            return true;
        }
        // "added in a statement that …", "repeated an earlier projection that …": "that" a
        // few words on, in the same stretch.
        let stretch = (v + 1..view.tokens.len().min(v + 7))
            .take_while(|&k| !breaks(view.gap_before(k)) || k == v + 1);
        if stretch.clone().any(|k| self.lower(k) == "that") {
            return true;
        }
        // "stated the moves "further strengthened…"": a quotation close after the verb.
        let start = view.start + view.tokens[v].end;
        let near = stretch.last().unwrap_or(v + 1);
        // To the next token after those, or the end: the quotation stands in the gap.
        let end = view
            .tokens
            .get(near + 1)
            .map_or(view.start + view.text.len(), |t| view.start + t.start);
        !self.doc.quotes_in(Span::new(start, end)).is_empty()
    }

    /// "is said to", "it is understood", "are widely seen as": a passive of a verb of saying
    /// or thinking with nobody named, the participle at token `t`.
    fn agentless(&self, t: usize, needs: Needs) -> Option<Span> {
        let view = self.view;
        // Back over an adverb or two to a form of "be".
        let mut b = t.checked_sub(1)?;
        let mut skipped = 0;
        while !be_form(self.lower(b)) {
            let w = self.lower(b);
            let adverb = w.ends_with("ly")
                || matches!(w, "also" | "still" | "now" | "already" | "long" | "not");
            if !adverb || skipped == 2 || breaks(view.gap_after(b)) {
                return None;
            }
            skipped += 1;
            b = b.checked_sub(1)?;
        }
        if breaks(view.gap_after(b)) {
            return None;
        }
        let next = view.lower.get(t + 1).map(String::as_str);
        if next == Some("by") {
            return None;
        }
        // "has been reported" / "it is understood".
        let mut subject = b.checked_sub(1);
        if subject.is_some_and(|s| matches!(self.lower(s), "has" | "have" | "had")) {
            subject = subject.and_then(|s| s.checked_sub(1));
        }
        let it = subject
            .is_some_and(|s| matches!(self.lower(s), "it" | "there") && !breaks(view.gap_after(s)));
        if it && needs != Needs::ToOrAs {
            return Some(view.span(subject.unwrap_or(b), t));
        }
        let to = match (next, needs) {
            (_, Needs::It) => false,
            (Some("to"), _) => true,
            (Some("as"), Needs::ToOrAs) => true,
            _ => false,
        };
        (to && !breaks(view.gap_after(t))).then(|| view.span(b, t + 1))
    }

    /// The last token of the plain noun phrase starting at token `a`: up to a break, a
    /// function word, a joining word or a verb.
    fn phrase_end(&self, a: usize, limit: usize) -> usize {
        let view = self.view;
        let mut b = a;
        while b + 1 < limit
            && b + 1 - a < PHRASE
            && !breaks(view.gap_after(b))
            && !self.stops_phrase_after(b + 1)
        {
            b += 1;
        }
        b
    }

    /// The noun phrase that starts at token `a` and names a speaker, with its class and
    /// number: "said Jane Smith", "according to people familiar with the matter". When `ends`
    /// is set, the phrase must end the clause ("said the minister."), as a speaker after its
    /// verb does.
    fn phrase_after(
        &self,
        a: usize,
        ends: bool,
        kind: Option<VerbKind>,
    ) -> Option<(Span, SpeakerClass, bool)> {
        let view = self.view;
        let n = view.tokens.len();
        if a >= n || self.function(a) && !self.is_determiner(a) {
            return None;
        }
        let b = self.phrase_end(a, n);
        let Some((class, plural)) = self.classify(a, b, kind) else {
            // "said Opera spokeswoman, Berit Hanson": a description with no determiner,
            // then the name.
            let describes = [
                &self.lexicon.people,
                &self.lexicon.roles,
                &self.lexicon.sources,
            ]
            .iter()
            .any(|list| list.contains_key(self.lower(b)));
            return if ends && describes {
                self.appositive_name(a, b)
            } else {
                None
            };
        };
        // Take in what qualifies it: "sources close to the club", "a spokesman for the ministry".
        let mut end = b;
        let mut k = b + 1;
        let mut steps = 0;
        while k < n
            && steps < 4
            && !breaks(view.gap_before(k))
            && self.lexicon.joins.contains(self.lower(k))
        {
            let mut j = k;
            while j + 1 < n && self.lexicon.joins.contains(self.lower(j + 1)) && j - k < 2 {
                j += 1;
            }
            if j + 1 >= n || breaks(view.gap_after(j)) {
                break;
            }
            end = self.phrase_end(j + 1, n);
            k = end + 1;
            steps += 1;
        }
        // The phrase ends the clause, or goes on into a word that follows a speaker ("said
        // Smith, who…", "said Smith when asked", "…in a note to clients on Friday"); right
        // after the head, a joining word does not count ("argued a change in direction…").
        let closes = |t: usize, joins: bool| self.closes_clause(t, joins);
        if ends && !closes(b, false) && !(end > b && closes(end, true)) {
            return None;
        }
        // "…," said EEF chief economist, Steve Radley.": a name set off after it, ending the
        // clause, is who spoke.
        if ends && class.is_unnamed() {
            if let Some(named) = self.appositive_name(a, end) {
                return Some(named);
            }
        }
        // "reports from Interfax": a named source of the reports.
        let class = if class.is_unnamed()
            && b + 2 <= end
            && matches!(self.lower(b + 1), "from" | "by")
            && (view.capitalised(b + 2) || (b + 3 <= end && view.capitalised(b + 3)))
        {
            SpeakerClass::Institution
        } else {
            class
        };
        let last = if matches!(class, SpeakerClass::Named | SpeakerClass::Pronoun) {
            b
        } else {
            end
        };
        Some((view.span(a, last), class, plural))
    }

    /// The phrase `a..=end` and the name set off by a comma after it, when that name ends the
    /// clause: "said EEF chief economist, Steve Radley." names the speaker.
    fn appositive_name(&self, a: usize, end: usize) -> Option<(Span, SpeakerClass, bool)> {
        let view = self.view;
        let n = view.tokens.len();
        if view.gap_after(end).trim() != "," {
            return None;
        }
        let first = end + 1;
        let mut k = first;
        while k < n
            && k - first < 4
            && view.capitalised(k)
            && !self.function(k)
            && (k == first || !breaks(view.gap_before(k)))
        {
            k += 1;
        }
        let last = k.checked_sub(1).filter(|&last| last >= first)?;
        self.closes_clause(last, true)
            .then(|| (view.span(a, last), SpeakerClass::Named, false))
    }

    /// Whether a speaker's phrase ending at token `t` ends the clause, or goes on into a word
    /// that follows a speaker ("said Smith, who…", "said Smith when asked"); with `joins`
    /// false, a joining word there does not count ("argued a change in direction…").
    fn closes_clause(&self, t: usize, joins: bool) -> bool {
        let view = self.view;
        t + 1 >= view.tokens.len()
            || breaks(view.gap_after(t))
            || view.gap_after(t).contains('.')
            || (self.lexicon.after_speaker.contains(self.lower(t + 1))
                && (joins || !self.lexicon.joins.contains(self.lower(t + 1))))
    }

    /// The agent `speaker` of a passive opinion, when what they think follows it: "as" and a
    /// phrase ("seen by analysts as a risk", not "seen by tourists as they passed"), or "to"
    /// and a verb ("expected by economists to rise", not "sent by courier to the court"). The
    /// phrase may have taken the "to" in as a joining word: it is cut before it. `first` is
    /// the phrase's first token.
    fn judged_by(&self, first: usize, speaker: Span) -> Option<Span> {
        let view = self.view;
        let n = view.tokens.len();
        let last = (first..n)
            .take_while(|&k| view.span(k, k).end <= speaker.end)
            .last()?;
        let k = (first + 1..=last + 1)
            .take_while(|&k| k < n)
            .find(|&k| matches!(self.lower(k), "as" | "to"))?;
        if k + 1 >= n || breaks(view.gap_before(k)) || breaks(view.gap_after(k)) {
            return None;
        }
        let follows = match self.lower(k) {
            "as" => !self.function(k + 1) || self.is_determiner(k + 1),
            _ => {
                matches!(self.lower(k + 1), "be" | "have")
                    || !self.function(k + 1)
                        && !view.capitalised(k + 1)
                        && !self.is_determiner(k + 1)
            }
        };
        follows.then(|| view.span(first, k - 1))
    }

    /// Whether token `k` is a function word: "us" is one, "US" a name.
    fn function(&self, k: usize) -> bool {
        let word = self.view.word(k);
        let acronym = word.len() > 1 && word.chars().all(|c| c.is_uppercase() || c == '.');
        function_word(self.lower(k)) && !acronym
    }

    /// Whether token `k` cannot continue a noun phrase that follows a verb: a name runs on
    /// over capitalised words ("Treasury Under Secretary John Taylor").
    fn stops_phrase_after(&self, k: usize) -> bool {
        let w = self.lower(k);
        if k > 0 && self.view.capitalised(k) && self.view.capitalised(k - 1) {
            return false;
        }
        self.function(k)
            || self.lexicon.joins.contains(w)
            || self.lexicon.after_speaker.contains(w)
            || self.is_verb(w)
    }

    /// Whether `word` is a verb of the lists and not also a noun of them ("report",
    /// "statement" and "estimate" are nouns too).
    fn is_verb(&self, word: &str) -> bool {
        let lx = self.lexicon;
        // A judgement verb is a verb only in its passive shape: "rating agency", "rates".
        lx.verbs
            .get(word)
            .is_some_and(|(_, kind, _)| *kind != VerbKind::Judgement)
            && !(lx.sources.contains_key(word)
                || lx.people.contains_key(word)
                || lx.roles.contains_key(word)
                || lx.institutions.contains_key(word)
                || lx.hearsay.contains_key(word))
    }

    /// The subject before the verb at token `v`: the noun phrase right before it (over "also",
    /// "on Tuesday", "has"), or, past an aside set off by commas, the one before the aside
    /// ("Smith, a spokesman for the ministry, said").
    fn subject_before(&self, v: usize, kind: VerbKind) -> Option<(Span, SpeakerClass, bool)> {
        let view = self.view;
        let mut k = v.checked_sub(1)?;
        let mut skipped = 0;
        // (Capitalised, "May" and "Read" are names.)
        while self.lexicon.between.contains(self.lower(k))
            && (!view.capitalised(k) || self.lexicon.not_names.contains(view.word(k)))
            && !breaks(view.gap_after(k))
        {
            skipped += 1;
            if skipped > 4 {
                return None;
            }
            k = k.checked_sub(1)?;
        }
        if breaks(view.gap_after(k)) {
            // An aside between commas: the subject is before it.
            // Set off by commas or dashes: "Smith, a spokesman, said", "Beith - who chairs
            // the committee - said".
            let sets_off = |gap: &str| gap.contains(',') || gap.contains(['-', '—', '–']);
            if !sets_off(view.gap_after(k)) {
                return None;
            }
            let aside_start = (k.saturating_sub(30)..=k)
                .rev()
                .find(|&j| j == 0 || breaks(view.gap_before(j)))?;
            // `"…," shop owner Hayriye Evren, told AP`: nothing before it but the quotation,
            // so the words set off are the subject, with a stray comma.
            let stray_comma = || {
                if self.quote_before(aside_start) {
                    self.phrase_before(k, kind)
                } else {
                    None
                }
            };
            if aside_start == 0 {
                return stray_comma();
            }
            if !sets_off(view.gap_before(aside_start)) {
                return None;
            }
            let Some((speaker, class, plural)) = self.phrase_before(aside_start - 1, kind) else {
                return stray_comma();
            };
            // "A spokesman, John Smith, said": the aside names him.
            if class.is_unnamed() {
                let end = self.phrase_end(aside_start, k + 1);
                if let Some((SpeakerClass::Named, _)) = self.classify(aside_start, end, None) {
                    return Some((view.span(aside_start, end), SpeakerClass::Named, false));
                }
            }
            return Some((speaker, class, plural));
        }
        // "Lena Ortiz, who told reporters": the relative pronoun stands for the noun before it
        // when a comma sets the clause off ("a woman who claimed…" describes her instead).
        if matches!(self.lower(k), "who" | "which") && k > 0 && view.gap_before(k).contains(',') {
            return self
                .phrase_before(k - 1, kind)
                .filter(|&(_, class, _)| class != SpeakerClass::Pronoun);
        }
        self.phrase_before(k, kind)
            .or_else(|| {
                // "An official who was not authorised to speak said": back over the relative
                // clause to the noun it describes.
                let who = (k.saturating_sub(12)..k)
                    .rev()
                    .take_while(|&j| !breaks(view.gap_after(j)))
                    .find(|&j| matches!(self.lower(j), "who" | "whose"))?;
                self.phrase_before(who.checked_sub(1)?, kind)
                    .filter(|&(_, class, _)| class != SpeakerClass::Pronoun)
            })
            .or_else(|| {
                // "Bob Wilson, executive officer of local 174 said": an aside whose closing comma
                // is missing; the name before its comma is the subject.
                let comma = (k.saturating_sub(10)..k)
                    .rev()
                    .take_while(|&j| !breaks(view.gap_after(j)) || view.gap_after(j).trim() == ",")
                    .find(|&j| view.gap_after(j).trim() == ",")?;
                self.phrase_before(comma, kind)
                    .filter(|&(_, class, _)| class == SpeakerClass::Named)
            })
    }

    /// The noun phrase ending at token `k` that names a speaker, walked back over the phrases
    /// qualifying it ("officials at the ministry", "a source close to the club").
    fn phrase_before(&self, k: usize, kind: VerbKind) -> Option<(Span, SpeakerClass, bool)> {
        let view = self.view;
        let w = self.lower(k);
        if self.lexicon.pronouns.contains(w) {
            let (class, plural) = self.classify(k, k, Some(kind))?;
            return Some((view.span(k, k), class, plural));
        }
        // "economists' forecasts", "the company's plans": a possessive ends no subject.
        let possessive =
            view.gap_after(k).starts_with(['\'', '’']) || w.ends_with("'s") || w.ends_with("’s");
        if possessive && !view.capitalised(k) {
            return None;
        }
        let start = self.phrase_start(k)?;
        let mut best = (start, k);
        // Back over a joining word to the phrase it qualifies.
        let mut at = start;
        for _ in 0..3 {
            let mut j = at;
            let mut joins = 0;
            while j > 0
                && joins < 2
                && !breaks(view.gap_after(j - 1))
                && self.lexicon.joins.contains(self.lower(j - 1))
            {
                j -= 1;
                joins += 1;
            }
            if joins == 0 || j == 0 || breaks(view.gap_after(j - 1)) {
                break;
            }
            let Some(outer_start) = self.phrase_start(j - 1) else {
                break;
            };
            let head = self.lower(j - 1);
            let speaks = self.lexicon.sources.contains_key(head)
                || self.lexicon.people.contains_key(head)
                || self.lexicon.roles.contains_key(head)
                || self.lexicon.institutions.contains_key(head);
            if !speaks {
                break;
            }
            best = (outer_start, j - 1);
            at = outer_start;
        }
        // The widest phrase that names a speaker: "Cartledge, chairman of Union Camp said"
        // falls back to "Union Camp" when "chairman of…" alone names nobody.
        let candidates = std::iter::once(best).chain(std::iter::once((start, k)));
        candidates.into_iter().find_map(|(a, head)| {
            let (class, plural) = self.classify(a, head, Some(kind))?;
            Some((view.span(a, k), class, plural))
        })
    }

    /// Where the noun phrase ending at token `k` starts, if `k` can end one.
    fn phrase_start(&self, k: usize) -> Option<usize> {
        let view = self.view;
        let w = self.lower(k);
        // A capitalised word inside the sentence is a name ("Read said", "Moody's said"); a
        // word of the lists is a noun ("the daily said").
        let name = view.capitalised(k) && !self.lexicon.not_names.contains(view.word(k));
        let listed = self.lexicon.institutions.contains_key(w)
            || self.lexicon.roles.contains_key(w)
            || self.lexicon.people.contains_key(w)
            || self.lexicon.sources.contains_key(w);
        if !name && !listed && (self.function(k) || self.is_verb(w) || w.ends_with("ly")) {
            return None;
        }
        let mut a = k;
        while a > 0 && k - a + 1 < PHRASE && !breaks(view.gap_after(a - 1)) {
            let p = self.lower(a - 1);
            let capital_run = view.capitalised(a - 1) && view.capitalised(a);
            // "Ministry of International Trade and Industry": a name runs over "of" and "and".
            let name_link = matches!(p, "of" | "and" | "&")
                && a >= 2
                && view.capitalised(a)
                && view.capitalised(a - 2)
                && !breaks(view.gap_after(a - 2));
            if name_link {
                a -= 1;
                continue;
            }
            // "this source said": a demonstrative opens the phrase, though it may also stand
            // alone ("this is").
            if matches!(p, "this" | "these") {
                a -= 1;
                break;
            }
            let stops = self.function(a - 1) || self.is_verb(p) || self.lexicon.between.contains(p);
            if (stops && !capital_run) || self.lexicon.pronouns.contains(p) {
                break;
            }
            a -= 1;
            // A determiner opens the phrase; "senior", "two" and the like may follow one.
            if opens_phrase(p) || matches!(p, "one" | "another") {
                break;
            }
        }
        // A sentence-opening word that names nobody ("But", "However") is not part of it.
        while a < k && self.lexicon.not_names.contains(view.word(a)) && !self.is_determiner(a) {
            a += 1;
        }
        Some(a)
    }

    fn is_determiner(&self, t: usize) -> bool {
        let w = self.lower(t);
        self.lexicon.definite.contains(w) || self.lexicon.indefinite.contains(w)
    }

    /// The class and number of the noun phrase `a..=head` (its head the last token), or `None`
    /// when it cannot be a speaker. `kind` is the verb's, when the phrase is its subject or
    /// its speaker.
    fn classify(
        &self,
        a: usize,
        head: usize,
        kind: Option<VerbKind>,
    ) -> Option<(SpeakerClass, bool)> {
        use SpeakerClass::*;
        let lx = self.lexicon;
        let view = self.view;
        let h = self.lower(head);
        if a == head && lx.pronouns.contains(h) {
            let plural = matches!(h, "they" | "we" | "you" | "i");
            return (h != "i" || view.word(head) == "I").then_some((Pronoun, plural));
        }
        let det = (a < head).then(|| self.lower(a));
        let indefinite = det.is_some_and(|d| lx.indefinite.contains(d));
        let definite = det.is_some_and(|d| lx.definite.contains(d));
        let possessive = (a..head).any(|t| {
            let w = view.word(t);
            w.ends_with("'s") || w.ends_with("’s") || view.gap_after(t).starts_with(['\'', '’'])
        });
        // "said one", "remarked another".
        if matches!(h, "one" | "another") {
            return Some((UnnamedIndividual, false));
        }
        // "Radio 1", "Channel 4": a number ending a name.
        if h.chars().all(|c| c.is_ascii_digit()) && a < head && view.capitalised(head - 1) {
            return Some((Named, false));
        }
        let unnamed = |plural: bool| {
            Some((
                if plural {
                    UnnamedGroup
                } else {
                    UnnamedIndividual
                },
                plural,
            ))
        };
        let listed = |map: &HashMap<String, bool>| map.get(h).copied();
        let any_list = listed(&lx.sources)
            .or(listed(&lx.people))
            .or(listed(&lx.roles))
            .or(listed(&lx.institutions));
        // A capitalised head is a name, unless it is a word of the lists capitalised as a
        // title or at the start of a sentence ("the President", "Officials said").
        let capital_head = view.capitalised(head) && !lx.not_names.contains(view.word(head));
        // ... but a capitalised source word after "the" is a title: "The Observer reported".
        let titled_source =
            capital_head && det == Some("the") && listed(&lx.sources).is_some() && head == a + 1;
        if titled_source
            || (capital_head && !(any_list.is_some() && (definite || indefinite || head == a)))
        {
            let institution = (a..=head).any(|t| lx.institutions.contains_key(self.lower(t)));
            return Some((if institution { Institution } else { Named }, false));
        }
        let named_modifier =
            (a..head).any(|t| view.capitalised(t) && !lx.not_names.contains(view.word(t)));
        if let Some(plural) = listed(&lx.sources) {
            // "official reports" is an adjective and a noun: a singular needs a determiner.
            let bare_singular = !plural && !definite && !indefinite && !possessive && a == head;
            return if bare_singular { None } else { unnamed(plural) };
        }
        if let Some(plural) = listed(&lx.people) {
            return if definite || possessive {
                Some((Role, plural))
            } else if indefinite || plural {
                unnamed(plural)
            } else {
                None
            };
        }
        if let Some(plural) = listed(&lx.roles) {
            // "a minister said" names nobody; "ministers said", like "the minister", names an
            // office the reader can place.
            return if indefinite {
                unnamed(plural)
            } else {
                Some((Role, plural))
            };
        }
        // "reports", "some accounts": hearsay in the plural names nobody ("a report" is a
        // document).
        if let Some(true) = listed(&lx.hearsay) {
            if !definite && !possessive && !named_modifier {
                return unnamed(true);
            }
        }
        if let Some(plural) = listed(&lx.institutions) {
            // "Congress said", "Parliament voted": a capitalised body names itself.
            let bare = !definite
                && !indefinite
                && !possessive
                && !named_modifier
                && !plural
                && !view.capitalised(head);
            return (!bare || a < head).then_some((Institution, plural));
        }
        // A word of no list: "the 23-year-old said", "a neighbour said", "shoppers said" — as
        // the speaker of a verb of speech only.
        if h.chars()
            .any(|c| !c.is_alphanumeric() && c != '-' && c != '\'')
            || !h.chars().any(char::is_alphabetic)
            || h.ends_with("ly")
            || self.function(head)
        {
            return None;
        }
        let plural =
            h.ends_with('s') && !h.ends_with("ss") && !h.ends_with("us") && !h.ends_with("is");
        let speech = kind == Some(VerbKind::Speech);
        // "the 23-year-old", "Chelsea's keeper", "Joneses frontman", "the resolution stated":
        // someone or something the story names.
        if definite || possessive || named_modifier {
            Some((Role, plural))
        } else if !speech {
            None
        } else if indefinite || plural {
            unnamed(plural)
        } else if a == head
            && !view.capitalised(head)
            && view.text.chars().all(|c| !c.is_uppercase())
        {
            // A text written all in lower case: "lara said".
            Some((Named, false))
        } else {
            None
        }
    }

    /// The subject of the sentence, for a participle aside ("Dealers were cautious, saying…"):
    /// its first noun phrase, after any opening words and phrase set off by a comma.
    fn sentence_subject(&self, before: usize, shortest: bool) -> Option<(Span, SpeakerClass)> {
        let view = self.view;
        let mut a = 0;
        // Over "But", "On Tuesday,": to the first token after a comma in the first few, if
        // the sentence opens with a phrase.
        // (Not the comma of a number: "7,600 workers".)
        let digits = |k: usize| view.word(k).starts_with(|c: char| c.is_ascii_digit());
        if let Some(c) = (0..before.min(6))
            .find(|&k| breaks(view.gap_after(k)) && !(digits(k) && k + 1 < before && digits(k + 1)))
        {
            if function_word(self.lower(0)) || self.lexicon.not_names.contains(view.word(0)) {
                a = c + 1;
            }
        }
        while a < before && self.lexicon.not_names.contains(view.word(a)) && !self.is_determiner(a)
        {
            a += 1;
        }
        if a >= before {
            return None;
        }
        if self.lexicon.pronouns.contains(self.lower(a)) {
            let (class, _) = self.classify(a, a, None)?;
            return Some((view.span(a, a), class));
        }
        // The longest opening stretch that names a speaker: "Telecom analysts Ovum" of
        // "Telecom analysts Ovum welcomed the move"; or the shortest, when a verb of the
        // sentence may follow it ("Conable met officials and told reporters").
        let end = self.phrase_end(a, before);
        let candidate = |b: usize| {
            let (class, _) = self.classify(a, b, None)?;
            Some((view.span(a, b), class))
        };
        if shortest {
            (a..=end).find_map(candidate)
        } else {
            (a..=end).rev().find_map(candidate)
        }
    }
}

/// Links each "he", "she", "they" and "it" to the speaker it stands for, where that is plain:
/// the last speaker before it, when it is named (a person, a role or an organisation).
fn resolve_pronouns(doc: &Document, found: &mut [Attribution]) {
    let mut last: Option<(Span, SpeakerClass)> = None;
    for a in found.iter_mut() {
        match a.class {
            SpeakerClass::Pronoun => {
                let word = a
                    .speaker
                    .map(|s| doc.text(s).to_lowercase())
                    .unwrap_or_default();
                let person = matches!(word.as_str(), "he" | "she");
                a.refers_to = last.and_then(|(span, class)| {
                    let fits = if person {
                        matches!(class, SpeakerClass::Named | SpeakerClass::Role)
                    } else {
                        matches!(
                            class,
                            SpeakerClass::Institution | SpeakerClass::UnnamedGroup
                        )
                    };
                    fits.then_some(span)
                });
            }
            SpeakerClass::Agentless => {}
            class => last = a.speaker.map(|s| (s, class)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    #[test]
    fn the_word_lists_parse() {
        let words: Words = toml::from_str(WORDS_TOML).unwrap();
        assert!(words.speech.contains(&"say".to_string()));
    }

    #[test]
    fn forms_are_made_from_lemmas() {
        let forms = |l: &str| verb_forms(l, &[]);
        assert_eq!(forms("warn"), ["warn", "warns", "warning", "warned"]);
        assert_eq!(forms("note"), ["note", "notes", "noting", "noted"]);
        assert_eq!(forms("reply"), ["reply", "replies", "replying", "replied"]);
        assert_eq!(forms("plan"), ["plan", "plans", "planning", "planned"]);
        assert_eq!(
            forms("stress"),
            ["stress", "stresses", "stressing", "stressed"]
        );
        assert_eq!(
            verb_forms("say", &["said".to_string()]),
            ["say", "says", "saying", "said"]
        );
        assert_eq!(
            noun_forms("spokesman", &["spokesmen".to_string()]),
            [
                ("spokesman".to_string(), false),
                ("spokesmen".to_string(), true)
            ]
        );
        assert_eq!(noun_forms("authority", &[])[1].0, "authorities");
    }

    /// (speaker or verb text, class) of every attribution in `text`.
    fn found(text: &str) -> Vec<(String, SpeakerClass)> {
        let doc = Document::parse(format!("Head\n\n{text}\n"), Format::Text);
        Lexicon::default_ref()
            .attributions(&doc)
            .iter()
            .map(|a| (doc.text(a.span()).to_string(), a.class))
            .collect()
    }

    fn classes(text: &str) -> Vec<SpeakerClass> {
        found(text).into_iter().map(|(_, c)| c).collect()
    }

    use SpeakerClass::*;

    #[test]
    fn speakers_in_either_order_and_past_an_aside() {
        assert_eq!(
            found("The market will fall, said Jane Smith, the council's leader."),
            [("said Jane Smith".to_string(), Named)]
        );
        assert_eq!(
            found("Smith, a spokesman for the ministry, said the talks had failed."),
            [(
                "Smith, a spokesman for the ministry, said".to_string(),
                Named
            )]
        );
        assert_eq!(
            found("\"We will win,\" she said."),
            [("she said".to_string(), Pronoun)]
        );
        assert_eq!(
            found("The prime minister told reporters the vote would go ahead."),
            [("The prime minister told".to_string(), Role)]
        );
        assert_eq!(
            found("According to the ministry, 40 people died."),
            [("According to the ministry".to_string(), Institution)]
        );
    }

    /// What follows "told" is the audience, never the speaker; a name set off after an
    /// inverted speaker is who spoke; a stray comma after a speaker opening the clause does not
    /// hide them.
    #[test]
    fn audiences_appositive_names_and_stray_commas() {
        assert_eq!(
            classes("Andrei Illarionov - then an adviser to the president - told a press conference it was wrong."),
            [Named]
        );
        assert_eq!(
            found("\"Rates have helped,\" said EEF chief economist, Steve Radley."),
            [("said EEF chief economist, Steve Radley".to_string(), Named)]
        );
        assert_eq!(
            classes("\"Prices will rise,\" said one banker."),
            [UnnamedIndividual]
        );
        assert_eq!(
            classes("\"It will fall,\" shop owner Hayriye Evren, told Associated Press."),
            [Named]
        );
        assert_eq!(
            found("\"We will see,\" said Opera spokeswoman, Berit Hanson."),
            [("said Opera spokeswoman, Berit Hanson".to_string(), Named)]
        );
    }

    /// A name takes a verb of either number; a second verb after "and" or "but" shares the
    /// sentence's subject; a quotation after the object is what a verb of saying reported.
    #[test]
    fn names_in_the_plural_shared_subjects_and_quoted_objects() {
        assert_eq!(
            found("Labour say a vote for them could \"let the Tories in\"."),
            [("Labour say".to_string(), Named)]
        );
        assert_eq!(
            found("Conable met officials and told reporters that \"We agreed to go.\""),
            [("Conable met officials and told".to_string(), Named)]
        );
        assert_eq!(
            classes("Now the firm employs 7,600 workers and insists that its culture remains."),
            [Institution]
        );
        assert_eq!(
            classes("The Observer reported on Sunday that jobs would go."),
            [Named]
        );
        assert_eq!(
            classes("The trees were \"a tough call,\" this source said."),
            [UnnamedIndividual]
        );
        assert_eq!(
            classes("\"We rejected it,\" Bob Wilson, executive officer of local 174 said."),
            [Named]
        );
        assert_eq!(
            classes("Finance minister Gustavo Petricioli merely said, \"Brazil has problems.\""),
            [Named]
        );
        assert_eq!(
            classes("Texaco added in a statement that it \"has never operated there.\""),
            [Named]
        );
        assert_eq!(
            found("Digital stated the moves \"further strengthened its position.\""),
            [("Digital stated".to_string(), Named)]
        );
        // Once a sentence: "said ... but argued" is one source.
        assert_eq!(
            classes("Analysts said the figures were poor but argued that firms were strong."),
            [UnnamedGroup]
        );
    }

    #[test]
    fn unnamed_individuals_and_groups() {
        assert_eq!(
            classes("A spokeswoman said the plant was closed."),
            [UnnamedIndividual]
        );
        assert_eq!(
            classes("The dollar fell, one banker said."),
            [UnnamedIndividual]
        );
        assert_eq!(
            classes("A senior diplomat told reporters the deal was done."),
            [UnnamedIndividual]
        );
        assert_eq!(classes("The yen rose, dealers said."), [UnnamedGroup]);
        assert_eq!(classes("Brokers said demand was thin."), [UnnamedGroup]);
        assert_eq!(
            classes("Economists have warned that rates will rise."),
            [UnnamedGroup]
        );
        assert_eq!(
            found("A source close to the club said the deal was done."),
            [(
                "A source close to the club said".to_string(),
                UnnamedIndividual
            )]
        );
        assert_eq!(
            classes("Senior officials from the Ministry of International Trade and Industry told reporters the plan had failed."),
            [UnnamedGroup]
        );
        assert_eq!(
            classes("The plan would work, according to people familiar with the matter."),
            [UnnamedGroup]
        );
        assert_eq!(
            classes("U.S. officials say the talks failed."),
            [UnnamedGroup]
        );
        assert_eq!(
            classes("Villagers said the water had risen."),
            [UnnamedGroup]
        );
        assert_eq!(
            classes("An aide said the senator was ill."),
            [UnnamedIndividual]
        );
    }

    #[test]
    fn attributions_that_name_nobody() {
        assert_eq!(
            found("It is understood the club has made an offer."),
            [("It is understood".to_string(), Agentless)]
        );
        assert_eq!(
            found("The minister is said to have resigned."),
            [("is said to".to_string(), Agentless)]
        );
        assert_eq!(
            found("He is widely seen as the favourite."),
            [("is widely seen as".to_string(), Agentless)]
        );
        assert_eq!(classes("The firm reportedly made an offer."), [Agentless]);
        assert_eq!(
            found("It was widely expected that rates would rise."),
            [("It was widely expected".to_string(), Agentless)]
        );
        assert_eq!(
            found("The plan is widely viewed as a failure."),
            [("is widely viewed as".to_string(), Agentless)]
        );
        assert_eq!(
            found("Shares rose on speculation that a bid was near."),
            [("speculation that".to_string(), Agentless)]
        );
        // A forecast, and a report someone made: not agentless.
        assert!(found("He is expected to resign.").is_empty());
        assert_eq!(classes("The report that he wrote was long."), [Pronoun]);
        // Seen by someone, or known for something: not attribution.
        assert!(found("The car was seen on the road.").is_empty());
        assert!(found("He is known for his films.").is_empty());
    }

    #[test]
    fn verbs_with_other_senses_need_what_was_said() {
        assert!(found("The team claimed the title on Sunday.").is_empty());
        assert!(found("The company announced results for the year.").is_empty());
        assert_eq!(
            classes("The company announced that it would close."),
            [Institution]
        );
        assert_eq!(
            classes("The plant will close, the company announced."),
            [Institution]
        );
        // Not speech: plans, negation, infinitives, passives.
        assert!(found("Officials declined to comment.").is_empty());
        assert!(found("Officials did not say when.").is_empty());
        assert!(found("He was told to leave.").is_empty());
        assert!(found("The firm hopes to expand.").is_empty());
    }

    #[test]
    fn nouns_and_adjectives_that_look_like_verbs_are_not_attributions() {
        assert!(found("The tax is set by member states.").is_empty());
        assert!(found("Many economists' forecasts were wrong.").is_empty());
        assert!(found("A previous estimate put the cost at $1m.").is_empty());
        assert_eq!(
            found("She denied an alleged affair."),
            [("She denied".to_string(), Pronoun)]
        );
        assert!(found("Report finds one in five bus routes cut").is_empty());
    }

    #[test]
    fn speakers_after_the_verb_end_the_clause() {
        assert_eq!(
            classes("\"It is over,\" said one source when asked."),
            [UnnamedIndividual]
        );
        assert_eq!(
            classes("The deal is off, say sources close to the club."),
            [UnnamedGroup]
        );
        // Not a speaker: what was said starts after the verb.
        assert_eq!(
            found("His leader, Michael Howard, argued a change in direction was needed."),
            [("His leader, Michael Howard, argued".to_string(), Role)]
        );
        assert_eq!(
            found("The group's spokesman, Mark Rimmer, said they welcomed the rules."),
            [("The group's spokesman, Mark Rimmer, said".to_string(), Role)]
        );
        // "by" names who said it.
        assert_eq!(classes("The deal was reported by Interfax."), [Named]);
        // An opinion in the passive, credited to its agent when what they think follows.
        assert_eq!(
            classes("The risk of attack is seen by diplomats as low."),
            [UnnamedGroup]
        );
        assert_eq!(
            classes("Rates are expected by economists to rise."),
            [UnnamedGroup]
        );
        assert_eq!(
            classes("The plan is considered by the minister to be dead."),
            [Role]
        );
        assert_eq!(
            classes("The risk is rated by diplomats as low."),
            [UnnamedGroup]
        );
        assert_eq!(
            classes("He was described by critics as reckless."),
            [UnnamedGroup]
        );
        // In the active, or without its judge, a judgement verb credits nothing.
        assert!(classes("Moody's rated the bonds as junk.").is_empty());
        assert!(classes("The film was rated by the board.").is_empty());
        assert!(classes("The temple was seen by tourists as they passed.").is_empty());
        assert!(classes("The film was seen by millions.").is_empty());
        assert!(found("The lights were seen by tourists.").is_empty());
    }

    #[test]
    fn names_that_look_like_other_words_are_speakers() {
        for (text, speaker) in [
            ("\"It could be sold,\" O'Reilly said.", "O'Reilly"),
            ("\"It is a sad song,\" Read said.", "Read"),
            ("\"Costs rose,\" Moody's said in a release.", "Moody's"),
            (
                "\"The view is wrong,\" consultancy 4Cast said.",
                "consultancy 4Cast",
            ),
            ("Mr Kennedy will say that the plan is sound.", "Mr Kennedy"),
            ("Congress said the bill would pass.", "Congress"),
            ("The daily said the talks had failed.", "The daily"),
            (
                "\"It worked,\" said Treasury Under Secretary John Taylor.",
                "Treasury Under Secretary John Taylor",
            ),
            ("Radio 1 said the DJs were chosen.", "Radio 1"),
        ] {
            let doc = Document::parse(format!("Head\n\n{text}\n"), Format::Text);
            let found = Lexicon::default_ref().attributions(&doc);
            let speakers: Vec<&str> = found
                .iter()
                .filter_map(|a| a.speaker.map(|s| doc.text(s)))
                .collect();
            assert_eq!(speakers, [speaker], "{text}");
        }
    }

    #[test]
    fn words_that_only_look_like_attribution() {
        for text in [
            "Shoppers pay a value added tax.",
            "BT reports that sales rose.",
            "Both men pleaded guilty.",
            "Asked by opposition members, the figures were not given.",
        ] {
            assert!(
                !classes(text).iter().any(|c| c.is_unnamed()),
                "{text}: {:?}",
                found(text)
            );
        }
        assert_eq!(
            classes("According to Labor Department figures, jobs rose."),
            [Institution]
        );
    }

    #[test]
    fn a_relative_clause_stands_between_speaker_and_verb() {
        assert_eq!(
            classes("An official who was not authorised to speak publicly said the man was held."),
            [UnnamedIndividual]
        );
    }

    #[test]
    fn a_participle_aside_takes_the_subject() {
        assert_eq!(
            found("Dealers were cautious, saying the market had peaked."),
            [("Dealers".to_string(), UnnamedGroup)]
                .into_iter()
                .map(|(_, c)| ("Dealers were cautious, saying".to_string(), c))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn pronouns_point_back_to_a_named_speaker() {
        let doc = Document::parse(
            "Head\n\nJane Smith said the plan was sound. She said it would work.\n".to_string(),
            Format::Text,
        );
        let found = Lexicon::default_ref().attributions(&doc);
        assert_eq!(found[1].class, Pronoun);
        assert_eq!(found[1].refers_to.map(|s| doc.text(s)), Some("Jane Smith"));
    }

    #[test]
    fn classify_a_span_found_elsewhere() {
        let doc = Document::parse(
            "Head\n\nA spokeswoman and Mr Howard and the minister.\n".to_string(),
            Format::Text,
        );
        let class = |s: &str| {
            let at = doc.source.find(s).unwrap();
            Lexicon::default_ref().classify_span(&doc, Span::new(at, at + s.len()))
        };
        assert_eq!(class("A spokeswoman"), Some(UnnamedIndividual));
        assert_eq!(class("Mr Howard"), Some(Named));
        assert_eq!(class("the minister"), Some(Role));
    }

    #[test]
    fn long_sentences_take_linear_time() {
        let text = "dealers said the market ".repeat(20_000);
        let doc = Document::parse(text, Format::Text);
        let started = std::time::Instant::now();
        let found = Lexicon::default_ref().attributions(&doc);
        assert!(!found.is_empty());
        // Generous: the point is that it is not quadratic (20,000 verbs in one sentence).
        assert!(started.elapsed().as_secs() < 20);
    }
}
