//! How big a pattern's Unicode forms could grow, estimated from its syntax tree before any is
//! compiled.

/// An upper estimate of the bytes the Unicode form's automaton takes, from the syntax tree: the
/// UTF-8 byte ranges a class compiles to (a generous constant for the big Unicode classes),
/// multiplied out through repetitions, at a generous size a transition.
pub(crate) fn estimated_size(ast: &regex_syntax::ast::Ast) -> u64 {
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
