//! Token patterns: what a `pattern` rule's `lemmas` and `tokens` keys match, read on the
//! sentence analysis rather than the text. An item is a lemma ("sign": any inflection,
//! "signed", "signs"), a word class in angle brackets (`<noun>`, `<past>`, `<modal>`), or a
//! lemma of one class (`sign<verb>`, not the noun); a pattern is items in a row, within one
//! sentence.

use crate::analysis::grammar::{Pos, SentenceAnalysis, Token, VerbForm};
use crate::analysis::lexicon::{inflections, plural, Lexicon};
use crate::diagnostic::Span;
use crate::document::Document;

/// The word classes a token pattern can name, with what each means (for the error that lists
/// them).
pub const CLASSES: &[(&str, &str)] = &[
    ("noun", "a common noun"),
    ("name", "a proper noun"),
    ("pronoun", "a pronoun"),
    ("verb", "any verb form, auxiliaries included"),
    ("base", "a verb's base form"),
    ("present", "a verb in the present (\"signs\", \"is\")"),
    ("past", "a verb in the past tense"),
    ("participle", "a past participle"),
    ("gerund", "an -ing form"),
    ("adjective", "an adjective"),
    ("adverb", "an adverb"),
    ("number", "a number, in figures or words"),
    ("determiner", "a determiner (\"the\", \"every\")"),
    ("possessive", "a possessive (\"his\", \"their\")"),
    ("modal", "a modal verb (\"could\", \"will\")"),
    ("preposition", "a preposition"),
    ("negation", "\"not\", \"n't\", \"never\""),
    ("conjunction", "\"and\", \"or\", \"but\""),
];

/// At most this many items in one pattern, so matching stays linear in the article.
pub const MAX_ITEMS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Noun,
    Name,
    Pronoun,
    Verb,
    Base,
    Present,
    Past,
    Participle,
    Gerund,
    Adjective,
    Adverb,
    Number,
    Determiner,
    Possessive,
    Modal,
    Preposition,
    Negation,
    Conjunction,
}

impl Class {
    fn named(name: &str) -> Option<Class> {
        Some(match name {
            "noun" => Class::Noun,
            "name" => Class::Name,
            "pronoun" => Class::Pronoun,
            "verb" => Class::Verb,
            "base" => Class::Base,
            "present" => Class::Present,
            "past" => Class::Past,
            "participle" => Class::Participle,
            "gerund" => Class::Gerund,
            "adjective" => Class::Adjective,
            "adverb" => Class::Adverb,
            "number" => Class::Number,
            "determiner" => Class::Determiner,
            "possessive" => Class::Possessive,
            "modal" => Class::Modal,
            "preposition" => Class::Preposition,
            "negation" => Class::Negation,
            "conjunction" => Class::Conjunction,
            _ => return None,
        })
    }

    fn holds(self, pos: Pos) -> bool {
        match self {
            Class::Noun => pos == Pos::Noun,
            Class::Name => pos == Pos::ProperNoun,
            Class::Pronoun => pos == Pos::Pronoun,
            Class::Verb => matches!(pos, Pos::Verb(_)),
            Class::Base => pos == Pos::Verb(VerbForm::Base),
            Class::Present => pos == Pos::Verb(VerbForm::Present),
            Class::Past => pos == Pos::Verb(VerbForm::Past),
            Class::Participle => pos == Pos::Verb(VerbForm::Participle),
            Class::Gerund => pos == Pos::Verb(VerbForm::Gerund),
            Class::Adjective => pos == Pos::Adjective,
            Class::Adverb => pos == Pos::Adverb,
            Class::Number => pos == Pos::Number,
            Class::Determiner => pos == Pos::Determiner,
            Class::Possessive => pos == Pos::Possessive,
            Class::Modal => pos == Pos::Modal,
            Class::Preposition => matches!(pos, Pos::Preposition | Pos::To),
            Class::Negation => pos == Pos::Negation,
            Class::Conjunction => pos == Pos::Conjunction,
        }
    }
}

/// One item of a pattern.
#[derive(Debug, Clone)]
struct Item {
    /// The lemma and every form it takes, lowercase.
    forms: Option<(String, Vec<String>)>,
    class: Option<Class>,
}

impl Item {
    fn matches(&self, doc: &Document, token: &Token) -> bool {
        if let Some(class) = self.class {
            if !class.holds(token.pos) {
                return false;
            }
        }
        match &self.forms {
            None => true,
            Some((lemma, forms)) => {
                token.lemma.as_ref() == lemma || {
                    let surface = doc.prose(token.span);
                    forms.iter().any(|f| f.eq_ignore_ascii_case(surface))
                }
            }
        }
    }
}

