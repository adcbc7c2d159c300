//! The grammar of each sentence: tokens with a part of speech and a lemma, noun phrases, and
//! verb groups with their tense, aspect, voice, negation and modality. Worked out once per
//! article, when a rule first asks ([`Document::sentence_analysis`]), and shared by every rule
//! that reads it.
//!
//! The tagger is made by hand for news copy, and small: the lexicon
//! ([`super::lexicon`]: closed word classes, irregular verbs, open-class words suffixes would
//! misread, all data), suffixes (-ed, -ing, -s, -ly, -tion …), capitals, and a few rules of
//! context read left to right (after a determiner a noun; after "to" or a modal a verb; after
//! "have" a participle; after "be" a participle or an -ing form; a word that could be a noun or
//! a verb is the clause's verb when it follows the clause's subject and no verb came yet). Its
//! work is linear in the sentence's length: each token is looked at a bounded number of times.
//!
//! [`Document::sentence_analysis`]: crate::document::Document::sentence_analysis

use super::lexicon::{Classes, Lexicon, EVENT_WORDS};
use crate::diagnostic::Span;
use crate::document::Document;
use rustc_hash::FxHashSet as HashSet;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

/// A part of speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    Determiner,
    /// "his", "their"; a noun with 's ("Tuesday's") is a [`Pos::Noun`] or [`Pos::ProperNoun`]
    /// marked [`Token::genitive`].
    Possessive,
    Pronoun,
    Noun,
    ProperNoun,
    Number,
    Adjective,
    Adverb,
    Verb(VerbForm),
    Modal,
    /// "not", "n't", "never".
    Negation,
    Preposition,
    /// "to" before a verb.
    To,
    Conjunction,
    Subordinator,
    /// "who", "which", or "that" opening a relative clause.
    Relative,
}

/// The form of a verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbForm {
    Base,
    /// The present, other than the base form ("signs", "is", "has").
    Present,
    Past,
    Participle,
    /// The -ing form.
    Gerund,
}

/// The punctuation between a token and the word before it, which ends phrases and clauses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gap {
    pub comma: bool,
    /// A semicolon, colon, bracket or dash.
    pub stop: bool,
    /// A quotation mark.
    pub quote: bool,
    /// A hyphen joining two words ("EU-sponsored", "23-year-old").
    pub hyphen: bool,
}

impl Gap {
    /// Any punctuation that ends a phrase.
    pub fn any(self) -> bool {
        self.comma || self.stop || self.quote
    }
}

/// One token: a word, or part of one ("has" and "n't" of "hasn't").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub pos: Pos,
    /// Lowercase: the verb's base form, the noun's singular, else the word.
    pub lemma: Cow<'static, str>,
    /// Starts with a capital letter.
    pub capital: bool,
    /// A noun with 's or s' ("Tuesday's", "the club's").
    pub genitive: bool,
    pub gap: Gap,
}

impl Token {
    pub fn is_verb(&self) -> bool {
        matches!(self.pos, Pos::Verb(_))
    }

    fn is_nominal(&self) -> bool {
        matches!(
            self.pos,
            Pos::Noun | Pos::ProperNoun | Pos::Pronoun | Pos::Number
        )
    }
}

/// A noun phrase: determiner or possessive, modifiers, head ("Tuesday's vote", "a news
/// conference", "the 23-year-old striker").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NounPhrase {
    /// Indices into [`SentenceAnalysis::tokens`].
    pub tokens: Range<usize>,
    /// The head noun (or pronoun or number): the phrase's last.
    pub head: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
    /// An infinitive, or a participle or -ing form standing alone.
    Nonfinite,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aspect {
    Simple,
    Perfect,
    Progressive,
    PerfectProgressive,
}

impl Aspect {
    pub fn is_perfect(self) -> bool {
        matches!(self, Aspect::Perfect | Aspect::PerfectProgressive)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    Active,
    Passive,
}

/// A verb group: modal, auxiliaries, negation and main verb ("has not signed", "will vote",
/// "could be sold", "was killed", "is expected to resign", "would have won").
///
/// Conventions: "will" and "shall" make [`Tense::Future`] and no modality; another modal gives
/// the tense of its form (can, may, must: present; could, would, might, should: past) and is
/// the group's `modal`; a semi-modal ("is expected to", "is going to", "plans to", "has to",
/// "used to") joins the infinitive after it into one group, takes its tense from its own first
/// verb ("is going to" is future) and its aspect and voice from the infinitive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbGroup {
    /// From the group's first token to its main verb.
    pub tokens: Range<usize>,
    /// The main verb.
    pub head: usize,
    pub tense: Tense,
    pub aspect: Aspect,
    pub voice: Voice,
    pub negated: bool,
    /// The modal ("could") or the word of a semi-modal ("expected", "going", "plans", "has").
    pub modal: Option<usize>,
}

/// What one sentence holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentenceAnalysis {
    pub tokens: Vec<Token>,
    /// In order, not overlapping.
    pub noun_phrases: Vec<NounPhrase>,
    /// In order, not overlapping.
    pub verb_groups: Vec<VerbGroup>,
}

impl SentenceAnalysis {
    /// The span from the first to the last of `tokens`.
    pub fn span(&self, tokens: Range<usize>) -> Span {
        match (
            self.tokens.get(tokens.start),
            tokens.end.checked_sub(1).and_then(|i| self.tokens.get(i)),
        ) {
            (Some(first), Some(last)) => Span::new(first.span.start, last.span.end),
            _ => Span::new(0, 0),
        }
    }
}

/// Words before "to" that make the infinitive after them not yet done.
static FUTURE_TO: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    EVENT_WORDS
        .future_to
        .iter()
        .map(|w| crate::analysis::lexicon::keep(w.clone()))
        .collect()
});

/// Verbs of speech and thought (`speech` in `rules/words/events.toml`), after which a clause
/// starts.
static SPEECH: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    EVENT_WORDS
        .speech
        .iter()
        .map(|w| crate::analysis::lexicon::keep(w.clone()))
        .collect()
});

/// Prepositions that may open a clause ("after the vote was held").
const CLAUSE_PREPOSITIONS: &[&str] = &["after", "before", "since", "until", "till", "as", "once"];

/// Analyses every sentence of `doc`, in order (one per [`Document::sentences`]).
pub fn analyse(doc: &Document) -> Vec<SentenceAnalysis> {
    doc.sentences
        .iter()
        .map(|s| analyse_words(&doc.mask, doc.sentence_words(s), s.span.start))
        .collect()
}

