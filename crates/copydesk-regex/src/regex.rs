//! [`Regex`]: a pattern parsed once and compiled for the characters a text actually holds.
//!
//! A form is defined by two choices:
//!
//! - **its alphabet**: ASCII; the *common* characters (ASCII, Latin-1, general punctuation,
//!   currency signs), which is where news copy lives; or all of Unicode. Every class and
//!   literal is cut down to the alphabet, so the automaton stays small;
//! - **its word boundaries**: ASCII or Unicode. Where a text has no word character outside
//!   ASCII, both kinds fall in the same places, and the ASCII kind keeps the fast DFA running.
//!
//! A text is searched with the smallest form whose alphabet holds all its characters, with ASCII
//! word boundaries unless it has a non-ASCII letter or digit ([`TextProfile`] says which). On such
//! a text the form matches exactly what the full Unicode regex would: what was cut away could
//! never match it. The ASCII form's syntax tree is made when the regex is built (so a bad pattern
//! is reported then); every form is compiled the first time a text needs it, and compiled so that
//! it costs little until it matches ([`crate::form`]).

use crate::estimate::estimated_size;
use crate::form::{Form, FormSearch, Remake};
use crate::profile::{in_common, Alphabet, TextProfile, COMMON};
use crate::stored::StockForm;
use crate::{ascii, symbols, Error, SIZE_LIMIT};
use regex_automata::dfa::{sparse, Automaton};
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::{Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode};
use regex_syntax::hir::{ClassUnicodeRange, Hir, HirKind, Look, Repetition};
use std::ops::Range;
use std::sync::OnceLock;

/// A full DFA read in place from the stored automata.
type StoredDfa = sparse::DFA<&'static [u8]>;

/// How to build a [`Regex`]: its pattern, case-sensitivity, whether its groups are kept, and
/// whether it is checked now or trusted.
#[derive(Debug, Clone)]
pub struct RegexBuilder {
    pattern: String,
    case_insensitive: bool,
    groups: bool,
    searched_anchored: bool,
}

impl RegexBuilder {
    /// A builder for `pattern` (Rust `regex` syntax), case-sensitive and without groups.
    pub fn new(pattern: &str) -> RegexBuilder {
        RegexBuilder {
            pattern: pattern.to_string(),
            case_insensitive: false,
            groups: false,
            searched_anchored: false,
        }
    }

    pub fn case_insensitive(&mut self, yes: bool) -> &mut RegexBuilder {
        self.case_insensitive = yes;
        self
    }

    /// Keeps the pattern's groups, for [`Regex::captures_iter`] and [`Regex::replace_first`].
    /// (Without them the automaton is smaller and quicker to build.)
    pub fn groups(&mut self, yes: bool) -> &mut RegexBuilder {
        self.groups = yes;
        self
    }

    /// Says that the regex is searched mostly with [`Regex::anchored`], at many places of each
    /// text. For a trusted pattern, the stored automata then hold a full DFA of each of its
    /// ASCII and symbols forms for those searches ([`crate::stored`]), which costs nothing to
    /// load or to search with the first time; its other searches are unchanged.
    pub fn searched_anchored(&mut self, yes: bool) -> &mut RegexBuilder {
        self.searched_anchored = yes;
        self
    }

    /// Parses the pattern and prepares its ASCII form. Its Unicode forms are checked against
    /// [`SIZE_LIMIT`] by an estimate now, so a pattern too big for them is refused here, not
    /// when a text needs them.
    pub fn build(&self) -> Result<Regex, Error> {
        let (source, unicode) = prepare(&self.pattern, self.case_insensitive)?;
        let mut regex = self.build_trusted();
        regex.stock = false;
        let _ = regex.ascii_source.set(Some(source));
        if let Some(unicode) = unicode {
            let _ = regex.unicode.set(unicode);
        }
        Ok(regex)
    }

