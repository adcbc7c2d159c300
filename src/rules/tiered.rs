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
//! form's syntax tree is made when the rule is loaded (so a bad pattern is reported then); every
//! form is compiled the first time a text needs it, and compiled so that it costs little until it
//! matches ([`super::form`]).

use super::form::{Form, Remake};
use regex_automata::meta;
use regex_automata::util::captures::Captures;
use regex_syntax::hir::{Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode};
use regex_syntax::hir::{ClassUnicodeRange, Hir, HirKind, Look, Repetition};
use std::sync::OnceLock;

/// Why a pattern cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BuildError {
    /// Not a valid regex (the parser's message).
    Syntax(String),
    /// It would compile to more than this many bytes.
    TooBig(usize),
    /// Internal to this module: the ASCII shortcut does not cover this pattern, which is then
    /// translated in full. Never returned by [`Tiered::new`].
    NotCovered,
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Syntax(message) => f.write_str(message),
            BuildError::TooBig(limit) => write!(f, "compiled regex exceeds {limit} bytes"),
            BuildError::NotCovered => f.write_str("not covered by the ASCII shortcut"),
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

/// The forms whose automata can be stored ahead of time for the built-in patterns
/// ([`super::stored`]): those for ASCII text and for the usual news copy that is not ASCII.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stock {
    Ascii,
    Symbols { ascii_space: bool },
}

/// A pattern, compiled on demand in the form that fits the characters of the text it searches
/// (see the module's documentation).
#[derive(Debug)]
pub struct Tiered {
    pattern: String,
    case_insensitive: bool,
    /// Whether its forms may come from the stored automata (a built-in pattern).
    stock: bool,
    /// The pattern translated for all of Unicode, and whether it has a Unicode word boundary
    /// (without one, the word-boundary choice makes no difference): made when first needed.
    unicode: OnceLock<(Hir, bool)>,
    /// What the ASCII form is made from, checked at load time (`None`: the pattern failed a
    /// check made late, see [`Tiered::trusted`]); it is translated and compiled the first time
    /// a text is searched (many regexes, such as a rule's exceptions, never are on one
    /// article).
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
    limit: usize,
    /// Whether the pattern's own groups are kept.
    groups: bool,
    /// The pattern as written, case-insensitive ones inside `(?i:…)`: for benchmarks that
    /// hand the same patterns to another tool.
    source: String,
}

impl Tiered {
    /// Parses `pattern` and prepares its ASCII form. `limit` bounds every compiled form; the
    /// Unicode forms are checked against it by an estimate now, so a pattern too big for them is
    /// refused when its rule is loaded, not when an article needs it.
    pub(crate) fn new(
        pattern: &str,
        case_insensitive: bool,
        limit: usize,
    ) -> Result<Tiered, BuildError> {
        Tiered::checked(pattern, case_insensitive, limit, false)
    }

    /// [`Tiered::new`] keeping the pattern's groups, for [`Tiered::replace_first`]. (Without
    /// them the automaton is smaller and quicker to build.)
    pub(crate) fn with_groups(
        pattern: &str,
        case_insensitive: bool,
        limit: usize,
    ) -> Result<Tiered, BuildError> {
        Tiered::checked(pattern, case_insensitive, limit, true)
    }

    /// A pattern known to be good (the built-in rule files, which the tests load and search
    /// with every form): nothing is parsed until a text is searched with it, so the built-in
    /// patterns an article never needs cost nothing. Should one prove bad after all, it
    /// matches nothing.
    pub(crate) fn trusted(
        pattern: &str,
        case_insensitive: bool,
        limit: usize,
        groups: bool,
    ) -> Tiered {
        Tiered {
            pattern: pattern.to_string(),
            case_insensitive,
            stock: !groups,
            unicode: OnceLock::new(),
            ascii_source: OnceLock::new(),
            ascii: OnceLock::new(),
            symbols: Default::default(),
            lazy: Default::default(),
            limit,
            groups,
            source: if case_insensitive {
                format!("(?i:{pattern})")
            } else {
                pattern.to_string()
            },
        }
    }

    fn checked(
        pattern: &str,
        case_insensitive: bool,
        limit: usize,
        groups: bool,
    ) -> Result<Tiered, BuildError> {
        let (source, unicode) = prepare(pattern, case_insensitive, limit)?;
        let mut tiered = Tiered::trusted(pattern, case_insensitive, limit, groups);
        tiered.stock = false;
        let _ = tiered.ascii_source.set(Some(source));
        if let Some(unicode) = unicode {
            let _ = tiered.unicode.set(unicode);
        }
        Ok(tiered)
    }