/// Analyses one sentence: `words` are spans into `text`, in order; `start` is where the
/// sentence starts (punctuation before the first word counts as its gap).
pub fn analyse_words(text: &str, words: &[Span], start: usize) -> SentenceAnalysis {
    let lexicon = Lexicon::get();
    let tokens = tag(lexicon, tokenize(text, words, start));
    let noun_phrases = chunk(&tokens);
    let verb_groups = verb_groups(&tokens);
    SentenceAnalysis {
        tokens,
        noun_phrases,
        verb_groups,
    }
}

/// A token before tagging: where it is and what it may be.
struct Raw<'t> {
    span: Span,
    /// The word in lowercase, with a curly apostrophe made straight: borrowed from the text
    /// when it is so already (most words), so tagging allocates little.
    lower: Cow<'t, str>,
    capital: bool,
    /// Two letters or more, all capitals ("US", "NATO").
    caps: bool,
    genitive: bool,
    gap: Gap,
}

fn gap_of(between: &str) -> Gap {
    let mut gap = Gap::default();
    let spaced = between.chars().any(char::is_whitespace);
    for c in between.chars() {
        match c {
            ',' => gap.comma = true,
            ';' | ':' | '(' | ')' | '[' | ']' | '—' | '–' | '.' | '!' | '?' => gap.stop = true,
            '-' if spaced => gap.stop = true,
            '-' | '‐' => gap.hyphen = true,
            '"' | '“' | '”' | '«' | '»' | '„' => gap.quote = true,
            '\'' | '‘' | '’' if spaced => gap.quote = true,
            _ => {}
        }
    }
    gap
}

/// Splits each word into tokens: contractions ("hasn't" → "has" "n't", "it's" → "it" "'s",
/// "they've" → "they" "'ve") and genitives ("Tuesday's", one token marked genitive).
fn tokenize<'t>(text: &'t str, words: &[Span], start: usize) -> Vec<Raw<'t>> {
    let mut out: Vec<Raw> = Vec::with_capacity(words.len() + 4);
    let mut at = start;
    for &word in words {
        let between = text.get(at.min(word.start)..word.start).unwrap_or("");
        let gap = gap_of(between);
        at = word.end;
        let Some(slice) = text.get(word.start..word.end) else {
            continue;
        };
        let lower: Cow<'t, str> = if slice
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            Cow::Borrowed(slice)
        } else {
            Cow::Owned(
                slice
                    .chars()
                    .map(|c| if c == '’' { '\'' } else { c })
                    .flat_map(char::to_lowercase)
                    .collect(),
            )
        };
        let capital = slice.chars().next().is_some_and(char::is_uppercase);
        let caps = slice.chars().filter(|c| c.is_alphabetic()).count() > 1
            && !slice.chars().any(char::is_lowercase);
        // "n't" and the 've, 're, 'll, 'd, 'm clitics are tokens of their own; 's is "is" or
        // "has" after a pronoun, else a genitive.
        let split = ["n't", "'ve", "'re", "'ll", "'d", "'m", "'s"]
            .iter()
            .find(|suffix| lower.len() > suffix.len() && lower.ends_with(*suffix));
        match split {
            Some(&suffix) => {
                let cut = lower.len() - suffix.len();
                let stem = &lower[..cut];
                let pronoun_like = matches!(
                    stem,
                    "it" | "he"
                        | "she"
                        | "that"
                        | "there"
                        | "what"
                        | "who"
                        | "here"
                        | "where"
                        | "let"
                );
                if suffix == "'s" && !pronoun_like {
                    out.push(Raw {
                        span: word,
                        lower: Cow::Owned(stem.to_string()),
                        capital,
                        caps,
                        genitive: true,
                        gap,
                    });
                    continue;
                }
                // The source may spell the apostrophe with more bytes than the lowercase form
                // ('’' is three): cut the source where its last `suffix` characters start.
                let tail_chars = suffix.chars().count();
                let source_cut = slice
                    .char_indices()
                    .rev()
                    .nth(tail_chars - 1)
                    .map_or(0, |(i, _)| i);
                if source_cut == 0 {
                    out.push(Raw {
                        span: word,
                        lower,
                        capital,
                        caps,
                        genitive: false,
                        gap,
                    });
                    continue;
                }
                out.push(Raw {
                    span: Span::new(word.start, word.start + source_cut),
                    lower: Cow::Owned(stem.to_string()),
                    capital,
                    caps,
                    genitive: false,
                    gap,
                });
                out.push(Raw {
                    span: Span::new(word.start + source_cut, word.end),
                    lower: Cow::Borrowed(suffix),
                    capital: false,
                    caps: false,
                    genitive: false,
                    gap: Gap::default(),
                });
            }
            None => {
                let (lower, genitive) = match lower.strip_suffix("s'") {
                    // "the players' union"
                    Some(_) if slice.ends_with('\'') || slice.ends_with('’') => {
                        (Cow::Owned(lower.trim_end_matches('\'').to_string()), true)
                    }
                    _ => (lower, false),
                };
                out.push(Raw {
                    span: word,
                    lower,
                    capital,
                    caps,
                    genitive,
                    gap,
                });
            }
        }
    }
    out
}

/// What the lexicon says of a word, or, for a word it does not hold, its shape.
#[derive(Clone, Copy)]
struct Reading {
    classes: Classes,
    verb: Option<&'static str>,
    noun: Option<&'static str>,
    /// The lexicon's own copy of the word, when it holds it: a lemma tokens can borrow.
    known: Option<&'static str>,
}

/// What a word may be, from one lookup in the lexicon, else its shape.
fn candidates(lexicon: &Lexicon, raw: &Raw) -> Reading {
    let word = raw.lower.as_ref();
    let found = lexicon.entry_and_word(word);
    let known = found.map(|(copy, _)| copy);
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        return Reading {
            classes: Classes::NUMBER,
            verb: None,
            noun: None,
            known,
        };
    }
    match found {
        Some((_, entry)) => Reading {
            classes: entry.classes,
            verb: entry.verb,
            noun: entry.noun,
            known,
        },
        None => Reading {
            classes: suffix_classes(word),
            verb: None,
            noun: None,
            known: None,
        },
    }
}