    /// A pattern known to be good (a program's built-in patterns, which its tests hold to the
    /// checks [`RegexBuilder::build`] makes): nothing is parsed until a text is searched with
    /// it, so the patterns a text never needs cost nothing, and its ASCII and symbols forms may
    /// come from the stored automata. Should one prove bad after all, it matches nothing.
    pub fn build_trusted(&self) -> Regex {
        let RegexBuilder {
            pattern,
            case_insensitive,
            groups,
            searched_anchored,
        } = self;
        Regex {
            pattern: pattern.clone(),
            case_insensitive: *case_insensitive,
            stock: !groups,
            unicode: OnceLock::new(),
            ascii_source: OnceLock::new(),
            ascii: OnceLock::new(),
            symbols: Default::default(),
            lazy: Default::default(),
            searched_anchored: *searched_anchored,
            stored_anchored: Default::default(),
            groups: *groups,
            written: if *case_insensitive {
                format!("(?i:{pattern})")
            } else {
                pattern.clone()
            },
        }
    }
}

/// A pattern, compiled on demand in the form that fits the characters of the text it searches
/// (see the module's documentation). Every search takes the [`TextProfile`] of the text, or of
/// a text that holds it (a whole article for one of its sentences).
#[derive(Debug)]
pub struct Regex {
    pattern: String,
    case_insensitive: bool,
    /// Whether its forms may come from the stored automata (a trusted pattern without groups).
    stock: bool,
    /// The pattern translated for all of Unicode, and whether it has a Unicode word boundary
    /// (without one, the word-boundary choice makes no difference): made when first needed.
    unicode: OnceLock<(Hir, bool)>,
    /// What the ASCII form is made from, checked when built (`None`: the pattern failed a
    /// check made late, see [`RegexBuilder::build_trusted`]); it is translated and compiled the
    /// first time a text is searched (many regexes, such as a rule's exceptions, never are on
    /// one article).
    ascii_source: OnceLock<Option<AsciiSource>>,
    ascii: OnceLock<Form>,
    /// The form for a text whose only characters outside ASCII are not letters or digits
    /// (a `£`, curly quotes, dashes: most news copy that is not ASCII), built from the syntax
    /// tree like the ASCII one; `None` when the shortcut does not cover the pattern. By
    /// whether the text holds a space outside ASCII: without one, `\s` is ASCII's, and a
    /// pattern full of `\s+` compiles to a far smaller automaton.
    symbols: [OnceLock<Option<Form>>; 2],
    /// Forms by (alphabet common or all, Unicode word boundaries).
    lazy: [OnceLock<Form>; 4],
    /// Whether its stock forms have a stored full DFA for anchored searches
    /// ([`RegexBuilder::searched_anchored`]), and those DFAs, read when first needed (by the
    /// stock form: ASCII, then symbols with and without spaces outside ASCII).
    searched_anchored: bool,
    stored_anchored: [OnceLock<Option<Box<StoredDfa>>>; 3],
    /// Whether the pattern's own groups are kept.
    groups: bool,
    /// The pattern as written, case-insensitive ones inside `(?i:…)`.
    written: String,
}

impl Regex {
    /// The pattern as another regex tool takes it: case-insensitive ones inside `(?i:…)` (for
    /// benchmarks that hand the same patterns to ripgrep).
    pub fn as_written(&self) -> &str {
        &self.written
    }

