//! The built-in patterns' automata, compiled when copydesk is built rather than each time it
//! runs.
//!
//! Checking one article (a pre-commit hook, an editor) used to spend most of its time turning
//! the built-in patterns it searches with into automata: parsing them, translating them to
//! syntax trees, compiling those to Thompson NFAs. Those NFAs depend on nothing but the pattern
//! and the code that builds them, so the ones a check of ASCII or common news text needs (the
//! ASCII and symbols forms of [`crate::regex`], forward and reverse) are kept in
//! `automata.bin` beside this file and rebuilt from it, which costs about a third as much. The
//! lazy DFAs that search with them are built at run time, as for every other pattern; the
//! Unicode forms (an article with a letter outside ASCII) and rule authors' own patterns are
//! compiled as they are needed. Only regexes built with
//! [`RegexBuilder::build_trusted`](crate::RegexBuilder::build_trusted) look here.
//!
//! The file is made by copydesk's test `the_stored_automata_are_current` (in
//! `src/rules/builtin_regexes.rs`, where the built-in patterns are known, through
//! [`crate::testing`]), which fails when it no longer matches what the code would build (a
//! built-in pattern changed, the code that compiles patterns, or regex-automata);
//! `COPYDESK_BLESS=1 cargo test --lib the_stored_automata` writes it again. That test is what
//! keeps the file's automata current. The file is also stamped with [`FORMAT_VERSION`], bumped
//! by hand when the encoding below changes: a file of another version is not read, and
//! everything is compiled as it is needed, so an old file can make copydesk slower, never wrong.
//!
//! A regex that is searched anchored at many places (see
//! [`RegexBuilder::searched_anchored`](crate::RegexBuilder::searched_anchored)) also has a
//! full DFA of each stock form stored, made for anchored searches only: read in place, with no
//! automaton to rebuild and no states to build while searching, it makes such a regex cost
//! nothing to start (the time recogniser tries its shapes at every word of an article, and
//! rebuilding their NFAs and DFA states was most of the time a check of one article took).
//! It is `regex-automata`'s own sparse DFA encoding, which that crate checks as it reads.
//!
//! The format is this module's own: a magic number, the version, a table of entries sorted by a
//! hash of what identifies them (so a lookup reads no other entry), then the entries: the
//! pattern's text, whether it is case-insensitive, which form, the forward and the reverse NFA,
//! and the anchored DFA (empty when there is none).
//! An NFA is its states in order, each a tag and its transitions, with state ids written
//! relative to the state's own id (most point close by), numbers as LEB128. Decoding checks
//! every id and range before the NFA builder sees it.

use regex_automata::dfa::sparse;
use regex_automata::dfa::StartKind;
#[cfg(any(test, feature = "testing"))]
use regex_automata::nfa::thompson::State;
use regex_automata::nfa::thompson::{Builder, Transition, NFA};
use regex_automata::util::look::Look;
#[cfg(any(test, feature = "testing"))]
use regex_automata::util::primitives::PatternID;
use regex_automata::util::primitives::StateID;

/// The stored automata.
static FILE: &[u8] = include_bytes!("automata.bin");

/// Identifies the file.
const MAGIC: &[u8; 8] = b"cdnfa\0\0\0";

/// The version of the encoding, written after [`MAGIC`]. Bump it by hand whenever what
/// [`encode`] writes or [`decode`] reads changes (then write the file again): a file of another
/// version is ignored. (Version 1 was stamped with a hash of the source files instead;
/// version 2 had no anchored DFAs.)
const FORMAT_VERSION: u32 = 3;

/// The most bytes an anchored DFA may take in the file: a pattern whose DFA would be larger is
/// searched with the lazy DFA of its stored NFA instead.
#[cfg(any(test, feature = "testing"))]
const ANCHORED_LIMIT: usize = 1 << 20;

/// The forms whose automata can be stored ahead of time for the built-in patterns: those for
/// ASCII text and for the usual news copy that is not ASCII (see [`crate::regex`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StockForm {
    Ascii,
    /// A text whose only characters outside ASCII are not word characters; `ascii_space`:
    /// and not spaces either.
    Symbols {
        ascii_space: bool,
    },
}

