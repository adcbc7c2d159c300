//! The tagger's lexicon: which parts of speech a word may have, and its lemma, from the word
//! lists in `rules/words/lexicon.toml` (closed classes, irregular verbs, open-class words that
//! suffixes would misread) and the event verbs of `rules/words/events.toml`. Regular inflections
//! are generated from each lemma ([`inflections`]), so the data lists lemmas only.

use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A set of the classes a word may belong to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Classes(u32);

impl Classes {
    pub const DETERMINER: Classes = Classes(1);
    pub const POSSESSIVE: Classes = Classes(1 << 1);
    pub const PRONOUN: Classes = Classes(1 << 2);
    pub const PREPOSITION: Classes = Classes(1 << 3);
    pub const CONJUNCTION: Classes = Classes(1 << 4);
    pub const SUBORDINATOR: Classes = Classes(1 << 5);
    pub const RELATIVE: Classes = Classes(1 << 6);
    pub const MODAL: Classes = Classes(1 << 7);
    pub const NEGATION: Classes = Classes(1 << 8);
    pub const ADVERB: Classes = Classes(1 << 9);
    pub const NUMBER: Classes = Classes(1 << 10);
    pub const NOUN: Classes = Classes(1 << 11);
    pub const ADJECTIVE: Classes = Classes(1 << 12);
    /// The base form of a verb ("sign").
    pub const VERB_BASE: Classes = Classes(1 << 13);
    /// The third person singular present ("signs").
    pub const VERB_PRESENT: Classes = Classes(1 << 14);
    pub const VERB_PAST: Classes = Classes(1 << 15);
    pub const VERB_PARTICIPLE: Classes = Classes(1 << 16);
    /// The -ing form.
    pub const VERB_GERUND: Classes = Classes(1 << 17);
    /// "to".
    pub const TO: Classes = Classes(1 << 18);

    pub const VERB: Classes = Classes(
        Classes::VERB_BASE.0
            | Classes::VERB_PRESENT.0
            | Classes::VERB_PAST.0
            | Classes::VERB_PARTICIPLE.0
            | Classes::VERB_GERUND.0,
    );

    pub const fn has(self, other: Classes) -> bool {
        self.0 & other.0 != 0
    }

    pub const fn with(self, other: Classes) -> Classes {
        Classes(self.0 | other.0)
    }

    pub const fn without(self, other: Classes) -> Classes {
        Classes(self.0 & !other.0)
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// What the lexicon knows of one word form.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub classes: Classes,
    /// The verb this form belongs to, when it is a verb form.
    pub verb: Option<&'static str>,
    /// The singular of a plural noun.
    pub noun: Option<&'static str>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Closed {
    determiners: Vec<String>,
    possessives: Vec<String>,
    pronouns: Vec<String>,
    negative_pronouns: Vec<String>,
    prepositions: Vec<String>,
    conjunctions: Vec<String>,
    subordinators: Vec<String>,
    conditions: Vec<String>,
    relatives: Vec<String>,
    modals: Vec<String>,
    negations: Vec<String>,
    adverbs: Vec<String>,
    habits: Vec<String>,
    numbers: Vec<String>,
    irregular: BTreeMap<String, [String; 2]>,
    open: Open,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Open {
    double: Vec<String>,
    verbs: Vec<String>,
    nouns: Vec<String>,
    adjectives: Vec<String>,
}

/// The event word lists (`rules/words/events.toml`), read here for the verbs the tagger must
/// know, and by [`super::events`] for what makes an event.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct EventWords {
    pub verbs: Vec<String>,
    pub nouns: Vec<String>,
    pub statistic_subjects: Vec<String>,
    pub movements: Vec<String>,
    pub future_to: Vec<String>,
    pub ongoing: Vec<String>,
    pub passive_only: Vec<String>,
    pub speech: Vec<String>,
    pub audience: Vec<String>,
    pub phrasal: Vec<String>,
    pub not_phrasal: Vec<String>,
    pub habit_phrases: Vec<String>,
    pub not_passive: Vec<String>,
    pub speech_with_clause: Vec<String>,
    pub unrealised: Vec<String>,
    /// Verb → the objects (lemmas) with which it is figurative.
    pub figurative: BTreeMap<String, Vec<String>>,
}

pub(crate) const LEXICON_TOML: &str = include_str!("../../rules/words/lexicon.toml");
pub(crate) const EVENTS_TOML: &str = include_str!("../../rules/words/events.toml");

pub(crate) static EVENT_WORDS: LazyLock<EventWords> = LazyLock::new(|| {
    // Shipped inside the binary and parsed by a unit test, so this cannot fail for a user.
    toml::from_str(EVENTS_TOML).unwrap_or_default()
});

/// The lexicon, with lookups by lowercase word.
#[derive(Debug, Default)]
pub struct Lexicon {
    words: HashMap<&'static str, Entry>,
    /// Verbs that double their last consonant before -ed and -ing.
    double: Vec<&'static str>,
    negative_pronouns: Vec<&'static str>,
    conditions: Vec<&'static str>,
    habits: Vec<&'static str>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

/// Every string [`keep`] has leaked, so that each stays reachable from a static (a leak checker
/// such as the fuzzers' counts a leaked string nothing points to as lost memory).
static KEPT: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());

/// Leaks a string for the life of the program: the lexicon is built once and never dropped, so
/// its words can be `&'static str` that tokens borrow without copying. Built once, so what is
/// leaked is bounded by the word lists.
pub(crate) fn keep(s: String) -> &'static str {
    let kept: &'static str = Box::leak(s.into_boxed_str());
    if let Ok(mut all) = KEPT.lock() {
        all.push(kept);
    }
    kept
}