    /// Byte ranges of the successive non-overlapping matches in `text`, whose characters
    /// `profile` covers.
    pub fn find_iter<'t>(
        &'t self,
        profile: TextProfile,
        text: &'t str,
    ) -> impl Iterator<Item = Range<usize>> + 't {
        self.form(profile).find_iter(text)
    }

    /// The first match in `text`, whose characters `profile` covers.
    pub fn find(&self, profile: TextProfile, text: &str) -> Option<Range<usize>> {
        self.form(profile).find(text)
    }

    /// A searcher for the matches that start at given places in texts whose characters
    /// `profile` covers. It keeps its cache while it lives, so trying a regex at many places
    /// costs one search each and nothing more; keep it for one text, not longer (a thread that
    /// holds it while another wants the same regex makes that one build a cache of its own).
    pub fn anchored(&self, profile: TextProfile) -> AnchoredSearch<'_> {
        AnchoredSearch {
            regex: self,
            profile,
            stored: self.stored_anchored(profile),
            form: None,
        }
    }

    /// The stored anchored DFA of the form for `profile`, if there is one
    /// ([`RegexBuilder::searched_anchored`]).
    fn stored_anchored(&self, profile: TextProfile) -> Option<&StoredDfa> {
        if !(self.stock && self.searched_anchored) {
            return None;
        }
        // The stock form that `form` searches a text of this profile with.
        let stock = stock_of(profile)?;
        let slot = match stock {
            StockForm::Ascii => 0,
            StockForm::Symbols { ascii_space } => 1 + usize::from(!ascii_space),
        };
        self.stored_anchored[slot]
            .get_or_init(|| {
                crate::stored::find_anchored(&self.pattern, self.case_insensitive, stock)
                    .map(Box::new)
            })
            .as_deref()
    }

    /// Whether it matches anywhere in `text`, whose characters `profile` covers.
    pub fn is_match(&self, profile: TextProfile, text: &str) -> bool {
        self.form(profile).is_match(text)
    }

    /// Every match in `text` (whose characters `profile` covers), as a lookup from a group's
    /// name to its range (`""`: the whole match). Needs a regex built with
    /// [`RegexBuilder::groups`].
    pub fn captures_iter<'t>(
        &'t self,
        profile: TextProfile,
        text: &'t str,
    ) -> impl Iterator<Item = impl Fn(&str) -> Option<Range<usize>> + 't> + 't {
        self.form(profile).captures_iter(text)
    }

    /// `template` with `$name`, `${name}` and `$1` filled from the first match in `text` (whose
    /// characters `profile` covers), if any. Needs a regex built with [`RegexBuilder::groups`].
    pub fn replace_first(
        &self,
        profile: TextProfile,
        text: &str,
        template: &str,
    ) -> Option<String> {
        let re = self.form(profile).full();
        let mut caps: Captures = re.create_captures();
        re.captures(text.as_bytes(), &mut caps);
        if !caps.is_match() {
            return None;
        }
        let mut out = String::new();
        caps.interpolate_string_into(text, template, &mut out);
        Some(out)
    }

    /// What the ASCII form is made from, prepared now for a trusted pattern.
    fn ascii_source(&self) -> Option<&AsciiSource> {
        self.ascii_source
            .get_or_init(|| {
                let (source, unicode) = prepare(&self.pattern, self.case_insensitive).ok()?;
                if let Some(unicode) = unicode {
                    let _ = self.unicode.set(unicode);
                }
                Some(source)
            })
            .as_ref()
    }

    /// The compiled form that is exact for every text whose characters `profile` covers, such
    /// as every part of one article: searching all of an article's sentences with one form
    /// compiles one form, where choosing by sentence could compile two.
    fn form(&self, profile: TextProfile) -> &Form {
        match stock_of(profile) {
            Some(StockForm::Ascii) => {
                // The tree was checked when built, and an ASCII-only tree translates without
                // error; should that ever be wrong, the text is searched with a regex that
                // matches nothing rather than a panic.
                return self.ascii.get_or_init(|| {
                    self.stock_form(StockForm::Ascii)
                        .unwrap_or_else(Form::never)
                });
            }
            Some(stock @ StockForm::Symbols { ascii_space }) => {
                let symbols =
                    self.symbols[usize::from(!ascii_space)].get_or_init(|| self.stock_form(stock));
                if let Some(form) = symbols {
                    return form;
                }
            }
            None => {}
        }
        let TextProfile { outside, word, .. } = profile;
        // The size estimate made when built keeps the Unicode forms from failing; should one
        // fail anyway, the text is searched with a regex that matches nothing (the ASCII form
        // could report a span inside a character of a text that is not ASCII).
        let Some((hir, unicode_words)) = self.unicode() else {
            return Form::never_ref();
        };
        let word = word && *unicode_words;
        let alphabet = if outside {
            Alphabet::All
        } else {
            Alphabet::Common
        };
        let slot = usize::from(outside) * 2 + usize::from(word);
        self.lazy[slot].get_or_init(|| {
            let hir = if alphabet == Alphabet::All && word {
                hir.clone()
            } else {
                rewrite(hir, alphabet, word)
            };
            Form::new(hir, self.groups)
        })
    }

    /// The ASCII or a symbols form, from the stored automata if they hold it; `None` if the
    /// pattern has no such form.
    pub(crate) fn stock_form(&self, stock: StockForm) -> Option<Form> {
        if self.stock {
            if let Some((forward, reverse)) =
                crate::stored::find(&self.pattern, self.case_insensitive, stock)
            {
                let (pattern, case_insensitive) = (self.pattern.clone(), self.case_insensitive);
                let remake = Remake(Box::new(move || {
                    stock_hir(&pattern, case_insensitive, stock, None)
                }));
                if let Some(form) = Form::stored(forward, reverse, remake) {
                    return Some(form);
                }
            }
        }
        let hir = stock_hir(
            &self.pattern,
            self.case_insensitive,
            stock,
            self.ascii_source(),
        )?;
        Some(Form::new(hir, self.groups))
    }

    /// For the stored automata: the pattern, whether it is case-insensitive, and the forward
    /// and reverse NFAs of its `stock` form, if it has one searched directly.
    #[cfg(any(test, feature = "testing"))]
    pub(crate) fn stock_nfas(
        &self,
        stock: StockForm,
    ) -> Option<(
        &str,
        bool,
        regex_automata::nfa::thompson::NFA,
        regex_automata::nfa::thompson::NFA,
    )> {
        if !self.stock {
            return None;
        }
        let hir = stock_hir(&self.pattern, self.case_insensitive, stock, None)?;
        if !crate::form::direct(&hir, self.groups) {
            return None;
        }
        let forward = crate::form::nfa(&hir, false)?;
        let reverse = crate::form::nfa(&hir, true)?;
        Some((&self.pattern, self.case_insensitive, forward, reverse))
    }

    /// Whether its stock forms get a stored anchored DFA ([`RegexBuilder::searched_anchored`]).
    #[cfg(any(test, feature = "testing"))]
    pub(crate) fn is_searched_anchored(&self) -> bool {
        self.searched_anchored
    }

    /// The pattern translated for all of Unicode, and whether it has a Unicode word boundary:
    /// made the first time a text that is not ASCII is searched.
    fn unicode(&self) -> Option<&(Hir, bool)> {
        if let Some(done) = self.unicode.get() {
            return Some(done);
        }
        let hir = unicode_hir(&self.pattern, self.case_insensitive).ok()?;
        let words = has_unicode_word_boundary(&hir);
        Some(self.unicode.get_or_init(|| (hir, words)))
    }
}