/// Classes from a word's ending, for words the lexicon does not hold.
fn suffix_classes(word: &str) -> Classes {
    let n = word.chars().count();
    let ends = |s: &str| word.ends_with(s);
    if n > 4 && ends("ly") {
        Classes::ADVERB
    } else if n > 4 && ends("ing") {
        Classes::VERB_GERUND.with(Classes::NOUN)
    } else if n > 4 && ends("ed") {
        Classes::VERB_PAST.with(Classes::VERB_PARTICIPLE)
    } else if [
        "tion", "sion", "ment", "ness", "ity", "ism", "ship", "ance", "ence", "dom", "hood", "ist",
        "ure", "age", "ery", "acy",
    ]
    .iter()
    .any(|s| ends(s))
        || (n > 4 && (ends("er") || ends("or")))
    {
        Classes::NOUN
    } else if [
        "ous", "ful", "ive", "able", "ible", "ical", "less", "ish", "ary", "ic", "ese", "ian",
        "ial", "ual", "onal", "ural", "inal", "ntal",
    ]
    .iter()
    .any(|s| ends(s))
    {
        Classes::ADJECTIVE
    } else if n > 3 && ends("s") && !ends("ss") && !ends("us") && !ends("is") {
        Classes::NOUN.with(Classes::VERB_PRESENT)
    } else {
        // An unknown plain word: a noun, or a verb where context asks for one ("to lobby").
        Classes::NOUN.with(Classes::VERB_BASE)
    }
}

/// A lemma for an inflected word the lexicon does not hold: best effort.
fn guess_lemma(word: &str, pos: Pos) -> Cow<'static, str> {
    let strip = |suffix: &str| word.strip_suffix(suffix).filter(|s| s.len() > 1);
    let undouble = |stem: &str| -> String {
        let b = stem.as_bytes();
        let n = b.len();
        if n > 2 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'l' | b's' | b'f' | b'z') {
            stem[..n - 1].to_string()
        } else {
            stem.to_string()
        }
    };
    // The e dropped before -ed and -ing: "voted", "resumed", "debated", "tackled" (not
    // "visited", "remained", "passed").
    let restore_e = |stem: String| -> String {
        let b = stem.as_bytes();
        let n = b.len();
        if n < 2 || !stem.is_ascii() {
            return stem;
        }
        let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
        let (before, last) = (b[n - 2], b[n - 1]);
        let groups = (0..n)
            .filter(|&i| vowel(b[i]) && (i == 0 || !vowel(b[i - 1])))
            .count();
        let single_vowel = vowel(before) && (n < 3 || !vowel(b[n - 3]));
        let always = matches!(last, b'v' | b'c' | b'u' | b'z')
            || (last == b's' && before != b's' && !vowel(before))
            || (last == b'l' && matches!(before, b'b' | b'p' | b't' | b'd' | b'k' | b'g' | b'f'))
            || (last == b'g' && matches!(before, b'r' | b'd' | b'n'))
            || (single_vowel
                && (matches!(
                    (before, last),
                    (b'a', b't')
                        | (b'u', b'm')
                        | (b'u', b'r')
                        | (b'i', b'd')
                        | (b'i', b'n')
                        | (b'i', b'r')
                        | (b'a', b'r')
                        | (b'o', b's')
                        | (b'i', b's')
                        | (b'u', b't')
                        | (b'o', b't')
                ) || (groups == 1 && !matches!(last, b'w' | b'x' | b'y'))));
        if always && !vowel(last) || last == b'u' {
            format!("{stem}e")
        } else {
            stem
        }
    };
    let unsuffix = |stem: &str| {
        let single = undouble(stem);
        if single.len() < stem.len() {
            single
        } else {
            restore_e(single)
        }
    };
    let guessed = match pos {
        Pos::Verb(VerbForm::Past | VerbForm::Participle) => strip("ied")
            .map(|s| format!("{s}y"))
            .or_else(|| strip("ed").map(unsuffix)),
        Pos::Verb(VerbForm::Gerund) => strip("ing").map(unsuffix),
        Pos::Verb(VerbForm::Present) | Pos::Noun => strip("ies")
            .map(|s| format!("{s}y"))
            .or_else(|| {
                ["ches", "shes", "sses", "xes"]
                    .iter()
                    .find(|e| word.ends_with(*e))
                    .and_then(|_| strip("es"))
                    .map(str::to_string)
            })
            .or_else(|| {
                strip("s")
                    .filter(|s| !s.ends_with('s') && !s.ends_with('u') && !s.ends_with('i'))
                    .map(str::to_string)
            }),
        _ => None,
    };
    Cow::Owned(guessed.unwrap_or_else(|| word.to_string()))
}