    /// What the ASCII form is made from, prepared now for a trusted pattern.
    fn ascii_source(&self) -> Option<&AsciiSource> {
        self.ascii_source
            .get_or_init(|| {
                let (source, unicode) =
                    prepare(&self.pattern, self.case_insensitive, self.limit).ok()?;
                if let Some(unicode) = unicode {
                    let _ = self.unicode.set(unicode);
                }
                Some(source)
            })
            .as_ref()
    }

    /// The pattern as written (see the `source` field).
    pub(crate) fn source(&self) -> &str {
        &self.source
    }

    /// The compiled form that is exact for `text`.
    fn for_text(&self, text: &str) -> &Form {
        self.within(Letters::of(text))
    }

    /// The compiled form that is exact for every text whose characters `letters` covers, such
    /// as every part of one article: searching all of an article's sentences with one form
    /// compiles one form, where choosing by sentence could compile two.
    pub(crate) fn within(&self, letters: Letters) -> &Form {
        if !letters.beyond_ascii {
            // The tree was checked at load time, and an ASCII-only tree translates without
            // error; should that ever be wrong, the text is searched with a regex that matches
            // nothing rather than a panic.
            return self
                .ascii
                .get_or_init(|| self.stock_form(Stock::Ascii).unwrap_or_else(Form::never));
        }
        let Letters {
            outside,
            word,
            space,
            ..
        } = letters;
        if !word {
            let symbols = self.symbols[usize::from(space)].get_or_init(|| {
                self.stock_form(Stock::Symbols {
                    ascii_space: !space,
                })
            });
            if let Some(form) = symbols {
                return form;
            }
        }
        // The size estimate made at load time keeps the Unicode forms from failing; should one
        // fail anyway, the text is searched with a regex that matches nothing (the ASCII form
        // could report a span inside a character of a text that is not ASCII).
        let Some((hir, unicode_words)) = self.unicode() else {
            return &NEVER_FORM;
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
            Form::new(hir, self.limit, self.groups)
        })
    }

    /// The ASCII or a symbols form, from the stored automata if they hold it; `None` if the
    /// pattern has no such form.
    pub(super) fn stock_form(&self, stock: Stock) -> Option<Form> {
        if self.stock {
            if let Some((forward, reverse)) =
                super::stored::find(&self.pattern, self.case_insensitive, stock)
            {
                let (pattern, case_insensitive, limit) =
                    (self.pattern.clone(), self.case_insensitive, self.limit);
                let remake = Remake(Box::new(move || {
                    stock_hir(&pattern, case_insensitive, limit, stock, None)
                }));
                if let Some(form) = Form::stored(forward, reverse, self.limit, remake) {
                    return Some(form);
                }
            }
        }
        let hir = stock_hir(
            &self.pattern,
            self.case_insensitive,
            self.limit,
            stock,
            self.ascii_source(),
        )?;
        Some(Form::new(hir, self.limit, self.groups))
    }

    /// For the stored automata: the pattern, whether it is case-insensitive, and the forward
    /// and reverse NFAs of its `stock` form, if it has one searched directly.
    #[cfg(test)]
    pub(crate) fn stock_nfas(
        &self,
        stock: Stock,
    ) -> Option<(
        &str,
        bool,
        regex_automata::nfa::thompson::NFA,
        regex_automata::nfa::thompson::NFA,
    )> {
        if !self.stock {
            return None;
        }
        let hir = stock_hir(
            &self.pattern,
            self.case_insensitive,
            self.limit,
            stock,
            None,
        )?;
        if !super::form::direct(&hir, self.groups) {
            return None;
        }
        let forward = super::form::nfa(&hir, self.limit, false)?;
        let reverse = super::form::nfa(&hir, self.limit, true)?;
        Some((&self.pattern, self.case_insensitive, forward, reverse))
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

    /// Byte ranges of the successive non-overlapping matches in `text`.
    #[cfg(test)]
    pub(crate) fn find_iter<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = std::ops::Range<usize>> + 't {
        self.for_text(text).find_iter(text)
    }

    /// The first match in `text`.
    #[cfg(test)]
    pub(crate) fn find(&self, text: &str) -> Option<std::ops::Range<usize>> {
        self.for_text(text).find_at(text, 0)
    }

    #[cfg(test)]
    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.for_text(text).is_match(text)
    }

    /// `template` with `$name`, `${name}` and `$1` filled from the first match in `text`, if any.
    pub(crate) fn replace_first(&self, text: &str, template: &str) -> Option<String> {
        let re = self.for_text(text).full();
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

/// What decides which compiled form searches a text: whether it holds a character outside
/// ASCII, one outside the common alphabet, and a letter or digit outside ASCII.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Letters {
    beyond_ascii: bool,
    outside: bool,
    word: bool,
    /// A space outside ASCII (a no-break space, a thin space).
    space: bool,
}

