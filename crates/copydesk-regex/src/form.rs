//! One compiled form of a [`Regex`](crate::Regex) (see [`crate::regex`]), built so that a regex
//! costs little until it matches.
//!
//! Most regexes never match a given article: a legal notice, a page leftover, the exceptions of
//! a rule. Finding that out needs only a forward lazy DFA, which says where a match would end.
//! Where it starts needs a reverse automaton, and captures need the full regex engine; both
//! are built the first time they are needed, so a regex that never matches costs one forward
//! automaton, about half of what the full engine costs to build.
//!
//! Where the lazy DFA cannot give the exact answer (a Unicode word boundary, a pattern that can
//! match the empty string, a search on which it gives up) the full engine (`meta::Regex`, the
//! one the `regex` crate uses) answers instead, so results are always those of the full engine.

use crate::SIZE_LIMIT;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson::{self, WhichCaptures, NFA};
use regex_automata::util::captures::Captures;
use regex_automata::util::pool::Pool;
use regex_automata::{meta, Anchored, Input, MatchKind};
use regex_syntax::hir::Hir;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

type MakeCache =
    Box<dyn Fn() -> Cache + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;

/// A lazy DFA with a cache for each thread that searches with it.
struct LazyDfa {
    dfa: DFA,
    caches: Pool<Cache, MakeCache>,
}

impl std::fmt::Debug for LazyDfa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LazyDfa").finish_non_exhaustive()
    }
}

/// The automaton (Thompson NFA) a lazy DFA of `hir` is built from, forward or reverse; `None`
/// when it would take more than [`SIZE_LIMIT`] bytes.
pub(crate) fn nfa(hir: &Hir, reverse: bool) -> Option<NFA> {
    thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .nfa_size_limit(Some(SIZE_LIMIT))
                .which_captures(WhichCaptures::None)
                .reverse(reverse),
        )
        .build_from_hir(hir)
        .ok()
}

/// Whether the lazy DFAs answer the searches of a form of `hir`. They handle ASCII word
/// boundaries only (`\B` included), and the empty matches a pattern such as `\b` or `x*` makes
/// need care at each step: such forms go to the full engine. So do forms whose groups are
/// wanted, which only the full engine reports.
pub(crate) fn direct(hir: &Hir, groups: bool) -> bool {
    !groups
        && !hir.properties().look_set().contains_word_unicode()
        && hir.properties().minimum_len().is_some_and(|n| n > 0)
}

impl LazyDfa {
    /// The forward DFA (leftmost-first, as the full engine) or the reverse one (which finds the
    /// leftmost start of a match that ends at a given place) of `nfa`; `None` when it cannot be
    /// built, and the full engine is used.
    fn new(nfa: NFA, reverse: bool) -> Option<Box<LazyDfa>> {
        let mut config = DFA::config()
            .cache_capacity(SIZE_LIMIT)
            // Give up (and let the full engine search) rather than rebuild states for ever on
            // a text that defeats the cache; the figures are the full engine's own.
            .minimum_cache_clear_count(Some(3))
            .minimum_bytes_per_state(Some(10));
        if reverse {
            config = config
                .match_kind(MatchKind::All)
                .specialize_start_states(false);
        }
        let dfa = DFA::builder().configure(config).build_from_nfa(nfa).ok()?;
        let maker = dfa.clone();
        let make: MakeCache = Box::new(move || maker.create_cache());
        Some(Box::new(LazyDfa {
            dfa,
            caches: Pool::new(make),
        }))
    }
}

/// Makes a form's syntax tree again, for a form built from stored automata.
pub(crate) struct Remake(
    pub  Box<
        dyn Fn() -> Option<Hir> + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe,
    >,
);

impl std::fmt::Debug for Remake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Remake")
    }
}

/// A regex compiled for one alphabet and kind of word boundary.
#[derive(Debug)]
pub(crate) struct Form {
    /// The regex's syntax tree: given, or, for a form built from stored automata
    /// ([`crate::stored`]), made from the pattern when first needed (by the full engine, or a
    /// reverse automaton that was not stored).
    hir: OnceLock<Option<Hir>>,
    remake: Option<Remake>,
    groups: bool,
    /// `None` when the full engine answers every search. (Boxed, like the reverse DFA: a lazy
    /// DFA is most of a kilobyte, and a `Regex` holds seven forms, which are moved by value
    /// while rules are loaded.)
    forward: Option<Box<LazyDfa>>,
    /// The stored reverse automaton, for a form built from stored automata.
    stored_reverse: Option<&'static [u8]>,
    reverse: OnceLock<Option<Box<LazyDfa>>>,
    full: OnceLock<meta::Regex>,
}