/// Tags the raw tokens left to right.
fn tag(lexicon: &Lexicon, raws: Vec<Raw<'_>>) -> Vec<Token> {
    const CLOSED: Classes = Classes::DETERMINER
        .with(Classes::POSSESSIVE)
        .with(Classes::PRONOUN)
        .with(Classes::PREPOSITION)
        .with(Classes::CONJUNCTION)
        .with(Classes::SUBORDINATOR)
        .with(Classes::RELATIVE)
        .with(Classes::NEGATION)
        .with(Classes::TO)
        .with(Classes::MODAL);
    let n = raws.len();
    let mut cands = Vec::with_capacity(n);
    for (i, raw) in raws.iter().enumerate() {
        let reading = candidates(lexicon, raw);
        let classes = reading.classes;
        // A capital after the sentence's first word (or a quotation mark or colon) is a name,
        // unless a closed-class word is written so; an unknown capitalised first word too.
        let opening = i == 0 || raw.gap.quote || raw.gap.stop;
        let proper = raw.capital
            && raw.lower != "i"
            && !classes.has(Classes::NUMBER)
            && if opening {
                reading.known.is_none() && classes == Classes::NOUN.with(Classes::VERB_BASE)
            } else {
                raw.caps || !classes.has(CLOSED) || matches!(raw.lower.as_ref(), "may" | "will")
            };
        cands.push((reading, proper));
    }
    let mut out: Vec<Token> = Vec::with_capacity(n);
    // Whether the clause so far has a finite verb.
    let mut finite = false;
    // An -ed form after a noun read as the clause's verb, which a later verb of the clause
    // shows to be a participle ("The man arrested on Tuesday was charged").
    let mut reduced: Option<usize> = None;
    // Whether a comma came between it and here ("... on Monday, the minister said").
    let mut comma_between = false;
    for (i, raw) in raws.iter().enumerate() {
        let (reading, proper) = cands[i];
        let Reading {
            classes: c,
            verb: verb_lemma,
            noun: noun_lemma,
            known: known_word,
        } = reading;
        if raw.gap.any() {
            finite = false;
        }
        if raw.gap.stop || raw.gap.quote {
            reduced = None;
        }
        let mut next = cands.get(i + 1).map_or(Classes::default(), |x| x.0.classes);
        let next_proper = cands.get(i + 1).is_some_and(|x| x.1);
        // "to partially compensate": a verb after an adverb is what "to" comes before.
        if raw.lower == "to" && next == Classes::ADVERB {
            next = next.with(cands.get(i + 2).map_or(Classes::default(), |x| x.0.classes));
        }
        let mut pos = if proper {
            Pos::ProperNoun
        } else {
            decide(
                raw,
                c,
                next,
                next_proper,
                &out,
                finite,
                verb_lemma.is_some(),
            )
        };
        // A subject pronoun opens a clause ("said it was", "said he had").
        if pos == Pos::Pronoun
            && matches!(
                raw.lower.as_ref(),
                "i" | "he" | "she" | "we" | "they" | "it" | "you" | "there"
            )
        {
            finite = false;
        }
        if matches!(pos, Pos::Conjunction | Pos::Subordinator | Pos::Relative) {
            finite = false;
            reduced = None;
        }
        // "resigned after the relegation was confirmed": these may open a clause.
        if pos == Pos::Preposition && CLAUSE_PREPOSITIONS.contains(&raw.lower.as_ref()) {
            finite = false;
        }
        let after_nominal = out.last().is_some_and(|t| t.is_nominal() && !t.genitive);
        if let Some(k) = reduced {
            let later_finite = match pos {
                Pos::Modal | Pos::Verb(VerbForm::Past | VerbForm::Present) => true,
                // Read as a participle only because the earlier one took the clause's verb.
                Pos::Verb(VerbForm::Participle) => {
                    after_nominal && c.has(Classes::VERB_PAST) && !raw.gap.any()
                }
                _ => false,
            };
            // "The man arrested on Tuesday was charged"; "The report, published on Monday,
            // found": the participle and the verb set off alike, nothing else between.
            if later_finite && !comma_between && out[k].gap.comma == raw.gap.comma {
                out[k].pos = Pos::Verb(VerbForm::Participle);
                if pos == Pos::Verb(VerbForm::Participle) {
                    pos = Pos::Verb(VerbForm::Past);
                }
                reduced = None;
            }
        } else if pos == Pos::Verb(VerbForm::Past)
            && c.has(Classes::VERB_PARTICIPLE)
            && out
                .last()
                .is_some_and(|t| t.pos == Pos::Noun && !t.genitive)
            && !finite
            && (next.has(Classes::PREPOSITION) || next.has(Classes::TO))
        {
            reduced = Some(out.len());
            comma_between = false;
        }
        if reduced.is_some_and(|k| k < out.len()) && raw.gap.comma {
            comma_between = true;
        }
        if matches!(
            pos,
            Pos::Modal | Pos::Verb(VerbForm::Past | VerbForm::Present)
        ) {
            if finite {
                reduced = None;
            }
            finite = true;
        }
        // A verb of speech opens a clause after it, with or without "that": "has said Iran
        // set up a site".
        if let (Pos::Verb(_), Some(lemma)) = (pos, verb_lemma) {
            if SPEECH.contains(lemma) {
                finite = false;
            }
        }
        // The word itself, the lexicon's copy when it holds one.
        let as_written =
            || known_word.map_or_else(|| Cow::Owned(raw.lower.to_string()), Cow::Borrowed);
        let lemma: Cow<'static, str> = match pos {
            Pos::Verb(form) => match (verb_lemma, raw.lower.as_ref()) {
                (_, "'s") => Cow::Borrowed(
                    if cands.get(i + 1).is_some_and(|x| {
                        x.0.classes.has(Classes::VERB_PARTICIPLE)
                            && !x.0.classes.has(Classes::ADJECTIVE)
                    }) {
                        "have"
                    } else {
                        "be"
                    },
                ),
                (Some(v), _) => Cow::Borrowed(v),
                (None, w) => guess_lemma(w, Pos::Verb(form)),
            },
            Pos::Modal => Cow::Borrowed(match raw.lower.as_ref() {
                "wo" | "'ll" => "will",
                "ca" => "can",
                "'d" => "would",
                _ => known_word.unwrap_or("will"),
            }),
            Pos::Negation => Cow::Borrowed("not"),
            Pos::Noun | Pos::ProperNoun => match noun_lemma {
                Some(noun) => Cow::Borrowed(noun),
                None if c.has(Classes::VERB_PRESENT) || raw.lower.ends_with('s') => {
                    if pos == Pos::Noun && raw.lower.ends_with('s') {
                        guess_lemma(&raw.lower, Pos::Noun)
                    } else {
                        as_written()
                    }
                }
                None => as_written(),
            },
            _ => as_written(),
        };
        out.push(Token {
            span: raw.span,
            pos,
            lemma,
            capital: raw.capital,
            genitive: raw.genitive,
            gap: raw.gap,
        });
    }
    out
}

/// The token before the current one, skipping adverbs and negations (at most three, and not
/// across punctuation).
fn before_adverbs(out: &[Token]) -> Option<&Token> {
    let mut k = out.len();
    for _ in 0..4 {
        k = k.checked_sub(1)?;
        let t = &out[k];
        if !matches!(t.pos, Pos::Adverb | Pos::Negation) {
            return Some(t);
        }
        if t.gap.any() {
            return None;
        }
    }
    None
}