impl Lexicon {
    /// The built-in lexicon.
    pub fn get() -> &'static Lexicon {
        &LEXICON
    }

    fn build() -> Lexicon {
        let closed: Closed = toml::from_str(LEXICON_TOML).unwrap_or_default();
        let events = &*EVENT_WORDS;
        let mut lexicon = Lexicon {
            double: closed.open.double.iter().map(|w| keep(w.clone())).collect(),
            negative_pronouns: closed
                .negative_pronouns
                .iter()
                .map(|w| keep(w.clone()))
                .collect(),
            conditions: closed.conditions.iter().map(|w| keep(w.clone())).collect(),
            habits: closed.habits.iter().map(|w| keep(w.clone())).collect(),
            ..Lexicon::default()
        };
        let mut add = |word: &str,
                       classes: Classes,
                       verb: Option<&'static str>,
                       noun: Option<&'static str>| {
            let key = match lexicon.words.get_key_value(word) {
                Some((k, _)) => *k,
                None => keep(word.to_string()),
            };
            let entry = lexicon.words.entry(key).or_default();
            entry.classes = entry.classes.with(classes);
            if verb.is_some() && entry.verb.is_none() {
                entry.verb = verb;
            }
            if noun.is_some() && entry.noun.is_none() {
                entry.noun = noun;
            }
        };
        for (list, class) in [
            (&closed.determiners, Classes::DETERMINER),
            (&closed.possessives, Classes::POSSESSIVE),
            (&closed.pronouns, Classes::PRONOUN),
            (&closed.negative_pronouns, Classes::PRONOUN),
            (&closed.prepositions, Classes::PREPOSITION),
            (&closed.conjunctions, Classes::CONJUNCTION),
            (&closed.subordinators, Classes::SUBORDINATOR),
            (&closed.relatives, Classes::RELATIVE),
            (&closed.modals, Classes::MODAL),
            (&closed.negations, Classes::NEGATION),
            (&closed.adverbs, Classes::ADVERB),
            (&closed.habits, Classes::ADVERB),
            (&closed.numbers, Classes::NUMBER),
            (&closed.open.adjectives, Classes::ADJECTIVE),
        ] {
            for word in list {
                add(word, class, None, None);
            }
        }
        add("to", Classes::TO.with(Classes::PREPOSITION), None, None);
        // The auxiliaries, whose forms no rule makes.
        for (lemma, forms) in [
            (
                "be",
                &[
                    ("be", Classes::VERB_BASE),
                    ("am", Classes::VERB_PRESENT),
                    ("is", Classes::VERB_PRESENT),
                    ("are", Classes::VERB_PRESENT),
                    ("'s", Classes::VERB_PRESENT),
                    ("'re", Classes::VERB_PRESENT),
                    ("'m", Classes::VERB_PRESENT),
                    ("was", Classes::VERB_PAST),
                    ("were", Classes::VERB_PAST),
                    ("been", Classes::VERB_PARTICIPLE),
                    ("being", Classes::VERB_GERUND),
                ][..],
            ),
            (
                "have",
                &[
                    ("have", Classes::VERB_BASE.with(Classes::VERB_PRESENT)),
                    ("has", Classes::VERB_PRESENT),
                    ("'ve", Classes::VERB_PRESENT),
                    ("had", Classes::VERB_PAST.with(Classes::VERB_PARTICIPLE)),
                    ("having", Classes::VERB_GERUND),
                ][..],
            ),
            (
                "do",
                &[
                    ("do", Classes::VERB_BASE.with(Classes::VERB_PRESENT)),
                    ("does", Classes::VERB_PRESENT),
                    ("did", Classes::VERB_PAST),
                    ("done", Classes::VERB_PARTICIPLE),
                    ("doing", Classes::VERB_GERUND),
                ][..],
            ),
        ] {
            for &(form, classes) in forms {
                add(form, classes, Some(lemma), None);
            }
        }
        for (lemma, [past, participle]) in &closed.irregular {
            let lemma = keep(lemma.clone());
            let [base, present, _, _, gerund] = inflections(lemma, false);
            add(&base, Classes::VERB_BASE, Some(lemma), None);
            add(&present, Classes::VERB_PRESENT, Some(lemma), None);
            add(&gerund, Classes::VERB_GERUND, Some(lemma), None);
            add(past, Classes::VERB_PAST, Some(lemma), None);
            add(participle, Classes::VERB_PARTICIPLE, Some(lemma), None);
        }
        let irregular = |w: &str| closed.irregular.contains_key(w);
        let regular: Vec<&String> = closed
            .open
            .verbs
            .iter()
            .chain(&events.verbs)
            .chain(&events.movements)
            .filter(|w| !irregular(w) && !matches!(w.as_str(), "be" | "have" | "do"))
            .collect();
        for lemma in regular {
            let lemma = keep(lemma.clone());
            let double = lexicon_doubles(&closed.open.double, lemma);
            let [base, present, past, participle, gerund] = inflections(lemma, double);
            add(&base, Classes::VERB_BASE, Some(lemma), None);
            add(&present, Classes::VERB_PRESENT, Some(lemma), None);
            add(&past, Classes::VERB_PAST, Some(lemma), None);
            add(&participle, Classes::VERB_PARTICIPLE, Some(lemma), None);
            add(&gerund, Classes::VERB_GERUND, Some(lemma), None);
        }
        for noun in closed.open.nouns.iter().chain(&events.nouns) {
            let noun = keep(noun.clone());
            add(noun, Classes::NOUN, None, Some(noun));
            if !noun.ends_with('s') {
                add(&plural(noun), Classes::NOUN, None, Some(noun));
            }
        }
        lexicon
    }

    /// What the lexicon knows of `word` (lowercase).
    pub fn entry(&self, word: &str) -> Option<&Entry> {
        self.words.get(word)
    }

    /// The lexicon's own copy of `word` (lowercase) and its entry, if it holds it.
    pub fn entry_and_word(&self, word: &str) -> Option<(&'static str, &Entry)> {
        self.words.get_key_value(word).map(|(k, e)| (*k, e))
    }

    /// The lexicon's own copy of `word` (lowercase), if it holds it: a lemma tokens can borrow.
    pub fn word(&self, word: &str) -> Option<&'static str> {
        self.entry_and_word(word).map(|(copy, _)| copy)
    }

    /// Whether the regular verb `lemma` doubles its last consonant ("stop" → "stopped").
    pub fn doubles(&self, lemma: &str) -> bool {
        self.double.contains(&lemma) || one_syllable_cvc(lemma)
    }

    /// Whether `word` (lowercase) says nobody or nothing ("nobody", "none").
    pub fn is_negative_pronoun(&self, word: &str) -> bool {
        self.negative_pronouns.contains(&word)
    }

    /// Whether `word` (lowercase) opens a condition ("if", "unless").
    pub fn is_condition(&self, word: &str) -> bool {
        self.conditions.contains(&word)
    }

    /// Whether `word` (lowercase) makes a clause a habit ("often", "usually").
    pub fn is_habit(&self, word: &str) -> bool {
        self.habits.contains(&word)
    }
}