impl Form {
    /// Builds the forward DFA now, the rest when first needed. Never fails: a form that cannot
    /// be built matches nothing (the size estimate made when the regex was built keeps that
    /// from happening).
    pub fn new(hir: Hir, groups: bool) -> Form {
        let forward = if direct(&hir, groups) {
            nfa(&hir, false).and_then(|nfa| LazyDfa::new(nfa, false))
        } else {
            None
        };
        Form {
            hir: OnceLock::from(Some(hir)),
            remake: None,
            groups,
            forward,
            stored_reverse: None,
            reverse: OnceLock::new(),
            full: OnceLock::new(),
        }
    }

    /// A form searched directly ([`direct`]) built from stored automata: `forward`, and the
    /// reverse one stored as `reverse`, decoded when first needed; `remake` makes the syntax
    /// tree should the full engine be needed. `None` if the forward DFA cannot be built.
    pub fn stored(forward: NFA, reverse: &'static [u8], remake: Remake) -> Option<Form> {
        Some(Form {
            hir: OnceLock::new(),
            remake: Some(remake),
            groups: false,
            forward: Some(LazyDfa::new(forward, false)?),
            stored_reverse: Some(reverse),
            reverse: OnceLock::new(),
            full: OnceLock::new(),
        })
    }

    /// Whether it was built from stored automata.
    #[cfg(any(test, feature = "testing"))]
    pub fn is_stored(&self) -> bool {
        self.stored_reverse.is_some()
    }

    /// The regex's syntax tree (`None` only if a stored form's pattern no longer translates).
    pub(crate) fn hir(&self) -> Option<&Hir> {
        self.hir
            .get_or_init(|| self.remake.as_ref().and_then(|remake| (remake.0)()))
            .as_ref()
    }

    /// A form that matches nothing.
    pub fn never() -> Form {
        let form = Form::new(Hir::fail(), false);
        let _ = form.full.set(NEVER.clone());
        form
    }

    /// A form that matches nothing, shared.
    pub fn never_ref() -> &'static Form {
        static NEVER_FORM: LazyLock<Form> = LazyLock::new(Form::never);
        &NEVER_FORM
    }

    /// The full engine.
    pub fn full(&self) -> &meta::Regex {
        self.full.get_or_init(|| {
            self.hir()
                .and_then(|hir| full_engine(hir, self.groups))
                .unwrap_or_else(|| NEVER.clone())
        })
    }

    /// Every match in `text`, as a lookup from a group's name to its range (`""`: the whole
    /// match). Needs a form whose groups are kept.
    pub fn captures_iter<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = impl Fn(&str) -> Option<Range<usize>> + 't> + 't {
        self.full()
            .captures_iter(text.as_bytes())
            .map(|caps: Captures| {
                move |name: &str| {
                    let group = if name.is_empty() {
                        caps.get_group(0)
                    } else {
                        caps.get_group_by_name(name)
                    };
                    group.map(|s| s.range())
                }
            })
    }

    /// The first match in `text`.
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        self.find_at(text, 0)
    }

    /// The first match in `text` that starts at `at` or later (what comes before `at` still
    /// counts for word boundaries and anchors).
    pub fn find_at(&self, text: &str, at: usize) -> Option<Range<usize>> {
        let input = Input::new(text).span(at..text.len());
        if let Some(found) = self.find_direct(&input) {
            return found;
        }
        self.full().search(&input).map(|m| m.range())
    }

    /// The lazy DFAs' answer, or `None` when they cannot give one.
    fn find_direct(&self, input: &Input<'_>) -> Option<Option<Range<usize>>> {
        let forward = self.forward.as_ref()?;
        let end = {
            let mut cache = forward.caches.get();
            forward.dfa.try_search_fwd(&mut cache, input).ok()?
        };
        let Some(end) = end else {
            return Some(None);
        };
        let reverse = self
            .reverse
            .get_or_init(|| {
                let nfa = self
                    .stored_reverse
                    .and_then(crate::stored::decode)
                    .or_else(|| nfa(self.hir()?, true))?;
                LazyDfa::new(nfa, true)
            })
            .as_ref()?;
        let back = input
            .clone()
            .span(input.start()..end.offset())
            .anchored(Anchored::Yes);
        let mut cache = reverse.caches.get();
        let start = reverse.dfa.try_search_rev(&mut cache, &back).ok()??;
        Some(Some(start.offset()..end.offset()))
    }

    /// A searcher for matches that start at given places, holding its cache for as many
    /// searches as it is asked (taking a cache from the pool costs a lock on a thread that
    /// does not own it, which a million searches would pay a million times).
    pub fn anchored(&self) -> FormSearch<'_> {
        FormSearch {
            form: self,
            cache: self.forward.as_ref().map(|f| f.caches.get()),
        }
    }

    pub fn is_match(&self, text: &str) -> bool {
        let input = Input::new(text).earliest(true);
        if let Some(forward) = &self.forward {
            let mut cache = forward.caches.get();
            if let Ok(found) = forward.dfa.try_search_fwd(&mut cache, &input) {
                return found.is_some();
            }
        }
        self.full().is_match(input)
    }

    /// The successive non-overlapping matches in `text`.
    pub fn find_iter<'t>(&'t self, text: &'t str) -> Matches<'t> {
        if self.forward.is_some() {
            Matches::Direct {
                form: self,
                text,
                at: 0,
            }
        } else {
            Matches::Full(self.full().find_iter(text.as_bytes()))
        }
    }
}