/// The part of speech of one word, from its candidates and the tokens before it.
fn decide(
    raw: &Raw,
    c: Classes,
    next: Classes,
    next_proper: bool,
    out: &[Token],
    finite: bool,
    known_verb: bool,
) -> Pos {
    let word = raw.lower.as_ref();
    let prev = out.last().filter(|_| !raw.gap.stop);
    let prev_pos = prev.map(|t| t.pos);
    if c.is_empty() {
        return Pos::Noun;
    }
    if c.has(Classes::TO) {
        return if next.has(Classes::VERB_BASE) && !next_proper {
            Pos::To
        } else {
            Pos::Preposition
        };
    }
    if c.has(Classes::MODAL) {
        let modal_next = next.has(Classes::VERB_BASE)
            || next.has(Classes::NEGATION)
            || next.has(Classes::ADVERB)
            || next.has(Classes::PRONOUN);
        if modal_next || !c.has(Classes::NOUN) {
            return Pos::Modal;
        }
        return Pos::Noun;
    }
    if c.has(Classes::NEGATION) {
        return Pos::Negation;
    }
    let after_nominal = prev.is_some_and(|t| t.is_nominal() && !t.genitive);
    if word == "that" {
        let verbish = next.has(Classes::VERB) || next.has(Classes::MODAL);
        let nounish = next.has(Classes::NOUN) || next.has(Classes::ADJECTIVE);
        return if after_nominal && verbish && !next.has(Classes::NOUN) {
            Pos::Relative
        } else if next.has(Classes::DETERMINER)
            || prev_pos == Some(Pos::Conjunction)
            || next.has(Classes::PRONOUN)
            || next.has(Classes::POSSESSIVE)
            || next.has(Classes::NUMBER)
            || next_proper
            || matches!(prev_pos, Some(Pos::Verb(_) | Pos::Adjective))
        {
            Pos::Subordinator
        } else if nounish {
            Pos::Determiner
        } else {
            Pos::Subordinator
        };
    }
    if c.has(Classes::RELATIVE) {
        return if c.has(Classes::DETERMINER) && next.has(Classes::NOUN) && !next.has(Classes::VERB)
        {
            Pos::Determiner
        } else {
            Pos::Relative
        };
    }
    if c.has(Classes::POSSESSIVE) {
        let before_noun = next.has(Classes::NOUN)
            || next.has(Classes::ADJECTIVE)
            || next.has(Classes::NUMBER)
            || next_proper
            || next.has(Classes::VERB_GERUND);
        return if c.has(Classes::PRONOUN) && !before_noun {
            Pos::Pronoun
        } else {
            Pos::Possessive
        };
    }
    // A floating quantifier between an auxiliary and its verb: "were all jailed".
    if matches!(word, "all" | "both" | "each")
        && prev.is_some_and(is_aux)
        && (next.has(Classes::VERB_PARTICIPLE) || next.has(Classes::VERB_GERUND))
    {
        return Pos::Adverb;
    }
    if c.has(Classes::NUMBER) && (next.has(Classes::NOUN) || !c.has(Classes::PRONOUN)) {
        return Pos::Number;
    }
    if c.has(Classes::DETERMINER) {
        return Pos::Determiner;
    }
    if c.has(Classes::PRONOUN) {
        return Pos::Pronoun;
    }
    if c.has(Classes::CONJUNCTION) {
        // "so cautious", "not yet signed".
        let modifies =
            next.has(Classes::ADJECTIVE) || next.has(Classes::ADVERB) || next.has(Classes::VERB);
        if c.has(Classes::ADVERB) && modifies {
            return Pos::Adverb;
        }
        return Pos::Conjunction;
    }
    if c.has(Classes::SUBORDINATOR) && !c.has(Classes::ADVERB) {
        return Pos::Subordinator;
    }
    let subject_before = before_adverbs(out)
        .filter(|_| !raw.gap.any() || prev_pos != Some(Pos::Adverb))
        .is_some_and(|t| (t.is_nominal() && !t.genitive) || t.pos == Pos::Relative);
    if c.has(Classes::PREPOSITION) {
        let verb_here = subject_before && !finite && c.has(Classes::VERB);
        if !verb_here {
            return Pos::Preposition;
        }
    }
    // Open classes.
    // The second half of a compound modifier: "EU-sponsored", "Oscar-winning".
    if raw.gap.hyphen
        && !raw.gap.any()
        && (c.has(Classes::VERB_PARTICIPLE) || c.has(Classes::VERB_GERUND))
        && !c.has(Classes::NOUN)
    {
        return Pos::Adjective;
    }
    // Coordinated verbs share their form: "is cancelled or delayed".
    if prev_pos == Some(Pos::Conjunction) && out.len() >= 2 {
        if let Pos::Verb(form) = out[out.len() - 2].pos {
            let fits = match form {
                VerbForm::Participle => c.has(Classes::VERB_PARTICIPLE),
                VerbForm::Gerund => c.has(Classes::VERB_GERUND),
                VerbForm::Past => c.has(Classes::VERB_PAST),
                VerbForm::Base | VerbForm::Present => false,
            };
            if fits {
                return Pos::Verb(form);
            }
        }
    }
    // A participle opening a clause with no subject: "when asked", "once elected".
    if prev_pos == Some(Pos::Subordinator)
        && c.has(Classes::VERB_PARTICIPLE)
        && !c.has(Classes::NOUN)
    {
        return Pos::Verb(VerbForm::Participle);
    }
    // Between a preposition and a noun, a modifier: "of purchased content".
    if prev_pos == Some(Pos::Preposition)
        && (c.has(Classes::VERB_PARTICIPLE) || c.has(Classes::ADJECTIVE))
        && !c.has(Classes::NOUN)
        && (next.has(Classes::NOUN) || next_proper)
        && !next.has(Classes::DETERMINER)
    {
        return Pos::Adjective;
    }
    let aux = before_adverbs(out).filter(|_| !raw.gap.any());
    let aux_lemma = aux.filter(|t| t.is_verb()).map(|t| t.lemma.as_ref());
    let after_to_or_modal =
        aux.is_some_and(|t| matches!(t.pos, Pos::To | Pos::Modal)) || aux_lemma == Some("do");
    if after_to_or_modal && c.has(Classes::VERB_BASE) {
        return Pos::Verb(VerbForm::Base);
    }
    if aux_lemma == Some("have") && c.has(Classes::VERB_PARTICIPLE) {
        return Pos::Verb(VerbForm::Participle);
    }
    if matches!(aux_lemma, Some("be" | "get")) {
        if c.has(Classes::VERB_PARTICIPLE) {
            return Pos::Verb(VerbForm::Participle);
        }
        if c.has(Classes::VERB_GERUND) {
            return Pos::Verb(VerbForm::Gerund);
        }
    }
    let after_det = matches!(
        prev_pos,
        Some(Pos::Determiner | Pos::Possessive | Pos::Adjective | Pos::Number)
    ) || prev.is_some_and(|t| t.genitive);
    if after_det && !raw.gap.any() {
        if c.has(Classes::NOUN) {
            return Pos::Noun;
        }
        if c.has(Classes::ADJECTIVE) {
            return Pos::Adjective;
        }
        if c.has(Classes::VERB_PARTICIPLE) || c.has(Classes::VERB_GERUND) {
            // A modifier ("the injured man", "the governing party") unless a noun does not
            // follow ("Two were charged" is not this: a number is no determiner of a verb).
            if next.has(Classes::NOUN) || next.has(Classes::ADJECTIVE) || next_proper {
                return Pos::Adjective;
            }
            if prev_pos != Some(Pos::Number) {
                return Pos::Noun;
            }
        }
        // A verb's base form after a determiner is a noun: "their first show", "its pay".
        if c.has(Classes::VERB_BASE) && prev_pos != Some(Pos::Number) {
            return Pos::Noun;
        }
    }
    if prev_pos == Some(Pos::Preposition) && !raw.gap.any() {
        // "in meeting outside pressure", "after signing the deal": an -ing form with an object.
        let object_next = next.has(Classes::DETERMINER)
            || next.has(Classes::POSSESSIVE)
            || next.has(Classes::PRONOUN)
            || next.has(Classes::NUMBER)
            || next_proper
            || (next.has(Classes::ADJECTIVE) && !next.has(Classes::NOUN));
        if c.has(Classes::VERB_GERUND) && object_next {
            return Pos::Verb(VerbForm::Gerund);
        }
        if c.has(Classes::NOUN) || (c.has(Classes::VERB_BASE) && !c.has(Classes::VERB_PAST)) {
            return Pos::Noun;
        }
        if c.has(Classes::VERB_GERUND) {
            return Pos::Verb(VerbForm::Gerund);
        }
    }
    let finite_forms = c.has(Classes::VERB_PAST) || c.has(Classes::VERB_PRESENT);
    if subject_before && !finite && (finite_forms || c.has(Classes::VERB_BASE)) {
        // "the council vote was close": a noun before the clause's verb.
        let next_finite = (next.has(Classes::VERB_PRESENT) || next.has(Classes::VERB_PAST))
            && !next.has(Classes::NOUN)
            && !next.has(Classes::VERB_PARTICIPLE)
            || next.has(Classes::MODAL);
        if c.has(Classes::NOUN) && next_finite {
            return Pos::Noun;
        }
        // Still inside a phrase a determiner opened, after a singular noun or a name: "a
        // planned Christmas strike by ...".
        let in_phrase = {
            let mut k = out.len();
            let mut opened = false;
            while k > 0 && out.len() - k < 6 {
                k -= 1;
                let t = &out[k];
                match t.pos {
                    Pos::Determiner | Pos::Possessive => {
                        opened = true;
                        break;
                    }
                    Pos::Adjective | Pos::Noun | Pos::ProperNoun | Pos::Number if !t.gap.any() => {}
                    _ => break,
                }
            }
            opened
        };
        let singular_before = prev.is_some_and(|t| {
            t.pos == Pos::ProperNoun
                || (t.pos == Pos::Noun && !t.lemma.ends_with('s') && t.lemma.len() == t.span.len())
        });
        if in_phrase && singular_before && c.has(Classes::NOUN) && !c.has(Classes::VERB_PAST) {
            return Pos::Noun;
        }
        if c.has(Classes::VERB_PAST) {
            return Pos::Verb(VerbForm::Past);
        }
        // A plural noun or a verb ("councils", "votes"): a verb after a pronoun, or before
        // what a verb takes (an object, "to", a preposition); a noun before another verb.
        let after_pronoun = prev.is_some_and(|t| t.pos == Pos::Pronoun);
        let takes = next.has(Classes::DETERMINER)
            || next.has(Classes::POSSESSIVE)
            || next.has(Classes::NUMBER)
            || next.has(Classes::TO)
            || next_proper
            || (next.has(Classes::PREPOSITION) && !next.has(Classes::VERB));
        let noun_like = c.has(Classes::NOUN) && !after_pronoun;
        if c.has(Classes::VERB_PRESENT) && (!noun_like || takes) && (known_verb || after_pronoun) {
            return Pos::Verb(VerbForm::Present);
        }
        if c.has(Classes::VERB_BASE)
            && (known_verb || after_pronoun)
            && !c.has(Classes::ADJECTIVE)
            && !c.has(Classes::ADVERB)
            && (!noun_like || takes)
        {
            return Pos::Verb(VerbForm::Present);
        }
    }
    if c.has(Classes::VERB_PAST) && !c.has(Classes::NOUN) && !c.has(Classes::ADJECTIVE) {
        // A participle after a noun in a clause that has its verb ("a letter sent to him"), or
        // opening a phrase ("Born in 1950, ..."); else the clause's verb.
        let opening = out.is_empty() || raw.gap.any();
        // "Injured Chelsea winger Arjen Robben": a participle before a noun opening a phrase.
        if opening
            && !finite
            && (next.has(Classes::NOUN) || next_proper || next.has(Classes::ADJECTIVE))
            && !next.has(Classes::DETERMINER)
        {
            return Pos::Adjective;
        }
        let opening_phrase = next.has(Classes::PREPOSITION) && opening;
        let participle = c.has(Classes::VERB_PARTICIPLE);
        return if (finite && participle) || opening_phrase {
            Pos::Verb(VerbForm::Participle)
        } else {
            Pos::Verb(VerbForm::Past)
        };
    }
    if c.has(Classes::VERB_PARTICIPLE) && !c.has(Classes::NOUN) && !c.has(Classes::ADJECTIVE) {
        return Pos::Verb(VerbForm::Participle);
    }
    if c.has(Classes::ADVERB) && !(c.has(Classes::ADJECTIVE) && after_det) {
        return Pos::Adverb;
    }
    if c.has(Classes::NOUN) {
        return Pos::Noun;
    }
    if c.has(Classes::ADJECTIVE) {
        return Pos::Adjective;
    }
    if c.has(Classes::VERB_GERUND) {
        return Pos::Verb(VerbForm::Gerund);
    }
    if c.has(Classes::VERB_PAST) {
        return Pos::Verb(VerbForm::Past);
    }
    if c.has(Classes::VERB_PARTICIPLE) {
        return Pos::Verb(VerbForm::Participle);
    }
    if c.has(Classes::VERB_PRESENT) {
        return Pos::Verb(VerbForm::Present);
    }
    if c.has(Classes::VERB_BASE) {
        return Pos::Verb(VerbForm::Base);
    }
    if c.has(Classes::PREPOSITION) {
        return Pos::Preposition;
    }
    if c.has(Classes::SUBORDINATOR) {
        return Pos::Subordinator;
    }
    Pos::Noun
}

