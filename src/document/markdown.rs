//! Markdown articles, read with pulldown-cmark's source offsets.
//!
//! Text events are prose; code (blocks and inline), raw HTML (comments included), link
//! targets, autolinks and image descriptions are not, and are blanked in the mask.

use super::{BlockKind, RawBlock};
use crate::diagnostic::Span;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// Container kinds that decide what a paragraph inside them is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Blockquote,
    Item,
}

struct Builder {
    blocks: Vec<RawBlock>,
    prose: Vec<Span>,
    containers: Vec<Container>,
    /// Kind and prose span of the block being read.
    open: Option<(BlockKind, Span)>,
    /// Depth of elements whose text is not prose (code, autolinks, images).
    hidden: usize,
    /// For each open link, whether it raised `hidden` (autolinks: their text is the address).
    links: Vec<bool>,
    /// Raw HTML, adjacent pieces merged.
    html: Vec<Span>,
    /// HTML blocks, whole: read as HTML afterwards.
    html_blocks: Vec<Span>,
}

impl Builder {
    fn container_kind(&self) -> BlockKind {
        match self.containers.last() {
            Some(Container::Blockquote) => BlockKind::Blockquote,
            Some(Container::Item) => BlockKind::ListItem,
            None => BlockKind::Paragraph,
        }
    }

    fn flush(&mut self) {
        if let Some((kind, span)) = self.open.take() {
            self.blocks.push(RawBlock { kind, span });
        }
    }

    fn begin(&mut self, kind: BlockKind) {
        self.flush();
        self.open = Some((kind, Span::new(usize::MAX, 0)));
    }

    fn text(&mut self, span: Span) {
        if self.hidden > 0 || span.is_empty() {
            return;
        }
        self.prose.push(span);
        let kind = self.container_kind();
        let (_, block) = self.open.get_or_insert((kind, Span::new(usize::MAX, 0)));
        block.start = block.start.min(span.start);
        block.end = block.end.max(span.end);
    }
}

/// What reading the Markdown found.
pub(crate) struct Markdown {
    pub blocks: Vec<RawBlock>,
    /// Raw HTML (comments included), adjacent pieces merged: where suppressions are written.
    pub html: Vec<Span>,
    /// The HTML blocks, whole: their text is article text, read as HTML (`super::html`).
    pub html_blocks: Vec<Span>,
}

/// Finds the prose blocks of `source` and blanks everything else in `mask` (which already has
/// front matter and any byte-order mark blanked, so markup is parsed without them).
pub(crate) fn blocks(mask: &mut String) -> Markdown {
    let mut builder = Builder {
        blocks: Vec::new(),
        prose: Vec::new(),
        containers: Vec::new(),
        open: None,
        hidden: 0,
        links: Vec::new(),
        html: Vec::new(),
        html_blocks: Vec::new(),
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(mask, options).into_offset_iter() {
        let span = Span::from(range);
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph | Tag::TableCell => {
                    let kind = builder.container_kind();
                    builder.begin(kind);
                }
                Tag::Heading { level, .. } => builder.begin(BlockKind::Heading(level as u8)),
                Tag::BlockQuote(_) => {
                    builder.flush();
                    builder.containers.push(Container::Blockquote);
                }
                Tag::Item => {
                    builder.flush();
                    builder.containers.push(Container::Item);
                }
                Tag::List(_) => builder.flush(),
                Tag::HtmlBlock => {
                    // Inside a block quote or a list, the block's lines carry the container's
                    // markers (`> `), which are not HTML: only top-level blocks are read.
                    if builder.containers.is_empty() {
                        builder.flush();
                        builder.html_blocks.push(span);
                    }
                    builder.hidden += 1;
                }
                Tag::CodeBlock(_) | Tag::Image { .. } => builder.hidden += 1,
                Tag::Link { link_type, .. } => {
                    let address = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    builder.hidden += usize::from(address);
                    builder.links.push(address);
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell => builder.flush(),
                TagEnd::BlockQuote(_) | TagEnd::Item => {
                    builder.flush();
                    builder.containers.pop();
                }
                TagEnd::CodeBlock | TagEnd::Image | TagEnd::HtmlBlock => {
                    builder.hidden = builder.hidden.saturating_sub(1)
                }
                TagEnd::Link if builder.links.pop() == Some(true) => {
                    builder.hidden = builder.hidden.saturating_sub(1);
                }
                _ => {}
            },
            Event::Text(_) => builder.text(span),
            Event::Html(_) | Event::InlineHtml(_) => match builder.html.last_mut() {
                // An HTML block comes a line at a time; a comment may span several.
                Some(last)
                    if mask
                        .get(last.end..span.start)
                        .is_some_and(|g| g.trim().is_empty()) =>
                {
                    last.end = span.end
                }
                _ => builder.html.push(span),
            },
            _ => {}
        }
    }
    builder.flush();
    keep_only(mask, &builder.prose);
    let blocks = builder
        .blocks
        .into_iter()
        .filter(|b| b.span.start < b.span.end)
        .collect();
    Markdown {
        blocks,
        html: builder.html,
        html_blocks: builder.html_blocks,
    }
}

