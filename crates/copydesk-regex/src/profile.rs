//! The profile of a text's alphabet: which of its characters lie outside ASCII, which decides
//! the compiled form of a regex that searches it.

/// The characters a compiled form can match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Alphabet {
    Ascii,
    /// ASCII, Latin-1, general punctuation and currency signs.
    Common,
    All,
}

/// The ranges of [`Alphabet::Common`].
pub(crate) const COMMON: [(char, char); 3] = [
    ('\0', '\u{ff}'),
    ('\u{2000}', '\u{206f}'),
    ('\u{20a0}', '\u{20cf}'),
];

pub(crate) fn in_common(c: char) -> bool {
    COMMON.iter().any(|&(lo, hi)| lo <= c && c <= hi)
}

/// The profile of a text's alphabet: whether it holds a character outside ASCII, one outside
/// the common alphabet (ASCII, Latin-1, general punctuation, currency signs), a letter or digit
/// outside ASCII, and a space outside ASCII. It decides which compiled form of a [`Regex`]
/// searches the text.
///
/// A profile made of a text is good for searching that text and any part of it: one profile
/// for a whole article means every regex compiles one form for all of its sentences.
///
/// [`Regex`]: crate::Regex
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextProfile {
    pub(crate) beyond_ascii: bool,
    /// A character outside the common alphabet.
    pub(crate) outside: bool,
    /// A word character (letter, digit, mark, connector) outside ASCII.
    pub(crate) word: bool,
    /// A space outside ASCII (a no-break space, a thin space).
    pub(crate) space: bool,
}

impl TextProfile {
    /// A profile that also covers every text this one covers, chosen so that plain ASCII texts
    /// and texts whose only characters outside ASCII are symbols (curly quotes, dashes, `£`)
    /// share one: a program that searches a mix of both with many regexes then builds each
    /// regex's automaton, and its states, once rather than twice. Searching with it finds
    /// exactly what searching with this profile finds.
    pub fn widened(self) -> TextProfile {
        if self.outside || self.word || self.space {
            return self;
        }
        TextProfile {
            beyond_ascii: true,
            ..self
        }
    }

    /// The profile of `text`.
    pub fn of(text: &str) -> TextProfile {
        let Some(first) = text.bytes().position(|b| !b.is_ascii()) else {
            return TextProfile::default();
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
        TextProfile {
            beyond_ascii: true,
            outside,
            word,
            space,
        }
    }
}