#[cfg(any(test, feature = "testing"))]
impl StockForm {
    pub(crate) const ALL: [StockForm; 3] = [
        StockForm::Ascii,
        StockForm::Symbols { ascii_space: true },
        StockForm::Symbols { ascii_space: false },
    ];
}

const fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut p = 0;
    while p < parts.len() {
        let part = parts[p];
        let mut i = 0;
        while i < part.len() {
            if part[i] != b'\r' {
                hash ^= part[i] as u64;
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
            i += 1;
        }
        p += 1;
    }
    hash
}

/// The key byte of a form: bit 0 case-insensitive, the rest the form.
fn key(case_insensitive: bool, stock: StockForm) -> u8 {
    let form = match stock {
        StockForm::Ascii => 0,
        StockForm::Symbols { ascii_space: true } => 1,
        StockForm::Symbols { ascii_space: false } => 2,
    };
    form << 1 | u8::from(case_insensitive)
}

/// What the table of the file is sorted by: a hash of the key byte, the pattern's length and
/// its ends (enough to tell the built-in patterns apart; the pattern itself is then compared).
fn slot(key: u8, pattern: &str) -> u64 {
    let bytes = pattern.as_bytes();
    let ends = 64.min(bytes.len());
    fnv1a(&[
        &[key],
        &(bytes.len() as u64).to_le_bytes(),
        &bytes[..ends],
        &bytes[bytes.len() - ends..],
    ])
}

/// The length of a row of the table: the slot (8 bytes) and the entry's offset (4).
const ROW: usize = 12;

/// The table (rows sorted by slot) and the entries after it, if `file` is this code's.
fn parts(file: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut r = Reader {
        bytes: file.strip_prefix(MAGIC)?,
    };
    if r.take(4)? != FORMAT_VERSION.to_le_bytes() {
        return None;
    }
    let rows = u32::from_le_bytes(r.take(4)?.try_into().ok()?) as usize;
    let table = r.take(rows.checked_mul(ROW)?)?;
    Some((table, r.bytes))
}

/// The stored forward NFA of a form of `pattern`, and the encoded reverse one, if stored.
pub(crate) fn find(
    pattern: &str,
    case_insensitive: bool,
    stock: StockForm,
) -> Option<(NFA, &'static [u8])> {
    let Entry {
        forward, reverse, ..
    } = entry(FILE, key(case_insensitive, stock), pattern)?;
    Some((decode(forward)?, reverse))
}

/// The stored anchored DFA of a form of `pattern`, if there is one and it reads as a DFA made
/// for anchored searches (its NFA is not decoded).
pub(crate) fn find_anchored(
    pattern: &str,
    case_insensitive: bool,
    stock: StockForm,
) -> Option<sparse::DFA<&'static [u8]>> {
    let Entry { anchored, .. } = entry(FILE, key(case_insensitive, stock), pattern)?;
    read_anchored(anchored)
}

/// An anchored DFA from its bytes, if they are one this code can search with (written on a
/// machine of the same byte order, for anchored searches).
pub(crate) fn read_anchored(bytes: &[u8]) -> Option<sparse::DFA<&[u8]>> {
    if bytes.is_empty() {
        return None;
    }
    let (dfa, _) = sparse::DFA::from_bytes(bytes).ok()?;
    matches!(dfa.start_kind(), StartKind::Anchored | StartKind::Both).then_some(dfa)
}

/// The encoded automata of one entry.
struct Entry<'a> {
    forward: &'a [u8],
    reverse: &'a [u8],
    /// Empty when there is none.
    anchored: &'a [u8],
}

