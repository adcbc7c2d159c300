//! Hooks for the tests of the program that holds the built-in patterns (copydesk's own tests,
//! with the `testing` feature): only that program knows every pattern it trusts, so it holds
//! them to the checks [`RegexBuilder::build_trusted`] skips and keeps the stored automata
//! current with these.

use crate::form::Form;
use crate::regex::{prepare, unicode_hir, AsciiSource};
use crate::stored::StockForm;
use crate::Regex;
#[cfg(doc)]
use crate::RegexBuilder;

/// Where the stored automata are kept in the source tree, to be written again.
pub const STORED_AUTOMATA_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/automata.bin");

/// The stored automata built into this crate.
pub fn stored_automata() -> &'static [u8] {
    crate::stored::stored_file()
}

/// The stored automata as this code would write them for `regexes` (every trusted regex the
/// program searches with): the forward and reverse NFAs of each one's ASCII and symbols forms,
/// and their anchored DFAs for those built with [`RegexBuilder::searched_anchored`].
pub fn stored_automata_for(regexes: &[&Regex]) -> Vec<u8> {
    let entries = regexes.iter().flat_map(|regex| {
        StockForm::ALL.into_iter().filter_map(|stock| {
            let (pattern, case_insensitive, forward, reverse) = regex.stock_nfas(stock)?;
            Some(crate::stored::Stock {
                pattern: pattern.to_string(),
                case_insensitive,
                stock,
                forward,
                reverse,
                anchored: regex.is_searched_anchored(),
            })
        })
    });
    crate::stored::file(entries)
}

/// Whether `file` is stored automata of this format version, with at least one entry.
pub fn stored_automata_readable(file: &[u8]) -> bool {
    crate::stored::readable(file)
}

/// How many of `regex`'s ASCII and symbols forms (with ASCII spaces) come from the stored
/// automata; an error names a form that could and does not (or has no anchored DFA though it
/// is searched anchored), or whose syntax tree cannot be made again for the full engine.
pub fn stored_forms(regex: &Regex) -> Result<usize, String> {
    let mut found = 0;
    for stock in [StockForm::Ascii, StockForm::Symbols { ascii_space: true }] {
        if let Some((pattern, case_insensitive, ..)) = regex.stock_nfas(stock) {
            if crate::stored::find(pattern, case_insensitive, stock).is_none() {
                return Err(format!("{pattern} ({stock:?}): not stored"));
            }
            if regex.is_searched_anchored()
                && crate::stored::find_anchored(pattern, case_insensitive, stock).is_none()
            {
                return Err(format!("{pattern} ({stock:?}): no stored anchored DFA"));
            }
            let form: Option<Form> = regex.stock_form(stock);
            if !form.is_some_and(|form| form.is_stored() && form.hir().is_some()) {
                return Err(format!(
                    "{pattern} ({stock:?}): not built from the stored automata"
                ));
            }
            found += 1;
        }
    }
    Ok(found)
}

/// The checks [`RegexBuilder::build`] makes and [`RegexBuilder::build_trusted`] skips: the
/// pattern parses, its size estimate is within the limit, and it translates to its ASCII form.
pub fn check_trusted(pattern: &str) -> Result<(), String> {
    let (source, _) = prepare(pattern, false).map_err(|e| format!("{pattern}: {e}"))?;
    if let AsciiSource::Ast(ast) = source {
        crate::ascii::translate(pattern, &ast, false).map_err(|e| format!("{pattern}: {e}"))?;
    }
    Ok(())
}

/// Whether the size estimate that guards the Unicode forms bounds what they really take: the
/// forward and the reverse automaton (NFA) of `pattern` translated for all of Unicode.
pub fn check_size_estimate(pattern: &str) -> Result<(), String> {
    let ast = regex_syntax::ast::parse::Parser::new()
        .parse(pattern)
        .map_err(|e| format!("{pattern}: {e}"))?;
    let hir = unicode_hir(pattern, false).map_err(|e| format!("{pattern}: {e}"))?;
    let estimate = crate::estimate::estimated_size(&ast);
    // The size limit applies to each automaton (NFA) the regex is built from: the forward one
    // and the reverse one that finds where matches start.
    for reverse in [false, true] {
        let nfa = regex_automata::nfa::thompson::NFA::compiler()
            .configure(
                regex_automata::nfa::thompson::Config::new()
                    .reverse(reverse)
                    .which_captures(regex_automata::nfa::thompson::WhichCaptures::None),
            )
            .build_from_hir(&hir)
            .map_err(|e| format!("{pattern}: {e}"))?;
        if estimate < nfa.memory_usage() as u64 {
            return Err(format!(
                "{pattern} (reverse: {reverse}): estimated {estimate} < {}",
                nfa.memory_usage()
            ));
        }
    }
    Ok(())
}