/// Blanks every byte of `mask` outside the sorted, non-overlapping `prose` spans, in one pass.
fn keep_only(mask: &mut String, prose: &[Span]) {
    let mut kept = String::with_capacity(mask.len());
    let mut at = 0;
    let push_blank = |kept: &mut String, text: &str| {
        for c in text.chars() {
            if c == '\n' {
                kept.push('\n');
            } else {
                (0..c.len_utf8()).for_each(|_| kept.push(' '));
            }
        }
    };
    for span in prose {
        if span.start < at {
            continue;
        }
        push_blank(&mut kept, &mask[at..span.start]);
        kept.push_str(&mask[span.start..span.end]);
        at = span.end;
    }
    push_blank(&mut kept, &mask[at..]);
    *mask = kept;
}

#[cfg(test)]
mod tests {
    use crate::document::{BlockKind, Document, Format};

    fn parse(source: &str) -> Document {
        Document::parse(source.to_string(), Format::Markdown)
    }

    #[test]
    fn code_html_and_link_targets_are_not_prose() {
        let source =
            "See [the report](http://x.org/r) and `code` <!-- hidden -->.\n\n```\nfn main()\n```\n";
        let doc = parse(source);
        assert_eq!(doc.mask.len(), source.len());
        assert!(doc.mask.contains("the report"));
        assert!(!doc.mask.contains("x.org"));
        assert!(!doc.mask.contains("code"));
        assert!(!doc.mask.contains("hidden"));
        assert!(!doc.mask.contains("main"));
        assert_eq!(doc.blocks.len(), 1);
    }

    #[test]
    fn block_kinds_follow_their_containers() {
        let doc = parse("# Title\n\nPara.\n\n> Quoted.\n\n- item one\n- item two\n");
        let kinds: Vec<_> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading(1),
                BlockKind::Paragraph,
                BlockKind::Blockquote,
                BlockKind::ListItem,
                BlockKind::ListItem
            ]
        );
        assert_eq!(doc.text(doc.blocks[4].span), "item two");
    }

    #[test]
    fn a_block_quote_without_marks_is_one_quotation_per_paragraph() {
        let doc = parse(
            "The ministry said:\n\n> The talks failed\n> yesterday.\n>\n> We will try again.\n\n\
             > \"We won,\" she said.\n",
        );
        let quotes: Vec<(&str, bool, bool)> = doc
            .quotes
            .iter()
            .map(|q| (doc.text(q.inner), q.runs_on, q.continues))
            .collect();
        assert_eq!(
            quotes,
            [
                ("The talks failed\n> yesterday.", true, false),
                ("We will try again.", false, true),
                ("We won,", false, false)
            ]
        );
        assert!(doc.in_quote(crate::diagnostic::Span::new(24, 29)));
    }

    #[test]
    fn html_blocks_are_read_as_html_at_the_top_level_only() {
        let doc = parse("<p>Top &amp; level.</p>\n\n> <p>Quoted</p>\n");
        let texts: Vec<&str> = doc.blocks.iter().map(|b| doc.text(b.span)).collect();
        assert_eq!(texts, ["Top &amp; level."]);
        assert!(!doc.mask.contains('>'), "{:?}", doc.mask);
    }

    #[test]
    fn many_html_blocks_cost_linear_time() {
        // Each block used to copy the whole mask: a test that hangs if that comes back.
        let doc = parse(&"<div>a</div>\n\n".repeat(100_000));
        assert_eq!(doc.blocks.len(), 100_000);
    }

    #[test]
    fn front_matter_is_blanked_and_read() {
        let doc = parse("---\ntitle: Vote\n---\nThe vote passed.\n");
        assert_eq!(
            doc.front_matter
                .as_ref()
                .unwrap()
                .get("title")
                .unwrap()
                .value,
            "Vote"
        );
        assert!(!doc.mask.contains("title"));
        // The title is the published headline, checked where it is written.
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(doc.blocks[0].kind, BlockKind::Heading(1));
        assert_eq!(doc.text(doc.blocks[0].span), "Vote");
        assert_eq!(doc.text(doc.blocks[1].span), "The vote passed.");
    }
}