/// A compiled list of token patterns.
#[derive(Debug, Clone, Default)]
pub struct TokenPatterns {
    patterns: Vec<Vec<Item>>,
}

impl TokenPatterns {
    /// Parses one pattern; the error says what is wrong with it.
    pub fn add(&mut self, pattern: &str) -> Result<(), String> {
        let mut items = Vec::new();
        for word in pattern.split_whitespace() {
            items.push(parse_item(word)?);
        }
        if items.is_empty() {
            return Err("an empty token pattern matches nothing".into());
        }
        if items.len() > MAX_ITEMS {
            return Err(format!(
                "a token pattern has at most {MAX_ITEMS} items; this one has {}",
                items.len()
            ));
        }
        self.patterns.push(items);
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Every match in the article's sentences, as spans from the first token to the last, in
    /// order of sentence and then start.
    pub fn find(&self, doc: &Document) -> Vec<Span> {
        let mut out = Vec::new();
        if self.patterns.is_empty() {
            return out;
        }
        for analysis in doc.sentence_analysis() {
            self.find_in(doc, analysis, &mut out);
        }
        out
    }

    fn find_in(&self, doc: &Document, analysis: &SentenceAnalysis, out: &mut Vec<Span>) {
        let tokens = &analysis.tokens;
        for start in 0..tokens.len() {
            for pattern in &self.patterns {
                let Some(window) = tokens.get(start..start + pattern.len()) else {
                    continue;
                };
                let joined = window.iter().skip(1).all(|t| !t.gap.stop);
                if joined
                    && pattern
                        .iter()
                        .zip(window)
                        .all(|(item, t)| item.matches(doc, t))
                {
                    out.push(analysis.span(start..start + pattern.len()));
                }
            }
        }
    }
}

fn parse_item(word: &str) -> Result<Item, String> {
    let (lemma, class) = match word.find('<') {
        Some(open) => {
            let Some(name) = word[open + 1..].strip_suffix('>') else {
                return Err(format!(
                    "{word:?}: a word class is written `<name>`, at the end"
                ));
            };
            let class = Class::named(&name.to_lowercase()).ok_or_else(|| {
                let names: Vec<&str> = CLASSES.iter().map(|(n, _)| *n).collect();
                format!(
                    "{word:?}: no word class `{name}`; the classes are {}",
                    names.join(", ")
                )
            })?;
            (&word[..open], Some(class))
        }
        None => (word, None),
    };
    let forms = if lemma.is_empty() {
        None
    } else {
        let ok = lemma
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’'));
        if !ok {
            return Err(format!(
                "{word:?}: a lemma is one word of letters (\"sign\"), with `<class>` after it if need be"
            ));
        }
        let lemma = lemma.to_lowercase();
        let mut forms: Vec<String> = inflections(&lemma, Lexicon::get().doubles(&lemma)).into();
        forms.push(plural(&lemma));
        Some((lemma, forms))
    };
    Ok(Item { forms, class })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn found(patterns: &[&str], text: &str) -> Vec<String> {
        let mut compiled = TokenPatterns::default();
        for p in patterns {
            compiled.add(p).unwrap();
        }
        let doc = Document::parse(text.to_string(), Format::Text);
        compiled
            .find(&doc)
            .iter()
            .map(|s| doc.text(*s).to_string())
            .collect()
    }

    #[test]
    fn lemmas_match_every_inflection_and_classes_narrow_them() {
        let text = "The treaty was signed. She signs it. A sign fell. They are signing.";
        assert_eq!(
            found(&["sign"], text),
            ["signed", "signs", "sign", "signing"]
        );
        assert_eq!(found(&["sign<verb>"], text), ["signed", "signs", "signing"]);
        assert_eq!(
            found(&["<modal> have <participle>"], "He would have won."),
            ["would have won"]
        );
        assert_eq!(
            found(&["very <adjective>"], "It was very good."),
            ["very good"]
        );
    }

    #[test]
    fn bad_patterns_say_what_is_wrong() {
        let mut p = TokenPatterns::default();
        assert!(p
            .add("<nouns>")
            .unwrap_err()
            .contains("the classes are noun"));
        assert!(p.add("sign<verb").unwrap_err().contains("`<name>`"));
        assert!(p.add("si/gn").unwrap_err().contains("one word"));
        assert!(p.add("  ").unwrap_err().contains("empty"));
        assert!(p.add(&"a ".repeat(9)).unwrap_err().contains("at most 8"));
    }
}