/// Noun phrases: an optional determiner or possessive (or a genitive noun), modifiers, and a
/// head; a pronoun alone. Punctuation ends a phrase.
fn chunk(tokens: &[Token]) -> Vec<NounPhrase> {
    let mut out = Vec::new();
    let mut i = 0;
    let n = tokens.len();
    while i < n {
        let starts = matches!(
            tokens[i].pos,
            Pos::Determiner
                | Pos::Possessive
                | Pos::Number
                | Pos::Adjective
                | Pos::Noun
                | Pos::ProperNoun
                | Pos::Pronoun
        );
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut head: Option<usize> = None;
        while j < n {
            let t = &tokens[j];
            // A quotation mark inside a phrase does not end it: a 'victory' concert.
            let quoted_modifier = j > i
                && t.gap.quote
                && !t.gap.comma
                && !t.gap.stop
                && matches!(
                    tokens[j - 1].pos,
                    Pos::Determiner | Pos::Adjective | Pos::Noun
                );
            if j > i && t.gap.any() && !quoted_modifier {
                break;
            }
            let next_adjective = tokens
                .get(j + 1)
                .is_some_and(|x| matches!(x.pos, Pos::Adjective | Pos::Noun));
            match t.pos {
                Pos::Pronoun => {
                    if j == i {
                        head = Some(j);
                        j += 1;
                    }
                    break;
                }
                Pos::Determiner | Pos::Possessive => {
                    let after_determiner =
                        j > i && (tokens[j - 1].genitive || tokens[j - 1].pos == Pos::Determiner);
                    if j > i && !after_determiner {
                        break;
                    }
                }
                Pos::Number | Pos::Noun | Pos::ProperNoun => head = Some(j),
                Pos::Adjective => {}
                Pos::Adverb if j > i && next_adjective => {}
                _ => break,
            }
            j += 1;
        }
        match head {
            Some(h) => {
                out.push(NounPhrase {
                    tokens: i..h + 1,
                    head: h,
                });
                i = h + 1;
            }
            None => i = j.max(i + 1),
        }
    }
    out
}