/// The encoded automata stored in `file` for `key` and `pattern`.
fn entry<'a>(file: &'a [u8], key: u8, pattern: &str) -> Option<Entry<'a>> {
    let (table, entries) = parts(file)?;
    let slot_of = |row: usize| -> u64 {
        let at = row * ROW;
        u64::from_le_bytes(table[at..at + 8].try_into().unwrap_or_default())
    };
    let wanted = slot(key, pattern);
    let rows = table.len() / ROW;
    // The first row whose slot is not below the one wanted, then every row with that slot.
    let first = {
        let (mut lo, mut hi) = (0, rows);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if slot_of(mid) < wanted {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    };
    (first..rows)
        .take_while(|&row| slot_of(row) == wanted)
        .find_map(|row| {
            let at = row * ROW + 8;
            let offset = u32::from_le_bytes(table[at..at + 4].try_into().ok()?) as usize;
            let mut r = Reader {
                bytes: entries.get(offset..)?,
            };
            if r.byte()? != key {
                return None;
            }
            let len = r.number()?;
            if r.take(len)? != pattern.as_bytes() {
                return None;
            }
            let mut part = || {
                let len = r.number()?;
                r.take(len)
            };
            Some(Entry {
                forward: part()?,
                reverse: part()?,
                anchored: part()?,
            })
        })
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        if len > self.bytes.len() {
            return None;
        }
        let (taken, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        Some(taken)
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    /// An unsigned LEB128 number that fits in a `usize`.
    fn number(&mut self) -> Option<usize> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return usize::try_from(n).ok();
            }
        }
        None
    }

    /// A state id written relative to `from` (zigzag-encoded), checked to be below `len`.
    fn id(&mut self, from: usize, len: usize) -> Option<StateID> {
        let z = self.number()?;
        let delta = (z >> 1) as isize ^ -((z & 1) as isize);
        let id = from.checked_add_signed(delta).filter(|&id| id < len)?;
        StateID::new(id).ok()
    }
}

/// Rebuilds an NFA from its encoding; `None` if the bytes are not a whole, valid one (every
/// state id is checked before the builder sees it).
pub(crate) fn decode(bytes: &[u8]) -> Option<NFA> {
    let mut r = Reader { bytes };
    let flags = r.byte()?;
    let len = r.number()?;
    // Each state takes at least one byte: a length beyond that is not this format's.
    if len == 0 || len > r.bytes.len() {
        return None;
    }
    let anchored = r.id(0, len)?;
    let unanchored = r.id(0, len)?;
    let start = r.id(0, len)?;
    let mut builder = Builder::new();
    builder.set_utf8(flags & 1 != 0);
    builder.set_reverse(flags & 2 != 0);
    builder.start_pattern().ok()?;
    for at in 0..len {
        let transition = |r: &mut Reader| -> Option<Transition> {
            let (start, end) = (r.byte()?, r.byte()?);
            (start <= end).then_some(())?;
            Some(Transition {
                start,
                end,
                next: r.id(at, len)?,
            })
        };
        let added = match r.byte()? {
            0 => builder.add_range(transition(&mut r)?),
            1 => {
                let n = r.number()?;
                if !(2..=256).contains(&n) {
                    return None;
                }
                let mut transitions = Vec::with_capacity(n);
                for _ in 0..n {
                    transitions.push(transition(&mut r)?);
                }
                // In order and apart, as the compiler makes them.
                if transitions.windows(2).any(|w| w[0].end >= w[1].start) {
                    return None;
                }
                builder.add_sparse(transitions)
            }
            2 => {
                let look = Look::from_repr(u32::try_from(r.number()?).ok()?)?;
                builder.add_look(r.id(at, len)?, look)
            }
            3 => {
                let n = r.number()?;
                if !(2..=len).contains(&n) {
                    return None;
                }
                let mut alternates = Vec::with_capacity(n);
                for _ in 0..n {
                    alternates.push(r.id(at, len)?);
                }
                builder.add_union(alternates)
            }
            4 => builder.add_fail(),
            5 => builder.add_match(),
            _ => return None,
        };
        // The builder numbers states in the order they are added: the ids written are those.
        if added.ok()?.as_usize() != at {
            return None;
        }
    }
    if !r.bytes.is_empty() {
        return None;
    }
    builder.finish_pattern(start).ok()?;
    builder.build(anchored, unanchored).ok()
}