/// Parses `pattern`, refuses it if its Unicode forms could exceed [`SIZE_LIMIT`], and prepares the
/// ASCII form: straight from the syntax tree, without Unicode tables, or, for a pattern the
/// shortcut does not cover, from the full translation (also returned, with whether it has a
/// Unicode word boundary).
#[allow(clippy::type_complexity)]
pub(crate) fn prepare(
    pattern: &str,
    case_insensitive: bool,
) -> Result<(AsciiSource, Option<(Hir, bool)>), Error> {
    let ast = regex_syntax::ast::parse::ParserBuilder::new()
        .build()
        .parse(pattern)
        .map_err(|e| Error::Syntax(e.to_string()))?;
    if estimated_size(&ast) > SIZE_LIMIT as u64 {
        return Err(Error::TooBig(SIZE_LIMIT));
    }
    Ok(match ascii::rewritten(ast)? {
        Some(ast) => (AsciiSource::Ast(Box::new(ast)), None),
        None => {
            let hir = unicode_hir(pattern, case_insensitive)?;
            let ascii = rewrite(&hir, Alphabet::Ascii, false);
            let words = has_unicode_word_boundary(&hir);
            (AsciiSource::Hir(ascii), Some((hir, words)))
        }
    })
}

/// The syntax tree of a [`StockForm`] of `pattern`, `None` if it has none (the ASCII form is
/// made from `ascii`, what was prepared when the regex was built, when given).
/// The stock form a text of `profile` is searched with first, if any: ASCII for an ASCII text,
/// symbols for one with no word character outside ASCII (with ASCII spaces or not).
fn stock_of(profile: TextProfile) -> Option<StockForm> {
    if !profile.beyond_ascii {
        Some(StockForm::Ascii)
    } else if !profile.word {
        Some(StockForm::Symbols {
            ascii_space: !profile.space,
        })
    } else {
        None
    }
}

/// Searches for matches that start at given places ([`Regex::anchored`]).
pub struct AnchoredSearch<'r> {
    regex: &'r Regex,
    profile: TextProfile,
    /// The stored anchored DFA, if the regex has one for this profile.
    stored: Option<&'r StoredDfa>,
    /// The search of the form for the profile, made when first needed.
    form: Option<FormSearch<'r>>,
}

