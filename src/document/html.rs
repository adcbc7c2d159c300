//! HTML articles, as a CMS exports them, and HTML blocks inside Markdown: the article text from
//! paragraphs, headings, block quotes and list items, read with html5gum's source positions.
//!
//! Tags are never prose; neither is anything in `<script>`, `<style>`, `<head>`, navigation
//! (`<nav>`, `<header>`, `<footer>`, `<aside>`, `<form>`, …) or a comment. Every span stays a byte
//! range of the HTML source, so `--fix` edits the HTML file and every format reports the right
//! line and column. An entity (`&rsquo;`, `&amp;`, `&#8217;`) is decoded in the mask: its
//! character, then invisible format characters (soft hyphen, word joiner) to keep the mask the
//! length of the source without splitting a word for word and sentence boundaries
//! (`don&rsquo;t` is one word). A rule's regex that spans an entity sees the padding, though:
//! `didn’t` written `didn&rsquo;t` is not matched by a pattern for `didn’t`.

use super::{BlockKind, RawBlock};
use crate::diagnostic::Span;
use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Elements whose content is never article text.
const HIDDEN: &[&str] = &[
    "head",
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "textarea",
    "svg",
    "math",
    "iframe",
    "object",
    "canvas",
    "code",
    "pre",
    "title",
    "plaintext",
    "xmp",
    "noembed",
];

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "dd",
    "dt",
    "figcaption",
    "td",
    "th",
    "caption",
    "div",
    "section",
    "article",
    "main",
    "body",
    "html",
    "ul",
    "ol",
    "dl",
    "table",
    "tr",
    "figure",
    "br",
    "hr",
    "summary",
    "details",
    "address",
];

/// Elements that never have an end tag: a start tag of one opens nothing.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// What reading one stretch of HTML found.
pub(crate) struct Html {
    pub blocks: Vec<RawBlock>,
    /// The comments, where suppressions are written.
    pub comments: Vec<Span>,
    /// The entities decoded in the mask, sorted.
    pub entities: Vec<Span>,
}

