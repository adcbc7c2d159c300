//! Regexes that stay fast on the text news is written in.
//!
//! Rule patterns use Unicode word boundaries (`\b`) and classes (`\w`, `\s`, case-insensitive
//! letters). Compiled for all of Unicode, such a regex is slow to build (a few milliseconds
//! each, the bulk of start-up) and, at the first non-ASCII character of a text (a `£`, a curly
//! quote), its fast lazy DFA gives up on word boundaries and hands the search to a much slower
//! engine. Yet most news text is ASCII, nearly all the rest is Latin-1 and punctuation, and
//! most of that has no letter outside ASCII.
//!
//! So each pattern is parsed once and compiled for the characters a text actually holds. A form
//! is defined by two choices:
//!
//! - **its alphabet**: ASCII; the *common* characters (ASCII, Latin-1, general punctuation,
//!   currency signs), which is where news copy lives; or all of Unicode. Every class and
//!   literal is cut down to the alphabet, so the automaton stays small;
//! - **its word boundaries**: ASCII or Unicode. Where a text has no word character outside
//!   ASCII, both kinds fall in the same places, and the ASCII kind keeps the fast DFA running.
//!
//! A text is searched with the smallest form whose alphabet holds all its characters, with ASCII
//! word boundaries unless it has a non-ASCII letter or digit. On such a text the form matches
//! exactly what the full Unicode regex would: what was cut away could never match it. The ASCII
//! form is built when the rule is loaded; the others the first time a text needs them.

use regex_automata::meta;
use regex_automata::util::captures::Captures;
use regex_syntax::hir::{Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode};
use regex_syntax::hir::{ClassUnicodeRange, Hir, HirKind, Look, Repetition};
use std::ops::Range;
use std::sync::OnceLock;

/// Why a pattern cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BuildError {
    /// Not a valid regex (the parser's message).
    Syntax(String),
    /// It would compile to more than this many bytes.
    TooBig(usize),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Syntax(message) => f.write_str(message),
            BuildError::TooBig(limit) => write!(f, "compiled regex exceeds {limit} bytes"),
        }
    }
}

/// The characters a compiled form can match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Alphabet {
    Ascii,
    /// ASCII, Latin-1, general punctuation and currency signs.
    Common,
    All,
}

/// The ranges of [`Alphabet::Common`].
const COMMON: [(char, char); 3] = [
    ('\0', '\u{ff}'),
    ('\u{2000}', '\u{206f}'),
    ('\u{20a0}', '\u{20cf}'),
];

fn in_common(c: char) -> bool {
    COMMON.iter().any(|&(lo, hi)| lo <= c && c <= hi)
}

/// A pattern compiled for ASCII text, with its other forms built on demand.
#[derive(Debug)]
pub(crate) struct Tiered {
    /// The pattern as parsed (case folding applied).
    hir: Hir,
    ascii: meta::Regex,
    /// Whether the pattern has a Unicode word boundary; without one, the word-boundary choice
    /// makes no difference.
    unicode_words: bool,
    /// Forms by (alphabet common or all, Unicode word boundaries).
    lazy: [OnceLock<meta::Regex>; 4],
    limit: usize,
    /// Whether the pattern's own groups are kept.
    groups: bool,
}

impl Tiered {
    /// Parses `pattern` and builds its ASCII form. `limit` bounds every compiled form; the
    /// Unicode forms are checked against it by an estimate now, so a pattern too big for them is
    /// refused when its rule is loaded, not when an article needs it.
    pub fn new(pattern: &str, case_insensitive: bool, limit: usize) -> Result<Tiered, BuildError> {
        Tiered::build_with(pattern, case_insensitive, limit, false)
    }

    /// [`Tiered::new`] keeping the pattern's groups, for [`Tiered::replace_first`]. (Without
    /// them the automaton is smaller and quicker to build.)
    pub fn with_groups(
        pattern: &str,
        case_insensitive: bool,
        limit: usize,
    ) -> Result<Tiered, BuildError> {
        Tiered::build_with(pattern, case_insensitive, limit, true)
    }

    fn build_with(
        pattern: &str,
        case_insensitive: bool,
        limit: usize,
        groups: bool,
    ) -> Result<Tiered, BuildError> {
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(case_insensitive)
            .build()
            .parse(pattern)
            .map_err(|e| BuildError::Syntax(e.to_string()))?;
        if estimated_size(&hir) > limit as u64 {
            return Err(BuildError::TooBig(limit));
        }
        let ascii = build(&rewrite(&hir, Alphabet::Ascii, false), limit, groups)?;
        let unicode_words = has_unicode_word_boundary(&hir);
        Ok(Tiered {
            hir,
            ascii,
            unicode_words,
            lazy: Default::default(),
            limit,
            groups,
        })
    }

