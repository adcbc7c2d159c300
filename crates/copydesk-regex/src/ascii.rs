//! The ASCII form built from the syntax tree: every piece that cannot match ASCII text replaced
//! by one that matches nothing (a byte outside ASCII), every Unicode class by its ASCII part, and
//! the result translated with ASCII classes, case folding and word boundaries. On ASCII text that
//! matches exactly what the Unicode pattern matches, and it skips the Unicode tables, which are
//! most of the cost of translating.

use crate::Error;
use regex_syntax::ast::{
    self, Ast, ClassBracketed, ClassSet, ClassSetItem, ClassSetRange, ClassSetUnion,
    HexLiteralKind, Literal, LiteralKind,
};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir};

/// The tree cut down to ASCII, or `None` when the shortcut does not cover the pattern (it
/// switches Unicode mode itself, `(?-u)`; or case folding or a set operation reaches
/// outside ASCII): the caller then translates it in full.
pub(crate) fn rewritten(mut ascii: Ast) -> Result<Option<Ast>, Error> {
    match rewrite(&mut ascii) {
        Ok(true) => Ok(Some(ascii)),
        Ok(false) | Err(Cut::NotCovered) => Ok(None),
        Err(Cut::Failed(message)) => Err(Error::Syntax(message)),
    }
}

/// A tree from [`rewritten`] translated with ASCII classes, case folding and word
/// boundaries.
pub(crate) fn translate(pattern: &str, ascii: &Ast, case_insensitive: bool) -> Result<Hir, Error> {
    regex_syntax::hir::translate::TranslatorBuilder::new()
        .unicode(false)
        .utf8(false)
        .case_insensitive(case_insensitive)
        .build()
        .translate(pattern, ascii)
        .map_err(|e| Error::Syntax(e.to_string()))
}

/// Why the ASCII shortcut was not taken.
enum Cut {
    /// It does not cover this pattern, which is then translated in full.
    NotCovered,
    /// The pattern is bad (the parser's message).
    Failed(String),
}

/// A literal that matches nothing in ASCII text: the byte 0x80.
fn nothing(span: ast::Span) -> Literal {
    Literal {
        span,
        kind: LiteralKind::HexFixed(HexLiteralKind::X),
        c: '\u{80}',
    }
}

pub(crate) fn bracketed(span: ast::Span, negated: bool, item: ClassSetItem) -> Ast {
    Ast::class_bracketed(ClassBracketed {
        span,
        negated,
        kind: ClassSet::Item(item),
    })
}

/// The ASCII part of a Unicode class such as `\p{Lu}`, as a class item.
fn unicode_class(class: &ast::ClassUnicode) -> Result<ClassSetItem, Cut> {
    // Under case-insensitivity a negated class is folded before it is negated, which its
    // ASCII part alone cannot reproduce.
    if class.is_negated() {
        return Err(Cut::NotCovered);
    }
    let span = class.span;
    let mut printed = String::new();
    ast::print::Printer::new()
        .print(&Ast::class_unicode(class.clone()), &mut printed)
        .map_err(|e| Cut::Failed(e.to_string()))?;
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(&printed)
        .map_err(|e| Cut::Failed(e.to_string()))?;
    let regex_syntax::hir::HirKind::Class(Class::Unicode(full)) = hir.kind() else {
        return Ok(ClassSetItem::Literal(nothing(span)));
    };
    let mut part = full.clone();
    part.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7f')]));
    // Case-insensitively, ſ matches s and the Kelvin sign k: a class holding one of them
    // without the ASCII letter would lose that match.
    let has = |class: &ClassUnicode, c: char| class.iter().any(|r| r.start() <= c && c <= r.end());
    for (outside, ascii) in [('\u{17f}', ['s', 'S']), ('\u{212a}', ['k', 'K'])] {
        if has(full, outside) && !ascii.iter().any(|&a| has(&part, a)) {
            return Err(Cut::NotCovered);
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

fn item(node: &mut ClassSetItem) -> Result<(), Cut> {
    match node {
        ClassSetItem::Literal(l) if folds_to_ascii(l.c, l.c) => return Err(Cut::NotCovered),
        ClassSetItem::Range(r) if folds_to_ascii(r.start.c, r.end.c) => {
            return Err(Cut::NotCovered)
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

fn set(node: &mut ClassSet) -> Result<(), Cut> {
    match node {
        ClassSet::Item(i) => item(i),
        // Case folding applies to the result of a set operation, which cutting each side
        // down to ASCII first cannot reproduce (`[\p{Lu}--[A-Z]]` holds the Kelvin sign).
        ClassSet::BinaryOp(_) => Err(Cut::NotCovered),
    }
}

pub(crate) fn switches_unicode(flags: &ast::Flags) -> bool {
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
fn rewrite(node: &mut Ast) -> Result<bool, Cut> {
    match node {
        Ast::Flags(f) if switches_unicode(&f.flags) => return Ok(false),
        Ast::Literal(l) if folds_to_ascii(l.c, l.c) => return Err(Cut::NotCovered),
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
