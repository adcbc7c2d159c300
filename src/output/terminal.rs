//! Keeping article text from driving the reader's terminal.
//!
//! An article scraped from the web, or crafted, can hold escape sequences (`ESC [ 2 J` clears
//! the screen), a lone carriage return (rewrites the line), or bidirectional overrides (make
//! text read other than it is). Whatever copydesk echoes of an article to a terminal goes
//! through here first; JSON output escapes control characters itself.
//!
//! The same goes for every other text copydesk did not write itself: file names, the messages,
//! help and descriptions of rule files, and the TOML quoted in an error.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal raw. Line feeds and tabs are layout; a carriage return
/// is checked by the callers, since one before a line feed is only a line ending. The line and
/// paragraph separators end a line in some log viewers and editors.
fn dangerous(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t' && c != '\r')
        || matches!(
            c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}'
        )
}

/// Bidirectional marks: harmless in article text (Arabic and Hebrew copy holds them), but in a
/// name or a message they can make what is shown read other than what it is.
fn mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{61c}')
}

fn lone_cr(text: &str, i: usize) -> bool {
    text.as_bytes().get(i) == Some(&b'\r') && text.as_bytes().get(i + 1) != Some(&b'\n')
}

/// `text` with every dangerous character replaced by `?` repeated to its byte length, and every
/// lone CR by a line feed, so that byte spans into the original still fit (for rendering the
/// article around a finding) and its lines are the lines [`crate::lines::LineIndex`] counts.
pub fn same_length(text: &str) -> Cow<'_, str> {
    let needs = text
        .char_indices()
        .any(|(i, c)| dangerous(c) || (c == '\r' && lone_cr(text, i)));
    if !needs {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if c == '\r' && lone_cr(text, i) {
            // A lone CR ends a line (old Mac files): shown as the line break it is.
            out.push('\n');
        } else if dangerous(c) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` with every dangerous character, carriage return and bidirectional mark written as a
/// visible escape, `\u{1b}`: for messages, labels and help, where length does not matter and
/// line feeds are the text's own layout.
pub fn escaped(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| dangerous(c) || c == '\r' || mark(c))
}

/// [`escaped`], with line feeds and tabs escaped too: for file names and anything else shown
/// within one line, where a line feed would start a line of its own (a forged finding, or a
/// `::warning::` workflow command in a CI log) and a tab would pass for a separator.
pub fn escaped_line(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| {
        dangerous(c) || c == '\r' || mark(c) || c == '\n' || c == '\t'
    })
}

fn escape_where(text: &str, escape: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escape(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_overrides_are_defused() {
        let text = "a\u{1b}[2Jb\r\nc\rd\u{202e}e\u{85}";
        let safe = same_length(text);
        assert_eq!(safe.len(), text.len());
        assert_eq!(safe, "a?[2Jb\r\nc\nd???e??");
        assert_eq!(escaped("x\u{1b}y\rz"), "x\\u{1b}y\\u{d}z");
        assert!(matches!(same_length("plain £ text\r\n"), Cow::Borrowed(_)));
        assert_eq!(same_length("a\u{2028}b"), "a???b");
        assert_eq!(escaped("a\nb\u{200f}"), "a\nb\\u{200f}");
        assert_eq!(escaped_line("a\nb\tc"), "a\\u{a}b\\u{9}c");
    }
}