    /// The compiled form that is exact for `text`.
    fn for_text(&self, text: &str) -> &meta::Regex {
        let Some(first) = text.bytes().position(|b| !b.is_ascii()) else {
            return &self.ascii;
        };
        let (mut outside, mut word) = (false, false);
        for c in text[first..].chars().filter(|c| !c.is_ascii()) {
            outside |= !in_common(c);
            word |= regex_syntax::is_word_character(c);
            if outside && word {
                break;
            }
        }
        let word = word && self.unicode_words;
        let alphabet = if outside {
            Alphabet::All
        } else {
            Alphabet::Common
        };
        let slot = usize::from(outside) * 2 + usize::from(word);
        self.lazy[slot].get_or_init(|| {
            let hir = if alphabet == Alphabet::All && word {
                self.hir.clone()
            } else {
                rewrite(&self.hir, alphabet, word)
            };
            // The size estimate made at load time keeps this from failing; should it fail
            // anyway, the ASCII form is used, which differs only around non-ASCII text.
            build(&hir, self.limit, self.groups).unwrap_or_else(|_| self.ascii.clone())
        })
    }

    /// Byte ranges of the successive non-overlapping matches in `text`.
    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Range<usize>> + 't {
        self.for_text(text)
            .find_iter(text.as_bytes())
            .map(|m| m.range())
    }

    /// The first match in `text`.
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        self.for_text(text).find(text.as_bytes()).map(|m| m.range())
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.for_text(text).is_match(text.as_bytes())
    }

    /// `template` with `$name`, `${name}` and `$1` filled from the first match in `text`, if any.
    pub fn replace_first(&self, text: &str, template: &str) -> Option<String> {
        let re = self.for_text(text);
        let mut caps: Captures = re.create_captures();
        re.captures(text.as_bytes(), &mut caps);
        if !caps.is_match() {
            return None;
        }
        let mut out = String::new();
        caps.interpolate_string_into(text, template, &mut out);
        Some(out)
    }
}

fn build(hir: &Hir, limit: usize, groups: bool) -> Result<meta::Regex, BuildError> {
    use regex_automata::nfa::thompson::WhichCaptures;
    let config = meta::Config::new()
        .nfa_size_limit(Some(limit))
        .hybrid_cache_capacity(limit)
        .which_captures(if groups {
            WhichCaptures::All
        } else {
            WhichCaptures::Implicit
        });
    meta::Builder::new()
        .configure(config)
        .build_from_hir(hir)
        .map_err(|e| match e.size_limit() {
            Some(limit) => BuildError::TooBig(limit),
            None => BuildError::Syntax(e.to_string()),
        })
}

/// `hir` with every class and literal cut down to `alphabet` (a literal outside it can never
/// match) and, unless `unicode_words`, word boundaries made ASCII.
fn rewrite(hir: &Hir, alphabet: Alphabet, unicode_words: bool) -> Hir {
    let again = |h: &Hir| rewrite(h, alphabet, unicode_words);
    let fits = |text: &[u8]| match alphabet {
        Alphabet::Ascii => text.is_ascii(),
        Alphabet::Common => std::str::from_utf8(text).is_ok_and(|t| t.chars().all(in_common)),
        Alphabet::All => true,
    };
    match hir.kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(literal) if !fits(&literal.0) => Hir::fail(),
        HirKind::Literal(literal) => Hir::literal(literal.0.clone()),
        HirKind::Class(Class::Unicode(class)) if alphabet != Alphabet::All => {
            let ranges: Vec<ClassUnicodeRange> = match alphabet {
                Alphabet::Ascii => vec![ClassUnicodeRange::new('\0', '\x7f')],
                _ => COMMON
                    .iter()
                    .map(|&(lo, hi)| ClassUnicodeRange::new(lo, hi))
                    .collect(),
            };
            let mut class = class.clone();
            class.intersect(&ClassUnicode::new(ranges));
            Hir::class(Class::Unicode(class))
        }
        HirKind::Class(Class::Bytes(class)) if alphabet == Alphabet::Ascii => {
            let mut class = class.clone();
            class.intersect(&ClassBytes::new([ClassBytesRange::new(0, 0x7f)]));
            Hir::class(Class::Bytes(class))
        }
        HirKind::Class(class) => Hir::class(class.clone()),
        HirKind::Look(look) if !unicode_words => Hir::look(match look {
            Look::WordUnicode => Look::WordAscii,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            // An ASCII non-boundary may fall inside a character; it is exact only on ASCII.
            Look::WordUnicodeNegate if alphabet == Alphabet::Ascii => Look::WordAsciiNegate,
            other => *other,
        }),
        HirKind::Look(look) => Hir::look(*look),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(again(&r.sub)),
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            index: c.index,
            name: c.name.clone(),
            sub: Box::new(again(&c.sub)),
        }),
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(again).collect()),
        HirKind::Alternation(parts) => Hir::alternation(parts.iter().map(again).collect()),
    }
}