impl AnchoredSearch<'_> {
    /// The end of the match that starts exactly at `at`, if there is one (what comes before
    /// `at` still counts for word boundaries and anchors).
    pub fn match_at(&mut self, text: &str, at: usize) -> Option<usize> {
        if let Some(dfa) = self.stored {
            let input = Input::new(text)
                .span(at..text.len())
                .anchored(Anchored::Yes);
            // A DFA made without quit bytes, for anchored searches, answers every one.
            if let Ok(found) = dfa.try_search_fwd(&input) {
                return found.map(|end| end.offset());
            }
        }
        let (regex, profile) = (self.regex, self.profile);
        self.form
            .get_or_insert_with(|| regex.form(profile).anchored())
            .match_at(text, at)
    }
}

fn stock_hir(
    pattern: &str,
    case_insensitive: bool,
    stock: StockForm,
    ascii: Option<&AsciiSource>,
) -> Option<Hir> {
    match stock {
        StockForm::Ascii => {
            let prepared;
            let source = match ascii {
                Some(source) => source,
                None => {
                    prepared = prepare(pattern, case_insensitive).ok()?.0;
                    &prepared
                }
            };
            match source {
                AsciiSource::Hir(hir) => Some(hir.clone()),
                AsciiSource::Ast(ast) => ascii::translate(pattern, ast, case_insensitive).ok(),
            }
        }
        StockForm::Symbols { ascii_space } => symbols::hir(pattern, case_insensitive, ascii_space),
    }
}

/// What the ASCII form is built from.
#[derive(Debug)]
pub(crate) enum AsciiSource {
    /// The syntax tree cut down to ASCII (the usual case: translating it needs no Unicode
    /// tables).
    Ast(Box<regex_syntax::ast::Ast>),
    /// The full translation cut down to ASCII, for a pattern the shortcut does not cover.
    Hir(Hir),
}

