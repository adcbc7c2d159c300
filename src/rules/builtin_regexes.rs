//! Tests that hold every regex copydesk trusts (the built-in rule sets' patterns and the code's
//! own) to the checks `copydesk_regex` skips for them, and keep the automata it stores for them
//! current (`crates/copydesk-regex/src/automata.bin`): only this crate knows those patterns.

use copydesk_regex::testing;
use copydesk_regex::Regex;

/// Every built-in rule set, loaded once for the test that asks.
fn builtin_sets() -> Vec<super::RuleSet> {
    super::builtin::BUILTINS
        .iter()
        .map(|b| super::load_ruleset(&b.source()).unwrap())
        .collect()
}

/// Every regex the built-in rules search with, and the fixed ones of the code (links, the
/// quote sheet's words, the time expressions).
fn builtin_regexes() -> Vec<&'static Regex> {
    let sets: &'static [super::RuleSet] = Box::leak(builtin_sets().into_boxed_slice());
    let mut regexes: Vec<&'static Regex> = sets
        .iter()
        .flat_map(|set| &set.rules)
        .flat_map(|rule| rule.check.regexes())
        .collect();
    regexes.extend(crate::document::fixed_regexes());
    regexes.extend(crate::analysis::attribution::fixed_regexes());
    regexes.extend(crate::analysis::time::fixed_regexes());
    regexes
}

/// `automata.bin` must be what the code builds now; `COPYDESK_BLESS=1` writes it.
#[test]
fn the_stored_automata_are_current() {
    let fresh = testing::stored_automata_for(&builtin_regexes());
    if std::env::var_os("COPYDESK_BLESS").is_some() {
        std::fs::write(testing::STORED_AUTOMATA_PATH, &fresh).unwrap();
        return;
    }
    assert!(
        testing::stored_automata() == fresh.as_slice(),
        "crates/copydesk-regex/src/automata.bin is out of date (a built-in pattern or the code \
         that compiles patterns changed): run `COPYDESK_BLESS=1 cargo test --lib \
         the_stored_automata` and commit it"
    );
    assert!(testing::stored_automata_readable(testing::stored_automata()));
}

/// Every built-in regex that can be searched directly finds its stored automata.
#[test]
fn every_builtin_regex_finds_its_stored_forms() {
    let mut found = 0;
    for regex in builtin_regexes() {
        found += testing::stored_forms(regex).unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(found > 50, "{found}");
}

/// The estimate that guards the Unicode forms must not be below what they really take, for
/// every pattern the built-in rules search with.
#[test]
fn the_size_estimate_bounds_every_builtin_pattern() {
    let mut checked = 0;
    for set in builtin_sets() {
        for rule in &set.rules {
            for pattern in rule.patterns() {
                testing::check_size_estimate(pattern).unwrap_or_else(|e| panic!("{e}"));
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
    for set in builtin_sets() {
        for rule in &set.rules {
            for pattern in rule.patterns() {
                testing::check_trusted(pattern).unwrap_or_else(|e| panic!("{e}"));
                checked += 1;
            }
        }
    }
    assert!(checked > 20);
}