/// Reads the HTML in `range` of `source`. `mask` holds `source`'s bytes there on entry; on
/// return everything in `range` that is not article text is blanked and entities are decoded.
pub(crate) fn read(source: &str, mask: &mut String, range: Span) -> Html {
    let html = &source[range.start..range.end];
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Script and style content is raw text, as a browser reads it.
    emitter.naively_switch_states(true);
    let mut prose: Vec<Span> = Vec::new();
    let mut blocks: Vec<RawBlock> = Vec::new();
    let mut comments = Vec::new();
    // Open elements that matter: hidden ones (a stack, with a count per name so that an end tag
    // of an element not open costs nothing, and one that is open truncates what it searched:
    // linear overall), block quotes, lists (whether each open list has an item open), and the
    // current block's kind.
    let mut hidden = Hidden::default();
    let mut quotes = 0usize;
    let mut lists: Vec<bool> = Vec::new();
    // Open `article` and `main` elements.
    let mut articles = 0usize;
    let mut heading: Option<u8> = None;
    let mut open: Option<(BlockKind, Span)> = None;
    let flush = |open: &mut Option<(BlockKind, Span)>, blocks: &mut Vec<RawBlock>| {
        if let Some((kind, span)) = open.take() {
            blocks.push(RawBlock { kind, span });
        }
    };
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                // `<script src=…/>` still opens a script as far as the tokenizer goes: only the
                // void elements open nothing.
                let void = VOID.contains(&name.as_str());
                let block = BLOCKS.contains(&name.as_str()) || heading_level(&name).is_some();
                // The body, or anything that cannot be in the head, ends a head whose end tag
                // was left out (HTML allows that).
                if name == "body" || (block && name != "html") {
                    hidden.close("head");
                }
                // A page's header is furniture; an article's own header holds its headline and
                // standfirst.
                let own_header = name == "header" && articles > 0;
                if let Some(&known) = HIDDEN.iter().find(|h| **h == name) {
                    if !void && !own_header {
                        hidden.open(known);
                    }
                }
                if name == "article" || name == "main" {
                    articles += 1;
                }
                if block {
                    flush(&mut open, &mut blocks);
                }
                if void {
                    continue;
                }
                match name.as_str() {
                    "blockquote" => quotes += 1,
                    "ul" | "ol" | "dl" | "menu" => lists.push(false),
                    "li" | "dd" | "dt" => match lists.last_mut() {
                        Some(item) => *item = true,
                        // An item outside any list: a list of its own.
                        None => lists.push(true),
                    },
                    _ => {}
                }
                if let Some(level) = heading_level(&name) {
                    heading = Some(level);
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                hidden.close(&name);
                if name == "article" || name == "main" {
                    articles = articles.saturating_sub(1);
                }
                if BLOCKS.contains(&name.as_str()) || heading_level(&name).is_some() {
                    flush(&mut open, &mut blocks);
                }
                match name.as_str() {
                    "blockquote" => quotes = quotes.saturating_sub(1),
                    "li" | "dd" | "dt" => {
                        if let Some(item) = lists.last_mut() {
                            *item = false;
                        }
                    }
                    // A list's end closes its items, whose end tags HTML lets one leave out.
                    "ul" | "ol" | "dl" | "menu" => {
                        lists.pop();
                    }
                    _ => {}
                }
                if heading_level(&name).is_some() {
                    heading = None;
                }
            }
            Token::String(text) => {
                if !hidden.is_empty() {
                    continue;
                }
                let span = Span::new(text.span.start, text.span.end).offset(range.start);
                let Some(span) = trimmed(source, span) else {
                    continue;
                };
                prose.push(span);
                let in_item = lists.iter().any(|&item| item);
                let kind = match (heading, quotes, in_item) {
                    (Some(level), _, _) => BlockKind::Heading(level),
                    (None, q, _) if q > 0 => BlockKind::Blockquote,
                    (None, 0, true) => BlockKind::ListItem,
                    _ => BlockKind::Paragraph,
                };
                open = Some(match open {
                    Some((k, s)) => (k, Span::new(s.start, span.end)),
                    None => (kind, span),
                });
            }
            Token::Comment(comment) => {
                comments.push(Span::new(comment.span.start, comment.span.end).offset(range.start));
            }
            Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    flush(&mut open, &mut blocks);
    let entities = keep_prose(source, mask, range, &prose);
    Html {
        blocks,
        comments,
        entities,
    }
}

/// The open elements whose content is not article text.
#[derive(Default)]
struct Hidden {
    stack: Vec<&'static str>,
    open: std::collections::HashMap<&'static str, usize>,
}

impl Hidden {
    fn is_empty(&self) -> bool {
        self.stack.is_empty()
    }

    fn open(&mut self, name: &'static str) {
        self.stack.push(name);
        *self.open.entry(name).or_default() += 1;
    }