/// Writes `n` as an unsigned LEB128 number.
#[cfg(any(test, feature = "testing"))]
fn number(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let low = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

/// Writes `nfa` in the format [`decode`] reads; `None` for a state kind the built-in patterns do
/// not compile to (captures, dense transitions) or an NFA of more than one pattern.
#[cfg(any(test, feature = "testing"))]
fn encode(nfa: &NFA) -> Option<Vec<u8>> {
    fn id(out: &mut Vec<u8>, from: usize, to: StateID) {
        let delta = to.as_usize() as isize - from as isize;
        number(out, ((delta << 1) ^ (delta >> (isize::BITS - 1))) as usize);
    }
    fn transition(out: &mut Vec<u8>, at: usize, t: &Transition) {
        out.extend([t.start, t.end]);
        id(out, at, t.next);
    }
    if nfa.pattern_len() != 1 {
        return None;
    }
    let mut out = vec![u8::from(nfa.is_utf8()) | u8::from(nfa.is_reverse()) << 1];
    number(&mut out, nfa.states().len());
    id(&mut out, 0, nfa.start_anchored());
    id(&mut out, 0, nfa.start_unanchored());
    id(&mut out, 0, nfa.start_pattern(PatternID::ZERO)?);
    for (at, state) in nfa.states().iter().enumerate() {
        match state {
            State::ByteRange { trans } => {
                out.push(0);
                transition(&mut out, at, trans);
            }
            State::Sparse(sparse) => {
                out.push(1);
                number(&mut out, sparse.transitions.len());
                for t in sparse.transitions.iter() {
                    transition(&mut out, at, t);
                }
            }
            State::Look { look, next } => {
                out.push(2);
                number(&mut out, look.as_repr() as usize);
                id(&mut out, at, *next);
            }
            State::BinaryUnion { alt1, alt2 } => {
                out.push(3);
                number(&mut out, 2);
                id(&mut out, at, *alt1);
                id(&mut out, at, *alt2);
            }
            State::Union { alternates } => {
                out.push(3);
                number(&mut out, alternates.len());
                for &alt in alternates.iter() {
                    id(&mut out, at, alt);
                }
            }
            State::Fail => out.push(4),
            State::Match { .. } => out.push(5),
            State::Dense(_) | State::Capture { .. } => return None,
        }
    }
    Some(out)
}

/// A full DFA of `nfa` (a forward one) for anchored searches, as bytes [`read_anchored`]
/// reads; `None` when it would take more than [`ANCHORED_LIMIT`] bytes or cannot be built.
#[cfg(any(test, feature = "testing"))]
pub(crate) fn anchored_dfa(nfa: &NFA) -> Option<Vec<u8>> {
    use regex_automata::dfa::dense;
    let dense = dense::Builder::new()
        .configure(
            dense::Config::new()
                // Matches as the lazy DFA of the same NFA finds them (leftmost-first).
                .match_kind(regex_automata::MatchKind::LeftmostFirst)
                .start_kind(StartKind::Anchored)
                // Fewer states: less to check as the DFA is read, at every run.
                .minimize(true)
                .dfa_size_limit(Some(16 * ANCHORED_LIMIT))
                .determinize_size_limit(Some(16 * ANCHORED_LIMIT)),
        )
        .build_from_nfa(nfa)
        .ok()?;
    let bytes = dense.to_sparse().ok()?.to_bytes_little_endian();
    (bytes.len() <= ANCHORED_LIMIT).then_some(bytes)
}

/// One entry of the file: the pattern, whether it is case-insensitive, which form, its forward
/// and reverse NFAs, and whether it gets an anchored DFA.
#[cfg(any(test, feature = "testing"))]
pub(crate) struct Stock {
    pub pattern: String,
    pub case_insensitive: bool,
    pub stock: StockForm,
    pub forward: NFA,
    pub reverse: NFA,
    pub anchored: bool,
}

/// The file that holds `entries`. Panics if an NFA does not read back as itself, or an
/// anchored DFA cannot be read back.
#[cfg(any(test, feature = "testing"))]
pub(crate) fn file(entries: impl IntoIterator<Item = Stock>) -> Vec<u8> {
    use std::collections::BTreeMap;
    let mut sorted = BTreeMap::new();
    for Stock {
        pattern,
        case_insensitive,
        stock,
        forward,
        reverse,
        anchored,
    } in entries
    {
        let coded = |nfa: &NFA| {
            let bytes = encode(nfa).expect("a built-in pattern's NFA encodes");
            // What is read back must be the very automaton that was compiled.
            let back = decode(&bytes).expect("an encoded NFA decodes");
            assert_eq!(format!("{back:?}"), format!("{nfa:?}"), "{pattern}");
            bytes
        };
        let key = key(case_insensitive, stock);
        let dfa = anchored
            .then(|| anchored_dfa(&forward))
            .flatten()
            .unwrap_or_default();
        assert!(
            dfa.is_empty() || read_anchored(&dfa).is_some(),
            "an anchored DFA reads back: {pattern}"
        );
        let coded = (coded(&forward), coded(&reverse), dfa);
        sorted.insert((pattern, key), coded);
    }
    let mut table: Vec<(u64, u32)> = Vec::new();
    let mut body = Vec::new();
    for ((pattern, key), (forward, reverse, dfa)) in sorted {
        table.push((slot(key, &pattern), body.len() as u32));
        body.push(key);
        for part in [pattern.as_bytes(), &forward, &reverse, &dfa] {
            number(&mut body, part.len());
            body.extend(part);
        }
    }
    table.sort();
    let mut out = MAGIC.to_vec();
    out.extend(FORMAT_VERSION.to_le_bytes());
    out.extend((table.len() as u32).to_le_bytes());
    for (slot, offset) in table {
        out.extend(slot.to_le_bytes());
        out.extend(offset.to_le_bytes());
    }
    out.extend(body);
    out
}

/// The stored automata built into this crate.
#[cfg(any(test, feature = "testing"))]
pub(crate) fn stored_file() -> &'static [u8] {
    FILE
}