/// Searches for matches that start at given places ([`Form::anchored`]).
pub(crate) struct FormSearch<'f> {
    form: &'f Form,
    cache: Option<regex_automata::util::pool::PoolGuard<'f, Cache, MakeCache>>,
}

impl FormSearch<'_> {
    /// The end of the match that starts exactly at `at`, if there is one (what comes before
    /// `at` still counts for word boundaries and anchors).
    pub fn match_at(&mut self, text: &str, at: usize) -> Option<usize> {
        let input = Input::new(text)
            .span(at..text.len())
            .anchored(Anchored::Yes);
        if let (Some(forward), Some(cache)) = (&self.form.forward, self.cache.as_mut()) {
            if let Ok(found) = forward.dfa.try_search_fwd(cache, &input) {
                return found.map(|end| end.offset());
            }
        }
        self.form.full().search(&input).map(|m| m.end())
    }
}

/// The iterator of [`Form::find_iter`].
pub(crate) enum Matches<'t> {
    Direct {
        form: &'t Form,
        text: &'t str,
        at: usize,
    },
    Full(meta::FindMatches<'t, 't>),
}

impl Iterator for Matches<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        match self {
            Matches::Full(matches) => matches.next().map(|m| m.range()),
            Matches::Direct { form, text, at } => {
                if *at > text.len() {
                    return None;
                }
                let found = form.find_at(text, *at)?;
                // Forms searched directly cannot match the empty string; step over one
                // anyway rather than loop.
                *at = if found.is_empty() {
                    found.end + text[found.end..].chars().next().map_or(1, char::len_utf8)
                } else {
                    found.end
                };
                Some(found)
            }
        }
    }
}

/// A regex that matches nothing, for a form that could not be built.
static NEVER: LazyLock<meta::Regex> = LazyLock::new(|| {
    meta::Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!("a valid pattern"))
});

/// The full engine for `hir`; `None` if it cannot be built (larger than [`SIZE_LIMIT`]).
fn full_engine(hir: &Hir, groups: bool) -> Option<meta::Regex> {
    // Any Unicode word look-around, `\B` included, stops the lazy DFA at a character outside
    // ASCII; the bounded backtracker then searches rather than the slower PikeVM.
    let unicode_words = hir.properties().look_set().contains_word_unicode();
    let config = meta::Config::new()
        .nfa_size_limit(Some(SIZE_LIMIT))
        .hybrid_cache_capacity(SIZE_LIMIT)
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
        .ok()
}
