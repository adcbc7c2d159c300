//! Keeping article text from driving the reader's terminal.
//!
//! An article scraped from the web, or crafted, can hold escape sequences (`ESC [ 2 J` clears
//! the screen), a lone carriage return (rewrites the line), or bidirectional overrides (make
//! text read other than it is). Whatever copydesk echoes of an article to a terminal goes
//! through here first; JSON output escapes control characters itself.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal raw. Line feeds and tabs are layout; a carriage return
/// is checked by the callers, since one before a line feed is only a line ending.
fn dangerous(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t' && c != '\r')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn lone_cr(text: &str, i: usize) -> bool {
    text.as_bytes().get(i) == Some(&b'\r') && text.as_bytes().get(i + 1) != Some(&b'\n')
}

/// `text` with every dangerous character replaced by `?` repeated to its byte length, so that
/// byte spans into the original still fit (for rendering the article around a finding).
pub fn same_length(text: &str) -> Cow<'_, str> {
    let needs = text
        .char_indices()
        .any(|(i, c)| dangerous(c) || (c == '\r' && lone_cr(text, i)));
    if !needs {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if dangerous(c) || (c == '\r' && lone_cr(text, i)) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` with every dangerous character (and every line break) written as a visible escape,
/// `\u{1b}`: for messages, labels and file names, where length does not matter.
pub fn escaped(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| dangerous(c) || c == '\r') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if dangerous(c) || c == '\r' {
            out.push_str(&c.escape_unicode().to_string());
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
        assert_eq!(safe, "a?[2Jb\r\nc?d???e??");
        assert_eq!(escaped("x\u{1b}y\rz"), "x\\u{1b}y\\u{d}z");
        assert!(matches!(same_length("plain £ text\r\n"), Cow::Borrowed(_)));
    }
}