impl Letters {
    pub fn of(text: &str) -> Letters {
        let Some(first) = text.bytes().position(|b| !b.is_ascii()) else {
            return Letters::default();
        };
        // Only the characters outside ASCII decide, and they are rare: skip from one to the
        // next over the bytes, rather than decoding every character.
        let (mut outside, mut word, mut space) = (false, false, false);
        let bytes = text.as_bytes();
        let mut at = first;
        while let Some(skip) = bytes[at..].iter().position(|b| !b.is_ascii()) {
            at += skip;
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            outside |= !in_common(c);
            word |= regex_syntax::is_word_character(c);
            space |= c.is_whitespace();
            if outside && word {
                break;
            }
            at += c.len_utf8();
        }
        Letters {
            beyond_ascii: true,
            outside,
            word,
            space,
        }
    }
}

/// Parses `pattern`, refuses it if its Unicode forms could exceed `limit`, and prepares the
/// ASCII form: straight from the syntax tree, without Unicode tables, or, for a pattern the
/// shortcut does not cover, from the full translation (also returned, with whether it has a
/// Unicode word boundary).
#[allow(clippy::type_complexity)]
fn prepare(
    pattern: &str,
    case_insensitive: bool,
    limit: usize,
) -> Result<(AsciiSource, Option<(Hir, bool)>), BuildError> {
    let ast = regex_syntax::ast::parse::ParserBuilder::new()
        .build()
        .parse(pattern)
        .map_err(|e| BuildError::Syntax(e.to_string()))?;
    if estimated_size(&ast) > limit as u64 {
        return Err(BuildError::TooBig(limit));
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

/// The syntax tree of a [`Stock`] form of `pattern`, `None` if it has none (the ASCII form is
/// made from `ascii`, what was prepared at load time, when given).
fn stock_hir(
    pattern: &str,
    case_insensitive: bool,
    limit: usize,
    stock: Stock,
    ascii: Option<&AsciiSource>,
) -> Option<Hir> {
    match stock {
        Stock::Ascii => {
            let prepared;
            let source = match ascii {
                Some(source) => source,
                None => {
                    prepared = prepare(pattern, case_insensitive, limit).ok()?.0;
                    &prepared
                }
            };
            match source {
                AsciiSource::Hir(hir) => Some(hir.clone()),
                AsciiSource::Ast(ast) => ascii::translate(pattern, ast, case_insensitive).ok(),
            }
        }
        Stock::Symbols { ascii_space } => symbols::hir(pattern, case_insensitive, ascii_space),
    }
}

/// What the ASCII form is built from.
#[derive(Debug)]
enum AsciiSource {
    /// The syntax tree cut down to ASCII (the usual case: translating it needs no Unicode
    /// tables).
    Ast(Box<regex_syntax::ast::Ast>),
    /// The full translation cut down to ASCII, for a pattern the shortcut does not cover.
    Hir(Hir),
}

/// A regex that matches nothing, for a form that could not be built.
pub(super) fn never() -> meta::Regex {
    NEVER.clone()
}

static NEVER_FORM: std::sync::LazyLock<Form> = std::sync::LazyLock::new(Form::never);

static NEVER: std::sync::LazyLock<meta::Regex> = std::sync::LazyLock::new(|| {
    meta::Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!("a valid pattern"))
});

fn unicode_hir(pattern: &str, case_insensitive: bool) -> Result<Hir, BuildError> {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .parse(pattern)
        .map_err(|e| BuildError::Syntax(e.to_string()))
}

/// The ASCII form built from the syntax tree: every piece that cannot match ASCII text replaced
/// by one that matches nothing (a byte outside ASCII), every Unicode class by its ASCII part, and
/// the result translated with ASCII classes, case folding and word boundaries. On ASCII text that
/// matches exactly what the Unicode pattern matches, and it skips the Unicode tables, which are
/// most of the cost of translating.
mod ascii {
    use super::BuildError;
    use regex_syntax::ast::{
        self, Ast, ClassBracketed, ClassSet, ClassSetItem, ClassSetRange, ClassSetUnion,
        HexLiteralKind, Literal, LiteralKind,
    };
    use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir};

    /// The tree cut down to ASCII, or `None` when the shortcut does not cover the pattern (it
    /// switches Unicode mode itself, `(?-u)`; or case folding or a set operation reaches
    /// outside ASCII): the caller then translates it in full.
    pub fn rewritten(mut ascii: Ast) -> Result<Option<Ast>, BuildError> {
        match rewrite(&mut ascii) {
            Ok(true) => Ok(Some(ascii)),
            Ok(false) | Err(BuildError::NotCovered) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// A tree from [`rewritten`] translated with ASCII classes, case folding and word
    /// boundaries.
    pub fn translate(
        pattern: &str,
        ascii: &Ast,
        case_insensitive: bool,
    ) -> Result<Hir, BuildError> {
        regex_syntax::hir::translate::TranslatorBuilder::new()
            .unicode(false)
            .utf8(false)
            .case_insensitive(case_insensitive)
            .build()
            .translate(pattern, ascii)
            .map_err(|e| BuildError::Syntax(e.to_string()))
    }

    /// A literal that matches nothing in ASCII text: the byte 0x80.
    fn nothing(span: ast::Span) -> Literal {
        Literal {
            span,
            kind: LiteralKind::HexFixed(HexLiteralKind::X),
            c: '\u{80}',
        }
    }

    pub(super) fn bracketed(span: ast::Span, negated: bool, item: ClassSetItem) -> Ast {
        Ast::class_bracketed(ClassBracketed {
            span,
            negated,
            kind: ClassSet::Item(item),
        })
    }

    /// The ASCII part of a Unicode class such as `\p{Lu}`, as a class item.
    fn unicode_class(class: &ast::ClassUnicode) -> Result<ClassSetItem, BuildError> {
        // Under case-insensitivity a negated class is folded before it is negated, which its
        // ASCII part alone cannot reproduce.
        if class.is_negated() {
            return Err(BuildError::NotCovered);
        }
        let span = class.span;
        let mut printed = String::new();
        ast::print::Printer::new()
            .print(&Ast::class_unicode(class.clone()), &mut printed)
            .map_err(|e| BuildError::Syntax(e.to_string()))?;
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(&printed)
            .map_err(|e| BuildError::Syntax(e.to_string()))?;
        let regex_syntax::hir::HirKind::Class(Class::Unicode(full)) = hir.kind() else {
            return Ok(ClassSetItem::Literal(nothing(span)));
        };
        let mut part = full.clone();
        part.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7f')]));
        // Case-insensitively, ſ matches s and the Kelvin sign k: a class holding one of them
        // without the ASCII letter would lose that match.
        let has =
            |class: &ClassUnicode, c: char| class.iter().any(|r| r.start() <= c && c <= r.end());
        for (outside, ascii) in [('\u{17f}', ['s', 'S']), ('\u{212a}', ['k', 'K'])] {
            if has(full, outside) && !ascii.iter().any(|&a| has(&part, a)) {
                return Err(BuildError::NotCovered);
            }
        }
        let items: Vec<ClassSetItem> = part
            .iter()
            .map(|r| {
                let literal = |c| Literal {
                    span,
                    kind: LiteralKind::Verbatim,
                    c,
                };
                ClassSetItem::Range(ClassSetRange {
                    span,
                    start: literal(r.start()),
                    end: literal(r.end()),
                })
            })
            .collect();
        Ok(if items.is_empty() {
            ClassSetItem::Literal(nothing(span))
        } else {
            ClassSetItem::Union(ClassSetUnion { span, items })
        })
    }

    fn item(node: &mut ClassSetItem) -> Result<(), BuildError> {
        match node {
            ClassSetItem::Literal(l) if folds_to_ascii(l.c, l.c) => {
                return Err(BuildError::NotCovered)
            }
            ClassSetItem::Range(r) if folds_to_ascii(r.start.c, r.end.c) => {
                return Err(BuildError::NotCovered)
            }
            ClassSetItem::Literal(l) if !l.c.is_ascii() => *l = nothing(l.span),
            ClassSetItem::Range(r) if !r.start.c.is_ascii() => {
                *node = ClassSetItem::Literal(nothing(r.span));
            }
            ClassSetItem::Range(r) if !r.end.c.is_ascii() => {
                r.end = Literal {
                    span: r.end.span,
                    kind: LiteralKind::Verbatim,
                    c: '\x7f',
                };
            }
            ClassSetItem::Unicode(class) => *node = unicode_class(class)?,
            ClassSetItem::Bracketed(inner) => set(&mut inner.kind)?,
            ClassSetItem::Union(union) => {
                for i in &mut union.items {
                    item(i)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn set(node: &mut ClassSet) -> Result<(), BuildError> {
        match node {
            ClassSet::Item(i) => item(i),
            // Case folding applies to the result of a set operation, which cutting each side
            // down to ASCII first cannot reproduce (`[\p{Lu}--[A-Z]]` holds the Kelvin sign).
            ClassSet::BinaryOp(_) => Err(BuildError::NotCovered),
        }
    }

    pub(super) fn switches_unicode(flags: &ast::Flags) -> bool {
        flags
            .items
            .iter()
            .any(|f| f.kind == ast::FlagsItemKind::Flag(ast::Flag::Unicode))
    }

    /// Whether `start..=end` holds a character outside ASCII that case-insensitively matches
    /// an ASCII letter: ſ (s) and the Kelvin sign (k).
    fn folds_to_ascii(start: char, end: char) -> bool {
        ['\u{17f}', '\u{212a}']
            .iter()
            .any(|&c| start <= c && c <= end)
    }

    /// The tree with what cannot match ASCII replaced, in place; `false` if the pattern sets
    /// the `u` flag (then the tree is left part-way and must not be used).
    fn rewrite(node: &mut Ast) -> Result<bool, BuildError> {
        match node {
            Ast::Flags(f) if switches_unicode(&f.flags) => return Ok(false),
            Ast::Literal(l) if folds_to_ascii(l.c, l.c) => return Err(BuildError::NotCovered),
            Ast::Literal(l) if !l.c.is_ascii() => {
                let span = l.span;
                *node = bracketed(span, false, ClassSetItem::Literal(nothing(span)));
            }
            Ast::ClassUnicode(class) => {
                let span = class.span;
                let item = unicode_class(class)?;
                *node = bracketed(span, false, item);
            }
            Ast::ClassBracketed(class) => set(&mut class.kind)?,
            Ast::Repetition(r) => return rewrite(&mut r.ast),
            Ast::Group(g) => {
                if let ast::GroupKind::NonCapturing(flags) = &g.kind {
                    if switches_unicode(flags) {
                        return Ok(false);
                    }
                }
                return rewrite(&mut g.ast);
            }
            Ast::Alternation(a) => {
                for child in &mut a.asts {
                    if !rewrite(child)? {
                        return Ok(false);
                    }
                }
            }
            Ast::Concat(c) => {
                for child in &mut c.asts {
                    if !rewrite(child)? {
                        return Ok(false);
                    }
                }
            }
            _ => {}
        }
        Ok(true)
    }
}

/// The form for texts whose characters outside ASCII are none of them word characters (letters,
/// digits, marks, connectors), built from the syntax tree: on such a text, `\w`, `\d` and the
/// letter classes can only match ASCII, so they are cut down to their ASCII part (and `\W`, `\D`
/// to its complement) before translating, which spares their Unicode tables; and word boundaries
/// fall where the ASCII ones do, which the lazy DFA handles. Everything else (literals, `.`,
/// negated classes, case folding) is translated for all of Unicode, so a `£` or a curly quote is
/// one character, as in the full regex.
mod symbols {
    use super::ascii::{bracketed, switches_unicode};
    use regex_syntax::ast::{
        self, Ast, ClassPerlKind, ClassSet, ClassSetItem, ClassSetRange, ClassSetUnion, Flag,
        Flags, FlagsItem, FlagsItemKind, Group, GroupKind, Literal, LiteralKind,
    };
    use regex_syntax::hir::{Class, ClassUnicode, Hir};
    use std::sync::LazyLock;

    /// The pattern's form for such texts (`ascii_space`: that have no space outside ASCII
    /// either), or `None` when this shortcut does not cover it (it switches Unicode mode itself,
    /// negates a Unicode class or uses a set operation: those are translated in full).
    pub fn hir(pattern: &str, case_insensitive: bool, ascii_space: bool) -> Option<Hir> {
        let mut tree = ast::parse::ParserBuilder::new()
            .build()
            .parse(pattern)
            .ok()?;
        rewrite(&mut tree, ascii_space)?;
        regex_syntax::hir::translate::TranslatorBuilder::new()
            .case_insensitive(case_insensitive)
            .build()
            .translate(pattern, &tree)
            .ok()
    }

    /// The characters that are not word characters, and ASCII.
    static KEPT: LazyLock<Option<ClassUnicode>> = LazyLock::new(|| {
        let hir = regex_syntax::Parser::new().parse(r"[\W\x00-\x7f]").ok()?;
        match hir.into_kind() {
            regex_syntax::hir::HirKind::Class(Class::Unicode(class)) => Some(class),
            _ => None,
        }
    });

    const ASCII_WORD: [(char, char); 4] = [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];
    const ASCII_DIGIT: [(char, char); 1] = [('0', '9')];
    const ASCII_SPACE: [(char, char); 2] = [('\t', '\r'), (' ', ' ')];

    fn union(span: ast::Span, ranges: impl IntoIterator<Item = (char, char)>) -> ClassSetItem {
        let literal = |c| Literal {
            span,
            kind: LiteralKind::Verbatim,
            c,
        };
        ClassSetItem::Union(ClassSetUnion {
            span,
            items: ranges
                .into_iter()
                .map(|(start, end)| {
                    ClassSetItem::Range(ClassSetRange {
                        span,
                        start: literal(start),
                        end: literal(end),
                    })
                })
                .collect(),
        })
    }

    /// `\w`, `\d` (or their negations) as the ranges they can match on such a text, and `\s`
    /// on a text without spaces outside ASCII; `None` leaves the class as it is.
    fn perl(class: &ast::ClassPerl, ascii_space: bool) -> Option<ClassSetItem> {
        let ranges: &[(char, char)] = match class.kind {
            ClassPerlKind::Word => &ASCII_WORD,
            ClassPerlKind::Digit => &ASCII_DIGIT,
            ClassPerlKind::Space if ascii_space => &ASCII_SPACE,
            ClassPerlKind::Space => return None,
        };
        let positive = union(class.span, ranges.iter().copied());
        Some(if class.negated {
            // A class of its own, negated after any case folding, as `\W` is: the complement
            // of `\w`'s ranges, folded afterwards, would take in `s` and `k` (from ſ and the
            // Kelvin sign).
            ClassSetItem::Bracketed(Box::new(ast::ClassBracketed {
                span: class.span,
                negated: true,
                kind: ClassSet::Item(positive),
            }))
        } else {
            positive
        })
    }

    /// A Unicode class (`\p{Lu}`) cut down to what can occur in such a text.
    fn unicode_class(class: &ast::ClassUnicode) -> Option<ClassSetItem> {
        if class.is_negated() {
            return None;
        }
        let mut printed = String::new();
        ast::print::Printer::new()
            .print(&Ast::class_unicode(class.clone()), &mut printed)
            .ok()?;
        let hir = regex_syntax::Parser::new().parse(&printed).ok()?;
        let regex_syntax::hir::HirKind::Class(Class::Unicode(full)) = hir.kind() else {
            return None;
        };
        let mut part = full.clone();
        part.intersect(KEPT.as_ref()?);
        Some(union(class.span, part.iter().map(|r| (r.start(), r.end()))))
    }

    fn item(node: &mut ClassSetItem, ascii_space: bool) -> Option<()> {
        match node {
            ClassSetItem::Perl(class) => {
                if let Some(replaced) = perl(class, ascii_space) {
                    *node = replaced;
                }
            }
            ClassSetItem::Unicode(class) => *node = unicode_class(class)?,
            ClassSetItem::Bracketed(inner) => set(&mut inner.kind, ascii_space)?,
            ClassSetItem::Union(union) => {
                for i in &mut union.items {
                    item(i, ascii_space)?;
                }
            }
            _ => {}
        }
        Some(())
    }

    fn set(node: &mut ClassSet, ascii_space: bool) -> Option<()> {
        match node {
            ClassSet::Item(i) => item(i, ascii_space),
            ClassSet::BinaryOp(_) => None,
        }
    }

    /// An assertion made ASCII: `(?-u:\b)`.
    fn ascii_assertion(assertion: ast::Assertion) -> Ast {
        let span = assertion.span;
        let flag = |kind| FlagsItem { span, kind };
        Ast::group(Group {
            span,
            kind: GroupKind::NonCapturing(Flags {
                span,
                items: vec![
                    flag(FlagsItemKind::Negation),
                    flag(FlagsItemKind::Flag(Flag::Unicode)),
                ],
            }),
            ast: Box::new(Ast::assertion(assertion)),
        })
    }

    fn rewrite(node: &mut Ast, ascii_space: bool) -> Option<()> {
        match node {
            Ast::Flags(f) if switches_unicode(&f.flags) => return None,
            Ast::ClassPerl(class) => {
                if let Some(item) = perl(class, ascii_space) {
                    *node = bracketed(class.span, false, item);
                }
            }
            Ast::ClassUnicode(class) => {
                let span = class.span;
                let item = unicode_class(class)?;
                *node = bracketed(span, false, item);
            }
            Ast::ClassBracketed(class) => set(&mut class.kind, ascii_space)?,
            // A word boundary between ASCII characters, or between one and a character that is
            // not a word character, is the same ASCII or Unicode. (`\B` stays Unicode: an
            // ASCII one could fall inside a character.)
            Ast::Assertion(assertion)
                if !matches!(
                    assertion.kind,
                    ast::AssertionKind::StartLine
                        | ast::AssertionKind::EndLine
                        | ast::AssertionKind::StartText
                        | ast::AssertionKind::EndText
                        | ast::AssertionKind::NotWordBoundary
                ) =>
            {
                *node = ascii_assertion((**assertion).clone());
            }
            Ast::Repetition(r) => return rewrite(&mut r.ast, ascii_space),
            Ast::Group(g) => {
                if let GroupKind::NonCapturing(flags) = &g.kind {
                    if switches_unicode(flags) {
                        return None;
                    }
                }
                return rewrite(&mut g.ast, ascii_space);
            }
            Ast::Alternation(a) => {
                for child in &mut a.asts {
                    rewrite(child, ascii_space)?;
                }
            }
            Ast::Concat(c) => {
                for child in &mut c.asts {
                    rewrite(child, ascii_space)?;
                }
            }
            _ => {}
        }
        Some(())
    }
}

pub(super) fn build(hir: &Hir, limit: usize, groups: bool) -> Result<meta::Regex, BuildError> {
    // Any Unicode word look-around, `\B` included, stops the lazy DFA at a character outside
    // ASCII; the bounded backtracker then searches rather than the slower PikeVM.
    let unicode_words = hir.properties().look_set().contains_word_unicode();
    use regex_automata::nfa::thompson::WhichCaptures;
    let config = meta::Config::new()
        .nfa_size_limit(Some(limit))
        .hybrid_cache_capacity(limit)
        // Literal prefilters cost more to build than they save here: the patterns are
        // alternations of words behind `\b`, which the lazy DFA scans about as fast (measured
        // on the BBC corpus and on a 1,000-word substitution list).
        .auto_prefilter(false)
        // The lazy DFA finds every match of a form with ASCII word boundaries; the engines it
        // would fall back on only cost set-up time. A form with Unicode word boundaries keeps
        // the bounded backtracker, which is what searches text the DFA gives up on.
        .backtrack(unicode_words)
        .onepass(false)
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

pub(super) fn has_unicode_word_boundary(hir: &Hir) -> bool {
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

/// An upper estimate of the bytes the Unicode form's automaton takes, from the syntax tree: the
/// UTF-8 byte ranges a class compiles to (a generous constant for the big Unicode classes),
/// multiplied out through repetitions, at a generous size a transition.
fn estimated_size(ast: &regex_syntax::ast::Ast) -> u64 {
    use regex_syntax::ast::{Ast, ClassPerlKind, RepetitionKind, RepetitionRange};
    const BYTES_PER_TRANSITION: u64 = 24;
    /// About what `\w` or `\pL` compiles to in UTF-8 byte ranges (hundreds of ranges). A
    /// negated class of a few characters is a few ranges, however much it covers.
    const BIG_CLASS: u64 = 4000;
    /// A bracketed class: small for literals and ranges, as big as any big class it holds.
    fn set_size(set: &regex_syntax::ast::ClassSet) -> u64 {
        use regex_syntax::ast::{ClassSet, ClassSetItem};
        fn item(i: &ClassSetItem) -> u64 {
            match i {
                ClassSetItem::Perl(p) if p.kind == ClassPerlKind::Word => BIG_CLASS,
                ClassSetItem::Unicode(_) => BIG_CLASS,
                ClassSetItem::Perl(_) => 300,
                ClassSetItem::Bracketed(b) => set_size(&b.kind),
                ClassSetItem::Union(u) => u.items.iter().map(item).fold(0, u64::saturating_add),
                _ => 8,
            }
        }
        match set {
            ClassSet::Item(i) => item(i).saturating_add(32),
            ClassSet::BinaryOp(op) => set_size(&op.lhs).saturating_add(set_size(&op.rhs)),
        }
    }
    fn transitions(ast: &Ast) -> u64 {
        match ast {
            Ast::Empty(_) | Ast::Flags(_) | Ast::Assertion(_) => 1,
            Ast::Literal(_) => 4,
            // Any character: a few UTF-8 sequences, and many more states in the reverse
            // automaton the search also builds.
            Ast::Dot(_) => 64,
            Ast::ClassPerl(class) => match class.kind {
                ClassPerlKind::Word => BIG_CLASS,
                ClassPerlKind::Digit => 300,
                ClassPerlKind::Space => 40,
            },
            Ast::ClassUnicode(_) => BIG_CLASS,
            Ast::ClassBracketed(class) => set_size(&class.kind),
            Ast::Repetition(r) => {
                let copies = match &r.op.kind {
                    RepetitionKind::ZeroOrOne | RepetitionKind::ZeroOrMore => 1,
                    RepetitionKind::OneOrMore => 1,
                    RepetitionKind::Range(RepetitionRange::Exactly(n))
                    | RepetitionKind::Range(RepetitionRange::AtLeast(n)) => u64::from(*n).max(1),
                    RepetitionKind::Range(RepetitionRange::Bounded(_, n)) => u64::from(*n).max(1),
                };
                transitions(&r.ast).saturating_mul(copies)
            }
            Ast::Group(g) => transitions(&g.ast).saturating_add(2),
            Ast::Alternation(a) => a.asts.iter().map(transitions).fold(1, u64::saturating_add),
            Ast::Concat(c) => c.asts.iter().map(transitions).fold(1, u64::saturating_add),
        }
    }
    // Every automaton has a fixed part too.
    const FIXED: u64 = 4096;
    transitions(ast)
        .saturating_mul(BYTES_PER_TRANSITION)
        .saturating_add(FIXED)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::Range;

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
                let tiered = Tiered::new(&pattern, case_insensitive, 32 << 20).unwrap();
                let reference = regex::RegexBuilder::new(&pattern)
                    .case_insensitive(case_insensitive)
                    .build()
                    .unwrap();
                for text in &texts {
                    let expected: Vec<Range<usize>> =
                        reference.find_iter(text).map(|m| m.range()).collect();
                    prop_assert_eq!(&all(&tiered, text), &expected, "{} on {:?}", pattern, text);
                    prop_assert_eq!(tiered.find(text), expected.first().cloned());
                    prop_assert_eq!(tiered.is_match(text), !expected.is_empty());
                }
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
        // The reverse automaton of a long run of any character is the big one.
        assert_eq!(
            Tiered::new(".{60001}", false, 32 << 20).err(),
            Some(BuildError::TooBig(32 << 20))
        );
    }
}

#[cfg(test)]
mod estimate_tests {
    use super::*;

    /// The estimate that guards the Unicode forms must not be below what they really take, for
    /// every pattern the built-in rules search with.
    #[test]
    fn the_size_estimate_bounds_every_builtin_pattern() {
        let sets = crate::rules::builtin::BUILTINS
            .iter()
            .map(|b| crate::rules::load_ruleset(&b.source()).unwrap());
        let mut checked = 0;
        for set in sets {
            for rule in &set.rules {
                for pattern in rule.patterns() {
                    let ast = regex_syntax::ast::parse::Parser::new()
                        .parse(pattern)
                        .unwrap();
                    let hir = unicode_hir(pattern, false).unwrap();
                    // The size limit applies to each automaton (NFA) the regex is built from:
                    // the forward one and the reverse one that finds where matches start.
                    for reverse in [false, true] {
                        let nfa = regex_automata::nfa::thompson::NFA::compiler()
                            .configure(
                                regex_automata::nfa::thompson::Config::new()
                                    .reverse(reverse)
                                    .which_captures(
                                        regex_automata::nfa::thompson::WhichCaptures::None,
                                    ),
                            )
                            .build_from_hir(&hir)
                            .unwrap();
                        assert!(
                            estimated_size(&ast) >= nfa.memory_usage() as u64,
                            "{pattern} (reverse: {reverse}): estimated {} < {}",
                            estimated_size(&ast),
                            nfa.memory_usage()
                        );
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 20);
    }

    /// Built-in patterns are trusted: parsed only when an article needs them, and a bad one
    /// would then match nothing, silently. So every one must pass the checks a rule author's
    /// pattern passes when its file is loaded, and translate to its ASCII form.
    #[test]
    fn every_builtin_pattern_passes_the_checks_it_skips() {
        let mut checked = 0;
        for builtin in crate::rules::builtin::BUILTINS {
            let set = crate::rules::load_ruleset(&builtin.source()).unwrap();
            for rule in &set.rules {
                for pattern in rule.patterns() {
                    let (source, _) = prepare(pattern, false, 32 << 20)
                        .unwrap_or_else(|e| panic!("{pattern}: {e}"));
                    if let AsciiSource::Ast(ast) = source {
                        ascii::translate(pattern, &ast, false)
                            .unwrap_or_else(|e| panic!("{pattern}: {e}"));
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 20);
    }
}
#[cfg(test)]
mod size_tests {
    /// A `Tiered` is moved by value through the loading of rules (results, options, rule
    /// structs): at 11 KB, with a lazy DFA held inline in each of its forms, a debug build
    /// overflowed a worker thread's stack while loading rule sets side by side.
    #[test]
    fn a_tiered_regex_stays_small_enough_to_move() {
        assert!(std::mem::size_of::<super::Tiered>() <= 2048);
    }
}