pub(crate) fn unicode_hir(pattern: &str, case_insensitive: bool) -> Result<Hir, Error> {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .parse(pattern)
        .map_err(|e| Error::Syntax(e.to_string()))
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

pub(crate) fn has_unicode_word_boundary(hir: &Hir) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn regex(pattern: &str) -> Regex {
        RegexBuilder::new(pattern)
            .case_insensitive(true)
            .build()
            .unwrap()
    }

    #[test]
    fn a_widened_profile_finds_the_same_with_one_form_for_ascii_and_symbols() {
        let re = regex(r"\b(?:last|next)\s+week\b|\b\d{4}\b");
        let ascii = "Last week, in 2019; next  week.";
        let symbols = "“Last week,” in 2019 – £3; next  week.";
        let wide = TextProfile::of(ascii).widened();
        assert_eq!(wide, TextProfile::of(symbols).widened());
        for text in [ascii, symbols] {
            let plain: Vec<_> = re.find_iter(TextProfile::of(text), text).collect();
            let widened: Vec<_> = re
                .find_iter(TextProfile::of(text).widened(), text)
                .collect();
            assert_eq!(plain, widened, "{text}");
            assert_eq!(plain.len(), 3, "{text}");
        }
        // A text with a letter outside ASCII keeps its own profile.
        let accented = TextProfile::of("Müller said so last week");
        assert_eq!(accented.widened(), accented);
    }

    /// A stored anchored DFA finds, at every place, exactly the match the regex's own form
    /// finds there: leftmost-first preference, word boundaries before the place, case.
    #[test]
    fn a_stored_anchored_dfa_finds_what_the_form_finds() {
        let patterns = [
            r"\blast\s+weeks?\b",
            r"\b(?:a|ab|abc)\b",
            r"(?i:on\s+the\s+(?:eve|morning))\b|\bon\b",
            r"\b\d{1,2}(?:[:.]\d\d)?\s*(?i:am|pm)\b|\b(?:1[6-9]|20)\d\d['’]?s?\b",
        ];
        let texts = [
            "last week, last  weeks, lastweek; ab abc a, On the eve of 1990s at 10.30pm",
            "“Last weeks” — ab, abc… on the  morning, 2019’s £3 at 9 am",
            "on\u{a0}the\u{a0}eve, last\u{2003}week 10:15 PM",
        ];
        let mut matched = 0;
        for pattern in patterns {
            let regex = RegexBuilder::new(pattern)
                .searched_anchored(true)
                .build_trusted();
            for text in texts {
                let profile = TextProfile::of(text);
                let stock = if !profile.beyond_ascii {
                    StockForm::Ascii
                } else {
                    StockForm::Symbols {
                        ascii_space: !profile.space,
                    }
                };
                let (_, _, forward, _) = regex.stock_nfas(stock).unwrap();
                // Stored automata live as long as the program.
                let bytes: &'static [u8] =
                    Vec::leak(crate::stored::anchored_dfa(&forward).unwrap());
                let dfa = crate::stored::read_anchored(bytes).unwrap();
                let mut stored = AnchoredSearch {
                    regex: &regex,
                    profile,
                    stored: Some(&dfa),
                    form: None,
                };
                let mut form = regex.form(profile).anchored();
                for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                    let found = stored.match_at(text, at);
                    assert_eq!(
                        found,
                        form.match_at(text, at),
                        "{pattern} in {text} at {at}"
                    );
                    matched += usize::from(found.is_some());
                }
                assert!(stored.form.is_none(), "the DFA answered every search");
            }
        }
        assert!(matched >= 15, "{matched}");
    }

    #[test]
    fn a_match_that_starts_at_a_given_place() {
        // In every form: ASCII, symbols, and Unicode word boundaries (`é` is a letter).
        for text in [
            "last week, last  weeks",
            "“last week”, last  weeks",
            "é last week, last  weeks",
        ] {
            let profile = TextProfile::of(text);
            let re = regex(r"\blast\s+weeks?\b");
            let at = text.find("last").unwrap();
            let mut search = re.anchored(profile);
            assert_eq!(search.match_at(text, at), Some(at + 9), "{text}");
            assert_eq!(search.match_at(text, at + 1), None, "{text}");
            let second = text.rfind("last").unwrap();
            assert_eq!(search.match_at(text, second), Some(text.len()), "{text}");
            // What comes before the place still counts for word boundaries.
            let inside = regex(r"\bweek");
            assert_eq!(inside.anchored(profile).match_at("midweek", 3), None);
            assert_eq!(inside.anchored(profile).match_at("mid week", 4), Some(8));
        }
    }

    /// Every match, searched with the form that fits the text.
    fn all(t: &Regex, text: &str) -> Vec<Range<usize>> {
        t.find_iter(TextProfile::of(text), text).collect()
    }

    /// The plain Unicode regex's matches, the reference every tier must agree with.
    fn reference(pattern: &str, text: &str) -> Vec<Range<usize>> {
        ::regex::RegexBuilder::new(pattern)
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
            // Negated Unicode classes fold before they negate.
            r"\P{Lu}+",
            r"[^\P{Lu}]+",
            r"\p{gc!=Lu}",
            // Characters outside ASCII that match ASCII letters case-insensitively.
            "ſ",
            r"\x{212a}",
            "[^ſ]+",
            r"[\x{100}-\x{17f}]",
            // Set operations come before case folding: the Kelvin sign survives this one.
            r"[\p{Lu}--[A-Z]]",
        ];
        let texts = [
            "He said so.",
            "sense KELVIN kelvin ſense",
            "Zoë said it cost £5, the café said",
            "a\u{a0}b said\u{2009}k \u{212a}",
            "The minister’s plan — £3bn — was said to be KELVIN \u{212a}",
            "naïve résumé said",
            "Привет said — Путин said 😀 said",
            "€5 said…\u{2009}said",
            "",
        ];
        for pattern in patterns {
            let t = regex(pattern);
            for text in texts {
                assert_eq!(
                    all(&t, text),
                    reference(pattern, text),
                    "{pattern} on {text:?}"
                );
            }
        }
    }

    /// Random patterns and texts: every form (ASCII, Latin-1, all of Unicode; searched by the
    /// lazy DFAs or by the full engine) finds what the plain Unicode regex finds.
    mod random {
        use super::*;
        use proptest::prelude::*;

        fn pattern() -> impl Strategy<Value = String> {
            let atom = prop_oneof![
                Just("a".to_string()),
                Just("said".to_string()),
                Just("é".to_string()),
                Just(r"\w".to_string()),
                Just(r"\s".to_string()),
                Just(r"\d".to_string()),
                Just("[a-c]".to_string()),
                Just("[^a ]".to_string()),
                Just(".".to_string()),
                Just(r"\p{Lu}".to_string()),
                Just(r"\p{N}".to_string()),
                Just("£".to_string()),
                Just("’".to_string()),
                Just(r"\W".to_string()),
                Just(r"\D".to_string()),
                Just(r"\S".to_string()),
                Just(r"[^\w’]".to_string()),
                Just(r"[\d£-]".to_string()),
            ];
            let piece = (
                atom,
                prop_oneof![
                    Just(""),
                    Just("*"),
                    Just("+"),
                    Just("?"),
                    Just("{1,3}"),
                    Just("+?")
                ],
            )
                .prop_map(|(a, r)| format!("{a}{r}"));
            let look = prop_oneof![
                Just(""),
                Just(r"\b"),
                Just(r"\B"),
                Just("^"),
                Just("$"),
                Just("(?m:^)"),
                Just("(?m:$)"),
                Just(r"\b{start}"),
                Just(r"\b{end}")
            ];
            let branch = (look.clone(), prop::collection::vec(piece, 1..4), look)
                .prop_map(|(l, pieces, r)| format!("{l}{}{r}", pieces.concat()));
            prop::collection::vec(branch, 1..3).prop_map(|b| b.join("|"))
        }

        fn text() -> impl Strategy<Value = String> {
            prop::collection::vec(
                prop_oneof![
                    Just("a"),
                    Just("A"),
                    Just("said"),
                    Just("SAID"),
                    Just(" "),
                    Just("\n"),
                    Just("b"),
                    Just("7"),
                    Just("é"),
                    Just("É"),
                    Just("£"),
                    Just("—"),
                    Just("Ж"),
                    Just("\u{212a}"),
                    Just("’"),
                    Just("²"),
                    Just("\u{a0}"),
                    Just("😀"),
                ],
                0..16,
            )
            .prop_map(|parts| parts.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

            #[test]
            fn forms_agree_with_the_unicode_regex(
                pattern in pattern(),
                case_insensitive in any::<bool>(),
                texts in prop::collection::vec(text(), 1..6),
            ) {
                let regex = RegexBuilder::new(&pattern)
                    .case_insensitive(case_insensitive)
                    .build()
                    .unwrap();
                let reference = ::regex::RegexBuilder::new(&pattern)
                    .case_insensitive(case_insensitive)
                    .build()
                    .unwrap();
                for text in &texts {
                    let expected: Vec<Range<usize>> =
                        reference.find_iter(text).map(|m| m.range()).collect();
                    prop_assert_eq!(&all(&regex, text), &expected, "{} on {:?}", pattern, text);
                    let profile = TextProfile::of(text);
                    prop_assert_eq!(regex.find(profile, text), expected.first().cloned());
                    prop_assert_eq!(regex.is_match(profile, text), !expected.is_empty());
                }
            }
        }
    }

    #[test]
    fn replacements_fill_named_and_numbered_groups() {
        let t = RegexBuilder::new(r"^(?P<m>Nov)\.? (?P<d>\d+)(?:st|nd|rd|th)$")
            .case_insensitive(true)
            .groups(true)
            .build()
            .unwrap();
        let ascii = TextProfile::default();
        assert_eq!(
            t.replace_first(ascii, "Nov. 28th", "$m $d").as_deref(),
            Some("Nov 28")
        );
        assert_eq!(t.replace_first(ascii, "Nov. 28", "$m"), None);
    }

    #[test]
    fn patterns_too_big_for_unicode_are_refused_up_front() {
        assert_eq!(
            RegexBuilder::new(r"(?:\w{50}\s?){60}").build().err(),
            Some(Error::TooBig(SIZE_LIMIT))
        );
        assert!(matches!(
            RegexBuilder::new(r"(").build(),
            Err(Error::Syntax(_))
        ));
        // The reverse automaton of a long run of any character is the big one.
        assert_eq!(
            RegexBuilder::new(".{60001}").build().err(),
            Some(Error::TooBig(SIZE_LIMIT))
        );
    }
}

#[cfg(test)]
mod size_tests {
    /// A `Regex` is moved by value through the loading of rules (results, options, rule
    /// structs): at 11 KB, with a lazy DFA held inline in each of its forms, a debug build
    /// overflowed a worker thread's stack while loading rule sets side by side.
    #[test]
    fn a_regex_stays_small_enough_to_move() {
        assert!(std::mem::size_of::<super::Regex>() <= 2048);
    }
}