    /// Closes the innermost open `name` and everything opened inside it (end tags HTML lets
    /// one leave out); nothing when none is open.
    fn close(&mut self, name: &str) {
        if self.open.get(name).is_none_or(|&n| n == 0) {
            return;
        }
        let Some(at) = self.stack.iter().rposition(|h| *h == name) else {
            return;
        };
        for closed in self.stack.drain(at..) {
            if let Some(n) = self.open.get_mut(closed) {
                *n -= 1;
            }
        }
    }
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

/// `span` without the white space at its ends, or `None` if it is all white space.
fn trimmed(source: &str, span: Span) -> Option<Span> {
    let text = span.slice(source);
    let lead = text.len() - text.trim_start().len();
    let trail = text.trim_end().len();
    (trail > lead).then(|| Span::new(span.start + lead, span.start + trail))
}

/// Blanks `range` of `mask` but for the `prose` spans (sorted), whose entities it decodes;
/// returns where the entities are.
fn keep_prose(source: &str, mask: &mut String, range: Span, prose: &[Span]) -> Vec<Span> {
    let mut entities = Vec::new();
    // Only the range is rebuilt, then put back in place (same length): an article of many HTML
    // blocks must not copy the whole mask once per block.
    let mut out = String::with_capacity(range.len());
    let mut at = range.start;
    for span in prose {
        if span.start < at {
            continue;
        }
        blank_into(&mut out, &source[at..span.start]);
        decode_into(&mut out, span.slice(source), span.start, &mut entities);
        at = span.end;
    }
    blank_into(&mut out, &source[at..range.end]);
    debug_assert_eq!(out.len(), range.len());
    mask.replace_range(range.start..range.end, &out);
    entities
}

/// Spaces for `text`, line breaks kept.
fn blank_into(out: &mut String, text: &str) {
    for c in text.chars() {
        if c == '\n' {
            out.push('\n');
        } else {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
}

/// `text` (at `base` in the source) with each entity replaced by its character and format
/// characters to its length; records each entity's span.
fn decode_into(out: &mut String, text: &str, base: usize, entities: &mut Vec<Span>) {
    let mut at = 0;
    while let Some(amp) = text[at..].find('&').map(|i| at + i) {
        out.push_str(&text[at..amp]);
        match entity(&text[amp..]) {
            Some((len, decoded)) => {
                entities.push(Span::new(base + amp, base + amp + len));
                out.push_str(&decoded);
                pad(out, len - decoded.len());
                at = amp + len;
            }
            None => {
                out.push('&');
                at = amp + 1;
            }
        }
    }
    out.push_str(&text[at..]);
}

/// Fills `bytes` bytes with characters that every word and sentence boundary skips (UAX #29
/// ignores format characters): soft hyphens (2 bytes) and a word joiner (3).
fn pad(out: &mut String, bytes: usize) {
    // `entity` accepts only decodings that leave 0 or at least 2 bytes to fill.
    debug_assert!(bytes != 1);
    let mut left = bytes;
    if left % 2 == 1 {
        out.push('\u{2060}');
        left -= 3;
    }
    out.extend(std::iter::repeat_n('\u{ad}', left / 2));
}

/// The entity at the start of `text` (`&` included): its length in bytes and its character,
/// when it decodes to something at least two bytes shorter (or exactly as long), so that the
/// padding fits.
fn entity(text: &str) -> Option<(usize, String)> {
    let end = text.bytes().take(40).position(|b| b == b';')?;
    let candidate = &text[..=end];
    if candidate.len() < 3
        || !candidate[1..end]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'#')
    {
        return None;
    }
    // html5gum knows every entity: let it read this one alone.
    let mut decoded = String::new();
    for token in Tokenizer::new(candidate).flatten() {
        if let Token::String(s) = token {
            decoded.push_str(&String::from_utf8_lossy(&s.value));
        }
    }
    let fits = decoded.len() == candidate.len() || decoded.len() + 2 <= candidate.len();
    (decoded != candidate && !decoded.is_empty() && fits).then_some((candidate.len(), decoded))
}

#[cfg(test)]
mod tests {
    use crate::document::{BlockKind, Document, Format};

    fn parse(source: &str) -> Document {
        Document::parse(source.to_string(), Format::Html)
    }

    const PAGE: &str = "<!DOCTYPE html>\n<html><head><title>Site | Story</title>\
        <style>p { color: red }</style><script>var said = \"x\";</script></head>\n<body>\
        <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\n\
        <article><h1>Council &amp; mayor agree budget</h1>\n\
        <p class=\"lede\">The council <em>voted</em> on Tuesday. \
        &ldquo;It&rsquo;s a fair deal,&rdquo; said Ann Lee.</p>\n\
        <!-- copydesk-disable-next-line dates -->\n\
        <blockquote><p>We will pay.</p></blockquote>\n<ul><li>One item</li></ul>\
        </article><footer>All rights reserved</footer></body></html>\n";

    #[test]
    fn article_text_is_read_and_the_rest_is_not() {
        let doc = parse(PAGE);
        let blocks: Vec<(BlockKind, &str)> = doc
            .blocks
            .iter()
            .map(|b| (b.kind, doc.text(b.span)))
            .collect();
        assert_eq!(
            blocks,
            [
                (BlockKind::Heading(1), "Council &amp; mayor agree budget"),
                (
                    BlockKind::Paragraph,
                    "The council <em>voted</em> on Tuesday. &ldquo;It&rsquo;s a fair deal,&rdquo; \
                     said Ann Lee."
                ),
                (BlockKind::Blockquote, "We will pay."),
                (BlockKind::ListItem, "One item"),
            ]
        );
        for gone in [
            "Site", "color", "var said", "Home", "rights", "class", "em>",
        ] {
            assert!(!doc.mask.contains(gone), "{gone} is in the mask");
        }
        assert_eq!(doc.mask.len(), PAGE.len());
        assert_eq!(doc.html.len(), 1);
    }

    fn texts(source: &str) -> Vec<(BlockKind, String)> {
        let doc = parse(source);
        doc.blocks
            .iter()
            .map(|b| (b.kind, doc.text(b.span).to_string()))
            .collect()
    }

    #[test]
    fn html_that_leaves_out_end_tags_is_read_as_a_browser_would() {
        // No </head>: the body is still the article.
        assert_eq!(
            texts("<html><head><title>T</title><body><p>The vote passed.</p></body></html>"),
            [(BlockKind::Paragraph, "The vote passed.".to_string())]
        );
        // No </li>: the list's end closes its items.
        assert_eq!(
            texts("<ul><li>One<li>Two</ul><p>Body.</p>"),
            [
                (BlockKind::ListItem, "One".to_string()),
                (BlockKind::ListItem, "Two".to_string()),
                (BlockKind::Paragraph, "Body.".to_string())
            ]
        );
        // A self-closed script is still a script to the tokenizer: its text is never prose.
        let doc = parse("<body><script src=\"a.js\"/><p>Hi.</p><script>var said;</script></body>");
        assert!(!doc.mask.contains("said"), "{:?}", doc.mask);
    }

    #[test]
    fn an_articles_own_header_is_read_and_the_pages_is_not() {
        assert_eq!(
            texts(
                "<body><header>The Daily Planet</header><article><header><h1>Rates rise</h1>\
                 <p class=\"dek\">The bank acted.</p></header><p>Body.</p></article></body>"
            ),
            [
                (BlockKind::Heading(1), "Rates rise".to_string()),
                (BlockKind::Paragraph, "The bank acted.".to_string()),
                (BlockKind::Paragraph, "Body.".to_string())
            ]
        );
    }

    #[test]
    fn a_block_quote_goes_on_only_inside_one_element() {
        let continued = |source: &str| -> Vec<bool> {
            parse(source).quotes.iter().map(|q| q.continues).collect()
        };
        assert_eq!(
            continued("<blockquote><p>We will.</p>\n<p>We must.</p></blockquote>"),
            [false, true]
        );
        assert_eq!(
            continued(
                "<blockquote><p>We will.</p></blockquote><blockquote><p>No.</p></blockquote>"
            ),
            [false, false]
        );
    }

    #[test]
    fn many_open_hidden_elements_and_end_tags_cost_linear_time() {
        // Quadratic before: every end tag searched every open element (a test that hangs for
        // minutes if it comes back, not a timing).
        let source = format!(
            "{}{}<p>x</p>",
            "<code>".repeat(100_000),
            "</pre>".repeat(100_000)
        );
        assert!(parse(&source).blocks.is_empty());
        let source = format!("{}{}", "<pre>".repeat(50_000), "</pre>".repeat(50_000));
        assert_eq!(parse(&(source + "<p>After.</p>")).blocks.len(), 1);
    }

    #[test]
    fn entities_are_decoded_without_splitting_words() {
        let doc = parse(PAGE);
        let quote = &doc.quotes[0];
        assert_eq!(
            doc.text(quote.span),
            "&ldquo;It&rsquo;s a fair deal,&rdquo;"
        );
        let words: Vec<&str> = doc.words.iter().map(|w| doc.prose(*w)).collect();
        assert!(words.contains(&"It’\u{ad}\u{ad}s"), "{words:?}");
        assert!(doc
            .prose(doc.blocks[0].span)
            .starts_with("Council &\u{ad}\u{ad} mayor"));
    }
}