fn is_aux(t: &Token) -> bool {
    t.is_verb() && matches!(t.lemma.as_ref(), "be" | "have" | "do" | "get")
}

/// Whether a verb comes at `k`, after at most three adverbs or negations, with no punctuation.
fn verb_ahead(tokens: &[Token], mut k: usize) -> bool {
    for _ in 0..4 {
        match tokens.get(k) {
            Some(t) if t.gap.any() => return false,
            Some(t) if t.is_verb() => return true,
            Some(t) if matches!(t.pos, Pos::Adverb | Pos::Negation) => k += 1,
            _ => return false,
        }
    }
    false
}

/// Reads auxiliaries, adverbs, negations and a main verb from `*j`, pushing the verbs onto
/// `chain`.
fn read_verbs(
    tokens: &[Token],
    j: &mut usize,
    first: usize,
    chain: &mut Vec<usize>,
    negated: &mut bool,
) {
    while let Some(t) = tokens.get(*j) {
        if *j > first && t.gap.any() {
            break;
        }
        match t.pos {
            Pos::Negation => {
                *negated = true;
                *j += 1;
            }
            Pos::Adverb if verb_ahead(tokens, *j + 1) => *j += 1,
            Pos::Verb(_) => {
                chain.push(*j);
                *j += 1;
                if is_aux(t) && verb_ahead(tokens, *j) {
                    continue;
                }
                break;
            }
            _ => break,
        }
    }
}

/// The verb groups of a sentence, in order.
fn verb_groups(tokens: &[Token]) -> Vec<VerbGroup> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let starts = match t.pos {
            Pos::Modal | Pos::Verb(_) => true,
            Pos::To | Pos::Negation => verb_ahead(tokens, i + 1),
            _ => false,
        };
        if !starts {
            i += 1;
            continue;
        }
        let (group, next) = read_group(tokens, i);
        out.extend(group);
        i = next.max(i + 1);
    }
    out
}

