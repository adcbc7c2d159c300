//! The form for texts whose characters outside ASCII are none of them word characters (letters,
//! digits, marks, connectors), built from the syntax tree: on such a text, `\w`, `\d` and the
//! letter classes can only match ASCII, so they are cut down to their ASCII part (and `\W`, `\D`
//! to its complement) before translating, which spares their Unicode tables; and word boundaries
//! fall where the ASCII ones do, which the lazy DFA handles. Everything else (literals, `.`,
//! negated classes, case folding) is translated for all of Unicode, so a `£` or a curly quote is
//! one character, as in the full regex.

use crate::ascii::{bracketed, switches_unicode};
use regex_syntax::ast::{
    self, Ast, ClassPerlKind, ClassSet, ClassSetItem, ClassSetRange, ClassSetUnion, Flag, Flags,
    FlagsItem, FlagsItemKind, Group, GroupKind, Literal, LiteralKind,
};
use regex_syntax::hir::{Class, ClassUnicode, Hir};
use std::sync::LazyLock;

/// The pattern's form for such texts (`ascii_space`: that have no space outside ASCII
/// either), or `None` when this shortcut does not cover it (it switches Unicode mode itself,
/// negates a Unicode class or uses a set operation: those are translated in full).
pub(crate) fn hir(pattern: &str, case_insensitive: bool, ascii_space: bool) -> Option<Hir> {
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
