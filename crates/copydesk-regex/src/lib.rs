//! copydesk's regex engine: a pattern parsed once and compiled, the first time a text needs
//! it, in the form that fits the characters that text holds.
//!
//! Rule patterns use Unicode word boundaries (`\b`) and classes (`\w`, `\s`, case-insensitive
//! letters). Compiled for all of Unicode, such a regex is slow to build (a few milliseconds
//! each, the bulk of start-up) and, at the first non-ASCII character of a text (a `£`, a curly
//! quote), its fast lazy DFA gives up on word boundaries and hands the search to a much slower
//! engine. Yet most news text is ASCII, nearly all the rest is Latin-1 and punctuation, and
//! most of that has no letter outside ASCII. So a [`Regex`] is searched with the form that is
//! exact for the text's [`TextProfile`]: matches are always those of the full Unicode regex.
//!
//! ```
//! use copydesk_regex::{RegexBuilder, TextProfile};
//!
//! let said = RegexBuilder::new(r"\bsaid\b").case_insensitive(true).build().unwrap();
//! let article = "“It is done,” the minister SAID.";
//! let profile = TextProfile::of(article);
//! let found: Vec<_> = said.find_iter(profile, article).collect();
//! assert_eq!(found, [article.len() - 5..article.len() - 1]);
//! ```
//!
//! Modules, each importing only those listed before it (and this root's [`Error`] and
//! [`SIZE_LIMIT`]): `profile` ([`TextProfile`]), `estimate` (how big a pattern's Unicode forms
//! could grow), `stored` (the built-in patterns' automata, compiled ahead of time, and their
//! file format), `ascii` and `symbols` (the forms made straight from the syntax tree), `form`
//! (one compiled form: lazy DFAs, the full engine when needed), `regex` ([`Regex`] and
//! [`RegexBuilder`]: choosing and translating the form for a text), and `testing` (hooks for
//! the tests of the program that holds the built-in patterns, with the `testing` feature).

// Lints that keep the library quiet: the program decides what to print.
#![warn(clippy::print_stdout, clippy::print_stderr)]

mod ascii;
mod estimate;
pub(crate) mod form;
pub(crate) mod profile;
pub(crate) mod regex;
pub(crate) mod stored;
mod symbols;
#[cfg(feature = "testing")]
pub mod testing;

pub use crate::profile::TextProfile;
pub use crate::regex::{AnchoredSearch, Regex, RegexBuilder};

/// Why a pattern cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Not a valid regex (the parser's message).
    Syntax(String),
    /// It would compile to more than this many bytes ([`SIZE_LIMIT`]).
    TooBig(usize),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Syntax(message) => f.write_str(message),
            Error::TooBig(limit) => write!(f, "compiled regex exceeds {limit} bytes"),
        }
    }
}

impl std::error::Error for Error {}

/// The most bytes any compiled automaton of a regex may take (each of its NFAs, and each lazy
/// DFA's cache): a pattern whose Unicode forms could exceed it is refused by
/// [`RegexBuilder::build`], so a rule file cannot make a run slow or exhaust memory.
pub const SIZE_LIMIT: usize = 32 << 20;