fn has_unicode_word_boundary(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Look(look) => matches!(
            look,
            Look::WordUnicode
                | Look::WordStartUnicode
                | Look::WordEndUnicode
                | Look::WordStartHalfUnicode
                | Look::WordEndHalfUnicode
        ),
        HirKind::Repetition(r) => has_unicode_word_boundary(&r.sub),
        HirKind::Capture(c) => has_unicode_word_boundary(&c.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            parts.iter().any(has_unicode_word_boundary)
        }
        _ => false,
    }
}

/// An upper estimate of the bytes the Unicode form's automaton takes: the UTF-8 byte ranges a
/// class compiles to, multiplied out through repetitions, at a generous size a transition.
fn estimated_size(hir: &Hir) -> u64 {
    const BYTES_PER_TRANSITION: u64 = 24;
    fn transitions(hir: &Hir) -> u64 {
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => 1,
            HirKind::Literal(literal) => literal.0.len() as u64,
            HirKind::Class(Class::Bytes(_)) => 1,
            // A range compiles to a few UTF-8 sequences of up to four bytes; counting them
            // exactly costs more than it is worth here.
            HirKind::Class(Class::Unicode(class)) => (class.ranges().len() as u64 * 8).max(1),
            HirKind::Repetition(r) => {
                let copies = u64::from(r.max.unwrap_or(r.min).max(r.min).max(1));
                transitions(&r.sub).saturating_mul(copies)
            }
            HirKind::Capture(c) => transitions(&c.sub).saturating_add(2),
            HirKind::Concat(parts) | HirKind::Alternation(parts) => {
                parts.iter().map(transitions).fold(1, u64::saturating_add)
            }
        }
    }
    transitions(hir).saturating_mul(BYTES_PER_TRANSITION)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiered(pattern: &str) -> Tiered {
        Tiered::new(pattern, true, 32 << 20).unwrap()
    }

    fn all(t: &Tiered, text: &str) -> Vec<Range<usize>> {
        t.find_iter(text).collect()
    }

    /// The plain Unicode regex's matches, the reference every tier must agree with.
    fn reference(pattern: &str, text: &str) -> Vec<Range<usize>> {
        regex::RegexBuilder::new(pattern)
            .case_insensitive(true)
            .build()
            .unwrap()
            .find_iter(text)
            .map(|m| m.range())
            .collect()
    }

    #[test]
    fn every_form_agrees_with_the_unicode_regex() {
        let patterns = [
            r"\bcafé\b",
            r"\bsaid\b",
            r"\w+",
            r"\b\p{Lu}\w+\s+said\b",
            r"[\x27’]s\b",
            r"£\d+",
            r"\s+",
            r"\bk\b",
            r"[^a-z ]+",
            r".\b",
        ];
        let texts = [
            "He said so.",
            "Zoë said it cost £5, the café said",
            "a\u{a0}b said\u{2009}k \u{212a}",
            "The minister’s plan — £3bn — was said to be KELVIN \u{212a}",
            "naïve résumé said",
            "Привет said — Путин said 😀 said",
            "€5 said…\u{2009}said",
            "",
        ];
        for pattern in patterns {
            let t = tiered(pattern);
            for text in texts {
                assert_eq!(
                    all(&t, text),
                    reference(pattern, text),
                    "{pattern} on {text:?}"
                );
            }
        }
    }

    #[test]
    fn replacements_fill_named_and_numbered_groups() {
        let t = Tiered::with_groups(r"^(?P<m>Nov)\.? (?P<d>\d+)(?:st|nd|rd|th)$", true, 32 << 20)
            .unwrap();
        assert_eq!(
            t.replace_first("Nov. 28th", "$m $d").as_deref(),
            Some("Nov 28")
        );
        assert_eq!(t.replace_first("Nov. 28", "$m"), None);
    }

    #[test]
    fn patterns_too_big_for_unicode_are_refused_up_front() {
        assert_eq!(
            Tiered::new(r"(?:\w{50}\s?){60}", false, 32 << 20).err(),
            Some(BuildError::TooBig(32 << 20))
        );
        assert!(matches!(
            Tiered::new(r"(", false, 32 << 20),
            Err(BuildError::Syntax(_))
        ));
    }
}