fn lexicon_doubles(double: &[String], lemma: &str) -> bool {
    double.iter().any(|d| d == lemma) || one_syllable_cvc(lemma)
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// A word of one syllable ending consonant, vowel, consonant ("stop", "ban", "plan"), whose
/// last consonant is doubled before -ed and -ing; not w, x or y ("show", "fix", "play").
pub fn one_syllable_cvc(word: &str) -> bool {
    let b = word.as_bytes();
    let n = b.len();
    if n < 3 || !word.is_ascii() {
        return false;
    }
    let (c1, v, c2) = (b[n - 3], b[n - 2], b[n - 1]);
    let vowel_groups = b
        .iter()
        .enumerate()
        .filter(|&(i, &c)| is_vowel(c) && (i == 0 || !is_vowel(b[i - 1])))
        .count();
    vowel_groups == 1
        && !is_vowel(c1)
        && is_vowel(v)
        && !is_vowel(c2)
        && !matches!(c2, b'w' | b'x' | b'y')
}

/// The forms of a regular verb: base, third person singular, past, past participle and -ing
/// ("warn": warn, warns, warned, warned, warning; "vote": voted, voting; "carry": carries,
/// carried; "plan" with `double`: planned, planning).
pub fn inflections(lemma: &str, double: bool) -> [String; 5] {
    let present = plural(lemma);
    let last = lemma.chars().last();
    let before_last = lemma.chars().rev().nth(1);
    let consonant_y = last == Some('y') && before_last.is_some_and(|c| !"aeiou".contains(c));
    let stem_ed;
    let stem_ing;
    if double {
        let doubled = format!("{lemma}{}", last.map(String::from).unwrap_or_default());
        stem_ed = format!("{doubled}ed");
        stem_ing = format!("{doubled}ing");
    } else if lemma.ends_with("ee") || lemma.ends_with("ye") || lemma.ends_with("oe") {
        stem_ed = format!("{lemma}d");
        stem_ing = format!("{lemma}ing");
    } else if let Some(stem) = lemma.strip_suffix("ie") {
        stem_ed = format!("{lemma}d");
        stem_ing = format!("{stem}ying");
    } else if let Some(stem) = lemma.strip_suffix('e') {
        stem_ed = format!("{lemma}d");
        stem_ing = format!("{stem}ing");
    } else if consonant_y {
        stem_ed = format!("{}ied", &lemma[..lemma.len() - 1]);
        stem_ing = format!("{lemma}ing");
    } else {
        stem_ed = format!("{lemma}ed");
        stem_ing = format!("{lemma}ing");
    }
    [
        lemma.to_string(),
        present,
        stem_ed.clone(),
        stem_ed,
        stem_ing,
    ]
}

/// The plural of a noun, or the third person singular of a verb: -es after a sibilant, -ies
/// after a consonant and y, else -s.
pub fn plural(word: &str) -> String {
    let last = word.chars().last();
    let before_last = word.chars().rev().nth(1);
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| word.ends_with(e))
    {
        format!("{word}es")
    } else if last == Some('y') && before_last.is_some_and(|c| !"aeiou".contains(c)) {
        format!("{}ies", &word[..word.len() - 1])
    } else {
        format!("{word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_lists_parse() {
        let closed: Closed = toml::from_str(LEXICON_TOML).expect("rules/words/lexicon.toml");
        assert!(closed.irregular.contains_key("say"));
        let events: EventWords = toml::from_str(EVENTS_TOML).expect("rules/words/events.toml");
        assert!(events.verbs.iter().any(|v| v == "resign"));
        for word in closed
            .irregular
            .keys()
            .chain(&closed.open.verbs)
            .chain(&events.verbs)
            .chain(&events.nouns)
        {
            assert_eq!(word, &word.to_lowercase(), "lemmas are lowercase");
        }
    }

    #[test]
    fn regular_inflections_are_generated() {
        assert_eq!(
            inflections("warn", false),
            ["warn", "warns", "warned", "warned", "warning"]
        );
        assert_eq!(inflections("vote", false)[2], "voted");
        assert_eq!(inflections("vote", false)[4], "voting");
        assert_eq!(inflections("carry", false)[1], "carries");
        assert_eq!(inflections("carry", false)[2], "carried");
        assert_eq!(inflections("plan", true)[2], "planned");
        assert_eq!(inflections("die", false)[4], "dying");
        assert_eq!(inflections("agree", false)[2], "agreed");
        assert!(one_syllable_cvc("stop") && !one_syllable_cvc("visit"));
        assert!(!one_syllable_cvc("show") && !one_syllable_cvc("sign"));
        let lexicon = Lexicon::get();
        assert!(lexicon.doubles("admit") && lexicon.doubles("ban"));
        let lemma = |w: &str| lexicon.entry(w).and_then(|e| e.verb);
        assert_eq!(lemma("said"), Some("say"));
        assert_eq!(lemma("travelled"), Some("travel"));
        assert_eq!(lemma("resigned"), Some("resign"));
        assert_eq!(lemma("was"), Some("be"));
        assert_eq!(
            lexicon.entry("summits").and_then(|e| e.noun),
            Some("summit")
        );
    }
}