/// Reads one verb group starting at `start`; returns it (if it has a verb) and where reading
/// stopped.
fn read_group(tokens: &[Token], start: usize) -> (Option<VerbGroup>, usize) {
    let mut j = start;
    let mut negated = false;
    let mut modal: Option<usize> = None;
    let mut infinitive = false;
    while let Some(t) = tokens.get(j) {
        if j > start && t.gap.any() {
            break;
        }
        match t.pos {
            Pos::Negation => negated = true,
            Pos::Modal if modal.is_none() => modal = Some(j),
            Pos::To if j == start => infinitive = true,
            Pos::Adverb if verb_ahead(tokens, j + 1) => {}
            _ => break,
        }
        j += 1;
    }
    let mut chain: Vec<usize> = Vec::new();
    read_verbs(tokens, &mut j, start, &mut chain, &mut negated);
    let Some(&last) = chain.last() else {
        return (None, j);
    };
    // A semi-modal: "is expected to", "is likely to", "plans to", "has to".
    let mut main_from = 0;
    let mut semi: Option<usize> = None;
    let future_to = |t: &Token| {
        FUTURE_TO.contains(t.lemma.as_ref())
            || (t.lemma == "go" && t.pos == Pos::Verb(VerbForm::Gerund))
    };
    let word = if tokens[last].lemma == "be" {
        tokens
            .get(j)
            .filter(|t| !t.gap.any() && matches!(t.pos, Pos::Adjective | Pos::Verb(_)))
            .filter(|t| future_to(t))
            .map(|_| j)
    } else if future_to(&tokens[last]) {
        Some(last)
    } else {
        None
    };
    if let Some(w) = word {
        let to = if w == last { j } else { w + 1 };
        let infinitive_follows = tokens
            .get(to)
            .is_some_and(|t| t.pos == Pos::To && !t.gap.any())
            && verb_ahead(tokens, to + 1);
        if infinitive_follows {
            let before = chain.len();
            let mut k = to + 1;
            let mut more_negated = negated;
            read_verbs(tokens, &mut k, to + 1, &mut chain, &mut more_negated);
            if chain.len() > before {
                semi = Some(w);
                main_from = before;
                negated = more_negated;
                j = k;
            }
        }
    }
    let Some(&head) = chain.last() else {
        return (None, j);
    };
    let first = chain[0];
    let mut tense = if infinitive {
        Tense::Nonfinite
    } else if let Some(m) = modal {
        match tokens[m].lemma.as_ref() {
            "will" | "shall" => Tense::Future,
            "would" | "could" | "might" | "should" | "ought" => Tense::Past,
            _ => Tense::Present,
        }
    } else {
        match tokens[first].pos {
            Pos::Verb(VerbForm::Past) => Tense::Past,
            Pos::Verb(VerbForm::Present | VerbForm::Base) => Tense::Present,
            _ => Tense::Nonfinite,
        }
    };
    if let Some(s) = semi {
        let word = tokens[s].lemma.as_ref();
        if tense == Tense::Present && matches!(word, "going" | "go" | "about") {
            tense = Tense::Future;
        }
    }
    let main = &chain[main_from..];
    let lemma = |k: usize| tokens[k].lemma.as_ref();
    let pos = |k: usize| tokens[k].pos;
    let perfect = main
        .windows(2)
        .any(|w| lemma(w[0]) == "have" && pos(w[1]) == Pos::Verb(VerbForm::Participle));
    let progressive = main
        .windows(2)
        .any(|w| lemma(w[0]) == "be" && pos(w[1]) == Pos::Verb(VerbForm::Gerund));
    let aspect = match (perfect, progressive) {
        (true, true) => Aspect::PerfectProgressive,
        (true, false) => Aspect::Perfect,
        (false, true) => Aspect::Progressive,
        (false, false) => Aspect::Simple,
    };
    let passive = main.len() >= 2
        && pos(head) == Pos::Verb(VerbForm::Participle)
        && matches!(lemma(main[main.len() - 2]), "be" | "get");
    let group = VerbGroup {
        tokens: start..head + 1,
        head,
        tense,
        aspect,
        voice: if passive {
            Voice::Passive
        } else {
            Voice::Active
        },
        negated,
        // "will" and "shall" make the future, not a modality.
        modal: modal
            .filter(|&m| !matches!(tokens[m].lemma.as_ref(), "will" | "shall"))
            .or(semi),
    };
    (Some(group), j)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::analysis::tokens::words;

    pub(crate) fn analyse_text(text: &str) -> SentenceAnalysis {
        let spans: Vec<Span> = words(text).collect();
        analyse_words(text, &spans, 0)
    }

    /// Each verb group as "words: tense aspect voice [negated] [modal word]".
    pub(crate) fn describe(text: &str) -> Vec<String> {
        let a = analyse_text(text);
        a.verb_groups
            .iter()
            .map(|g| {
                let mut s = format!(
                    "{}: {:?} {:?} {:?}",
                    a.span(g.tokens.clone()).slice(text),
                    g.tense,
                    g.aspect,
                    g.voice
                );
                if g.negated {
                    s.push_str(" negated");
                }
                if let Some(m) = g.modal {
                    s.push_str(&format!(" modal={}", a.tokens[m].span.slice(text)));
                }
                s
            })
            .collect()
    }

    #[test]
    fn verb_groups_carry_tense_aspect_voice_negation_and_modality() {
        assert_eq!(
            describe("The company has not signed the deal."),
            ["has not signed: Present Perfect Active negated"]
        );
        assert_eq!(
            describe("Ministers will vote."),
            ["will vote: Future Simple Active"]
        );
        assert_eq!(
            describe("The firm could be sold."),
            ["could be sold: Past Simple Passive modal=could"]
        );
        assert_eq!(
            describe("Three soldiers were killed."),
            ["were killed: Past Simple Passive"]
        );
        assert_eq!(
            describe("The minister is expected to resign."),
            ["is expected to resign: Present Simple Active modal=expected"]
        );
        assert_eq!(
            describe("They were all jailed."),
            ["were all jailed: Past Simple Passive"]
        );
        assert_eq!(
            describe("He would have won."),
            ["would have won: Past Perfect Active modal=would"]
        );
        assert_eq!(
            describe("The man arrested on Tuesday was charged."),
            [
                "arrested: Nonfinite Simple Active",
                "was charged: Past Simple Passive"
            ]
        );
    }

    #[test]
    fn tokens_have_parts_of_speech_lemmas_and_noun_phrases() {
        let text = "Tuesday's vote was close, and the talks hadn't resumed.";
        let a = analyse_text(text);
        let tags: Vec<String> = a
            .tokens
            .iter()
            .map(|t| format!("{}/{:?}/{}", t.span.slice(text), t.pos, t.lemma))
            .collect();
        assert_eq!(
            tags,
            [
                "Tuesday's/ProperNoun/tuesday",
                "vote/Noun/vote",
                "was/Verb(Past)/be",
                "close/Adjective/close",
                "and/Conjunction/and",
                "the/Determiner/the",
                "talks/Noun/talk",
                "had/Verb(Past)/have",
                "n't/Negation/not",
                "resumed/Verb(Participle)/resume",
            ]
        );
        let phrases: Vec<&str> = a
            .noun_phrases
            .iter()
            .map(|np| a.span(np.tokens.clone()).slice(text))
            .collect();
        assert_eq!(phrases, ["Tuesday's vote", "the talks"]);
    }

    #[test]
    fn lemmas_of_unknown_words_are_guessed() {
        let lemma = |w: &str, form| guess_lemma(w, Pos::Verb(form)).into_owned();
        for (word, want) in [
            ("resumed", "resume"),
            ("debated", "debate"),
            ("tackled", "tackle"),
            ("visited", "visit"),
            ("remained", "remain"),
            ("passed", "pass"),
            ("stopped", "stop"),
            ("voted", "vote"),
            ("argued", "argue"),
            ("carried", "carry"),
        ] {
            assert_eq!(lemma(word, VerbForm::Past), want);
        }
        assert_eq!(lemma("voting", VerbForm::Gerund), "vote");
    }

    #[test]
    fn curly_apostrophes_split_like_straight_ones() {
        let text = "They haven’t met.";
        let a = analyse_text(text);
        let words: Vec<&str> = a.tokens.iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(words, ["They", "have", "n’t", "met"]);
        assert_eq!(a.tokens[2].pos, Pos::Negation);
    }
}