/// Whether `file` is in this format and version, with at least one entry.
#[cfg(any(test, feature = "testing"))]
pub(crate) fn readable(file: &[u8]) -> bool {
    parts(file).is_some_and(|(table, _)| !table.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Damaged bytes are refused, never a panic or a wrong automaton taken for a right one.
    #[test]
    fn damaged_encodings_are_refused() {
        let nfa = crate::form::nfa(
            &regex_syntax::parse(r"(?i)\bcould (?:face|get)\b").unwrap(),
            false,
        )
        .unwrap();
        let bytes = encode(&nfa).unwrap();
        assert!(decode(&bytes).is_some());
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        let longer = [&bytes[..], &[0]].concat();
        assert!(decode(&longer).is_none());
        // Any one byte changed decodes to nothing or to some valid NFA: never a panic.
        for at in 0..bytes.len() {
            for value in [0, 1, 2, 3, 5, 0x7f, 0x80, 0xff] {
                let mut changed = bytes.to_vec();
                changed[at] = value;
                let _ = decode(&changed);
            }
        }
    }

    /// Damaged anchored DFA bytes, or a DFA not made for anchored searches, are refused.
    #[test]
    fn damaged_or_unanchored_dfas_are_refused() {
        let nfa = crate::form::nfa(
            &regex_syntax::parse(r"(?-u:\b)(?:last|next) week(?-u:\b)").unwrap(),
            false,
        )
        .unwrap();
        let bytes = anchored_dfa(&nfa).unwrap();
        assert!(read_anchored(&bytes).is_some());
        assert!(read_anchored(&[]).is_none());
        for cut in [1, 8, bytes.len() / 2, bytes.len() - 1] {
            assert!(read_anchored(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        for at in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[at] ^= 0x55;
            let _ = read_anchored(&changed);
        }
        let unanchored = regex_automata::dfa::dense::Builder::new()
            .configure(regex_automata::dfa::dense::Config::new().start_kind(StartKind::Unanchored))
            .build_from_nfa(&nfa)
            .unwrap()
            .to_sparse()
            .unwrap()
            .to_bytes_little_endian();
        assert!(read_anchored(&unanchored).is_none());
    }

    /// A file of another version, or not this format, is not read.
    #[test]
    fn a_file_of_another_format_version_is_ignored() {
        assert!(parts(b"not the format").is_none());
        let (table, _) = parts(FILE).unwrap();
        let mut other = FILE.to_vec();
        other[MAGIC.len()] ^= 1;
        assert!(parts(&other).is_none());
        // The same file with this code's version finds what it holds, and nothing else.
        let offset = u32::from_le_bytes(table[8..12].try_into().unwrap()) as usize;
        let (_, entries) = parts(FILE).unwrap();
        let mut r = Reader {
            bytes: &entries[offset..],
        };
        let key = r.byte().unwrap();
        let len = r.number().unwrap();
        let pattern = std::str::from_utf8(r.take(len).unwrap()).unwrap();
        assert!(entry(FILE, key, pattern).is_some());
        assert!(entry(&other, key, pattern).is_none());
        assert!(entry(FILE, key ^ 1, &format!("{pattern}x")).is_none());
    }
}
